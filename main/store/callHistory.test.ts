import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Call } from '../../common/contract/model';
import { silentLogger } from '../log/logger';
import { tempStore } from './testSupport';
import { CallHistoryRepository } from './callHistory';
import { openEncryptedStore } from './store';

const call = (id: string, startedAt: number, extra: Partial<Call> = {}): Call => ({
  id,
  direction: 'inbound',
  state: 'ringing',
  remoteNumber: `+44${startedAt}`,
  startedAt,
  onHold: false,
  muted: false,
  ...extra,
});

describe('CallHistoryRepository', () => {
  it('keeps one row per call, updated as it moves on, newest call first', () => {
    const store = tempStore();
    const history = new CallHistoryRepository(store.db, () => 0);
    history.recordCall(call('a', 100));
    history.recordCall(call('b', 200, { remoteName: 'Bea' }));
    history.recordCall(call('a', 100, { state: 'connected', connectedAt: 110 }));
    history.recordCall(call('a', 100, { state: 'ended', endedAt: 190, endReason: 'hungUpRemote' }));
    const recent = history.recentCalls(10);
    assert.deepEqual(recent.map((c) => [c.id, c.state]), [['b', 'ringing'], ['a', 'ended']]);
    assert.deepEqual([recent[1]?.connectedAt, recent[1]?.endedAt, recent[1]?.endReason], [110, 190, 'hungUpRemote'], 'the connect time survives the final update');
    assert.equal(history.recentCalls(1).length, 1);
    store.close();
  });

  it('is still there after a restart (it lives in the encrypted store)', () => {
    const store = tempStore();
    new CallHistoryRepository(store.db).recordCall(call('x', 5, { state: 'ended', endedAt: 9, endReason: 'hungUpLocal' }));
    store.close();
    const reopened = openEncryptedStore({ file: path.join(store.dir, 'hearthline.db'), key: store.key, log: silentLogger() });
    assert.equal(new CallHistoryRepository(reopened.db).recentCalls(5)[0]?.id, 'x');
    reopened.close();
  });
});
