// After-call work: one draft per call, saved as the agent types; submitting turns it into outbox records
// (the note, and a callback request if asked for) and a local reminder, all in one transaction, so a
// submitted wrap-up is either fully queued or not at all. Submitting twice returns the first note.
import { randomUUID } from 'node:crypto';
import { DialTargetSchema } from '../../common/contract/channels';
import { GatewayCallbackSchema, GatewayNoteSchema, type GatewayCallback, type GatewayNote } from '../../common/contract/gateway';
import type { Call } from '../../common/contract/model';
import { emptyDraft, type DraftView, type ParkedNoteEdit, type WrapUpDraft } from '../../common/contract/wrapup';
import { mergePrefill, submitBlocker, type SubmitBlocker } from '../../common/rules/wrapup';
import { ServiceError } from '../ipc/errors';
import type { OutboxEntry, OutboxPort, OutboxRepairs } from '../outbox/module';
import type { Db } from '../store/driver';
import type { DispositionCatalog } from './dispositionCatalog';
import type { DraftRepository } from './draftRepository';
import type { ReminderRepository } from './reminderRepository';
import { sqliteCode } from '../store/driver';

export interface WrapUpServiceDeps {
  db: Db;
  outbox: Pick<OutboxPort, 'enqueue'> & Pick<OutboxRepairs, 'record' | 'replaceParked'>;
  drafts: DraftRepository;
  reminders: ReminderRepository;
  dispositions: DispositionCatalog;
  now: () => number;
  newId?: () => string;
  /**
   * Masks what must never be kept (card numbers, dates of birth, passwords, …) in text the agent typed;
   * applied before a draft is saved, submitted or edited (see main/assist/redaction.ts).
   */
  redactNotes: (text: string) => { text: string; kinds: string[] };
}

/** What was masked in the agent's typed text, so the form can say so and show the masked notes. */
export interface MaskedNotes {
  notes: string;
  reason: string;
  kinds: string[];
}

export interface SubmitResult {
  noteId: string;
  /** False when this call's wrap-up had already been submitted (nothing new was queued). */
  queued: boolean;
}

const BLOCKER_MESSAGES: Record<SubmitBlocker, string> = {
  callLive: 'Finish the call before submitting its wrap-up',
  noDisposition: 'Choose a disposition before submitting',
  noCallbackTime: 'Choose when to call back',
  callbackInPast: 'The callback time must be in the future',
  noCallbackNumber: 'The callback number is not a number that can be dialled',
};

/** The disk (not the data) refused the write: full, read-only, or an I/O error. The note is kept in memory. */
export function isDiskTrouble(error: unknown): boolean {
  const code = sqliteCode(error) ?? '';
  return code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN';
}

interface HeldSubmission {
  draft: WrapUpDraft;
  noteId: string;
  at: number;
  records: OutboxEntry[];
  callback: GatewayCallback | undefined;
}

function uniqueTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim()).filter(Boolean))];
}

export class WrapUpService {
  private readonly newId: () => string;
  /** Submissions the disk refused (full disk): kept in memory, in order, until flushHeld writes them. */
  private readonly held = new Map<string, HeldSubmission>();
  /** Tags another capability adds to the submitted record (channel guidance: a self-serviceable intent). */
  private recordTags: (callId: string) => readonly string[] = () => [];

  constructor(private readonly deps: WrapUpServiceDeps) {
    this.newId = deps.newId ?? randomUUID;
  }

  tagRecordsWith(provider: (callId: string) => readonly string[]): void {
    this.recordTags = provider;
  }

  /** Opens the draft for a call (idempotent); returns whether it was new. */
  openDraft(call: Pick<Call, 'id' | 'remoteNumber' | 'startedAt'>): boolean {
    return this.deps.drafts.open(call.id, call.remoteNumber, call.startedAt, emptyDraft(call.remoteNumber), this.deps.now());
  }

  openDrafts(): DraftView[] {
    // A submission held in memory (full disk) is done as far as the agent is concerned.
    return this.deps.drafts.listOpen().filter(({ callId }) => !this.held.has(callId)).map(({ callId, customerNumber, callStartedAt, draft, savedAt }) => ({ callId, customerNumber, callStartedAt, draft, savedAt }));
  }

  /** Autosave. Saving after submission is refused, so a late keystroke cannot silently change history. */
  saveDraft(callId: string, typed: WrapUpDraft): { savedAt: number; masked?: MaskedNotes } {
    const at = this.deps.now();
    const { draft, masked } = this.mask(typed);
    if (this.deps.drafts.save(callId, draft, at)) return masked ? { savedAt: at, masked } : { savedAt: at };
    const existing = this.deps.drafts.get(callId);
    if (!existing) throw new ServiceError('notFound', 'There is no wrap-up for that call');
    throw new ServiceError('conflict', 'This wrap-up was already submitted');
  }

  /**
   * Pre-fills what the agent has not filled in yet (from the agent-assist draft): a disposition the
   * catalogue knows and the notes. Anything the agent already chose or typed is left alone; notes still
   * exactly as an earlier prefill wrote them (`replacesNotes`) may be replaced by a better draft.
   */
  prefill(callId: string, suggestion: { disposition: string; notes: string; replacesNotes?: string }): boolean {
    const existing = this.deps.drafts.get(callId);
    if (!existing || existing.submittedAt !== undefined) return false;
    const redact = (text: string) => this.deps.redactNotes(text).text;
    const masked = { ...suggestion, notes: redact(suggestion.notes), replacesNotes: suggestion.replacesNotes === undefined ? undefined : redact(suggestion.replacesNotes) };
    const next = mergePrefill(existing.draft, masked, (code) => this.deps.dispositions.has(code));
    return next !== existing.draft && this.deps.drafts.save(callId, next, this.deps.now());
  }

  submit(callId: string, typed: WrapUpDraft): SubmitResult {
    const { drafts, now } = this.deps;
    // The same check as autosave: what reaches the store and the CRM is masked.
    const { draft } = this.mask(typed);
    const existing = drafts.get(callId);
    if (!existing) throw new ServiceError('notFound', 'There is no wrap-up for that call');
    if (existing.noteId) return { noteId: existing.noteId, queued: false };
    const alreadyHeld = this.held.get(callId);
    if (alreadyHeld) return { noteId: alreadyHeld.noteId, queued: false };
    this.validate(draft);

    const at = now();
    const createdAt = new Date(at).toISOString();
    const noteId = this.newId();
    const about = { number: existing.customerNumber, callId };
    const note: GatewayNote = GatewayNoteSchema.parse({
      id: noteId,
      callId,
      customerNumber: existing.customerNumber || 'unknown',
      disposition: draft.disposition,
      notes: draft.notes,
      tags: uniqueTags([...draft.tags, ...this.recordTags(callId)]).slice(0, 20),
      firstContactResolved: draft.firstContactResolved,
      callbackRequested: draft.callback.requested,
      createdAt,
    });
    const records: OutboxEntry[] = [{ id: noteId, kind: 'note', about, payload: JSON.stringify(note) }];
    let callback: GatewayCallback | undefined;
    if (draft.callback.requested && draft.callback.at !== null) {
      callback = GatewayCallbackSchema.parse({
        id: this.newId(),
        noteId,
        callId,
        customerNumber: note.customerNumber,
        number: draft.callback.number.trim(),
        dueAt: new Date(draft.callback.at).toISOString(),
        reason: draft.callback.reason,
        createdAt,
      });
      records.push({ id: callback.id, kind: 'callback', about, payload: JSON.stringify(callback) });
    }

    const submission: HeldSubmission = { draft, noteId, at, records, callback };
    // Earlier held notes go first, so the outbox keeps the agent's order.
    if (this.held.size > 0 && this.flushHeld() === 0) {
      this.held.set(callId, submission);
      return { noteId, queued: true };
    }
    try {
      this.write(callId, existing.customerNumber, submission);
    } catch (error) {
      if (!isDiskTrouble(error)) throw error;
      this.held.set(callId, submission);
    }
    return { noteId, queued: true };
  }

  /** Submitted notes waiting in memory for room on the disk. */
  heldCount(): number {
    return this.held.size;
  }

  /** Writes held submissions in order; stops at the first the disk still refuses. Returns how many were written. */
  flushHeld(): number {
    let written = 0;
    for (const [callId, submission] of this.held) {
      try {
        this.write(callId, this.deps.drafts.get(callId)?.customerNumber ?? '', submission);
      } catch (error) {
        if (isDiskTrouble(error)) break;
        throw error;
      }
      this.held.delete(callId);
      written += 1;
    }
    return written;
  }

  private write(callId: string, customerNumber: string, { draft, noteId, at, records, callback }: HeldSubmission): void {
    const { db, drafts, outbox, reminders } = this.deps;
    db.transaction(() => {
      drafts.markSubmitted(callId, draft, noteId, at);
      outbox.enqueue(...records);
      if (callback && draft.callback.at !== null) {
        reminders.insert({ id: callback.id, callId, customerNumber, number: callback.number, reason: callback.reason, dueAt: draft.callback.at }, at);
      }
    }).immediate();
  }

  /** The agent corrected a note the gateway refused; it goes back in the queue. */
  editParkedNote(id: string, edit: ParkedNoteEdit): void {
    const record = this.deps.outbox.record(id);
    if (!record) throw new ServiceError('notFound', 'That note is no longer in the queue');
    if (record.kind !== 'note') throw new ServiceError('conflict', 'Only notes can be edited');
    if (record.state !== 'parked') throw new ServiceError('conflict', 'Only a note that needs attention can be edited');
    if (!this.deps.dispositions.has(edit.disposition)) throw new ServiceError('invalidPayload', `Unknown disposition ${edit.disposition}`);
    const note = GatewayNoteSchema.parse({ ...(JSON.parse(record.payload) as GatewayNote), ...edit, notes: this.deps.redactNotes(edit.notes).text, tags: uniqueTags(edit.tags) });
    if (!this.deps.outbox.replaceParked(id, JSON.stringify(note))) throw new ServiceError('conflict', 'That note changed state; try again');
  }

  /** The draft with its free text masked, and what was masked (undefined when nothing was). */
  mask(draft: WrapUpDraft): { draft: WrapUpDraft; masked?: MaskedNotes } {
    const notes = this.deps.redactNotes(draft.notes);
    const reason = this.deps.redactNotes(draft.callback.reason);
    const kinds = [...new Set([...notes.kinds, ...reason.kinds])];
    if (kinds.length === 0) return { draft };
    return { draft: { ...draft, notes: notes.text, callback: { ...draft.callback, reason: reason.text } }, masked: { notes: notes.text, reason: reason.text, kinds } };
  }

  /** The form's own rules (common/rules/wrapup.ts), then what only main can check: the catalogue, a dialable number. */
  private validate(draft: WrapUpDraft): void {
    const blocker = submitBlocker(draft, false, this.deps.now());
    if (blocker) throw new ServiceError('invalidPayload', BLOCKER_MESSAGES[blocker]);
    if (!this.deps.dispositions.has(draft.disposition)) throw new ServiceError('invalidPayload', `Unknown disposition ${draft.disposition}`);
    if (draft.callback.requested && !DialTargetSchema.safeParse(draft.callback.number).success) throw new ServiceError('invalidPayload', 'The callback number is not a number that can be dialled');
  }
}
