import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { GatewayMessage } from '../common/contract/messages';
import { startGateway, type RunningGateway } from './server';

const TOKEN = 'messages-test-token-0123';

const message = (overrides: Partial<GatewayMessage> = {}): GatewayMessage => ({
  id: randomUUID(),
  callId: `call-${randomUUID().slice(0, 8)}`,
  customerId: 'c-0001',
  customerNumber: '1002',
  channel: 'sms',
  to: '+441632960002',
  body: 'Your refund is on its way: https://help.example.com/en/returns-refunds',
  articleId: 'returns-refunds',
  link: 'https://help.example.com/en/returns-refunds',
  createdAt: new Date().toISOString(),
  ...overrides,
});

describe('gateway follow-up messages', () => {
  let gateway: RunningGateway;
  const post = (body: unknown, key: string | null = randomUUID(), raw?: string) =>
    fetch(`${gateway.url}/v1/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
      body: raw ?? JSON.stringify(body),
    });
  const list = async (query = '') => ((await (await fetch(`${gateway.url}/v1/messages${query}`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as { messages: (GatewayMessage & { receivedAt: string })[] }).messages;

  before(async () => {
    gateway = await startGateway({ dbFile: path.join(mkdtempSync(path.join(tmpdir(), 'hl-gw-messages-')), 'gw.db'), token: TOKEN });
  });
  after(() => gateway.close());

  it('stores a message and lists it for its call', async () => {
    const body = message();
    const answer = await post(body);
    assert.equal(answer.status, 201);
    const stored = await list(`?callId=${body.callId}`);
    assert.equal(stored.length, 1);
    const { receivedAt, ...rest } = stored[0]!;
    assert.deepEqual(rest, body);
    assert.ok(Date.parse(receivedAt) > 0);
  });

  it('a replay under the same Idempotency-Key returns the first answer and never stores a second message', async () => {
    const body = message();
    const key = randomUUID();
    const first = await post(body, key);
    const firstBody = await first.json();
    const replay = await post(body, key);
    assert.equal(replay.status, 201);
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(await replay.json(), firstBody);
    // A resend under a new key (the key was lost) is still the same message.
    assert.equal((await post(body)).status, 200);
    assert.equal((await list(`?callId=${body.callId}`)).length, 1);
    // The same key with a different message is refused, and nothing is stored for it.
    const reused = await post({ ...body, id: randomUUID(), body: 'Something else' }, key);
    assert.equal(reused.status, 422);
    assert.equal((await list(`?callId=${body.callId}`)).length, 1);
  });

  it('a different message under a known id is a conflict', async () => {
    const body = message();
    await post(body);
    const clash = await post({ ...body, body: 'Changed text' });
    assert.equal(clash.status, 409);
    assert.equal(((await clash.json()) as { error: { code: string } }).error.code, 'message_id_conflict');
  });

  it('refuses junk with a plain error and stores nothing', async () => {
    const before = (await list()).length;
    const notJson = await post(undefined, randomUUID(), '{"channel": "sms", ');
    assert.equal(notJson.status, 400);
    assert.match(((await notJson.json()) as { error: { message: string } }).error.message, /not valid JSON/);
    const cases: [string, unknown][] = [
      ['unknown channel', message({ channel: 'fax' as never })],
      ['e-mail to a phone number', message({ channel: 'email', to: '+441632960002' })],
      ['SMS to an extension', message({ to: '1002' })],
      ['empty body', message({ body: '   ' })],
      ['oversized body', message({ body: 'x'.repeat(2001) })],
      ['plain-http link', message({ link: 'http://help.example.com/x' })],
      ['extra field', { ...message(), priority: 'high' }],
      ['no id', { ...message(), id: undefined }],
    ];
    for (const [what, body] of cases) {
      const answer = await post(body);
      assert.equal(answer.status, 422, what);
      const error = ((await answer.json()) as { error: { code: string; issues?: string[] } }).error;
      assert.equal(error.code, 'invalid_request', what);
      assert.ok((error.issues ?? []).length > 0, `${what}: says which field`);
    }
    assert.equal((await post(message(), null)).status, 400, 'the Idempotency-Key is required');
    assert.equal((await list()).length, before);
    assert.equal((await fetch(`${gateway.url}/v1/messages`)).status, 401, 'the token is required to read');
  });
});
