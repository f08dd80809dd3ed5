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
  const call = (route: string, init: { method?: string; body?: unknown; key?: string } = {}) =>
    fetch(`${gateway.url}/v1${route}`, {
      method: init.method ?? (init.body ? 'POST' : 'GET'),
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...(init.key ? { 'idempotency-key': init.key } : {}) },
      body: init.body ? JSON.stringify(init.body) : undefined,
    });

  before(async () => {
    gateway = await startGateway({ dbFile: path.join(mkdtempSync(path.join(tmpdir(), 'hl-gw-sup-')), 'gw.db'), token: TOKEN });
    gateway.supervisor.setAccount({ sipUser: '1007', displayName: 'Kim (1007)', role: 'supervisor', team: 'north' });
    gateway.supervisor.setAccount({ sipUser: '2001', displayName: 'Other team', role: 'supervisor', team: 'south' });
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
    assert.equal((await call('/hands', { body: raised, key })).status, 201);
    assert.equal((await call('/hands', { body: raised, key })).status, 201, 'a retry replays');
    assert.equal((await call('/hands', { body: { ...raised, id: randomUUID(), agent: '2001' }, key: `hand-${randomUUID()}` })).status, 403);
    assert.equal((await call(`/hands/${raised.id}/accept`, { body: { supervisor: '2001' } })).status, 403, 'a supervisor of another team');
    assert.equal((await call(`/hands/${raised.id}/accept`, { body: { supervisor: '1005' } })).status, 200);
    const second = await call(`/hands/${raised.id}/accept`, { body: { supervisor: '1007' } });
    assert.equal(second.status, 409);
    assert.match(JSON.stringify(await second.json()), /hand_taken/);
    assert.equal((await call(`/hands/${raised.id}/accept`, { body: { supervisor: '1005' } })).status, 200, 'the same supervisor again');
  });

  it('a chat thread keeps each message once, in the gateway’s order, with read state', async () => {
    const raised = hand();
    await call('/hands', { body: raised, key: `hand-${raised.id}` });
    const first = { id: randomUUID(), handId: raised.id, from: '1005', text: 'Offer the goodwill voucher', at: Date.now() };
    const second = { id: randomUUID(), handId: raised.id, from: '1001', text: 'Thanks, done', at: Date.now() };
    const a = (await (await call(`/hands/${raised.id}/messages`, { body: first, key: `chat-${first.id}` })).json()) as { seq: number };
    await call(`/hands/${raised.id}/messages`, { body: first, key: `chat-${first.id}` });
    const b = (await (await call(`/hands/${raised.id}/messages`, { body: second, key: `chat-${second.id}` })).json()) as { seq: number };
    assert.ok(b.seq > a.seq);
    await call(`/hands/${raised.id}/read`, { body: { handId: raised.id, reader: '1001', upTo: a.seq } });
    const thread = HandThreadSchema.parse(await (await call(`/hands/${raised.id}`)).json());
    assert.deepEqual(thread.messages.map((m) => m.text), ['Offer the goodwill voucher', 'Thanks, done']);
    assert.equal(thread.readUpTo['1001'], a.seq);
  });

  it('the board stream sends the whole board, then every published change; an older state does not overwrite a newer one', async () => {
    const controller = new AbortController();
    const stream = await fetch(`${gateway.url}/v1/teams/north/events`, { headers: { authorization: `Bearer ${TOKEN}` }, signal: controller.signal });
    assert.match(stream.headers.get('content-type') ?? '', /text\/event-stream/);
    await nextBoard(stream, () => true);
    const now = Date.now();
    assert.equal((await call('/agent-states', { body: agentState({ presence: 'onCall', callSince: now, publishedAt: now }) })).status, 200);
    const board = await nextBoard(stream, (b) => b.agents.some((a) => a.agent === '1003' && a.presence === 'onCall'));
    assert.ok(board.hands.length >= 1, 'open hands are on the board');
    await call('/agent-states', { body: agentState({ presence: 'ready', publishedAt: now - 1000 }) });
    const stored = BoardSchema.parse(await (await call('/teams/north/board')).json());
    assert.equal(stored.agents.find((a) => a.agent === '1003')?.presence, 'onCall');
    controller.abort();
  });
});
