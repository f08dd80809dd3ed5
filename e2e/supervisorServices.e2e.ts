// Two SupervisorServices (an agent's and a supervisor's main) against the real reference gateway, without
// the SIP stack: the SIP leg between them is a direct hand-over that stamps the sender's own user as the
// asserted identity, as Kamailio does (route[ASSERT_IDENTITY]); e2e/supervisor.e2e.ts runs it over real
// SIP and the UIs. Here the cases that need many steps or a clean start: a hand raised before any
// supervisor is online, the accept race, replayed and forged messages, counting a call once.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { AssistCallView } from '../common/contract/assist';
import type { Call } from '../common/contract/model';
import type { SupervisorSend, SupervisorView } from '../common/contract/supervisor';
import { startGateway, type RunningGateway } from '../gateway/server';
import { silentLogger } from '../main/log/logger';
import { AppState } from '../main/session/state';
import { systemScheduler } from '../main/time/scheduler';
import { GatewaySupervisorDirectory } from '../main/supervisor/directory';
import { SupervisorGateway } from '../main/supervisor/supervisorGateway';
import { SupervisorService } from '../main/supervisor/supervisorService';

const TOKEN = 'supervisor-test-token-0123';
const until = async (what: string, check: () => boolean, timeoutMs = 5000) => {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

interface Node {
  user: string;
  state: AppState;
  service: SupervisorService;
  views: SupervisorView[];
  view: () => SupervisorView;
  availability: string[];
}

describe('SupervisorService', () => {
  let gateway: RunningGateway;
  const nodes = new Map<string, Node>();
  /** Messages the "SIP server" delivered, per receiver (the test may replay them). */
  const delivered: { to: string; from: string; body: string }[] = [];
  let assistView: AssistCallView | undefined;

  /** Each account's own gateway credential, provisioned once (an app that restarts keeps its own). */
  const credentials = new Map<string, string>();
  const credentialOf = (user: string): string => {
    let credential = credentials.get(user);
    if (!credential) credentials.set(user, (credential = gateway.supervisor.issueCredential(user)));
    return credential;
  };

  function start(user: string, displayName: string): Node {
    const state = new AppState();
    state.setAccount({ displayName, sipUri: `sip:${user}@127.0.0.1`, server: 'ws://127.0.0.1' });
    const views: SupervisorView[] = [];
    const availability: string[] = [];
    const send = (command: SupervisorSend) => {
      const results = command.to.map((to) => {
        const target = nodes.get(to);
        if (!target) return { to, delivered: false, status: 404 };
        delivered.push({ to, from: user, body: command.body });
        queueMicrotask(() => target.service.received(user, command.body));
        return { to, delivered: true, status: 200 };
      });
      queueMicrotask(() => node.service.sent(command.sendId, results));
    };
    const service = new SupervisorService({
      state,
      gateway: new SupervisorGateway({ url: gateway.url, token: TOKEN, accountCredential: credentialOf(user) }),
      send,
      emit: (view) => views.push(view),
      callContext: () => ({ customerName: 'Margaret Chen', openCase: 'Chair arrived broken', topSuggestion: 'Returns and refunds', assist: assistView }),
      assistCall: () => assistView,
      workload: () => ({ wrapUpBacklog: 1, unsyncedNotes: 2 }),
      readiness: () => 'passed',
      setAvailability: (choice) => {
        availability.push(choice.kind === 'available' ? 'available' : choice.reason);
        state.setAvailability(choice);
      },
      redact: (text) => text.replace(/\b\d{16}\b/g, '[card number]'),
      scheduler: systemScheduler,
      log: silentLogger(),
      options: { publishDelayMs: 10, settleMs: 50, retryMs: 200 },
    });
    const node: Node = { user, state, service, views, view: () => service.view(), availability };
    nodes.set(user, node);
    service.start();
    return node;
  }

  before(async () => {
    gateway = await startGateway({ dbFile: path.join(mkdtempSync(path.join(tmpdir(), 'hl-sup-')), 'gw.db'), token: TOKEN });
    gateway.supervisor.setPolicy('north', { shareWellbeingFlags: true, recoveryBreakMinutes: 2, difficultInARowFlagAt: 1 });
  });
  after(async () => {
    for (const node of nodes.values()) node.service.dispose();
    await gateway.close();
  });

  it('the role comes from the gateway account; the directory answers who supervises whom', async () => {
    const agent = start('1001', 'Ada (1001)');
    await until('agent role', () => agent.view().role === 'agent');
    assert.deepEqual(agent.view().supervisors, ['1005']);
    const directory = new GatewaySupervisorDirectory(new SupervisorGateway({ url: gateway.url, token: TOKEN }));
    assert.deepEqual(await directory.supervisorsOf('1001'), ['1005']);
    assert.deepEqual(await directory.supervisorsOf('4242'), []);
    assert.equal(await directory.teamOf('1001'), undefined, 'an agent leads no team');
    assert.deepEqual((await directory.teamOf('1005'))?.agents, ['1001', '1003']);
    await assert.rejects(() => agent.service.acceptHand('00000000-0000-4000-8000-000000000000'), /supervisor/);
  });

  it('a hand raised with no supervisor online waits in the gateway; a supervisor who starts later gets it with its context', async () => {
    const agent = nodes.get('1001')!;
    const call: Call = { id: 'c1', direction: 'inbound', state: 'connected', remoteNumber: '1002', startedAt: Date.now() - 95_000, connectedAt: Date.now() - 90_000, onHold: false, muted: false };
    agent.state.upsertCall(call);
    assistView = {
      callId: 'c1',
      live: true,
      paymentMode: false,
      narrowband: false,
      turns: [
        { id: 't1', leg: 'customer', text: 'my card is [card number] and the chair is broken', at: 1, sentiment: -0.5, cues: [] },
        { id: 't2', leg: 'agent', text: 'let me check that for you', at: 2, cues: [] },
      ],
      partial: {},
      suggestions: [],
      trend: [
        { at: 1, score: 0.1, leg: 'customer' },
        { at: 2, score: -0.5, leg: 'customer' },
      ],
      mood: -0.5,
      escalation: [],
    };
    const { handId } = await agent.service.raiseHand('Customer wants more than my refund limit, card 4111111111111111', true);
    await until('delivery result', () => agent.view().hands[0]?.deliveredLive === false);
    const supervisor = start('1005', 'Sam (1005)');
    await until('the queue from the gateway', () => supervisor.view().hands.some((hand) => hand.id === handId));
    const hand = supervisor.view().hands.find((candidate) => candidate.id === handId)!;
    assert.equal(hand.text, 'Customer wants more than my refund limit, card [card number]', 'what the agent typed is redacted before it leaves');
    assert.equal(hand.context.customerName, 'Margaret Chen');
    assert.equal(hand.context.openCase, 'Chair arrived broken');
    assert.equal(hand.context.moodTrend, 'falling');
    assert.ok((hand.context.callSeconds ?? 0) >= 89);
    assert.match(hand.context.excerpt ?? '', /Customer: my card is \[card number\]/);
  });

  it('accept: the first supervisor takes it, the agent sees who, a second supervisor is refused', async () => {
    const agent = nodes.get('1001')!;
    const supervisor = nodes.get('1005')!;
    gateway.supervisor.setAccount({ sipUser: '1009', displayName: 'Kim (1009)', role: 'supervisor', team: 'north' });
    const handId = supervisor.view().hands[0]!.id;
    await supervisor.service.acceptHand(handId);
    await until('agent sees it taken', () => agent.view().hands[0]?.takenBy === '1005');
    const other = start('1009', 'Kim (1009)');
    await until('second supervisor sees the queue', () => other.view().hands.some((hand) => hand.id === handId && hand.state === 'taken'));
    await assert.rejects(() => other.service.acceptHand(handId), /taken/i);
  });

  it('chat: both directions, each message once and in order, read state back to the sender; a stranger’s MESSAGE is dropped', async () => {
    const agent = nodes.get('1001')!;
    const supervisor = nodes.get('1005')!;
    const handId = agent.view().hands[0]!.id;
    await supervisor.service.sendChat(handId, 'Offer the goodwill voucher');
    await until('agent gets the reply', () => agent.view().hands[0]!.messages.length === 1);
    await agent.service.sendChat(handId, 'Done, thanks');
    await until('supervisor gets the answer', () => supervisor.view().hands.find((h) => h.id === handId)!.messages.length === 2);
    // The SIP leg delivers a message twice (a retransmission): still once on screen.
    const replay = delivered.filter((entry) => entry.to === '1001' && entry.body.includes('"chat"')).at(-1)!;
    agent.service.received(replay.from, replay.body);
    // A user who is not party to the hand cannot write into it.
    agent.service.received('1003', replay.body.replace('"from":"1005"', '"from":"1003"'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const agentThread = agent.view().hands[0]!;
    assert.deepEqual(agentThread.messages.map((m) => m.text), ['Offer the goodwill voucher', 'Done, thanks']);
    assert.equal(agentThread.unread, 1);
    agent.service.markRead(handId);
    await until('supervisor sees it read', () => supervisor.view().hands.find((h) => h.id === handId)!.messages[0]!.readByOther);
    assert.equal(agent.view().hands[0]!.unread, 0);
  });

  it('a difficult call ends: the agent is offered a recovery break, the board gets a workload flag and nothing of the call', async () => {
    const agent = nodes.get('1001')!;
    const supervisor = nodes.get('1005')!;
    const call = agent.state.snapshot().calls[0]!;
    agent.state.upsertCall({ ...call, state: 'ended', endedAt: Date.now(), endReason: 'hungUpRemote' });
    await until('recovery offer', () => agent.view().wellbeing.offer?.why === 'difficultCall');
    assert.equal(agent.view().wellbeing.offer?.minutes, 2, 'the policy sets the length');
    await until('flag on the board', () => supervisor.view().board?.agents.some((row) => row.agent === '1001' && row.flags.some((flag) => flag.kind === 'difficultInARow')) ?? false);
    assert.deepEqual(agent.view().sharedState?.flags, [{ kind: 'difficultInARow', count: 1 }], 'the agent sees exactly what is shared');
    // The ended call stays in the session for a while: later changes must not count it again.
    agent.state.setAvailability({ kind: 'notReady', reason: 'meeting' });
    agent.state.setAvailability({ kind: 'available' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(agent.view().wellbeing.difficultInARow, 1, 'one difficult call counted once');
    agent.service.takeRecoveryBreak();
    assert.deepEqual(agent.availability, ['recovery']);
    const stored = gateway.supervisor.storedText();
    assert.ok(!stored.includes('4111111111111111'), 'no card number reached the gateway');
    const board = JSON.stringify(gateway.supervisor.board('north', Date.now()).agents);
    assert.ok(!/chair|card|check that|Margaret|1002/.test(board), `the board holds no customer or transcript: ${board}`);
  });

  /** Stops a user's app and starts it again (nothing kept in memory; the gateway is where hands live). */
  async function restart(user: string, displayName: string): Promise<Node> {
    nodes.get(user)!.service.dispose();
    nodes.delete(user);
    await new Promise((resolve) => setTimeout(resolve, 50));
    return start(user, displayName);
  }

  it('an agent’s app that restarts gets its open request and the whole thread back from the gateway', async () => {
    const before = nodes.get('1001')!.view().hands[0]!;
    const agent = await restart('1001', 'Ada (1001)');
    await until('the request and its thread after the restart', () => agent.view().hands.find((hand) => hand.id === before.id)?.messages.length === 2);
    const hand = agent.view().hands.find((candidate) => candidate.id === before.id)!;
    assert.equal(hand.takenBy, '1005', 'who took it');
    assert.deepEqual(hand.messages.map((message) => [message.text, message.mine]), [
      ['Offer the goodwill voucher', false],
      ['Done, thanks', true],
    ]);
    assert.equal(hand.unread, 0, 'what was read before the restart stays read');
    // The thread goes on after the restart: the supervisor's next line reaches the new app.
    await nodes.get('1005')!.service.sendChat(before.id, 'Close it when you are done');
    await until('a new line after the restart', () => agent.view().hands.find((h) => h.id === before.id)!.messages.length === 3);
  });

  it('a supervisor’s app that restarts keeps its queue, who took what, and the threads', async () => {
    const handId = nodes.get('1001')!.view().hands[0]!.id;
    const supervisor = await restart('1005', 'Sam (1005)');
    await until('the queue after the restart', () => supervisor.view().hands.find((hand) => hand.id === handId)?.messages.length === 3);
    const hand = supervisor.view().hands.find((candidate) => candidate.id === handId)!;
    assert.equal(hand.state, 'taken');
    assert.equal(hand.takenBy, '1005');
    await supervisor.service.sendChat(handId, 'Still here');
    await until('the agent gets it', () => nodes.get('1001')!.view().hands[0]!.messages.length === 4);
  });
});
