// Wrap-up drafts: one per call, saved on every change the agent makes, kept after submission as the
// record of what was submitted.
import { WrapUpDraftSchema, type DraftView, type WrapUpDraft } from '../../common/contract/wrapup';
import type { Db } from '../store/driver';

interface DraftRow {
  call_id: string;
  customer_number: string;
  call_started_at: number;
  draft: string;
  saved_at: number;
  submitted_at: number | null;
  note_id: string | null;
}

export interface DraftRecord extends DraftView {
  submittedAt: number | undefined;
  noteId: string | undefined;
}

function toRecord(row: DraftRow): DraftRecord {
  return {
    callId: row.call_id,
    customerNumber: row.customer_number,
    callStartedAt: row.call_started_at,
    draft: WrapUpDraftSchema.parse(JSON.parse(row.draft)),
    savedAt: row.saved_at,
    submittedAt: row.submitted_at ?? undefined,
    noteId: row.note_id ?? undefined,
  };
}

export class DraftRepository {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      open: db.prepare('INSERT OR IGNORE INTO wrapup_drafts (call_id, customer_number, call_started_at, draft, saved_at) VALUES (?, ?, ?, ?, ?)'),
      get: db.prepare('SELECT * FROM wrapup_drafts WHERE call_id = ?'),
      save: db.prepare('UPDATE wrapup_drafts SET draft = ?, saved_at = ? WHERE call_id = ? AND submitted_at IS NULL'),
      submit: db.prepare('UPDATE wrapup_drafts SET draft = ?, saved_at = ?, submitted_at = ?, note_id = ? WHERE call_id = ? AND submitted_at IS NULL'),
      listOpen: db.prepare('SELECT * FROM wrapup_drafts WHERE submitted_at IS NULL ORDER BY call_started_at DESC'),
    };
  }

  /** Creates the draft for a call unless it exists; returns whether it was created. */
  open(callId: string, customerNumber: string, callStartedAt: number, draft: WrapUpDraft, at: number): boolean {
    return this.statements.open.run(callId, customerNumber, callStartedAt, JSON.stringify(draft), at).changes === 1;
  }

  get(callId: string): DraftRecord | undefined {
    const row = this.statements.get.get(callId) as DraftRow | undefined;
    return row && toRecord(row);
  }

  /** Saves an open draft; false when the draft is unknown or already submitted. */
  save(callId: string, draft: WrapUpDraft, at: number): boolean {
    return this.statements.save.run(JSON.stringify(draft), at, callId).changes === 1;
  }

  markSubmitted(callId: string, draft: WrapUpDraft, noteId: string, at: number): boolean {
    return this.statements.submit.run(JSON.stringify(draft), at, at, noteId, callId).changes === 1;
  }

  /** Newest call first. */
  listOpen(): DraftRecord[] {
    return (this.statements.listOpen.all() as DraftRow[]).map(toRecord);
  }
}
