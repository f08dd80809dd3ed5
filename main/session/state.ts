// The single source of truth main keeps about the agent's session. Services change it through
// methods; every change schedules one snapshot push to the UI, and a call's changes are also told as
// typed lifecycle events (callEvents.ts), which is what capabilities act on.
import { randomUUID } from 'node:crypto';
import type { AccountSummary, AgentAvailability, Call, EngineStatus, Notice, Registration, Snapshot } from '../../common/contract/model';
import { callTransitions, type CallEvent } from './callEvents';
import { derivePresence } from './presence';

const MAX_NOTICES = 20;
const MAX_ENDED_CALLS_SHOWN = 5;

export type Clock = () => number;

export class AppState {
  private version = 0;
  private registration: Registration = { state: 'unconfigured' };
  private availability: AgentAvailability = { kind: 'available' };
  private engine: EngineStatus = 'starting';
  private account: AccountSummary | undefined;
  private readonly calls = new Map<string, Call>();
  private notices: Notice[] = [];
  private wrapUpUntil: number | undefined;
  private readonly listeners = new Set<(snapshot: Snapshot) => void>();
  private readonly callListeners = new Set<(event: CallEvent) => void>();
  private events: CallEvent[] = [];
  private pending = false;

  constructor(private readonly now: Clock = Date.now) {}

  onChange(listener: (snapshot: Snapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The calls' lifecycle events, told after the change that caused them (with the next snapshot push). */
  onCallEvent(listener: (event: CallEvent) => void): () => void {
    this.callListeners.add(listener);
    return () => this.callListeners.delete(listener);
  }

  snapshot(): Snapshot {
    const calls = [...this.calls.values()];
    const inWrapUp = this.inWrapUp();
    return {
      version: this.version,
      presence: derivePresence({ registration: this.registration, availability: this.availability, engine: this.engine, calls, inWrapUp }),
      registration: this.registration,
      availability: this.availability,
      engine: this.engine,
      account: this.account,
      calls,
      notices: this.notices,
      wrapUpUntil: inWrapUp ? this.wrapUpUntil : undefined,
      now: this.now(),
    };
  }

  getRegistration(): Registration {
    return this.registration;
  }
  getAvailability(): AgentAvailability {
    return this.availability;
  }
  getEngine(): EngineStatus {
    return this.engine;
  }
  getCall(id: string): Call | undefined {
    return this.calls.get(id);
  }
  liveCalls(): Call[] {
    return [...this.calls.values()].filter((call) => call.state !== 'ended');
  }
  inWrapUp(): boolean {
    return this.wrapUpUntil !== undefined && this.wrapUpUntil > this.now();
  }
  getWrapUpUntil(): number | undefined {
    return this.wrapUpUntil;
  }

  setRegistration(registration: Registration): void {
    this.registration = registration;
    this.changed();
  }
  setAvailability(availability: AgentAvailability): void {
    this.availability = availability;
    this.changed();
  }
  setEngine(engine: EngineStatus): void {
    this.engine = engine;
    this.changed();
  }
  setAccount(account: AccountSummary | undefined): void {
    this.account = account;
    this.changed();
  }
  setWrapUpUntil(until: number | undefined): void {
    if (until === undefined && this.wrapUpUntil !== undefined) this.events.push({ type: 'wrapUpDone' });
    this.wrapUpUntil = until;
    this.changed();
  }

  upsertCall(call: Call): void {
    this.events.push(...callTransitions(this.calls.get(call.id), call));
    this.calls.set(call.id, call);
    this.pruneEndedCalls();
    this.changed();
  }

  /**
   * A notice raised again while the agent still has it (an engine that keeps restarting, a flapping
   * network) becomes one notice with a count and the latest time: a growing stack of the same words
   * would push the work area off a laptop screen.
   */
  notify(level: Notice['level'], key: string, values?: Notice['values']): Notice {
    const same = this.notices.find((notice) => notice.level === level && notice.key === key && sameValues(notice.values, values));
    const count = same ? (same.count ?? 1) + 1 : undefined;
    const notice: Notice = { id: same?.id ?? randomUUID(), level, key, values, at: this.now(), ...(count ? { count } : {}) };
    this.notices = [...this.notices.filter((existing) => existing !== same), notice].slice(-MAX_NOTICES);
    this.changed();
    return notice;
  }

  dismissNotice(id: string): boolean {
    const before = this.notices.length;
    this.notices = this.notices.filter((notice) => notice.id !== id);
    if (this.notices.length === before) return false;
    this.changed();
    return true;
  }

  private pruneEndedCalls(): void {
    const ended = [...this.calls.values()].filter((call) => call.state === 'ended');
    for (const call of ended.slice(0, Math.max(0, ended.length - MAX_ENDED_CALLS_SHOWN))) {
      this.calls.delete(call.id);
      this.events.push({ type: 'forgotten', callId: call.id });
    }
  }

  private changed(): void {
    this.version += 1;
    if (this.pending) return;
    this.pending = true;
    // Coalesce bursts (an engine report often changes several fields) into one push.
    queueMicrotask(() => {
      this.pending = false;
      const events = this.events;
      this.events = [];
      for (const event of events) for (const listener of [...this.callListeners]) listener(event);
      const snapshot = this.snapshot();
      for (const listener of [...this.listeners]) listener(snapshot);
    });
  }
}

function sameValues(a: Notice['values'], b: Notice['values']): boolean {
  const left = Object.entries(a ?? {});
  const right = b ?? {};
  return left.length === Object.keys(right).length && left.every(([name, value]) => right[name] === value);
}
