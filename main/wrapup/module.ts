// Wires the encrypted store, outbox, sync worker, wrap-up drafts and reminders into the app: it watches
// calls (history + a draft for every answered call), pushes the wrap-up view to the UI, and raises
// reminder notices. createApp builds one when the host hands it a store.
import type { Disposition, OutboxKind } from '../../common/contract/gateway';
import type { Snapshot } from '../../common/contract/model';
import type { CallbackReminder, OutboxItemState, OutboxItemView, ParkedNoteEdit, WrapUpDraft, WrapUpView } from '../../common/contract/wrapup';
import type { AppState } from '../app/state';
import type { EventHub } from '../ipc/hub';
import { ServiceError } from '../ipc/errors';
import type { Logger } from '../log/logger';
import { GatewayClient, type FetchLike } from '../outbox/gatewayClient';
import { OutboxRepository, type NewOutboxRecord, type OutboxRecord } from '../outbox/outboxRepository';
import type { RetryPolicy } from '../outbox/retryPolicy';
import { SyncWorker } from '../outbox/syncWorker';
import { CallHistoryRepository } from '../store/callHistory';
import type { StoreHandle } from '../store/store';
import { systemScheduler, type CancelTimer, type Scheduler } from '../time/scheduler';
import { DispositionCatalog } from './dispositionCatalog';
import { DraftRepository } from './draftRepository';
import { ReminderRepository } from './reminderRepository';
import { ReminderScheduler } from './reminderScheduler';
import { WrapUpService } from './wrapUpService';

export interface GatewayConnection {
  url: string;
  token: string;
  fetch?: FetchLike;
}

export interface WrapUpModuleOptions {
  /** The opened store; the module owns it from here and closes it on dispose. */
  store: StoreHandle;
  gateway?: GatewayConnection;
  state: AppState;
  hub: EventHub;
  log: Logger;
  scheduler?: Scheduler;
  random?: () => number;
  retryPolicy?: Partial<RetryPolicy>;
  concurrency?: number;
  /** Number normalisation shared with the customer context (one outbox ordering key per customer). */
  normaliseNumber?: (number: string) => string;
  /** Called after a wrap-up is submitted, e.g. to end after-call work early. */
  onSubmitted?: (callId: string) => void;
}

const UNSYNCED_SHOWN = 50;
const SYNCED_SHOWN = 5;
const PUSH_INTERVAL_MS = 150;
const KEEP_SENT_MS = 7 * 24 * 3600_000;
/** How often notes held in memory by a full disk are tried again. */
const HELD_RETRY_MS = 10_000;

export class WrapUpModule {
  readonly outbox: OutboxRepository;
  readonly worker: SyncWorker;
  readonly service: WrapUpService;
  /** The encrypted call history; createApp hands it to CallService as its CallHistorySink. */
  readonly callHistory: CallHistoryRepository;
  readonly reminderRepo: ReminderRepository;
  private readonly reminders: ReminderScheduler;
  private readonly dispositions: DispositionCatalog;
  private readonly client: GatewayClient | undefined;
  private readonly scheduler: Scheduler;
  private readonly draftOpened = new Set<string>();
  private readonly unsubscribers: (() => void)[] = [];
  private pushTimer: CancelTimer | undefined;
  private heldTimer: CancelTimer | undefined;
  private pushDirty = false;
  private dispositionsFetched = false;
  private disposed = false;

  constructor(private readonly options: WrapUpModuleOptions) {
    const { store, log } = options;
    this.scheduler = options.scheduler ?? systemScheduler;
    const now = () => this.scheduler.now();
    this.outbox = new OutboxRepository(store.db, now);
    this.callHistory = new CallHistoryRepository(store.db, now);
    this.reminderRepo = new ReminderRepository(store.db);
    this.dispositions = new DispositionCatalog(store.db, now);
    const drafts = new DraftRepository(store.db);
    this.service = new WrapUpService({ db: store.db, outbox: this.outbox, drafts, reminders: this.reminderRepo, dispositions: this.dispositions, now, normaliseNumber: options.normaliseNumber });
    this.client = options.gateway ? new GatewayClient({ baseUrl: options.gateway.url, token: options.gateway.token, fetch: options.gateway.fetch }) : undefined;
    this.worker = new SyncWorker({
      repo: this.outbox,
      client: this.client,
      scheduler: this.scheduler,
      log: log.child({ component: 'outbox' }),
      random: options.random,
      policy: options.retryPolicy,
      concurrency: options.concurrency,
    });
    this.reminders = new ReminderScheduler(this.reminderRepo, this.scheduler, (due) => this.remindersDue(due));
  }

  start(): void {
    const { state, store, log } = this.options;
    // An older build met a database a newer one wrote (a rolled-back update): say why notes are not kept.
    if (store.status.problem === 'futureVersion') state.notify('error', 'notice.storeFromNewerVersion');
    if (store.recovery) {
      const { restored, recoveryFile } = store.recovery;
      state.notify('warning', 'storage.recovered', { count: (restored.outbox ?? 0) + (restored.wrapup_drafts ?? 0), file: recoveryFile });
    }
    this.outbox.pruneSent(this.scheduler.now() - KEEP_SENT_MS);
    this.unsubscribers.push(state.onChange((snapshot) => this.observeCalls(snapshot)));
    this.observeCalls(state.snapshot());
    this.unsubscribers.push(
      this.worker.onChange(() => {
        if (!this.dispositionsFetched && this.worker.gatewayStatus() === 'connected') void this.refreshDispositions();
        this.changed();
      }),
    );
    this.worker.start();
    this.reminders.start();
    void this.refreshDispositions();
    log.info({ storage: store.status, gateway: this.client ? 'configured' : 'unconfigured', ...this.outbox.counts() }, 'wrap-up and outbox started');
    this.changed();
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    this.pushTimer?.();
    this.heldTimer?.();
    this.reminders.stop();
    await this.worker.stop();
    const unsynced = this.unsyncedCount();
    if (unsynced > 0) this.options.log.warn({ unsynced }, 'closing with records not yet synced; they will be sent on next start');
    this.options.store.close();
  }

  /** The disposition codes' source (gateway list, cached; built-in list before first contact). */
  dispositionList(): Disposition[] {
    return this.dispositions.list();
  }

  /** Records the gateway does not have yet (waiting + needing attention), for the quit warning. */
  unsyncedCount(): number {
    const counts = this.outbox.counts();
    return counts.pending + counts.parked + this.service.heldCount();
  }

  view(): WrapUpView {
    const now = this.scheduler.now();
    const counts = this.outbox.counts();
    const records = [...this.outbox.listUnsynced(UNSYNCED_SHOWN), ...this.outbox.listRecentlySent(SYNCED_SHOWN)];
    return {
      storage: this.options.store.status,
      queue: {
        waiting: counts.pending,
        needsAttention: counts.parked,
        sending: this.worker.sendingCount(),
        gateway: this.worker.gatewayStatus(),
        lastSyncedAt: counts.lastSentAt,
        nextAttemptAt: counts.pending > 0 && counts.nextAttemptAt !== undefined && counts.nextAttemptAt > now ? counts.nextAttemptAt : undefined,
      },
      items: records.map((record) => this.itemView(record)),
      drafts: this.service.openDrafts(),
      reminders: this.reminderRepo.listOpen(),
      dispositions: this.dispositions.list(),
      now,
    };
  }

  saveDraft(callId: string, draft: WrapUpDraft): { savedAt: number } {
    const result = this.service.saveDraft(callId, draft);
    this.changed();
    return result;
  }

  /** Agent assist's draft for a call, merged into the open wrap-up where the agent left fields empty. */
  prefill(callId: string, suggestion: { disposition: string; notes: string; replacesNotes?: string }): void {
    if (this.service.prefill(callId, suggestion)) this.changed();
  }

  submit(callId: string, draft: WrapUpDraft): { noteId: string } {
    const call = this.options.state.getCall(callId);
    if (call && call.state !== 'ended') throw new ServiceError('conflict', 'Finish the call before submitting its wrap-up');
    const { noteId, queued } = this.service.submit(callId, draft);
    if (this.service.heldCount() > 0) this.retryHeld(true);
    if (queued) {
      this.worker.notify();
      this.reminders.reschedule();
      this.options.onSubmitted?.(callId);
    }
    this.changed();
    return { noteId };
  }

  /** A full disk held notes in memory: tell the agent, retry every HELD_RETRY_MS, tell again when saved. */
  private retryHeld(justSubmitted = false): void {
    if (!justSubmitted && this.service.flushHeld() > 0 && this.service.heldCount() === 0) {
      this.options.state.notify('info', 'notice.notesSaved');
      this.worker.notify();
      this.changed();
    }
    if (this.service.heldCount() === 0 || this.disposed) return;
    if (justSubmitted) this.options.state.notify('warning', 'notice.notesHeld', { count: this.service.heldCount() });
    this.heldTimer?.();
    this.heldTimer = this.scheduler.setTimer(HELD_RETRY_MS, () => this.retryHeld());
  }

  /** Queues a record another feature sends to the gateway (customer context, readiness reports) and wakes the sync worker. */
  enqueue(record: NewOutboxRecord): void {
    this.outbox.enqueue([record]);
    this.worker.notify();
  }

  retryNow(id?: string): void {
    if (this.worker.retryNow(id) === 0 && id) throw new ServiceError('notFound', 'That record is not waiting to sync');
    this.changed();
  }

  editParked(id: string, edit: ParkedNoteEdit): void {
    this.service.editParkedNote(id, edit);
    this.worker.notify();
    this.changed();
  }

  resolveReminder(id: string, outcome: 'dialed' | 'dismissed'): void {
    if (!this.reminderRepo.resolve(id, outcome, this.scheduler.now())) throw new ServiceError('notFound', 'That reminder is already done');
    this.reminders.reschedule();
    this.changed();
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
    const text = String(kind === 'note' ? payload.notes : kind === 'callback' ? payload.reason : (payload.summary ?? '')).replace(/\s+/g, ' ').trim();
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

  /** A draft as soon as a call is answered, so notes can be taken during the call and none are lost after it. */
  private observeCalls(snapshot: Snapshot): void {
    let opened = false;
    for (const call of snapshot.calls) {
      if (call.connectedAt === undefined || this.draftOpened.has(call.id)) continue;
      this.draftOpened.add(call.id);
      opened = this.service.openDraft(call) || opened;
    }
    if (this.draftOpened.size > 200) for (const id of [...this.draftOpened].slice(0, 100)) this.draftOpened.delete(id);
    if (opened) this.changed();
  }

  private remindersDue(due: CallbackReminder[]): void {
    for (const reminder of due) {
      this.options.state.notify('info', 'reminder.due', { number: reminder.number, reason: reminder.reason || '—' });
    }
    this.changed();
  }

  private async refreshDispositions(): Promise<void> {
    if (!this.client || this.dispositionsFetched) return;
    this.dispositionsFetched = true;
    try {
      this.dispositions.replace(await this.client.dispositions());
      this.changed();
    } catch (error) {
      this.dispositionsFetched = false;
      this.options.log.warn({ err: (error as Error).message }, 'could not fetch dispositions; using the cached list');
    }
  }

  /** Pushes the view at once, then at most every PUSH_INTERVAL_MS while changes keep coming. */
  private changed(): void {
    if (this.disposed) return;
    if (this.pushTimer) {
      this.pushDirty = true;
      return;
    }
    this.push();
    this.pushTimer = this.scheduler.setTimer(PUSH_INTERVAL_MS, () => {
      this.pushTimer = undefined;
      if (this.pushDirty) {
        this.pushDirty = false;
        this.changed();
      }
    });
  }

  private push(): void {
    try {
      this.options.hub.emit('ui', 'wrapup.changed', this.view());
    } catch (error) {
      this.options.log.error({ err: error }, 'could not build the wrap-up view');
    }
  }
}
