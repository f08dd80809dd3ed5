// The agent's share of the gateway's callback queue: while the agent is Ready it asks the gateway for a
// callback of its skills (backing off while there is none), previews the one assigned, dials it only
// after the gateway said this agent may (so two agents never call the same customer), and hands the
// outcome to the outbox, which delivers it whenever the gateway is there.
import { randomUUID } from 'node:crypto';
import type { CallbackOutcomeCode, CallbackOutcomeRecord, QueuedCallback } from '../../common/contract/callbackQueue';
import type { CallbackNotice, CallbackPreview, CallbacksView, CallbackStage } from '../../common/contract/callbacks';
import { ServiceError } from '../ipc/errors';
import type { Logger } from '../log/logger';
import type { OutboxPort } from '../outbox/module';
import type { CancelTimer, Scheduler } from '../time/scheduler';

/** What a gateway request came to, as far as this service cares. */
export type QueueAnswer = 'ok' | 'taken' | 'unreachable';

/** The gateway's callback queue (common/contract/callbackQueue.ts). */
export interface CallbackQueuePort {
  /** The agent's current assignment or a new one; null when there is none; undefined when the gateway did not answer usefully. */
  claim(agent: string, skills: readonly string[]): Promise<QueuedCallback | null | undefined>;
  dial(id: string, agent: string): Promise<QueueAnswer>;
  later(id: string, agent: string, reason: string): Promise<QueueAnswer>;
}

/** Who the agent is and whether they are free for a callback. */
export interface CallbackAgentPort {
  /** The agent's id at the gateway (their SIP user); undefined without an account. */
  agent(): string | undefined;
  /** Ready: available, registered, no call, not in wrap-up. */
  isFree(): boolean;
  /** A call in progress (then no callback is dialled). */
  onCall(): boolean;
  onChange(listener: () => void): () => void;
}

/** The existing outbound call path. */
export interface CallbackCallsPort {
  /** Places the call (throws a ServiceError when it cannot). */
  dial(number: string): { callId: string };
  onCallEnded(listener: (callId: string) => void): () => void;
}

export interface CallbackPolicy {
  /** Skills this agent takes callbacks for; empty: none. */
  skills: readonly string[];
  /** Seconds of preview before an automatic dial; 0: never. */
  autoDialSeconds: number;
}

export interface CallbackServiceDeps {
  queue: CallbackQueuePort | undefined;
  agent: CallbackAgentPort;
  calls: CallbackCallsPort;
  outbox: OutboxPort;
  clock: Scheduler;
  policy: () => CallbackPolicy;
  /** Sensitive data out of the agent's note before it is stored or sent. */
  redact: (text: string) => string;
  log: Logger;
  /** First wait between claims while nothing comes, doubling up to maxPollMs. */
  pollMs?: number;
  maxPollMs?: number;
}

export const DEFAULT_POLL_MS = 3_000;
export const DEFAULT_MAX_POLL_MS = 30_000;

export function previewOf(callback: QueuedCallback): CallbackPreview {
  return {
    id: callback.id,
    source: callback.source,
    skill: callback.skill,
    customerName: callback.customer.name,
    customerNumber: callback.customer.number,
    reason: callback.reason,
    lastContact: callback.lastContact,
    windowStart: Date.parse(callback.windowStart),
    windowEnd: Date.parse(callback.windowEnd),
  };
}

export class CallbackService {
  private stage: Exclude<CallbackStage, 'off'> = 'waiting';
  private current: QueuedCallback | undefined;
  private callId: string | undefined;
  private notice: CallbackNotice | undefined;
  private autoDialAt: number | undefined;
  private cancelAutoDial: CancelTimer | undefined;
  private cancelPoll: CancelTimer | undefined;
  private claiming = false;
  /** A gateway request for the current callback is in flight (a second click waits for it). */
  private acting = false;
  private pollDelayMs: number;
  private wasFree = false;
  private wasEnabled = false;
  private started = false;
  private disposed = false;
  /** Outcomes handed to the outbox: until the gateway has them it still lists the callback as ours. */
  private readonly recorded = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private readonly unsubscribers: (() => void)[] = [];

  constructor(private readonly deps: CallbackServiceDeps) {
    this.pollDelayMs = deps.pollMs ?? DEFAULT_POLL_MS;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.unsubscribers.push(this.deps.agent.onChange(() => this.review()));
    this.unsubscribers.push(this.deps.calls.onCallEnded((callId) => this.callEnded(callId)));
    this.review();
  }

  dispose(): void {
    this.disposed = true;
    this.stopPolling();
    this.stopAutoDial();
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    this.listeners.clear();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  view(): CallbacksView {
    const now = this.deps.clock.now();
    if (!this.enabled() && this.stage === 'waiting') return { stage: 'off', now };
    return {
      stage: this.stage,
      callback: this.current && previewOf(this.current),
      autoDialAt: this.autoDialAt,
      callId: this.callId,
      notice: this.notice,
      now,
    };
  }

  async callNow(id: string): Promise<void> {
    const callback = this.requireCurrent(id, 'preview');
    if (this.deps.agent.onCall()) throw new ServiceError('conflict', 'Finish the current call before calling back');
    if (this.acting) return;
    this.acting = true;
    this.stopAutoDial();
    this.notice = undefined;
    try {
      const agent = this.deps.agent.agent()!;
      const answer = await this.deps.queue!.dial(callback.id, agent);
      if (this.current?.id !== callback.id) return;
      if (answer === 'taken') return this.lost('taken');
      if (answer === 'unreachable') {
        this.notice = 'gatewayDown';
        return;
      }
      try {
        this.callId = this.deps.calls.dial(callback.customer.number).callId;
        this.stage = 'calling';
        this.deps.log.info({ callbackId: callback.id, callId: this.callId }, 'calling back a queued callback');
      } catch (error) {
        // The gateway has it as dialled by us: the agent records what happened (usually no answer).
        this.deps.log.warn({ err: error, callbackId: callback.id }, 'could not place the callback call');
        this.stage = 'outcome';
        this.notice = 'dialFailed';
      }
    } finally {
      this.acting = false;
      this.changed();
    }
  }

  stopAutoDial(id?: string): void {
    if (id !== undefined) this.requireCurrent(id, 'preview');
    this.cancelAutoDial?.();
    this.cancelAutoDial = undefined;
    if (this.autoDialAt !== undefined) {
      this.autoDialAt = undefined;
      this.changed();
    }
  }

  async later(id: string, reason: string): Promise<void> {
    const callback = this.requireCurrent(id, 'preview');
    const why = reason.trim();
    if (!why) throw new ServiceError('invalidPayload', 'Say why the callback has to wait');
    if (this.acting) return;
    this.acting = true;
    this.stopAutoDial();
    this.notice = undefined;
    try {
      const answer = await this.deps.queue!.later(callback.id, this.deps.agent.agent()!, this.deps.redact(why));
      if (this.current?.id !== callback.id) return;
      if (answer === 'unreachable') {
        this.notice = 'gatewayDown';
        return;
      }
      // 'taken': it is no longer ours anyway (the assignment timed out); the agent is told.
      this.lost(answer === 'taken' ? 'taken' : undefined);
    } finally {
      this.acting = false;
      this.changed();
    }
  }

  /** Hands the outcome to the outbox (delivered whenever the gateway is there) and frees the agent for the next one. */
  recordOutcome(id: string, outcome: CallbackOutcomeCode, note?: string): void {
    const callback = this.requireCurrent(id, 'outcome');
    const text = note?.trim();
    const record: CallbackOutcomeRecord = {
      callbackId: callback.id,
      agent: this.deps.agent.agent()!,
      outcome,
      note: text ? this.deps.redact(text) : undefined,
      at: new Date(this.deps.clock.now()).toISOString(),
      customerNumber: callback.customer.number,
    };
    this.deps.outbox.enqueue({ id: randomUUID(), kind: 'callbackOutcome', payload: JSON.stringify(record), about: { number: callback.customer.number } });
    this.recorded.add(callback.id);
    this.deps.log.info({ callbackId: callback.id, outcome }, 'callback outcome queued for the gateway');
    this.clear();
    this.notice = undefined;
    this.changed();
    this.review();
  }

  private requireCurrent(id: string, stage: CallbackStage): QueuedCallback {
    if (!this.current || this.current.id !== id || this.stage !== stage) throw new ServiceError('conflict', 'That callback is no longer on your screen');
    return this.current;
  }

  private enabled(): boolean {
    return this.deps.queue !== undefined && this.deps.agent.agent() !== undefined && this.deps.policy().skills.length > 0;
  }

  /** Starts or stops asking the gateway as the agent's state changes. */
  private review(): void {
    if (this.disposed) return;
    const free = this.deps.agent.isFree();
    const becameFree = free && !this.wasFree;
    this.wasFree = free;
    if (!free && this.autoDialAt !== undefined) this.stopAutoDial();
    const enabled = this.enabled();
    if (enabled !== this.wasEnabled) {
      this.wasEnabled = enabled;
      this.changed();
    }
    if (this.stage !== 'waiting' || !free || !enabled) {
      this.stopPolling();
      return;
    }
    if (becameFree) {
      // Just Ready (or back from a call): ask at once, and quickly again.
      this.pollDelayMs = this.deps.pollMs ?? DEFAULT_POLL_MS;
      this.stopPolling();
    }
    if (!this.cancelPoll && !this.claiming) void this.claim();
  }

  private stopPolling(): void {
    this.cancelPoll?.();
    this.cancelPoll = undefined;
  }

  private schedulePoll(): void {
    this.stopPolling();
    const delay = this.pollDelayMs;
    this.pollDelayMs = Math.min(delay * 2, this.deps.maxPollMs ?? DEFAULT_MAX_POLL_MS);
    this.cancelPoll = this.deps.clock.setTimer(delay, () => {
      this.cancelPoll = undefined;
      this.review();
    });
  }

  private async claim(): Promise<void> {
    const agent = this.deps.agent.agent()!;
    this.claiming = true;
    let callback: QueuedCallback | null | undefined;
    try {
      callback = await this.deps.queue!.claim(agent, this.deps.policy().skills);
    } catch (error) {
      this.deps.log.warn({ err: error }, 'could not ask the gateway for a callback');
    } finally {
      this.claiming = false;
    }
    if (this.disposed || this.stage !== 'waiting') return;
    if (!callback || this.recorded.has(callback.id)) {
      if (this.deps.agent.isFree() && this.enabled()) this.schedulePoll();
      return;
    }
    this.current = callback;
    this.notice = undefined;
    if (callback.state === 'dialing') {
      // Dialled before a restart: the call is gone, its outcome is still owed.
      this.stage = 'outcome';
    } else {
      this.stage = 'preview';
      const seconds = this.deps.policy().autoDialSeconds;
      if (seconds > 0 && this.deps.agent.isFree()) {
        this.autoDialAt = this.deps.clock.now() + seconds * 1000;
        this.cancelAutoDial = this.deps.clock.setTimer(seconds * 1000, () => {
          this.cancelAutoDial = undefined;
          this.autoDialAt = undefined;
          this.callNow(callback.id).catch((error: unknown) => this.deps.log.warn({ err: error, callbackId: callback.id }, 'automatic callback dial refused'));
        });
      }
    }
    this.deps.log.info({ callbackId: callback.id, skill: callback.skill, state: callback.state }, 'callback assigned');
    this.changed();
  }

  private callEnded(callId: string): void {
    if (this.stage !== 'calling' || callId !== this.callId) return;
    this.stage = 'outcome';
    this.callId = undefined;
    this.changed();
  }

  /** The callback is no longer ours (another agent has it, or it was put off). */
  private lost(notice: CallbackNotice | undefined): void {
    this.clear();
    this.notice = notice;
    this.review();
  }

  private clear(): void {
    this.stopAutoDial();
    this.current = undefined;
    this.callId = undefined;
    this.stage = 'waiting';
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
