// The outbox as a capability of its own: the queue table, the sync worker and what the agent sees of
// them. Every feature that sends something to the CRM (wrap-up notes and callbacks, customer-context
// records, readiness reports) hands it in through OutboxPort, which names the customer's queue the one
// way (customerKeyFor over the normalised number), so no caller can order records differently.
import type { OutboxKind } from '../../common/contract/gateway';
import type { OutboxItemState, OutboxItemView, QueueSummary } from '../../common/contract/wrapup';
import type { Disposable } from '../../common/lifecycle';
import type { GatewayClient } from '../gateway/gatewayClient';
import type { Logger } from '../log/logger';
import type { Db } from '../store/driver';
import type { Scheduler } from '../time/scheduler';
import { customerKeyFor } from './customerKey';
import { OutboxRepository, type OutboxRecord } from './outboxRepository';
import type { RetryPolicy } from './retryPolicy';
import { SyncWorker } from './syncWorker';

/** One record for the CRM, and whose queue it waits in. */
export interface OutboxEntry {
  id: string;
  kind: OutboxKind;
  /** The exact JSON body the gateway receives. */
  payload: string;
  /** The customer's number as the call or the agent gave it (normalised here); '' with the call for a caller with no number; or a named queue of its own. */
  about: { number: string; callId?: string } | { queue: string };
}

/** What other capabilities may do with the outbox. */
export interface OutboxPort {
  /** Queues records (inside the caller's transaction, if one is open) and wakes the sync worker. */
  enqueue(...entries: OutboxEntry[]): void;
  /** Records the gateway does not have yet (waiting + needing attention), for the quit warning. */
  unsyncedCount(): number;
  queue(): QueueSummary;
  /** What the agent sees of the queue: everything not yet synced, then the last few sent. */
  items(): OutboxItemView[];
  onChange(listener: () => void): () => void;
}

/** What the agent may do to records that need attention (wrap-up's outbox panel). */
export interface OutboxRepairs {
  retryNow(id?: string): number;
  record(id: string): OutboxRecord | undefined;
  /** A corrected body for a parked record; it goes back in the queue. False if it is no longer parked. */
  replaceParked(id: string, payload: string): boolean;
}

export interface OutboxModuleOptions {
  db: Db;
  /** Undefined when no gateway is configured: records stay queued, safely, until one is. */
  client: GatewayClient | undefined;
  scheduler: Scheduler;
  log: Logger;
  /** The customer context's number normalisation, so every feature's records share one queue per customer. */
  normaliseNumber: (number: string) => string;
  random?: () => number;
  retryPolicy?: Partial<RetryPolicy>;
  concurrency?: number;
}

const UNSYNCED_SHOWN = 50;
const SYNCED_SHOWN = 5;

export class OutboxModule implements OutboxPort, OutboxRepairs, Disposable {
  readonly repository: OutboxRepository;
  readonly worker: SyncWorker;

  constructor(private readonly options: OutboxModuleOptions) {
    this.repository = new OutboxRepository(options.db, () => options.scheduler.now());
    this.worker = new SyncWorker({
      repo: this.repository,
      client: options.client,
      scheduler: options.scheduler,
      log: options.log,
      random: options.random,
      policy: options.retryPolicy,
      concurrency: options.concurrency,
    });
  }

  start(): void {
    this.worker.start();
    this.options.log.info({ gateway: this.options.client ? 'configured' : 'unconfigured', ...this.repository.counts() }, 'outbox started');
  }

  async dispose(): Promise<void> {
    await this.worker.stop();
    const unsynced = this.unsyncedCount();
    if (unsynced > 0) this.options.log.warn({ unsynced }, 'closing with records not yet synced; they will be sent on next start');
  }

  enqueue(...entries: OutboxEntry[]): void {
    this.repository.enqueue(entries.map(({ id, kind, payload, about }) => ({ id, kind, payload, customerKey: this.keyFor(about) })));
    this.worker.notify();
  }

  unsyncedCount(): number {
    const counts = this.repository.counts();
    return counts.pending + counts.parked;
  }

  queue(): QueueSummary {
    const now = this.options.scheduler.now();
    const counts = this.repository.counts();
    return {
      waiting: counts.pending,
      needsAttention: counts.parked,
      sending: this.worker.sendingCount(),
      gateway: this.worker.gatewayStatus(),
      lastSyncedAt: counts.lastSentAt,
      nextAttemptAt: counts.pending > 0 && counts.nextAttemptAt !== undefined && counts.nextAttemptAt > now ? counts.nextAttemptAt : undefined,
    };
  }

  items(): OutboxItemView[] {
    return [...this.repository.listUnsynced(UNSYNCED_SHOWN), ...this.repository.listRecentlySent(SYNCED_SHOWN)].map((record) => this.itemView(record));
  }

  onChange(listener: () => void): () => void {
    return this.worker.onChange(listener);
  }

  retryNow(id?: string): number {
    return this.worker.retryNow(id);
  }

  record(id: string): OutboxRecord | undefined {
    return this.repository.get(id);
  }

  replaceParked(id: string, payload: string): boolean {
    const replaced = this.repository.replaceParkedPayload(id, payload);
    if (replaced) this.worker.notify();
    return replaced;
  }

  private keyFor(about: OutboxEntry['about']): string {
    if ('queue' in about) return about.queue;
    return customerKeyFor(about.number ? this.options.normaliseNumber(about.number) : '', about.callId);
  }

  private itemView(record: OutboxRecord): OutboxItemView {
    const payload = JSON.parse(record.payload) as Record<string, unknown>;
    const kind: OutboxKind = record.kind;
    const state: OutboxItemState =
      record.state === 'sent'
        ? 'synced'
        : record.state === 'parked'
          ? 'needsAttention'
          : this.worker.isSending(record.id)
            ? 'sending'
            : record.attempts > 0
              ? 'retrying'
              : 'queued';
    const text = String(kind === 'note' ? payload.notes : kind === 'callback' ? payload.reason : (payload.summary ?? payload.body ?? '')).replace(/\s+/g, ' ').trim();
    return {
      id: record.id,
      kind,
      customerNumber: String(payload.customerNumber ?? ''),
      summary: text.length > 120 ? `${text.slice(0, 119)}…` : text,
      disposition: kind === 'note' ? String(payload.disposition) : undefined,
      callbackNumber: kind === 'callback' ? String(payload.number) : undefined,
      dueAt: kind === 'callback' ? Date.parse(String(payload.dueAt)) : undefined,
      state,
      attempts: record.attempts,
      nextAttemptAt: state === 'retrying' ? record.nextAttemptAt : undefined,
      lastError: record.lastError && record.state !== 'sent' ? { status: record.lastStatus, message: record.lastError } : undefined,
      createdAt: record.createdAt,
      syncedAt: record.sentAt,
      editable:
        kind === 'note' && record.state === 'parked'
          ? { disposition: String(payload.disposition), notes: String(payload.notes), tags: (payload.tags as string[] | undefined) ?? [] }
          : undefined,
    };
  }
}
