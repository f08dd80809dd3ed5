import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { GatewayNote } from '../../common/contract/gateway';
import { silentLogger } from '../log/logger';
import { ManualScheduler } from '../time/manualScheduler';
import { GatewayClient, type FetchLike } from '../gateway/gatewayClient';
import { OutboxRepository } from './outboxRepository';
import { SyncWorker } from './syncWorker';
import { GATEWAY_TOKEN, testGateway } from '../gateway/testSupport';
import { tempStore } from '../store/testSupport';

function note(customerNumber: string, text: string): GatewayNote {
  return {
    id: randomUUID(),
    callId: `call-${randomUUID().slice(0, 8)}`,
    customerNumber,
    disposition: 'resolved',
    notes: text,
    tags: [],
    firstContactResolved: null,
    callbackRequested: false,
    createdAt: new Date().toISOString(),
  };
}

function harness(options: { url?: string; fetch?: FetchLike; concurrency?: number } = {}) {
  const store = tempStore();
  const scheduler = new ManualScheduler();
  const repo = new OutboxRepository(store.db, () => scheduler.now());
  const client = new GatewayClient({ baseUrl: options.url ?? 'http://127.0.0.1:9', token: GATEWAY_TOKEN, fetch: options.fetch });
  const worker = new SyncWorker({ repo, client, scheduler, log: silentLogger(), random: () => 0.5, concurrency: options.concurrency });
  const enqueue = (n: GatewayNote) => {
    repo.enqueue([{ id: n.id, kind: 'note', customerKey: `tel:${n.customerNumber}`, payload: JSON.stringify(n) }]);
    worker.notify();
    return n;
  };
  const advance = (ms: number) => scheduler.advance(ms, () => worker.whenIdle());
  return { store, scheduler, repo, worker, enqueue, advance };
}

describe('SyncWorker against the reference gateway', () => {
  it('delivers every note once and keeps each customer’s notes in order', async () => {
    const gateway = await testGateway();
    const h = harness({ url: gateway.url, concurrency: 3 });
    const sent: GatewayNote[] = [];
    for (let i = 0; i < 30; i += 1) sent.push(h.enqueue(note(`+4411${i % 3}`, `note ${i}`)));
    h.worker.start();
    await h.worker.whenIdle();
    assert.equal(h.repo.counts().pending, 0);
    const stored = await gateway.notes();
    assert.equal(stored.length, 30);
    assert.equal(new Set(stored.map((n) => n.id)).size, 30);
    for (const customer of ['+44110', '+44111', '+44112']) {
      const arrived = (await gateway.notes({ customer })).map((n) => n.id);
      assert.deepEqual(arrived, sent.filter((n) => n.customerNumber === customer).map((n) => n.id));
    }
    await h.worker.stop();
    h.store.close();
    await gateway.close();
  });

  it('parks a note the gateway refuses (422) with its reason, and the rest carry on (R2)', async () => {
    const gateway = await testGateway({ rejectMarker: 'POISON' });
    const h = harness({ url: gateway.url });
    const notes = Array.from({ length: 10 }, (_, i) => h.enqueue(note('+441234', i === 4 ? 'POISON: closed account' : `note ${i}`)));
    h.worker.start();
    await h.worker.whenIdle();
    const poisoned = h.repo.get(notes[4]!.id)!;
    assert.equal(poisoned.state, 'parked');
    assert.equal(poisoned.lastStatus, 422);
    assert.match(poisoned.lastError ?? '', /refused/);
    assert.deepEqual(h.repo.counts().parked, 1);
    const arrived = (await gateway.notes()).map((n) => n.id);
    assert.deepEqual(arrived, notes.filter((_, i) => i !== 4).map((n) => n.id), 'the others arrive, in order');
    await h.worker.stop();
    h.store.close();
    await gateway.close();
  });

  it('queues everything through an hour offline, then syncs each note exactly once when the gateway is back', async () => {
    const gateway = await testGateway();
    const { port, dbFile } = gateway;
    await gateway.close(); // the gateway is down for the whole "hour"
    const h = harness({ url: `http://127.0.0.1:${port}` });
    h.worker.start();
    const notes: GatewayNote[] = [];
    for (let minute = 0; minute < 60; minute += 5) {
      notes.push(h.enqueue(note(`+44200${minute % 4}`, `written at minute ${minute}`)));
      await h.advance(5 * 60_000);
    }
    assert.equal(h.repo.counts().pending, 12, 'everything is still queued');
    assert.equal(h.worker.gatewayStatus(), 'unreachable');
    assert.ok(h.repo.get(notes[0]!.id)!.attempts > 3, 'and it kept trying, with backoff');

    const back = await testGateway({}, port, dbFile);
    await h.advance(5 * 60_000); // at most one backoff cap later
    assert.equal(h.repo.counts().pending, 0);
    assert.equal(h.worker.gatewayStatus(), 'connected');
    const stored = await back.notes();
    assert.equal(stored.length, 12);
    assert.deepEqual(new Set(stored.map((n) => n.id)), new Set(notes.map((n) => n.id)));
    await h.worker.stop();
    h.store.close();
    await back.close();
  });
});

describe('SyncWorker retry rules', () => {
  const respond = (status: number, headers: Record<string, string> = {}) => new Response(status === 204 ? null : JSON.stringify({ error: { code: 'x', message: `status ${status}` } }), { status, headers });

  it('honours Retry-After and does not try again before it', async () => {
    const calls: number[] = [];
    const h: ReturnType<typeof harness> = harness({
      fetch: async () => {
        calls.push(h.scheduler.now());
        return calls.length === 1 ? respond(429, { 'retry-after': '120' }) : new Response(JSON.stringify({ id: 'x', receivedAt: new Date().toISOString() }), { status: 201 });
      },
    });
    const n = h.enqueue(note('+1', 'busy gateway'));
    h.worker.start();
    await h.worker.whenIdle();
    assert.equal(h.repo.get(n.id)!.nextAttemptAt - calls[0]!, 120_000);
    await h.advance(119_000);
    assert.equal(calls.length, 1);
    await h.advance(1_000);
    assert.equal(calls.length, 2);
    assert.equal(h.repo.get(n.id)!.state, 'sent');
    await h.worker.stop();
    h.store.close();
  });

  it('marks nothing sent without a 2xx: server errors and a stop mid-request leave the note pending', async () => {
    let release: (() => void) | undefined;
    let mode: 'error' | 'hang' = 'error';
    const h = harness({
      fetch: (_url, init) => {
        if (mode === 'error') return Promise.resolve(respond(500));
        return new Promise((_resolve, reject) => {
          release = () => reject(new Error('never answered'));
          init.signal?.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })));
        });
      },
    });
    const n = h.enqueue(note('+1', 'x'));
    h.worker.start();
    await h.worker.whenIdle();
    assert.deepEqual([h.repo.get(n.id)!.state, h.repo.get(n.id)!.attempts], ['pending', 1]);
    mode = 'hang';
    h.worker.retryNow(n.id);
    await new Promise((resolve) => setImmediate(resolve));
    assert.ok(h.worker.isSending(n.id));
    await h.worker.stop();
    release?.();
    assert.deepEqual([h.repo.get(n.id)!.state, h.repo.get(n.id)!.attempts], ['pending', 1], 'an abandoned request changes nothing');
    h.store.close();
  });

  it('keeps everything queued while the gateway refuses the credentials (401)', async () => {
    const h = harness({ fetch: async () => respond(401) });
    h.enqueue(note('+1', 'a'));
    h.enqueue(note('+2', 'b'));
    h.worker.start();
    await h.advance(60_000);
    assert.deepEqual([h.repo.counts().pending, h.repo.counts().parked], [2, 0]);
    assert.equal(h.worker.gatewayStatus(), 'refused');
    await h.worker.stop();
    h.store.close();
  });

  it('serves customers in parallel but never two notes of one customer at once', async () => {
    const inFlight = new Map<string, number>();
    let maxPerCustomer = 0;
    let maxTotal = 0;
    let total = 0;
    const h = harness({
      concurrency: 4,
      fetch: async (_url, init) => {
        const customer = (JSON.parse(String(init.body)) as GatewayNote).customerNumber;
        inFlight.set(customer, (inFlight.get(customer) ?? 0) + 1);
        total += 1;
        maxPerCustomer = Math.max(maxPerCustomer, inFlight.get(customer)!);
        maxTotal = Math.max(maxTotal, total);
        await new Promise((resolve) => setTimeout(resolve, 2));
        inFlight.set(customer, inFlight.get(customer)! - 1);
        total -= 1;
        return new Response(JSON.stringify({ id: 'x', receivedAt: new Date().toISOString() }), { status: 201 });
      },
    });
    for (let i = 0; i < 40; i += 1) h.enqueue(note(`+9${i % 5}`, `n${i}`));
    h.worker.start();
    await h.worker.whenIdle();
    assert.equal(h.repo.counts().pending, 0);
    assert.equal(maxPerCustomer, 1);
    assert.ok(maxTotal > 1, `expected parallel customers, saw ${maxTotal}`);
    await h.worker.stop();
    h.store.close();
  });
});

describe('SyncWorker reconnect', () => {
  it('notices the gateway is back within the probe interval, not at the end of a long backoff', async () => {
    const gateway = await testGateway();
    const { port, dbFile } = gateway;
    await gateway.close();
    const h = harness({ url: `http://127.0.0.1:${port}` });
    h.worker.start();
    const n = h.enqueue(note('+31', 'written offline'));
    await h.advance(3 * 3600_000); // many failures: the next retry is minutes away
    const waiting = h.repo.get(n.id)!;
    assert.ok(waiting.nextAttemptAt - h.scheduler.now() > 60_000 || waiting.attempts > 8, 'deep in backoff');
    const back = await testGateway({}, port, dbFile);
    await h.advance(15_000); // one probe interval
    assert.equal(h.repo.get(n.id)!.state, 'sent');
    await h.worker.stop();
    h.store.close();
    await back.close();
  });
});

describe('SyncWorker relaunch', () => {
  it('sends what was backing off in the last session right away, not when that backoff ends', async () => {
    const gateway = await testGateway();
    const h = harness({ url: gateway.url });
    const n = h.enqueue(note('+7', 'queued yesterday'));
    h.repo.markRetry(h.repo.get(n.id)!.seq, h.scheduler.now() + 3_600_000, undefined, 'ECONNREFUSED');
    h.worker.start();
    await h.worker.whenIdle();
    assert.equal(h.repo.get(n.id)!.state, 'sent');
    await h.worker.stop();
    h.store.close();
    await gateway.close();
  });
});
