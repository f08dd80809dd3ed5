import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { QueuedCallback, QueuedCallbackCreate } from '../common/contract/callbackQueue';
import { startGateway, type RunningGateway } from './server';

const TOKEN = 'callback-queue-token-0123';

const callback = (overrides: Partial<QueuedCallbackCreate> = {}): QueuedCallbackCreate => ({
  id: randomUUID(),
  source: 'ivr',
  skill: 'billing',
  customer: { name: 'Margaret Chen', number: '1002' },
  reason: 'Refund not received',
  lastContact: 'Voice, yesterday: refund promised by Friday',
  windowStart: new Date(Date.now() - 60_000).toISOString(),
  windowEnd: new Date(Date.now() + 3600_000).toISOString(),
  createdAt: new Date().toISOString(),
  ...overrides,
});

describe('gateway callback queue', () => {
  let gateway: RunningGateway;
  const post = async (route: string, body: unknown) => {
    const response = await fetch(`${gateway.url}/v1/callback-queue${route}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const claim = async (agent: string, skills = ['billing']) => (await post('/claim', { agent, skills })).body.callback as QueuedCallback | null;
  const list = async (state: string) =>
    ((await (await fetch(`${gateway.url}/v1/callback-queue?state=${state}`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as { callbacks: QueuedCallback[] }).callbacks;

  before(async () => {
    gateway = await startGateway({ dbFile: path.join(mkdtempSync(path.join(tmpdir(), 'hl-gw-cbq-')), 'gw.db'), token: TOKEN });
  });
  after(() => gateway.close());

  it('assigns a callback to one agent of its skill; only that agent can dial it; the outcome closes it', async () => {
    const queued = callback();
    assert.equal((await post('', queued)).status, 201);
    assert.equal(await claim('sip:1005@x', ['tech']), null, 'another skill gets nothing');
    const mine = await claim('sip:1001@x');
    assert.equal(mine?.id, queued.id);
    assert.equal(mine?.state, 'assigned');
    assert.equal((await claim('sip:1001@x'))?.id, queued.id, 'asking again returns the same assignment');
    assert.equal(await claim('sip:1003@x'), null, 'a second agent gets nothing: it is taken');
    assert.equal((await post(`/${queued.id}/dial`, { agent: 'sip:1003@x' })).status, 409);
    const dial = await post(`/${queued.id}/dial`, { agent: 'sip:1001@x' });
    assert.equal(dial.status, 200);
    assert.equal(dial.body.state, 'dialing');
    const done = await post(`/${queued.id}/outcome`, { agent: 'sip:1001@x', outcome: 'reached', at: new Date().toISOString() });
    assert.equal(done.body.state, 'done');
    assert.equal(await claim('sip:1001@x'), null);
  });

  it("the desktop outbox's outcome record (fixed path, id in the body) closes the callback, and a resend answers the same", async () => {
    const queued = callback({ skill: 'outbox' });
    assert.equal((await post('', queued)).status, 201);
    assert.equal((await claim('sip:1001@x', ['outbox']))?.id, queued.id);
    const record = { callbackId: queued.id, agent: 'sip:1001@x', outcome: 'noAnswer', at: new Date().toISOString(), customerNumber: '1002' };
    assert.equal((await post('/outcomes', record)).status, 409, 'not dialled yet: refused');
    assert.equal((await post(`/${queued.id}/dial`, { agent: 'sip:1001@x' })).status, 200);
    assert.equal((await post('/outcomes', { ...record, agent: 'sip:1003@x' })).status, 409, 'another agent cannot close it');
    const done = await post('/outcomes', record);
    assert.equal(done.status, 200);
    assert.equal(done.body.state, 'done');
    assert.equal(done.body.outcome, 'noAnswer');
    assert.equal((await post('/outcomes', record)).status, 200, 'a resend under a new key still succeeds (the outbox never parks it)');
    assert.equal((await post('/outcomes', { ...record, outcome: 'later' })).status, 422);
  });

  it('two agents racing for one callback: exactly one gets it', async () => {
    const queued = callback({ skill: 'race' });
    await post('', queued);
    const claims = await Promise.all(['sip:a@x', 'sip:b@x', 'sip:c@x', 'sip:d@x'].map((agent) => claim(agent, ['race'])));
    assert.equal(claims.filter((got) => got?.id === queued.id).length, 1, JSON.stringify(claims));
    const winner = claims.find(Boolean)!.agent!;
    const dials = await Promise.all(['sip:a@x', 'sip:b@x', 'sip:c@x', 'sip:d@x'].map((agent) => post(`/${queued.id}/dial`, { agent })));
    assert.deepEqual(
      dials.map((dial) => dial.status),
      ['sip:a@x', 'sip:b@x', 'sip:c@x', 'sip:d@x'].map((agent) => (agent === winner ? 200 : 409)),
    );
  });

  it('"later" with a reason puts it back for the others, not for the same agent at once', async () => {
    const queued = callback({ skill: 'later' });
    await post('', queued);
    assert.equal((await claim('sip:1001@x', ['later']))?.id, queued.id);
    assert.equal((await post(`/${queued.id}/later`, { agent: 'sip:1001@x', reason: 'customer asked for after 5pm' })).status, 200);
    assert.equal(await claim('sip:1001@x', ['later']), null);
    const other = await claim('sip:1003@x', ['later']);
    assert.equal(other?.id, queued.id);
    assert.equal(other?.deferredReason, 'customer asked for after 5pm');
  });

  it('a window that passes without an agent escalates the callback; a window not yet open is not offered', async () => {
    const late = callback({ skill: 'late', windowStart: new Date(Date.now() - 60_000).toISOString(), windowEnd: new Date(Date.now() + 300).toISOString() });
    const future = callback({ skill: 'late', windowStart: new Date(Date.now() + 3600_000).toISOString(), windowEnd: new Date(Date.now() + 7200_000).toISOString() });
    await post('', late);
    await post('', future);
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(await claim('sip:1001@x', ['late']), null);
    const escalated = await list('escalated');
    assert.ok(escalated.some((item) => item.id === late.id && item.escalatedAt));
    assert.ok(!escalated.some((item) => item.id === future.id));
  });

  it('refuses a window that ends before it starts', async () => {
    const bad = await post('', callback({ windowStart: new Date(Date.now()).toISOString(), windowEnd: new Date(Date.now() - 1000).toISOString() }));
    assert.equal(bad.status, 422);
  });
});
