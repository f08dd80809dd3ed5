// Wires after-call work into the app: drafts (one for every answered call, so notes can be taken during
// the call), dispositions from the CRM, callback reminders, and the wrap-up view the UI shows, which
// includes the outbox queue. Submitted notes go to the CRM through the outbox port.
import type { Disposition } from '../../common/contract/gateway';
import type { CallbackReminder, ParkedNoteEdit, StorageStatus, WrapUpDraft, WrapUpView } from '../../common/contract/wrapup';
import type { Disposable } from '../../common/lifecycle';
import type { GatewayClient } from '../gateway/gatewayClient';
import type { EventHub } from '../ipc/hub';
import { ServiceError } from '../ipc/errors';
import type { Logger } from '../log/logger';
import type { OutboxPort, OutboxRepairs } from '../outbox/module';
import type { AppState } from '../session/state';
import type { Db } from '../store/driver';
import { systemScheduler, type CancelTimer, type Scheduler } from '../time/scheduler';
import { DispositionCatalog } from './dispositionCatalog';
import { DraftRepository } from './draftRepository';
import { ReminderRepository } from './reminderRepository';
import { ReminderScheduler } from './reminderScheduler';
import { WrapUpService, type MaskedNotes } from './wrapUpService';

export interface WrapUpModuleOptions {
  db: Db;
  /** How the store opened (encrypted, session-only, recovered), shown with the queue. */
  storage: StorageStatus;
  outbox: OutboxPort & OutboxRepairs;
  /** The CRM, for its disposition list; without one the built-in list is used. */
  gateway?: GatewayClient;
  state: AppState;
  hub: EventHub;
  log: Logger;
  scheduler?: Scheduler;
  /** Called after a wrap-up is submitted, e.g. to end after-call work early. */
  onSubmitted?: (callId: string) => void;
  /** Masks sensitive items in typed notes (createApp gives agent assist's redaction: the same rules as transcripts). */
  redactNotes: (text: string) => { text: string; kinds: string[] };
}

const PUSH_INTERVAL_MS = 150;
/** How often notes held in memory by a full disk are tried again. */
const HELD_RETRY_MS = 10_000;

export class WrapUpModule implements Disposable {
  readonly service: WrapUpService;
  readonly reminderRepo: ReminderRepository;
  private readonly reminders: ReminderScheduler;
  private readonly dispositions: DispositionCatalog;
  private readonly scheduler: Scheduler;
  private readonly unsubscribers: (() => void)[] = [];
  private pushTimer: CancelTimer | undefined;
  private heldTimer: CancelTimer | undefined;
  private pushDirty = false;
  private dispositionsFetched = false;
  private disposed = false;

  constructor(private readonly options: WrapUpModuleOptions) {
    const { db } = options;
    this.scheduler = options.scheduler ?? systemScheduler;
    const now = () => this.scheduler.now();
    this.reminderRepo = new ReminderRepository(db);
    this.dispositions = new DispositionCatalog(db, now);
    this.service = new WrapUpService({ db, outbox: options.outbox, drafts: new DraftRepository(db), reminders: this.reminderRepo, dispositions: this.dispositions, now, redactNotes: options.redactNotes });
    this.reminders = new ReminderScheduler(this.reminderRepo, this.scheduler, (due) => this.remindersDue(due));
  }

  start(): void {
    const { state, outbox, gateway } = this.options;
    // A draft as soon as a call is answered, so notes can be taken during the call and none are lost after it.
    this.unsubscribers.push(state.onCallEvent((event) => event.type === 'connected' && this.service.openDraft(event.call) && this.changed()));
    this.unsubscribers.push(outbox.onChange(() => this.changed()));
    if (gateway) {
      this.unsubscribers.push(
        gateway.onConnectionChange((connection) => {
          if (connection === 'connected') void this.refreshDispositions();
          this.changed();
        }),
      );
    }
    this.reminders.start();
    void this.refreshDispositions();
    this.changed();
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    this.pushTimer?.();
    this.pushTimer = undefined;
    this.heldTimer?.();
    this.reminders.stop();
  }

  /** The disposition codes' source (gateway list, cached; built-in list before first contact). */
  dispositionList(): Disposition[] {
    return this.dispositions.list();
  }

  /** Submitted notes a full disk keeps in memory until they can be written (counted by the quit warning). */
  heldCount(): number {
    return this.service.heldCount();
  }

  view(): WrapUpView {
    const { outbox } = this.options;
    return {
      storage: this.options.storage,
      queue: outbox.queue(),
      items: outbox.items(),
      drafts: this.service.openDrafts(),
      reminders: this.reminderRepo.listOpen(),
      dispositions: this.dispositions.list(),
      now: this.scheduler.now(),
    };
  }

  saveDraft(callId: string, draft: WrapUpDraft): { savedAt: number; masked?: MaskedNotes } {
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
      this.changed();
    }
    if (this.service.heldCount() === 0 || this.disposed) return;
    if (justSubmitted) this.options.state.notify('warning', 'notice.notesHeld', { count: this.service.heldCount() });
    this.heldTimer?.();
    this.heldTimer = this.scheduler.setTimer(HELD_RETRY_MS, () => this.retryHeld());
  }

  retryNow(id?: string): void {
    if (this.options.outbox.retryNow(id) === 0 && id) throw new ServiceError('notFound', 'That record is not waiting to sync');
    this.changed();
  }

  editParked(id: string, edit: ParkedNoteEdit): void {
    this.service.editParkedNote(id, edit);
    this.changed();
  }

  resolveReminder(id: string, outcome: 'dialed' | 'dismissed'): void {
    if (!this.reminderRepo.resolve(id, outcome, this.scheduler.now())) throw new ServiceError('notFound', 'That reminder is already done');
    this.reminders.reschedule();
    this.changed();
  }

  private remindersDue(due: CallbackReminder[]): void {
    for (const reminder of due) {
      this.options.state.notify('info', 'reminder.due', { number: reminder.number, reason: reminder.reason || '—' });
    }
    this.changed();
  }

  private async refreshDispositions(): Promise<void> {
    const { gateway } = this.options;
    if (!gateway || this.dispositionsFetched) return;
    this.dispositionsFetched = true;
    try {
      this.dispositions.replace(await gateway.dispositions());
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
