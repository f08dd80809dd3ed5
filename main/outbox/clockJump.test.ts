// The wall clock jumps (NTP fix, a laptop that slept with a dead RTC battery, an agent changing the time):
// retry delays must follow elapsed time, not the wall clock. Set back an hour → the retry still goes after
// its short backoff; forward 8 days → nothing is parked as "not delivered after 168 hours".
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { silentLogger } from '../log/logger';
import { ManualScheduler } from '../time/manualScheduler';
import { GatewayClient, type FetchLike } from '../gateway/gatewayClient';
import { OutboxRepository } from './outboxRepository';
import { SyncWorker } from './syncWorker';
import { GATEWAY_TOKEN } from '../gateway/testSupport';
import { tempStore } from '../store/testSupport';

const created = () => new Response(JSON.stringify({ id: 'x', receivedAt: new Date().toISOString() }), { status: 201 });

function harness(fetch: FetchLike) {
  const store = tempStore();
  const scheduler = new ManualScheduler();
  const repo = new OutboxRepository(store.db, () => scheduler.now());
  const client = new GatewayClient({ baseUrl: 'http://127.0.0.1:9', token: GATEWAY_TOKEN, fetch });
  const worker = new SyncWorker({ repo, client, scheduler, log: silentLogger(), random: () => 0.5 });
  const id = randomUUID();
  const payload = { id, callId: 'call-1', customerNumber: '+441', disposition: 'resolved', notes: 'n', tags: [], firstContactResolved: null, callbackRequested: false, createdAt: new Date().toISOString() };
  repo.enqueue([{ id, kind: 'note', customerKey: 'tel:+441', payload: JSON.stringify(payload) }]);
  const advance = (ms: number) => scheduler.advance(ms, () => worker.whenIdle());
  return { store, scheduler, repo, worker, id, advance };
}

describe('outbox retries across wall-clock jumps', () => {
  it('clock set back an hour: the retry still goes after its backoff (seconds), not an hour later', async () => {
    const attempts: number[] = [];
    const h = harness(async () => {
      attempts.push(h.scheduler.monotonic());
      return attempts.length === 1 ? new Response('{}', { status: 503 }) : created();
    });
    h.worker.start();
    await h.worker.whenIdle();
    assert.equal(attempts.length, 1);
    h.scheduler.jumpWallClock(-3600_000);
    await h.advance(5_000);
    assert.equal(attempts.length, 2, 'retried within five seconds of elapsed time');
    assert.equal(h.repo.get(h.id)?.state, 'sent');
    await h.worker.stop();
    h.store.close();
  });

  it('clock forward 8 days: a failing note keeps retrying instead of being parked, and is sent when the gateway answers', async () => {
    let up = false;
    const h = harness(async () => (up ? created() : Promise.reject(new Error('connect ECONNREFUSED'))));
    h.worker.start();
    await h.worker.whenIdle();
    h.scheduler.jumpWallClock(8 * 24 * 3600_000);
    await h.advance(60_000);
    assert.equal(h.repo.get(h.id)?.state, 'pending', 'still waiting to sync, not parked for the agent');
    up = true;
    await h.advance(10 * 60_000);
    assert.equal(h.repo.get(h.id)?.state, 'sent');
    await h.worker.stop();
    h.store.close();
  });
});
