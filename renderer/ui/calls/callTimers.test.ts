import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Call } from '../../../common/contract/model';
import { callTimers } from './callTimers';

const base: Call = { id: 'c1', direction: 'outbound', state: 'connected', remoteNumber: '1002', startedAt: 1_000, onHold: false, muted: false };

describe('call card timers', () => {
  it('counts talk time from connect while the call is live', () => {
    assert.deepEqual(callTimers({ ...base, connectedAt: 3_000 }, 10_000), { elapsedMs: 7_000, heldMs: undefined });
  });

  it('counts hold time while a live call is held', () => {
    assert.equal(callTimers({ ...base, connectedAt: 3_000, onHold: true, heldSince: 8_000 }, 10_000).heldMs, 2_000);
  });

  it('stops at endedAt for a call that ended while held, and shows no hold timer any more', () => {
    const ended: Call = { ...base, state: 'ended', connectedAt: 3_000, onHold: true, heldSince: 5_000, endedAt: 9_000 };
    assert.deepEqual(callTimers(ended, 80_000), { elapsedMs: 6_000, heldMs: undefined });
    assert.deepEqual(callTimers(ended, 200_000), callTimers(ended, 80_000));
  });

  it('stops a failed or declined call (never connected) at endedAt', () => {
    const failed: Call = { ...base, state: 'ended', endedAt: 4_000, endReason: 'rejected' };
    assert.equal(callTimers(failed, 60_000).elapsedMs, 3_000);
    assert.equal(callTimers(failed, 600_000).elapsedMs, 3_000);
  });

  it('never counts an ended call without an end time', () => {
    assert.equal(callTimers({ ...base, state: 'ended' }, 60_000).elapsedMs, 0);
  });
});
