// Delivers the outbox to the gateway. Each customer's records go one at a time, oldest first; up to
// `concurrency` customers are served at once. A record is marked sent only after a 2xx; retryable
// failures back off (full jitter, Retry-After); a record the gateway refuses (4xx) is parked for the
// agent and the customer's later records carry on. When the gateway comes back after failures,
// everything waiting out a backoff is retried at once.
// Delays run on elapsed (monotonic) time so wall-clock jumps neither stall nor park records; the stored
// wall-clock schedule is what a restart (or another process) goes by, capped at the longest delay we set.
import { GATEWAY_PATH_BY_KIND } from '../../common/contract/gateway';
import type { GatewayStatus } from '../../common/contract/wrapup';
import type { Logger } from '../log/logger';
import { monotonicOf, type CancelTimer, type Scheduler } from '../time/scheduler';
import type { OutboxRecord, OutboxRepository } from './outboxRepository';
import type { AttemptOutcome, GatewayClient } from '../gateway/gatewayClient';
import { decide, DEFAULT_RETRY_POLICY, type RetryPolicy } from './retryPolicy';

export interface SyncWorkerOptions {
  repo: OutboxRepository;
  /** Undefined when no gateway is configured: records stay queued, safely, until one is. */
  client: GatewayClient | undefined;
  scheduler: Scheduler;
  log: Logger;
  random?: () => number;
  policy?: Partial<RetryPolicy>;
  /** Customers served at once (each customer's own records are always sent one by one). */
  concurrency?: number;
  /** How often to look for records written by someone else (another process, a restore). */
  pollIntervalMs?: number;
  /**
   * While the gateway is unreachable, how often to ask GET /healthz whether it is back, so records in a
   * long backoff are sent soon after it returns rather than when their backoff ends.
   */
  probeIntervalMs?: number;
}

/** Customers served at once: enough to fill a gateway that group-commits, few enough to be polite. */
const DEFAULT_CONCURRENCY = 8;

export class SyncWorker {
  private readonly repo: OutboxRepository;
  private readonly scheduler: Scheduler;
  private readonly log: Logger;
  private readonly random: () => number;
  private readonly policy: RetryPolicy;
  private readonly concurrency: number;
  private readonly pollIntervalMs: number;
  private readonly probeIntervalMs: number;

  private running = false;
  private stopWatchingConnection: (() => void) | undefined;
  /** Customers with a delivery chain running or waiting for a slot. */
  private readonly busy = new Set<string>();
  private readonly waiting: string[] = [];
  private active = 0;
  private probing = false;
  private readonly sending = new Set<string>();
  private scanQueued = false;
  /** Monotonic ms at which the armed wake timer fires. */
  private wakeAt: number | undefined;
  private readonly monotonic: () => number;
  /** Retries this process scheduled: the wall time it stored, and when it is due in elapsed time. */
  private readonly ownSchedule = new Map<string, { storedAt: number; dueAt: number }>();
  /** When this process first tried each record (elapsed time) and how old the wall clock said it was then. */
  private readonly firstSeen = new Map<string, { at: number; wallAge: number }>();
  private cancelWake: CancelTimer | undefined;
  private cancelPoll: CancelTimer | undefined;
  private cancelProbe: CancelTimer | undefined;
  private abort = new AbortController();
  private readonly listeners = new Set<() => void>();
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: SyncWorkerOptions) {
    this.repo = options.repo;
    this.scheduler = options.scheduler;
    this.log = options.log;
    this.random = options.random ?? Math.random;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
    this.concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
    this.pollIntervalMs = options.pollIntervalMs ?? 30_000;
    this.probeIntervalMs = options.probeIntervalMs ?? 15_000;
    this.monotonic = monotonicOf(options.scheduler);
  }

  /** Milliseconds until the record may be tried (≤ 0: now). */
  private waitMs(record: OutboxRecord): number {
    const own = this.ownSchedule.get(record.id);
    if (own && own.storedAt === record.nextAttemptAt) return own.dueAt - this.monotonic();
    // Scheduled before this process started, or reset by "retry now": the wall clock, but never further
    // away than the longest delay ever set, so a clock set back cannot stall the queue.
    return Math.min(record.nextAttemptAt - this.scheduler.now(), Math.max(this.policy.capMs, this.policy.maxRetryAfterMs));
  }

  /** How long the record has been waiting: the wall clock when first seen, elapsed time since. */
  private ageMs(record: OutboxRecord): number {
    let seen = this.firstSeen.get(record.id);
    if (!seen) {
      seen = { at: this.monotonic(), wallAge: Math.max(0, this.scheduler.now() - record.createdAt) };
      this.firstSeen.set(record.id, seen);
    }
    return seen.wallAge + (this.monotonic() - seen.at);
  }

  private forget(record: OutboxRecord): void {
    this.ownSchedule.delete(record.id);
    this.firstSeen.delete(record.id);
  }

  start(): void {
    if (this.running || !this.options.client) return;
    this.running = true;
    this.abort = new AbortController();
    this.stopWatchingConnection = this.options.client.onConnectionChange((status, previous) => this.connectionChanged(status, previous));
    // A fresh start (relaunch, new network): what was backing off in the last session goes now.
    this.repo.retryBackedOffNow();
    this.schedulePoll();
    this.scan();
    // Nothing to send and nobody has asked the gateway yet: ask it now, so the agent sees the real state at once.
    if (this.options.client.connection() === 'unknown' && this.repo.counts().pending === 0) this.probe();
  }

  /** Stops sending; a request in flight is abandoned and its record stays pending (resent with the same key later). */
  async stop(): Promise<void> {
    this.running = false;
    this.stopWatchingConnection?.();
    this.stopWatchingConnection = undefined;
    this.cancelWake?.();
    this.cancelPoll?.();
    this.cancelProbe?.();
    this.cancelWake = this.cancelPoll = this.cancelProbe = this.wakeAt = undefined;
    for (const customer of this.waiting.splice(0)) this.busy.delete(customer);
    this.abort.abort();
    await this.whenIdle();
  }

  /** New records were queued in this process. */
  notify(): void {
    this.requestScan();
  }

  /** The agent pressed "Retry now" (one record, or all). */
  retryNow(id?: string): number {
    const touched = this.repo.retryNow(id);
    this.requestScan();
    this.changed();
    return touched;
  }

  /** The connection as any feature's last request to the gateway found it. */
  gatewayStatus(): GatewayStatus {
    return this.options.client?.connection() ?? 'unconfigured';
  }

  isSending(id: string): boolean {
    return this.sending.has(id);
  }

  sendingCount(): number {
    return this.sending.size;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once nothing is being sent or about to be (tests and shutdown). */
  whenIdle(): Promise<void> {
    if (this.idle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private idle(): boolean {
    return this.active === 0 && this.waiting.length === 0 && !this.scanQueued && !this.probing;
  }

  private settle(): void {
    if (!this.idle()) return;
    this.repo.syncSettled();
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private changed(): void {
    for (const listener of this.listeners) {
      try {
        listener();
      } catch (error) {
        this.log.warn({ err: error }, 'outbox change listener failed');
      }
    }
  }

  private connectionChanged(status: GatewayStatus, previous: GatewayStatus): void {
    // Back from no answer or refused credentials: everything can go now. Back from "busy" it cannot:
    // those records wait out what the gateway asked for (Retry-After).
    const wasDown = previous === 'unreachable' || previous === 'refused';
    this.log.info({ from: previous, to: status }, 'gateway status');
    if (status === 'unreachable') this.scheduleProbe();
    if (status === 'connected' && wasDown) {
      // It is back: nothing should sit out the rest of a long backoff.
      const touched = this.repo.retryBackedOffNow();
      if (touched > 0) this.log.info({ records: touched }, 'gateway reachable again; retrying everything now');
      this.requestScan();
    }
    this.changed();
  }

  private requestScan(): void {
    if (!this.running || this.scanQueued) return;
    this.scanQueued = true;
    queueMicrotask(() => {
      this.scanQueued = false;
      this.scan();
    });
  }

  private schedulePoll(): void {
    this.cancelPoll = this.scheduler.setTimer(this.pollIntervalMs, () => {
      if (!this.running) return;
      this.scan();
      this.schedulePoll();
    });
  }

  private scheduleProbe(): void {
    if (!this.running || this.cancelProbe) return;
    this.cancelProbe = this.scheduler.setTimer(this.probeIntervalMs, () => {
      this.cancelProbe = undefined;
      if (this.running && this.gatewayStatus() === 'unreachable') this.probe();
    });
  }

  /** GET /healthz; the client records the answer, and connectionChanged acts on it. */
  private probe(): void {
    if (this.probing) return;
    this.probing = true; // whenIdle() waits for its answer
    void this.options
      .client!.reachable(this.abort.signal)
      .then((up) => {
        if (this.running && !up) this.scheduleProbe();
      })
      .finally(() => {
        this.probing = false;
        this.settle();
      });
  }

  private scheduleWake(delayMs: number): void {
    if (!this.running) return;
    const at = this.monotonic() + delayMs;
    if (this.cancelWake && this.wakeAt !== undefined && this.wakeAt <= at) return;
    this.cancelWake?.();
    this.wakeAt = at;
    this.cancelWake = this.scheduler.setTimer(delayMs, () => {
      this.cancelWake = this.wakeAt = undefined;
      this.scan();
    });
  }

  /** Finds every customer whose oldest pending record is due and lines it up for delivery. */
  private scan(): void {
    if (!this.running) return this.settle();
    for (const head of this.repo.pendingHeads()) {
      if (this.busy.has(head.customerKey)) continue;
      const wait = this.waitMs(head);
      if (wait <= 0) {
        this.busy.add(head.customerKey);
        this.waiting.push(head.customerKey);
      } else {
        this.scheduleWake(wait);
      }
    }
    this.pump();
    this.settle();
  }

  private pump(): void {
    while (this.running && this.active < this.concurrency && this.waiting.length > 0) {
      const customer = this.waiting.shift()!;
      this.active += 1;
      void this.drain(customer)
        .catch((error: unknown) => this.log.error({ err: error, customer }, 'outbox delivery failed unexpectedly'))
        .finally(() => {
          this.active -= 1;
          this.busy.delete(customer);
          this.pump();
          this.settle();
        });
    }
  }

  /** Sends one customer's records in order until one must wait. */
  private async drain(customer: string): Promise<void> {
    const client = this.options.client!;
    while (this.running) {
      const record = this.repo.headOf(customer);
      if (!record) return;
      const wait = this.waitMs(record);
      if (wait > 0) return this.scheduleWake(wait);
      this.sending.add(record.id);
      this.changed();
      const outcome = await client.post(GATEWAY_PATH_BY_KIND[record.kind], record.payload, record.idempotencyKey, this.abort.signal);
      this.sending.delete(record.id);
      if (!this.running) return this.changed(); // stopped mid-request: the record simply stays pending
      if (!this.apply(record, outcome)) return this.changed();
      this.changed();
    }
  }

  /** Records the outcome; returns whether this customer's next record may go now. */
  private apply(record: OutboxRecord, outcome: AttemptOutcome): boolean {
    const now = this.scheduler.now();
    const decision = decide({ outcome, failures: record.attempts + 1, createdAt: now - this.ageMs(record), now }, this.policy, this.random);
    if (decision.action !== 'retry') this.forget(record);
    switch (decision.action) {
      case 'sent':
        this.repo.markSent(record.seq, outcome.kind === 'response' ? outcome.status : 200);
        return true;
      case 'park':
        this.repo.markParked(record.seq, decision.status, decision.reason);
        this.log.warn({ id: record.id, kind: record.kind, status: decision.status, reason: decision.reason }, 'gateway refused a record; it needs attention');
        return true;
      case 'retry':
        this.repo.markRetry(record.seq, now + decision.delayMs, decision.status, decision.reason);
        this.ownSchedule.set(record.id, { storedAt: now + decision.delayMs, dueAt: this.monotonic() + decision.delayMs });
        this.scheduleWake(decision.delayMs);
        return false;
    }
  }
}
