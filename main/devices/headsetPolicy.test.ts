import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideHeadsetRemoval, headsetPolicyFrom } from './headsetPolicy';

describe('headsetPolicyFrom', () => {
  it('reads vendor:product and vendor:* entries; no policy means no list', () => {
    assert.deepEqual(headsetPolicyFrom(['0B0E:24B8', '047f:*']), { certified: [{ vendorId: 0x0b0e, productId: 0x24b8 }, { vendorId: 0x047f }] });
    assert.deepEqual(headsetPolicyFrom(undefined), {});
    assert.deepEqual(headsetPolicyFrom([]), { certified: [] });
  });
});

describe('decideHeadsetRemoval', () => {
  const base = { previous: 'connected' as const, current: 'disconnected' as const, pending: false, liveCalls: 0, available: true, action: 'notReady' as const };

  it('sets an available agent Not Ready when the headset goes between calls', () => {
    assert.deepEqual(decideHeadsetRemoval(base), { pending: false, act: 'setNotReady' });
  });

  it('never during a live call: waits, then acts when the call has ended and the headset is still gone', () => {
    const during = decideHeadsetRemoval({ ...base, liveCalls: 1 });
    assert.deepEqual(during, { pending: true });
    assert.deepEqual(decideHeadsetRemoval({ ...base, previous: 'disconnected', pending: true, liveCalls: 0 }), { pending: false, act: 'setNotReady' });
  });

  it('forgets a pending removal when the headset comes back', () => {
    assert.deepEqual(decideHeadsetRemoval({ ...base, previous: 'disconnected', current: 'connected', pending: true }), { pending: false });
  });

  it('only tells the agent when policy says notify, or when they are already Not Ready', () => {
    assert.deepEqual(decideHeadsetRemoval({ ...base, action: 'notify' }), { pending: false, act: 'tell' });
    assert.deepEqual(decideHeadsetRemoval({ ...base, available: false }), { pending: false, act: 'tell' });
  });

  it('does nothing when no headset was ever connected', () => {
    assert.deepEqual(decideHeadsetRemoval({ ...base, previous: 'none', current: 'none' }), { pending: false });
    assert.deepEqual(decideHeadsetRemoval({ ...base, previous: undefined, current: 'none' }), { pending: false });
  });
});
