import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Call, Snapshot } from '../../common/contract/model';
import { withoutQuality } from './snapshotWithoutQuality';

const call = (id: string, state: Call['state'], mos?: number): Call => ({
  id,
  direction: 'inbound',
  state,
  remoteNumber: '1002',
  startedAt: 1000,
  onHold: false,
  muted: false,
  ...(mos === undefined ? {} : { quality: { mos, rttMs: 20, jitterMs: 3, lossPercent: 0, warnings: [] } }),
}) as Call;

const snapshot = (version: number, calls: Call[], presence: Snapshot['presence'] = 'onCall'): Snapshot => ({
  version,
  presence,
  registration: { state: 'registered' },
  availability: { kind: 'available' },
  engine: 'running',
  calls,
  notices: [],
  now: 10_000 + version * 1000,
}) as Snapshot;

describe('withoutQuality', () => {
  it('keeps the same snapshot through pushes that only bring a new quality sample and clock', () => {
    const first = withoutQuality(undefined, snapshot(1, [call('a', 'connected', 4.3)]));
    assert.equal(first.calls[0]!.quality, undefined, 'the sample is left to the quality line');
    assert.equal(first.version, 1);
    const second = withoutQuality(first, snapshot(2, [call('a', 'connected', 3.1)]));
    assert.equal(second, first, 'a new sample and clock re-render nothing that takes this snapshot');
  });

  it('is new, with the push’s clock, when anything else changed, and shares what did not', () => {
    const first = withoutQuality(undefined, snapshot(1, [call('a', 'connected', 4.3), call('b', 'ended')]));
    const ringing = withoutQuality(first, snapshot(2, [call('a', 'connected', 4.2), call('b', 'ended'), call('c', 'ringing')]));
    assert.notEqual(ringing, first);
    assert.equal(ringing.version, 2);
    assert.equal(ringing.now, 12_000);
    assert.equal(ringing.calls.length, 3);
    assert.equal(ringing.calls[1], first.calls[1], 'the unchanged ended call keeps its identity');
    assert.equal(ringing.registration, first.registration);
    const presence = withoutQuality(ringing, snapshot(3, [call('a', 'connected', 4.2), call('b', 'ended'), call('c', 'ringing')], 'ringing'));
    assert.equal(presence.presence, 'ringing');
    assert.equal(presence.calls, ringing.calls);
  });
});
