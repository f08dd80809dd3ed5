import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OutboxRepository } from './outboxRepository';
import { tempStore } from '../store/testSupport';

function setup() {
  const store = tempStore();
  let now = 1_000;
  const repo = new OutboxRepository(store.db, () => now);
  return { store, repo, tick: (ms: number) => (now += ms), now: () => now };
}

const record = (id: string, customerKey: string) => ({ id, kind: 'note' as const, customerKey, payload: JSON.stringify({ id }) });

describe('OutboxRepository', () => {
  it('gives every record its own Idempotency-Key at insert time, and keeps it', () => {
    const { store, repo } = setup();
    const [a, b] = repo.enqueue([record('a', 'tel:1'), record('b', 'tel:1')]);
    assert.ok(a && b);
    assert.notEqual(a.idempotencyKey, b.idempotencyKey);
    repo.markRetry(a.seq, 5_000, 503, 'busy');
    assert.equal(repo.get('a')?.idempotencyKey, a.idempotencyKey, 'a retry must reuse the key');
    store.close();
  });

  it('offers only the oldest pending record of each customer', () => {
    const { store, repo } = setup();
    repo.enqueue([record('a1', 'tel:A'), record('b1', 'tel:B'), record('a2', 'tel:A'), record('c1', 'tel:C')]);
    assert.deepEqual(repo.pendingHeads().map((r) => r.id), ['a1', 'b1', 'c1']);
    repo.markSent(repo.get('a1')!.seq, 201);
    assert.deepEqual(repo.pendingHeads().map((r) => r.id), ['b1', 'a2', 'c1']);
    store.close();
  });

  it('a parked record steps out of its customer’s line and is counted as needing attention', () => {
    const { store, repo } = setup();
    repo.enqueue([record('a1', 'tel:A'), record('a2', 'tel:A')]);
    repo.markParked(repo.get('a1')!.seq, 422, 'account closed');
    assert.equal(repo.headOf('tel:A')?.id, 'a2');
    assert.deepEqual({ ...repo.counts(), nextAttemptAt: undefined, lastSentAt: undefined }, { pending: 1, parked: 1, retrying: 0, nextAttemptAt: undefined, lastSentAt: undefined });
    assert.deepEqual(repo.listUnsynced(10).map((r) => [r.id, r.state]), [['a1', 'parked'], ['a2', 'pending']]);
    store.close();
  });

  it('retry now brings back parked records and cancels backoff waits', () => {
    const { store, repo, now } = setup();
    repo.enqueue([record('a', 'tel:A'), record('b', 'tel:B')]);
    repo.markParked(repo.get('a')!.seq, 422, 'no');
    repo.markRetry(repo.get('b')!.seq, now() + 60_000, undefined, 'ECONNREFUSED');
    assert.equal(repo.retryNow(), 2);
    assert.deepEqual(repo.pendingHeads().map((r) => [r.id, r.nextAttemptAt <= now()]), [['a', true], ['b', true]]);
    store.close();
  });

  it('an edited parked note goes back in the queue with the same key; a pending one cannot be edited', () => {
    const { store, repo } = setup();
    const [a] = repo.enqueue([record('a', 'tel:A')]);
    assert.equal(repo.replaceParkedPayload('a', '{"edited":true}'), false);
    repo.markParked(a!.seq, 422, 'no');
    assert.equal(repo.replaceParkedPayload('a', '{"edited":true}'), true);
    const after = repo.get('a')!;
    assert.deepEqual([after.state, after.payload, after.idempotencyKey], ['pending', '{"edited":true}', a!.idempotencyKey]);
    store.close();
  });
});
