// Supervisor help in main. The role and team come from the gateway's account (never from settings).
// Agent: raises hands with the call's context, chats with the supervisor who took it, publishes its
// state (and, where policy shares them, its workload flags) for the team board, and gets calm recovery
// offers after difficult calls. Supervisor: a queue of hands, accept (first one wins, at the gateway),
// a chat thread per hand, the live board. Real-time delivery is SIP MESSAGE through the call engine; the
// gateway keeps every hand and message, so a supervisor who was offline or restarted still gets them.
import { randomUUID } from 'node:crypto';
import type { AssistCallView } from '../../common/contract/assist';
import type { AgentAvailability, Call, Presence, Snapshot } from '../../common/contract/model';
import {
  HandWireSchema,
  HAND_EXCERPT_MAX,
  type AgentState,
  type Board,
  type ChatMessage,
  type GatewayAccount,
  type Hand,
  type HandContext,
  type HandView,
  type HandWire,
  type SupervisorSend,
  type SupervisorView,
  type WellbeingView,
} from '../../common/contract/supervisor';
import { ServiceError } from '../ipc/errors';
import type { Logger } from '../log/logger';
import type { AppState } from '../session/state';
import type { Scheduler } from '../time/scheduler';
import type { SupervisorGateway } from './supervisorGateway';
import { customerSideOf, DEFAULT_THRESHOLDS, WellbeingTally } from './wellbeing';

/** The parts of the call context the other capabilities know (all text already redacted). */
export interface CallContextParts {
  caller?: string;
  customerName?: string;
  openCase?: string;
  topSuggestion?: string;
  /** The assist view of the call (customer mood trend and the redacted turns). */
  assist?: AssistCallView;
}

export interface SupervisorServiceDeps {
  state: AppState;
  gateway?: SupervisorGateway;
  /** Sends SIP MESSAGEs through the call engine. */
  send: (command: SupervisorSend) => void;
  emit: (view: SupervisorView) => void;
  callContext: (call: Call) => CallContextParts;
  /** The assist view of a finished call (wellbeing reads its customer side only). */
  assistCall: (callId: string) => AssistCallView | undefined;
  workload: () => { wrapUpBacklog: number; unsyncedNotes: number };
  readiness: () => AgentState['readiness'];
  setAvailability: (choice: AgentAvailability) => void;
  /** Masks personal details in what the agent types (the same redactor as the notes). */
  redact: (text: string) => string;
  scheduler: Scheduler;
  log: Logger;
  options?: Partial<SupervisorTimings>;
}

export interface SupervisorTimings {
  /** Agent state is published at most this often for bursts, and at least every heartbeat. */
  publishDelayMs: number;
  heartbeatMs: number;
  /** Retry of the account lookup and of a dropped board stream. */
  retryMs: number;
  /** Waited after a hang-up for the customer's last words before the call is judged. */
  settleMs: number;
}

const DEFAULT_TIMINGS: SupervisorTimings = { publishDelayMs: 100, heartbeatMs: 30_000, retryMs: 3_000, settleMs: 1_500 };
const RECOVERY_REASONS = new Set(['break', 'lunch', 'recovery']);
/** How long a hand may be missing from the board before it counts as closed (it may still be on its way to the gateway). */
const BOARD_GRACE_MS = 10_000;

interface HandEntry {
  hand: Hand;
  messages: ChatMessage[];
  /** The other side read my messages up to this seq. */
  readByOther: number;
  /** I read the other side's messages up to this seq (or local count when there are no seqs). */
  readByMe: number;
  deliveredLive?: boolean;
}

interface TrackedCall {
  connectedAt?: number;
  holdMs: number;
  heldSince?: number;
  handRaised: boolean;
  finished: boolean;
}

export function sipUserOf(sipUri: string | undefined): string | undefined {
  return sipUri ? /^sips?:([^@;]+)@/.exec(sipUri)?.[1] : undefined;
}

/** Pure: the hand's context from what the capabilities know of the live call. */
export function handContextFrom(parts: CallContextParts, call: Call | undefined, now: number, includeExcerpt: boolean, redact: (text: string) => string): HandContext {
  if (!call) return {};
  const assist = parts.assist;
  const trend = assist?.trend.filter((point) => point.leg === 'customer').map((point) => point.score) ?? [];
  const mood = trend.at(-1);
  const before = trend.at(-4) ?? trend[0];
  const moodTrend = mood === undefined || before === undefined ? undefined : mood - before < -0.1 ? 'falling' : mood - before > 0.1 ? 'rising' : 'steady';
  let excerpt: string | undefined;
  if (includeExcerpt && assist) {
    const lines = assist.turns.slice(-6).map((turn) => `${turn.leg === 'customer' ? 'Customer' : 'Agent'}: ${turn.text}`);
    // Turns are redacted already; the second pass is a guard, and the excerpt keeps the newest lines.
    excerpt = redact(lines.join('\n'));
    if (excerpt.length > HAND_EXCERPT_MAX) excerpt = `…${excerpt.slice(excerpt.length - HAND_EXCERPT_MAX + 1)}`;
  }
  const connectedAt = call.connectedAt;
  return {
    caller: parts.caller ?? call.remoteNumber,
    ...(parts.customerName ? { customerName: parts.customerName } : {}),
    ...(parts.openCase ? { openCase: parts.openCase } : {}),
    ...(parts.topSuggestion ? { topSuggestion: parts.topSuggestion } : {}),
    ...(mood !== undefined ? { mood: Math.max(-1, Math.min(1, mood)) } : {}),
    ...(moodTrend ? { moodTrend } : {}),
    ...(excerpt ? { excerpt } : {}),
    ...(connectedAt ? { callSeconds: Math.max(0, Math.round((now - connectedAt) / 1000)) } : {}),
  };
}

export class SupervisorService {
  private readonly timings: SupervisorTimings;
  private account: GatewayAccount | undefined;
  private readonly hands = new Map<string, HandEntry>();
  private board: Board | undefined;
  private boardLive = false;
  private boardAbort: AbortController | undefined;
  private readonly pendingSends = new Map<string, string>();
  private disposed = false;
  private readonly timers = new Set<() => void>();
  private publishTimer: (() => void) | undefined;
  private lastPresence: Presence | undefined;
  private presenceSince: number;
  private lastShared: AgentState | undefined;
  private readonly tally: WellbeingTally;
  private readonly calls = new Map<string, TrackedCall>();
  private offer: WellbeingView['offer'];
  private breakUntil: number | undefined;
  private lastAvailability: AgentAvailability | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly deps: SupervisorServiceDeps) {
    this.timings = { ...DEFAULT_TIMINGS, ...deps.options };
    this.presenceSince = deps.scheduler.now();
    this.tally = new WellbeingTally(deps.scheduler.now(), DEFAULT_THRESHOLDS);
  }

  private now(): number {
    return this.deps.scheduler.now();
  }

  private me(): string | undefined {
    return sipUserOf(this.deps.state.snapshot().account?.sipUri);
  }

  private later(delayMs: number, fn: () => void): () => void {
    const cancel = this.deps.scheduler.setTimer(delayMs, () => {
      this.timers.delete(cancel);
      if (!this.disposed) fn();
    });
    this.timers.add(cancel);
    return () => {
      this.timers.delete(cancel);
      cancel();
    };
  }

  start(): void {
    this.unsubscribe = this.deps.state.onChange((snapshot) => this.snapshotChanged(snapshot));
    void this.lookUpAccount();
    this.heartbeat();
  }

  /** The account says the role; until it does, nothing supervisor-only happens. Retries until found. */
  private async lookUpAccount(): Promise<void> {
    const me = this.me();
    const gateway = this.deps.gateway;
    if (!gateway || !me || this.disposed) return;
    const answer = await gateway.account(me);
    if (this.disposed) return;
    if (!answer.ok) {
      this.deps.log.warn({ status: answer.status, message: answer.message }, 'supervisor: account lookup failed; retrying');
      if (answer.status !== 404) this.later(this.timings.retryMs, () => void this.lookUpAccount());
      return;
    }
    this.account = answer.value;
    this.tally.useThresholds({ difficultInARowFlagAt: answer.value.policy.difficultInARowFlagAt ?? DEFAULT_THRESHOLDS.difficultInARowFlagAt });
    this.deps.log.info({ role: answer.value.role, team: answer.value.team }, 'supervisor: account role from the gateway');
    if (!gateway.actsAsAccount) {
      // The gateway refuses the person's paths to the shared service credential: live SIP help still works.
      this.deps.log.warn('supervisor: no gateway credential of this account; the board, stored hands and chat copies are off');
    } else if (answer.value.role === 'supervisor') void this.followBoard();
    else {
      this.schedulePublish();
      void this.reloadMyHands();
    }
    this.changed();
  }

  /** An agent's app that restarted gets its own open hands and their threads back from the gateway. */
  private async reloadMyHands(): Promise<void> {
    const answer = await this.deps.gateway?.myHands();
    if (this.disposed || !answer) return;
    if (!answer.ok) return this.deps.log.warn({ status: answer.status, message: answer.message }, 'supervisor: my open requests could not be reloaded');
    for (const hand of answer.value.hands) {
      if (hand.agent !== this.me()) continue;
      const entry = this.hands.get(hand.id);
      if (entry) entry.hand = { ...entry.hand, state: hand.state, ...(hand.takenBy ? { takenBy: hand.takenBy } : {}) };
      else this.hands.set(hand.id, { hand, messages: [], readByOther: 0, readByMe: 0 });
      void this.loadThread(hand.id);
    }
    this.changed();
  }

  private async followBoard(): Promise<void> {
    const gateway = this.deps.gateway;
    const account = this.account;
    if (!gateway || !account || this.disposed) return;
    this.boardAbort = new AbortController();
    try {
      await gateway.followBoard(
        account.team,
        (board) => this.boardArrived(board),
        () => {
          this.boardLive = true;
          this.changed();
        },
        this.boardAbort.signal,
      );
    } catch (error) {
      if (!this.disposed) this.deps.log.warn({ err: error }, 'supervisor: board stream dropped');
    }
    this.boardLive = false;
    if (this.disposed) return;
    this.changed();
    this.later(this.timings.retryMs, () => void this.followBoard());
  }

  /** The board carries the team's open hands too: a restarted app gets its queue back from it. */
  private boardArrived(board: Board): void {
    this.board = board;
    // A hand that left the board was closed elsewhere; a very new one may not be stored yet (it came by SIP first).
    const onBoard = new Set(board.hands.map((hand) => hand.id));
    for (const entry of this.hands.values()) {
      if (!onBoard.has(entry.hand.id) && entry.hand.state !== 'closed' && entry.hand.raisedAt < board.at - BOARD_GRACE_MS) entry.hand = { ...entry.hand, state: 'closed' };
    }
    for (const hand of board.hands) {
      const entry = this.hands.get(hand.id);
      if (entry) entry.hand = { ...entry.hand, state: hand.state, ...(hand.takenBy ? { takenBy: hand.takenBy } : {}) };
      else {
        this.hands.set(hand.id, { hand, messages: [], readByOther: 0, readByMe: 0 });
        void this.loadThread(hand.id);
      }
    }
    this.changed();
  }

  private async loadThread(handId: string): Promise<void> {
    const answer = await this.deps.gateway?.thread(handId);
    const entry = this.hands.get(handId);
    if (!answer?.ok || !entry) return;
    for (const message of answer.value.messages) this.addMessage(entry, message);
    const me = this.me() ?? '';
    entry.readByMe = Math.max(entry.readByMe, answer.value.readUpTo[me] ?? 0);
    entry.readByOther = Math.max(entry.readByOther, ...Object.entries(answer.value.readUpTo).filter(([reader]) => reader !== me).map(([, upTo]) => upTo));
    this.changed();
  }

  // ── Raise hand (agent) ────────────────────────────────────────────────────────────────────────

  private liveCall(): Call | undefined {
    return this.deps.state.snapshot().calls.find((call) => call.state === 'connected' && !call.onHold) ?? this.deps.state.snapshot().calls.find((call) => call.state === 'connected');
  }

  previewHand(includeExcerpt: boolean): HandContext {
    const call = this.liveCall();
    return handContextFrom(call ? this.deps.callContext(call) : {}, call, this.now(), includeExcerpt, this.deps.redact);
  }

  async raiseHand(text: string, includeExcerpt: boolean): Promise<{ handId: string }> {
    const account = this.requireRole('agent');
    const me = this.me()!;
    const call = this.liveCall();
    const hand: Hand = {
      id: randomUUID(),
      agent: me,
      agentName: this.deps.state.snapshot().account?.displayName ?? me,
      team: account.team,
      text: this.deps.redact(text.trim()),
      context: this.previewHand(includeExcerpt),
      raisedAt: this.now(),
      state: 'open',
    };
    if (call) this.trackCall(call).handRaised = true;
    this.hands.set(hand.id, { hand, messages: [], readByOther: 0, readByMe: 0 });
    // Live first (the supervisor's screen), and the gateway keeps it for anyone not registered now.
    this.sendWire(account.supervisors, { type: 'hand', hand }, hand.id);
    const stored = await this.deps.gateway?.raise(hand);
    if (stored && !stored.ok) this.deps.log.warn({ status: stored.status, message: stored.message }, 'supervisor: the gateway did not keep the raised hand');
    this.changed();
    return { handId: hand.id };
  }

  private sendWire(to: readonly string[], wire: HandWire, handId?: string): void {
    const targets = to.filter((user) => user !== this.me());
    if (targets.length === 0) return;
    const sendId = randomUUID();
    if (handId) this.pendingSends.set(sendId, handId);
    this.deps.send({ sendId, to: targets, body: JSON.stringify(wire) });
  }

  /** The engine's report of one send: a hand nobody got live is waiting in the gateway. */
  sent(sendId: string, results: { to: string; delivered: boolean; status?: number }[]): void {
    const handId = this.pendingSends.get(sendId);
    this.pendingSends.delete(sendId);
    const entry = handId ? this.hands.get(handId) : undefined;
    if (!entry) return;
    entry.deliveredLive = results.some((result) => result.delivered);
    this.changed();
  }

  // ── Supervisor actions ────────────────────────────────────────────────────────────────────────

  async acceptHand(handId: string): Promise<void> {
    this.requireRole('supervisor');
    const entry = this.requireHand(handId);
    const answer = await this.deps.gateway?.accept(handId, this.me()!);
    if (!answer) throw new ServiceError('unavailable', 'The gateway is not configured');
    if (!answer.ok) {
      if (answer.status === 409) {
        void this.loadThread(handId);
        throw new ServiceError('conflict', answer.message);
      }
      throw new ServiceError('unavailable', answer.message);
    }
    entry.hand = answer.value;
    this.sendWire([entry.hand.agent, ...(this.account?.supervisors ?? [])], { type: 'taken', handId, by: this.me()! });
    this.changed();
  }

  async closeHand(handId: string): Promise<void> {
    const entry = this.requireHand(handId);
    entry.hand = { ...entry.hand, state: 'closed' };
    this.sendWire(this.otherParties(entry), { type: 'closed', handId });
    await this.deps.gateway?.close(handId);
    this.changed();
  }

  async sendChat(handId: string, text: string): Promise<void> {
    const entry = this.requireHand(handId);
    const me = this.me()!;
    if (this.account?.role === 'supervisor' && entry.hand.takenBy !== me) throw new ServiceError('conflict', 'Accept the request before answering it');
    const message: ChatMessage = { id: randomUUID(), handId, from: me, text: this.deps.redact(text.trim()), at: this.now() };
    // The gateway gives the thread its order; without it the message still goes, in send order.
    const stored = await this.deps.gateway?.chat(message);
    const sent: ChatMessage = stored?.ok ? { ...message, seq: stored.value.seq } : message;
    this.addMessage(entry, sent);
    this.sendWire(this.otherParties(entry), { type: 'chat', message: sent });
    this.changed();
  }

  markRead(handId: string): void {
    const entry = this.requireHand(handId);
    const me = this.me()!;
    const theirs = entry.messages.filter((message) => message.from !== me);
    const upTo = Math.max(0, ...theirs.map((message) => message.seq ?? 0));
    if (theirs.length === 0 || upTo <= entry.readByMe) {
      entry.readByMe = Math.max(entry.readByMe, upTo);
      return this.changed();
    }
    entry.readByMe = upTo;
    const receipt = { handId, reader: me, upTo };
    this.sendWire(this.otherParties(entry), { type: 'read', receipt });
    void this.deps.gateway?.read(receipt);
    this.changed();
  }

  private otherParties(entry: HandEntry): string[] {
    const me = this.me();
    if (me === entry.hand.agent) return entry.hand.takenBy ? [entry.hand.takenBy] : [...(this.account?.supervisors ?? [])];
    return [entry.hand.agent];
  }

  private addMessage(entry: HandEntry, message: ChatMessage): boolean {
    const existing = entry.messages.findIndex((known) => known.id === message.id);
    if (existing >= 0) {
      if (message.seq && !entry.messages[existing]!.seq) entry.messages[existing] = message;
      return false;
    }
    entry.messages.push(message);
    // Gateway order where known; messages without a seq keep their arrival place.
    entry.messages.sort((a, b) => (a.seq ?? Number.MAX_SAFE_INTEGER) - (b.seq ?? Number.MAX_SAFE_INTEGER) || a.at - b.at);
    return true;
  }

  // ── SIP MESSAGE in ────────────────────────────────────────────────────────────────────────────

  /** A MESSAGE from `from` (the identity the SIP server asserted). Anything that does not add up is dropped. */
  received(from: string, body: string): void {
    let wire: HandWire;
    try {
      const parsed = HandWireSchema.safeParse(JSON.parse(body));
      if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => issue.message).join('; '));
      wire = parsed.data;
    } catch (error) {
      this.deps.log.warn({ from, err: error }, 'supervisor: a MESSAGE off the contract was dropped');
      return;
    }
    const account = this.account;
    if (!account) return;
    switch (wire.type) {
      case 'hand':
        if (account.role !== 'supervisor' || wire.hand.agent !== from || wire.hand.team !== account.team) return this.refused(from, wire.type);
        if (!this.hands.has(wire.hand.id)) this.hands.set(wire.hand.id, { hand: wire.hand, messages: [], readByOther: 0, readByMe: 0 });
        break;
      case 'taken': {
        const entry = this.hands.get(wire.handId);
        if (!entry || wire.by !== from || !account.supervisors.includes(from)) return this.refused(from, wire.type);
        entry.hand = { ...entry.hand, state: 'taken', takenBy: from };
        break;
      }
      case 'closed': {
        const entry = this.hands.get(wire.handId);
        if (!entry || !this.isParty(entry, from)) return this.refused(from, wire.type);
        entry.hand = { ...entry.hand, state: 'closed' };
        break;
      }
      case 'chat': {
        const entry = this.hands.get(wire.message.handId);
        if (!entry || wire.message.from !== from || !this.isParty(entry, from)) return this.refused(from, wire.type);
        this.addMessage(entry, wire.message);
        break;
      }
      case 'read': {
        const entry = this.hands.get(wire.receipt.handId);
        if (!entry || wire.receipt.reader !== from || !this.isParty(entry, from)) return this.refused(from, wire.type);
        entry.readByOther = Math.max(entry.readByOther, wire.receipt.upTo);
        break;
      }
    }
    this.changed();
  }

  private isParty(entry: HandEntry, user: string): boolean {
    return user === entry.hand.agent || user === entry.hand.takenBy || (!entry.hand.takenBy && (this.account?.supervisors.includes(user) ?? false));
  }

  private refused(from: string, type: string): void {
    this.deps.log.warn({ from, type }, 'supervisor: a MESSAGE from someone not party to it was dropped');
  }

  // ── Agent state for the board, and wellbeing ──────────────────────────────────────────────────

  private snapshotChanged(snapshot: Snapshot): void {
    if (snapshot.presence !== this.lastPresence) {
      this.lastPresence = snapshot.presence;
      this.presenceSince = this.now();
    }
    const availability = snapshot.availability;
    if (availability.kind === 'notReady' && RECOVERY_REASONS.has(availability.reason) && !(this.lastAvailability?.kind === 'notReady' && this.lastAvailability.reason === availability.reason)) {
      this.tally.breakStarted(this.now());
      this.offer = undefined;
    }
    if (this.breakUntil !== undefined && !(availability.kind === 'notReady' && availability.reason === 'recovery')) this.breakUntil = undefined;
    this.lastAvailability = availability;
    for (const call of snapshot.calls) this.watchCall(call);
    // An ended call stays in the session a while; it is forgotten here only once it has left it.
    for (const [callId, tracked] of this.calls) if (tracked.finished && !snapshot.calls.some((call) => call.id === callId)) this.calls.delete(callId);
    this.schedulePublish();
  }

  private trackCall(call: Call): TrackedCall {
    let tracked = this.calls.get(call.id);
    if (!tracked) this.calls.set(call.id, (tracked = { holdMs: 0, handRaised: false, finished: false }));
    return tracked;
  }

  private watchCall(call: Call): void {
    const tracked = this.trackCall(call);
    if (call.connectedAt) tracked.connectedAt = call.connectedAt;
    if (call.onHold && tracked.heldSince === undefined) tracked.heldSince = call.heldSince ?? this.now();
    if ((!call.onHold || call.state === 'ended') && tracked.heldSince !== undefined) {
      tracked.holdMs += Math.max(0, (call.endedAt ?? this.now()) - tracked.heldSince);
      tracked.heldSince = undefined;
    }
    if (call.state !== 'ended' || tracked.finished) return;
    tracked.finished = true;
    if (!tracked.connectedAt) return;
    const endedAt = call.endedAt ?? this.now();
    // The customer's last words arrive after the hang-up; judge the call once they are in.
    this.later(this.timings.settleMs, () => this.callFinished(call.id, tracked, endedAt));
  }

  private callFinished(callId: string, tracked: TrackedCall, endedAt: number): void {
    const reasons = this.tally.callFinished({
      connectedAt: tracked.connectedAt!,
      endedAt,
      holdMs: tracked.holdMs,
      ...customerSideOf(this.deps.assistCall(callId)),
      supervisorRequest: tracked.handRaised,
    });
    if (reasons.length > 0) {
      this.deps.log.info({ callId, reasons }, 'wellbeing: a difficult call; offering a recovery break');
      this.offer = { minutes: this.recoveryMinutes(), why: 'difficultCall' };
    }
    this.schedulePublish();
    this.changed();
  }

  private recoveryMinutes(): number {
    return this.account?.policy.recoveryBreakMinutes ?? 3;
  }

  needMinute(): void {
    this.tally.askedForMinute(this.now());
    this.offer = { minutes: this.recoveryMinutes(), why: 'asked' };
    this.schedulePublish();
    this.changed();
  }

  /** The agent chose the break: Not Ready (recovery) for the policy's length, then Available again. */
  takeRecoveryBreak(): void {
    const minutes = this.offer?.minutes ?? this.recoveryMinutes();
    this.deps.setAvailability({ kind: 'notReady', reason: 'recovery' });
    this.breakUntil = this.now() + minutes * 60_000;
    this.offer = undefined;
    const until = this.breakUntil;
    this.later(minutes * 60_000, () => {
      const availability = this.deps.state.snapshot().availability;
      if (this.breakUntil === until && availability.kind === 'notReady' && availability.reason === 'recovery') {
        this.breakUntil = undefined;
        this.deps.setAvailability({ kind: 'available' });
      }
    });
    this.changed();
  }

  dismissOffer(): void {
    this.offer = undefined;
    this.changed();
  }

  private shareFlags(): boolean {
    return this.account?.role === 'agent' && this.account.policy.shareWellbeingFlags;
  }

  /** Exactly what the board gets from this laptop: no customer, no transcript, flags only if shared. */
  private agentState(): AgentState | undefined {
    const me = this.me();
    if (!me || this.account?.role !== 'agent') return undefined;
    const snapshot = this.deps.state.snapshot();
    const workload = this.deps.workload();
    const live = snapshot.calls.find((call) => call.state === 'connected');
    return {
      agent: me,
      displayName: snapshot.account?.displayName ?? me,
      presence: snapshot.presence,
      ...(snapshot.availability.kind === 'notReady' ? { reason: snapshot.availability.reason } : {}),
      since: this.presenceSince,
      ...(live?.connectedAt ? { callSince: live.connectedAt } : {}),
      wrapUpBacklog: workload.wrapUpBacklog,
      unsyncedNotes: workload.unsyncedNotes,
      readiness: this.deps.readiness(),
      flags: this.shareFlags() ? this.tally.flags(this.now(), workload.wrapUpBacklog) : [],
      publishedAt: this.now(),
    };
  }

  private schedulePublish(): void {
    if (this.publishTimer || this.account?.role !== 'agent') return;
    this.publishTimer = this.later(this.timings.publishDelayMs, () => {
      this.publishTimer = undefined;
      void this.publish();
    });
  }

  private heartbeat(): void {
    this.later(this.timings.heartbeatMs, () => {
      this.schedulePublish();
      this.heartbeat();
    });
  }

  private async publish(): Promise<void> {
    const state = this.agentState();
    if (!state || !this.deps.gateway?.actsAsAccount) return;
    this.lastShared = state;
    const answer = await this.deps.gateway.publishState(state);
    if (!answer.ok) this.deps.log.warn({ status: answer.status, message: answer.message }, 'supervisor: publishing the agent state failed');
    this.changed();
  }

  // ── View ──────────────────────────────────────────────────────────────────────────────────────

  private requireRole(role: 'agent' | 'supervisor'): GatewayAccount {
    if (!this.account) throw new ServiceError('unavailable', 'Your account’s role is not known yet (the gateway has not answered)');
    if (this.account.role !== role) throw new ServiceError('forbidden', `Only ${role === 'agent' ? 'an agent' : 'a supervisor'} can do this`);
    return this.account;
  }

  private requireHand(handId: string): HandEntry {
    const entry = this.hands.get(handId);
    if (!entry) throw new ServiceError('notFound', 'No such request for help');
    return entry;
  }

  private handView(entry: HandEntry): HandView {
    const me = this.me();
    const messages = entry.messages.map((message) => ({ ...message, mine: message.from === me, readByOther: message.from === me && (message.seq ?? Infinity) <= entry.readByOther }));
    const unread = entry.messages.filter((message) => message.from !== me && (message.seq ?? Infinity) > entry.readByMe).length;
    return { ...entry.hand, messages, unread, ...(entry.deliveredLive === undefined ? {} : { deliveredLive: entry.deliveredLive }) };
  }

  view(): SupervisorView {
    const account = this.account;
    const order = { open: 0, taken: 1, closed: 2 } as const;
    const hands = [...this.hands.values()]
      .filter((entry) => account?.role === 'supervisor' || entry.hand.agent === this.me())
      .sort((a, b) => order[a.hand.state] - order[b.hand.state] || a.hand.raisedAt - b.hand.raisedAt)
      .slice(0, 200)
      .map((entry) => this.handView(entry));
    const workload = this.deps.workload();
    return {
      role: account?.role ?? 'unknown',
      ...(this.me() ? { me: this.me() } : {}),
      ...(account ? { team: account.team } : {}),
      supervisors: account?.supervisors ?? [],
      hands,
      ...(account?.role === 'supervisor' && this.board ? { board: this.board } : {}),
      boardLive: this.boardLive,
      wellbeing: {
        flags: account?.role === 'agent' ? this.tally.flags(this.now(), workload.wrapUpBacklog) : [],
        shared: this.shareFlags(),
        ...(this.offer ? { offer: this.offer } : {}),
        ...(this.breakUntil ? { breakUntil: this.breakUntil } : {}),
        difficultInARow: this.tally.difficultInARow(),
        lastBreakAt: this.tally.lastBreak(),
      },
      ...(this.lastShared ? { sharedState: this.lastShared } : {}),
      now: this.now(),
    };
  }

  private changed(): void {
    if (!this.disposed) this.deps.emit(this.view());
  }

  dispose(): void {
    this.disposed = true;
    this.unsubscribe?.();
    this.boardAbort?.abort();
    for (const cancel of [...this.timers]) cancel();
  }
}
