import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Call, Snapshot } from '../../common/contract/model';
import { sliceReader } from './slice';
import * as slices from './snapshotSlices';
import { shareUnchanged } from './structuralShare';

const ended: Call = { id: 'c1', direction: 'inbound', state: 'ended', remoteNumber: '1002', startedAt: 1_000, endedAt: 5_000, onHold: false, muted: false, endReason: 'hungUpRemote' };
const ready: Snapshot = {
  version: 7,
  presence: 'ready',
  registration: { state: 'registered', registeredAt: 500 },
  availability: { kind: 'available' },
  engine: 'running',
  account: { displayName: 'Agent (1001)', sipUri: 'sip:1001@example.test', server: 'wss://example.test' },
  calls: [ended],
  notices: [{ id: 'n1', level: 'info', key: 'notice.x', at: 900 }],
  now: 6_000,
};
const ringingCall: Call = { id: 'c2', direction: 'inbound', state: 'ringing', remoteNumber: '1003', remoteName: 'Ann', startedAt: 7_000, onHold: false, muted: false };
// What main pushes on a ring: a whole new snapshot, shared with the previous one as the page's store does.
const ringing = shareUnchanged(ready, { ...structuredClone(ready), version: 8, presence: 'ringing', calls: [structuredClone(ended), ringingCall], now: 7_001 } satisfies Snapshot);

/** Which selectors give a different slice after the ring, read the way a component reads them. */
function changedByRing(): string[] {
  return Object.entries(slices)
    .filter(([name]) => name.startsWith('select'))
    .filter(([, select]) => {
      const read = sliceReader<Snapshot | undefined, unknown>();
      const before = read(ready, select as (snapshot: Snapshot | undefined) => unknown);
      return read(ringing, select as (snapshot: Snapshot | undefined) => unknown) !== before;
    })
    .map(([name]) => name)
    .sort();
}

describe('snapshot slices', () => {
  it('a ring changes the calls, the presence and what the select says, and nothing the rest of the page reads', () => {
    assert.deepEqual(changedByRing(), ['selectAgentState', 'selectCallFocus', 'selectCalls', 'selectIdle', 'selectPresence', 'selectRingingCaller']);
  });

  it('says what each part shows', () => {
    assert.equal(slices.selectAvailabilityKey(ringing), 'available', 'the agent still picked Available');
    assert.deepEqual(slices.selectAgentState(ringing), { current: { key: 'presence.ringing' } });
    assert.deepEqual(slices.selectRingingCaller(ringing), { remoteNumber: '1003', remoteName: 'Ann' });
    assert.equal(slices.selectRingingCaller(ready), undefined);
    assert.equal(slices.selectIdle(ready), true);
    assert.equal(slices.selectIdle(ringing), false);
    assert.deepEqual(
      slices.selectCallFocus(ringing).map((call) => [call.id, call.state]),
      [
        ['c1', 'ended'],
        ['c2', 'ringing'],
      ],
    );
    assert.equal(slices.selectLoaded(undefined), false);
    assert.equal(slices.selectConnection(undefined), undefined);
    assert.deepEqual(slices.selectConnection({ ...ready, account: { ...ready.account!, passwordMissing: true } }), { registration: ready.registration, passwordMissing: true });
    assert.equal(slices.selectAvailabilityKey({ ...ready, availability: { kind: 'notReady', reason: 'lunch' } }), 'lunch');
  });

  it('a push that changes only the notices leaves the calls slice as it was', () => {
    const read = sliceReader<Snapshot | undefined, unknown>();
    const before = read(ready, slices.selectCalls);
    const noticed = shareUnchanged(ready, { ...structuredClone(ready), notices: [], version: 9 });
    assert.equal(read(noticed, slices.selectCalls), before);
    assert.deepEqual(slices.selectNotices(noticed), []);
  });
});
