import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { holdProfileLock, isEngineProfile, ownerStateFromConnect, probeOwner, staleProfiles } from './engineWatchdog';

describe('stale engine profiles', () => {
  it('only engine profiles whose owner is known to be dead are swept; unsure ones and other names are left alone', () => {
    const names = ['hearthline-engine-4242-a1B2c3', 'hearthline-engine-77-zzzzzz', 'hearthline-engine-5-qqqqqq', 'hearthline-engine-123456', 'other-4242-abcdef'];
    assert.equal(isEngineProfile('hearthline-engine-123456'), false, 'an older build’s random name that happens to be digits');
    const owners: Record<string, 'alive' | 'dead' | 'unknown'> = { 'hearthline-engine-4242-a1B2c3': 'dead', 'hearthline-engine-77-zzzzzz': 'alive', 'hearthline-engine-5-qqqqqq': 'unknown' };
    assert.deepEqual(staleProfiles(names, (name) => owners[name] ?? 'dead'), ['hearthline-engine-4242-a1B2c3']);
  });

  it('only a refused connection means a dead owner', () => {
    const error = (code: string): NodeJS.ErrnoException => Object.assign(new Error(code), { code });
    assert.equal(ownerStateFromConnect('connected'), 'alive');
    assert.equal(ownerStateFromConnect(error('ECONNREFUSED')), 'dead');
    assert.equal(ownerStateFromConnect(error('ENOENT')), 'unknown', 'no lock: an older build, or a host that is still starting');
    assert.equal(ownerStateFromConnect(error('EACCES')), 'unknown');
    assert.equal(ownerStateFromConnect('timeout'), 'unknown');
  });

  it('a held lock reads alive and a released one no longer does; a folder without one is unknown', async () => {
    const profile = mkdtempSync(path.join(os.tmpdir(), 'hearthline-engine-1-'));
    try {
      assert.equal(await probeOwner(profile), 'unknown');
      const lock = await holdProfileLock(profile);
      assert.ok(lock);
      assert.equal(await probeOwner(profile), 'alive');
      await lock.release();
      // A released lock leaves no socket (same as a folder being set up); a killed owner leaves a dead one.
      assert.notEqual(await probeOwner(profile), 'alive');
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
