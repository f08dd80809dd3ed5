import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BoardSchema, GatewayAccountSchema, HandThreadSchema, type AgentState, type Board, type Hand } from '../common/contract/supervisor';
import { startGateway, type RunningGateway } from './server';

const TOKEN = 'test-token-0123456789';

function hand(overrides: Partial<Hand> = {}): Hand {
  return {
    id: randomUUID(),
    agent: '1001',
    agentName: 'Ada (1001)',
    team: 'north',
    text: 'Customer wants a refund over the limit',
    context: { caller: '1002', customerName: 'Margaret Chen', mood: -0.4, moodTrend: 'falling', callSeconds: 95 },
    raisedAt: Date.now(),
    state: 'open',
    ...overrides,
  };
}

function agentState(overrides: Partial<AgentState> = {}): AgentState {
  return { agent: '1003', displayName: 'Ben (1003)', presence: 'ready', since: Date.now(), wrapUpBacklog: 0, unsyncedNotes: 0, readiness: 'passed', flags: [], publishedAt: Date.now(), ...overrides };
}

/** Reads `event: board` messages off the gateway's stream until `until` accepts one. */
async function nextBoard(response: Response, until: (board: Board) => boolean): Promise<Board> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (!data) continue;
        const board = BoardSchema.parse(JSON.parse(data));
        if (until(board)) return board;
      }
    }
  } finally {
    reader.releaseLock();
  }
}

describe('reference gateway: supervisor help', () => {
  let gateway: RunningGateway;
  /** Each account's own credential (provisioned in `before`); `as` picks whose, the service one by default. */
  const credentials = new Map<string, string>();
  const call = (route: string, init: { method?: string; body?: unknown; key?: string; as?: string } = {}) =>
    fetch(`${gateway.url}/v1${route}`, {
      method: init.method ?? (init.body ? 'POST' : 'GET'),
      headers: {
        authorization: `Bearer ${init.as ? credentials.get(init.as) : TOKEN}`,
        'content-type': 'application/json',
        ...(init.key ? { 'idempotency-key': init.key } : {}),
      },
      body: init.body ? JSON.stringify(init.body) : undefined,
    });

  before(async () => {
    gateway = await startGateway({ dbFile: path.join(mkdtempSync(path.join(tmpdir(), 'hl-gw-sup-')), 'gw.db'), token: TOKEN });
    gateway.supervisor.setAccount({ sipUser: '1007', displayName: 'Kim (1007)', role: 'supervisor', team: 'north' });
    gateway.supervisor.setAccount({ sipUser: '2001', displayName: 'Other team', role: 'supervisor', team: 'south' });
    for (const user of ['1001', '1003', '1005', '1007', '2001']) credentials.set(user, gateway.supervisor.issueCredential(user));
  });
  after(() => gateway.close());

  it('the role and team come from the account; an agent learns who their supervisors are', async () => {
    const agent = GatewayAccountSchema.parse(await (await call('/accounts/1001')).json());
    assert.equal(agent.role, 'agent');
    assert.equal(agent.team, 'north');
    assert.deepEqual(agent.supervisors, ['1005', '1007']);
    const supervisor = GatewayAccountSchema.parse(await (await call('/accounts/1005')).json());
    assert.equal(supervisor.role, 'supervisor');
    assert.equal((await call('/accounts/9999')).status, 404);
  });

  it('a hand is stored once, the first supervisor to accept takes it, others are refused, another team cannot', async () => {
    const raised = hand();
    const key = `hand-${raised.id}`;
    assert.equal((await call('/hands', { body: raised, key, as: '1001' })).status, 201);
    assert.equal((await call('/hands', { body: raised, key, as: '1001' })).status, 201, 'a retry replays');
    assert.equal((await call('/hands', { body: { ...raised, id: randomUUID(), agent: '2001' }, key: `hand-${randomUUID()}`, as: '2001' })).status, 403);
    assert.equal((await call(`/hands/${raised.id}/accept`, { body: { supervisor: '2001' }, as: '2001' })).status, 403, 'a supervisor of another team');
    assert.equal((await call(`/hands/${raised.id}/accept`, { body: { supervisor: '1005' }, as: '1005' })).status, 200);
    const second = await call(`/hands/${raised.id}/accept`, { body: { supervisor: '1007' }, as: '1007' });
    assert.equal(second.status, 409);
    assert.match(JSON.stringify(await second.json()), /hand_taken/);
    assert.equal((await call(`/hands/${raised.id}/accept`, { body: { supervisor: '1005' }, as: '1005' })).status, 200, 'the same supervisor again');
  });

  it('a chat thread keeps each message once, in the gateway’s order, with read state', async () => {
    const raised = hand();
    await call('/hands', { body: raised, key: `hand-${raised.id}`, as: '1001' });
    await call(`/hands/${raised.id}/accept`, { body: { supervisor: '1005' }, as: '1005' });
    const first = { id: randomUUID(), handId: raised.id, from: '1005', text: 'Offer the goodwill voucher', at: Date.now() };
    const second = { id: randomUUID(), handId: raised.id, from: '1001', text: 'Thanks, done', at: Date.now() };
    const a = (await (await call(`/hands/${raised.id}/messages`, { body: first, key: `chat-${first.id}`, as: '1005' })).json()) as { seq: number };
    await call(`/hands/${raised.id}/messages`, { body: first, key: `chat-${first.id}`, as: '1005' });
    const b = (await (await call(`/hands/${raised.id}/messages`, { body: second, key: `chat-${second.id}`, as: '1001' })).json()) as { seq: number };
    assert.ok(b.seq > a.seq);
    await call(`/hands/${raised.id}/read`, { body: { handId: raised.id, reader: '1001', upTo: a.seq }, as: '1001' });
    const thread = HandThreadSchema.parse(await (await call(`/hands/${raised.id}`, { as: '1001' })).json());
    assert.deepEqual(thread.messages.map((m) => m.text), ['Offer the goodwill voucher', 'Thanks, done']);
    assert.equal(thread.readUpTo['1001'], a.seq);
  });

  it('the board stream sends the whole board, then every published change; an older state does not overwrite a newer one', async () => {
    const controller = new AbortController();
    const stream = await fetch(`${gateway.url}/v1/teams/north/events`, { headers: { authorization: `Bearer ${credentials.get('1005')}` }, signal: controller.signal });
    assert.match(stream.headers.get('content-type') ?? '', /text\/event-stream/);
    await nextBoard(stream, () => true);
    const now = Date.now();
    assert.equal((await call('/agent-states', { body: agentState({ presence: 'onCall', callSince: now, publishedAt: now }), as: '1003' })).status, 200);
    const board = await nextBoard(stream, (b) => b.agents.some((a) => a.agent === '1003' && a.presence === 'onCall'));
    assert.ok(board.hands.length >= 1, 'open hands are on the board');
    await call('/agent-states', { body: agentState({ presence: 'ready', publishedAt: now - 1000 }), as: '1003' });
    const stored = BoardSchema.parse(await (await call('/teams/north/board', { as: '1005' })).json());
    assert.equal(stored.agents.find((a) => a.agent === '1003')?.presence, 'onCall');
    controller.abort();
  });
  it('each account acts only as itself: an agent publishes only its own state and raises only its own hands', async () => {
    const now = Date.now();
    const forBen = agentState({ agent: '1003', presence: 'notReady', publishedAt: now });
    assert.equal((await call('/agent-states', { body: forBen, as: '1001' })).status, 403, 'Ada publishing Ben’s state');
    assert.equal((await call('/agent-states', { body: forBen })).status, 403, 'the service credential cannot act as an agent');
    assert.equal((await call('/agent-states', { body: forBen, as: '1003' })).status, 200, 'Ben himself');
    const forged = hand({ agent: '1003', agentName: 'Ben (1003)' });
    assert.equal((await call('/hands', { body: forged, key: `hand-${forged.id}`, as: '1001' })).status, 403, 'Ada raising a hand as Ben');
    const unknown = await fetch(`${gateway.url}/v1/accounts/1001`, { headers: { authorization: 'Bearer not-a-credential-of-anyone' } });
    assert.equal(unknown.status, 401);
  });

  it('only a supervisor of the team reads its board, accepts a hand as itself, and chats on a hand it took', async () => {
    assert.equal((await call('/teams/north/board', { as: '1001' })).status, 403, 'an agent reading the board');
    assert.equal((await call('/teams/north/board', { as: '2001' })).status, 403, 'another team’s supervisor');
    assert.equal((await call('/teams/north/events', { as: '1003' })).status, 403, 'an agent following the board');
    assert.equal((await call('/teams/north/board', { as: '1005' })).status, 200);
    const raised = hand();
    await call('/hands', { body: raised, key: `hand-${raised.id}`, as: '1001' });
    assert.equal((await call(`/hands/${raised.id}/accept`, { body: { supervisor: '1005' }, as: '1003' })).status, 403, 'an agent accepting in a supervisor’s name');
    assert.equal((await call(`/hands/${raised.id}/accept`, { body: { supervisor: '1005' } })).status, 403, 'the service credential accepting');
    assert.equal((await call(`/hands/${raised.id}`, { as: '1003' })).status, 403, 'another agent reading the thread');
    assert.equal((await call(`/hands/${raised.id}/accept`, { body: { supervisor: '1007' }, as: '1007' })).status, 200);
    const line = (from: string) => ({ id: randomUUID(), handId: raised.id, from, text: 'Use the voucher', at: Date.now() });
    const bySam = line('1005');
    assert.equal((await call(`/hands/${raised.id}/messages`, { body: bySam, key: `chat-${bySam.id}`, as: '1005' })).status, 403, 'a supervisor who did not take it');
    const asKim = line('1007');
    assert.equal((await call(`/hands/${raised.id}/messages`, { body: asKim, key: `chat-${asKim.id}`, as: '1003' })).status, 403, 'an agent writing as the supervisor');
    assert.equal((await call(`/hands/${raised.id}/messages`, { body: asKim, key: `chat-${asKim.id}`, as: '1007' })).status, 201);
    assert.equal((await call(`/hands/${raised.id}/read`, { body: { handId: raised.id, reader: '1001', upTo: 1 }, as: '1007' })).status, 403, 'a read receipt for someone else');
    assert.equal((await call(`/hands/${raised.id}/close`, { body: {}, as: '1003' })).status, 403, 'another agent closing it');
    const thread = HandThreadSchema.parse(await (await call(`/hands/${raised.id}`, { as: '1001' })).json());
    assert.deepEqual(thread.messages.map((message) => message.from), ['1007']);
  });

  it('an agent gets back its own open hands, and only its own', async () => {
    const mine = hand();
    await call('/hands', { body: mine, key: `hand-${mine.id}`, as: '1001' });
    const bens = hand({ agent: '1003', agentName: 'Ben (1003)' });
    await call('/hands', { body: bens, key: `hand-${bens.id}`, as: '1003' });
    const answer = (await (await call('/hands', { as: '1001' })).json()) as { hands: Hand[] };
    assert.ok(answer.hands.some((item) => item.id === mine.id));
    assert.ok(answer.hands.every((item) => item.agent === '1001'));
  });

  it('the CRM paths keep the service credential: an account’s own is refused there', async () => {
    assert.equal((await call('/dispositions')).status, 200);
    assert.equal((await call('/dispositions', { as: '1001' })).status, 403);
  });
});
