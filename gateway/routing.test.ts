import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { InteractionRecordSchema, type InteractionRecord } from '../common/contract/routing';
import { startGateway, type RunningGateway } from './server';

const TOKEN = 'routing-test-token-0123';

const record = (overrides: Partial<InteractionRecord> = {}): InteractionRecord => ({
  id: `INT-${randomUUID().slice(0, 8)}`,
  caller: '1002',
  queue: 'Billing',
  skill: 'billing',
  ivrPath: ['Main menu', 'Billing'],
  transcript: [
    { speaker: 'bot', text: 'How can I help?' },
    { speaker: 'customer', text: 'Where is my refund?' },
  ],
  intent: { name: 'billing.refund_status', label: 'Refund status', confidence: 0.91, keywords: ['refund'], selfServiceable: true, selfServiceUrl: 'https://example.com/refunds' },
  startedAt: new Date().toISOString(),
  ...overrides,
});

describe('gateway interaction records', () => {
  let gateway: RunningGateway;
  const post = (body: unknown, key = randomUUID()) =>
    fetch(`${gateway.url}/v1/interactions`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(body) });
  const get = (id: string) => fetch(`${gateway.url}/v1/interactions/${encodeURIComponent(id)}`, { headers: { authorization: `Bearer ${TOKEN}` } });

  before(async () => {
    gateway = await startGateway({ dbFile: path.join(mkdtempSync(path.join(tmpdir(), 'hl-gw-routing-')), 'gw.db'), token: TOKEN });
  });
  after(() => gateway.close());

  it('stores what the IVR posts and serves it whole to the desktop', async () => {
    const body = record();
    assert.equal((await post(body)).status, 201);
    const answer = await get(body.id);
    assert.equal(answer.status, 200);
    assert.deepEqual(InteractionRecordSchema.parse(await answer.json()), body);
  });

  it('the same record again is fine; a different one under the same id is refused', async () => {
    const body = record();
    assert.equal((await post(body)).status, 201);
    assert.equal((await post(body)).status, 200);
    const clash = await post({ ...body, queue: 'Sales' });
    assert.equal(clash.status, 409);
    assert.equal(((await get(body.id).then((r) => r.json())) as InteractionRecord).queue, 'Billing');
  });

  it('refuses a record off the schema, and answers 404 for an unknown id', async () => {
    const bad = await post({ ...record(), id: '../../etc' });
    assert.equal(bad.status, 422);
    assert.equal((await get('INT-missing')).status, 404);
    assert.equal((await fetch(`${gateway.url}/v1/interactions/INT-1`)).status, 401, 'the token is required to read');
  });
});
