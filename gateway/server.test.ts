import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { GatewayNote } from '../common/contract/gateway';
import { KnowledgePageSchema, type KnowledgePage } from '../common/contract/knowledge';
import { startGateway, type RunningGateway } from './server';

const TOKEN = 'test-token-0123456789';

function note(overrides: Partial<GatewayNote> = {}): GatewayNote {
  return {
    id: randomUUID(),
    callId: 'call-1',
    customerNumber: '+442071234567',
    disposition: 'resolved',
    notes: 'Customer asked about the bill',
    tags: ['billing'],
    firstContactResolved: true,
    callbackRequested: false,
    createdAt: new Date().toISOString(),
    ...overrides,
  };
}

describe('reference gateway', () => {
  let gateway: RunningGateway;
  const post = (body: unknown, key: string | undefined, token = TOKEN, route = '/v1/notes') =>
    fetch(`${gateway.url}${route}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
      body: JSON.stringify(body),
    });

  before(async () => {
    gateway = await startGateway({ dbFile: path.join(mkdtempSync(path.join(tmpdir(), 'hl-gw-')), 'gw.db'), token: TOKEN, faults: { rejectMarker: 'POISON' } });
  });
  after(() => gateway.close());

  it('requires the bearer token', async () => {
    const response = await post(note(), randomUUID(), 'wrong-token-000000');
    assert.equal(response.status, 401);
    assert.equal(gateway.db.stats().notes, 0);
  });

  it('requires an Idempotency-Key on writes', async () => {
    const response = await post(note(), undefined);
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'idempotency_key_missing');
  });

  it('stores a note once and replays the first answer for the same key', async () => {
    const body = note();
    const key = randomUUID();
    const first = await post(body, key);
    assert.equal(first.status, 201);
    const firstBody = await first.json();
    const again = await post({ ...body }, key);
    assert.equal(again.status, 201);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(await again.json(), firstBody);
    const listed = (await (await fetch(`${gateway.url}/v1/notes?customer=${encodeURIComponent(body.customerNumber)}`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as {
      notes: GatewayNote[];
    };
    assert.equal(listed.notes.filter((n) => n.id === body.id).length, 1);
  });

  it('refuses a reused key with a different body (422) and stores nothing new', async () => {
    const key = randomUUID();
    const body = note();
    assert.equal((await post(body, key)).status, 201);
    const before = gateway.db.stats().notes;
    const reused = await post({ ...body, notes: 'something else' }, key);
    assert.equal(reused.status, 422);
    assert.equal(((await reused.json()) as { error: { code: string } }).error.code, 'idempotency_key_reused');
    assert.equal(gateway.db.stats().notes, before);
  });

  it('does not remember a refusal: a corrected note is accepted under the same key', async () => {
    const key = randomUUID();
    const poisoned = note({ notes: 'POISON account closed' });
    const refused = await post(poisoned, key);
    assert.equal(refused.status, 422);
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'rejected_by_crm');
    const fixed = await post({ ...poisoned, notes: 'account closed; customer informed' }, key);
    assert.equal(fixed.status, 201);
  });

  it('stores a note once even when it is retried under a new key after the first key expired', async () => {
    const body = note();
    const first = await post(body, randomUUID());
    assert.equal(first.status, 201);
    const receipt = (await first.json()) as { receivedAt: string };
    const before = gateway.db.stats();
    // The client's retry window is longer than the key's memory: the key is gone, the note is not.
    gateway.db.pruneIdempotencyKeys(new Date(Date.now() + 60_000));
    const retry = await post({ ...body }, randomUUID());
    assert.ok(retry.ok, `a retry of a stored note succeeds (${retry.status})`);
    assert.equal(((await retry.json()) as { receivedAt: string }).receivedAt, receipt.receivedAt, 'the first receipt');
    assert.equal(gateway.db.stats().notes, before.notes, 'not stored twice');
    const changed = await post({ ...body, notes: 'A different note under the same id' }, randomUUID());
    assert.equal(changed.status, 409);
    assert.equal(gateway.db.stats().notes, before.notes);
  });

  it('validates the body against the contract', async () => {
    const response = await post({ ...note(), disposition: '' }, randomUUID());
    assert.equal(response.status, 422);
    assert.ok(((await response.json()) as { error: { issues: string[] } }).error.issues.some((issue) => issue.startsWith('disposition')));
  });

  it('concurrent writes share a commit but stay separate: same key once, a refusal touches only itself', async () => {
    const before = gateway.db.stats().notes;
    const notes = Array.from({ length: 10 }, (_, i) => ({ body: note({ notes: i === 3 ? 'POISON here' : `concurrent ${i}` }), key: randomUUID() }));
    const responses = await Promise.all([...notes, ...notes].map(({ body, key }) => post(body, key)));
    const statuses = responses.map((response) => response.status);
    assert.deepEqual(statuses.filter((status) => status === 201).length, 18);
    assert.deepEqual(statuses.filter((status) => status === 422).length, 2, 'the poisoned note, both times');
    assert.equal(responses.filter((response) => response.headers.get('idempotent-replayed') === 'true').length, 9, 'each repeat is a replay');
    assert.equal(gateway.db.stats().notes - before, 9);
  });

  it('serves the disposition list, the knowledge feed and customer context', async () => {
    const headers = { authorization: `Bearer ${TOKEN}` };
    const list = (await (await fetch(`${gateway.url}/v1/dispositions`, { headers })).json()) as { dispositions: { code: string; labels: Record<string, string> }[] };
    assert.ok(list.dispositions.some((d) => d.code === 'resolved' && d.labels.zh));
    assert.equal((await fetch(`${gateway.url}/v1/knowledge/search`, { headers })).status, 404, 'the old reserved path is gone');
    // Customer context is implemented: the stack's 1002 is a known demo customer.
    const known = (await (await fetch(`${gateway.url}/v1/customers/by-phone/1002`, { headers })).json()) as { customers: { name: string }[] };
    assert.deepEqual(known.customers.map((c) => c.name), ['Margaret Chen']);
  });
});

describe('knowledge change feed', () => {
  let gateway: RunningGateway;
  const headers = { authorization: `Bearer ${TOKEN}` };
  const page = async (query: string) => {
    const response = await fetch(`${gateway.url}/v1/knowledge/articles${query}`, { headers });
    return { status: response.status, body: (await response.json()) as KnowledgePage };
  };
  before(async () => {
    gateway = await startGateway({ dbFile: path.join(mkdtempSync(path.join(tmpdir(), 'hl-gw-')), 'gw.db'), token: TOKEN });
  });
  after(() => gateway.close());

  it('serves the demo articles in English and Chinese, in pages, then only what changed, tombstones included', async () => {
    assert.equal((await fetch(`${gateway.url}/v1/knowledge/articles`)).status, 401, 'bearer token required');
    const all = [];
    let cursor = '0';
    for (let more = true; more; ) {
      const { status, body } = await page(`?since=${cursor}&limit=10`);
      assert.equal(status, 200);
      assert.ok(KnowledgePageSchema.safeParse(body).success);
      assert.ok(body.changes.length <= 10);
      all.push(...body.changes);
      cursor = body.cursor;
      more = body.hasMore;
    }
    const ids = all.map((change) => change.id);
    assert.ok(ids.includes('returns-refunds') && ids.includes('zh-returns-refunds'));
    assert.equal(new Set(ids).size, ids.length, 'each article once');

    assert.deepEqual((await page(`?since=${cursor}`)).body.changes, [], 'nothing new');
    gateway.knowledge.upsert({ id: 'new-article', lang: 'en', title: 'Heat pumps', url: 'https://kb.example.com/heat-pumps', body: 'How to reset a heat pump.', tags: '' }, new Date());
    assert.ok(gateway.knowledge.remove('roaming', new Date()));
    const { body } = await page(`?since=${cursor}`);
    assert.deepEqual(body.changes.map((change) => [change.id, 'deleted' in change]), [['new-article', false], ['roaming', true]]);
    assert.equal((await page('?since=abc')).status, 400);
  });
});

describe('fault injection: answers dropped after commit', () => {
  it('commits, drops the answer, and replays it for the retry', async () => {
    const gateway = await startGateway({
      dbFile: path.join(mkdtempSync(path.join(tmpdir(), 'hl-gw-')), 'gw.db'),
      token: TOKEN,
      faults: { dropAfterCommitPercent: 100 },
    });
    try {
      const body = note();
      const key = randomUUID();
      const send = () =>
        fetch(`${gateway.url}/v1/notes`, {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'idempotency-key': key },
          body: JSON.stringify(body),
        });
      await assert.rejects(send(), 'the client sees a network failure');
      assert.equal(gateway.db.stats().notes, 1, 'but the note was stored');
      const retry = await send();
      assert.equal(retry.status, 201);
      assert.equal(retry.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(gateway.db.stats().notes, 1);
    } finally {
      await gateway.close();
    }
  });
});
