import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { profileOwner, staleProfiles } from './engineWatchdog';

describe('stale engine profiles', () => {
  it('only profiles whose owning host is known and dead are swept; names without an owner are left alone', () => {
    const names = ['hearthline-engine-4242-a1B2c3', 'hearthline-engine-77-zzzzzz', 'hearthline-engine-123456', 'hearthline-engine-x1y2z3', 'other-4242-abcdef'];
    assert.equal(profileOwner('hearthline-engine-4242-a1B2c3'), 4242);
    assert.equal(profileOwner('hearthline-engine-123456'), undefined, 'an older build’s random name that happens to be digits');
    assert.deepEqual(staleProfiles(names, (pid) => pid === 77), ['hearthline-engine-4242-a1B2c3']);
  });
});
