// Callback reminders: created with the wrap-up that asked for a callback, due at its time, resolved when
// the agent dials or dismisses it. Local only: they work offline.
import type { CallbackReminder } from '../../common/contract/wrapup';
import type { Db } from '../store/driver';

interface ReminderRow {
  id: string;
  call_id: string;
  customer_number: string;
  number: string;
  reason: string;
  due_at: number;
  state: 'scheduled' | 'due' | 'dialed' | 'dismissed';
}

export interface NewReminder {
  id: string;
  callId: string;
  customerNumber: string;
  number: string;
  reason: string;
  dueAt: number;
}

function toReminder(row: ReminderRow): CallbackReminder {
  return {
    id: row.id,
    callId: row.call_id,
    customerNumber: row.customer_number,
    number: row.number,
    reason: row.reason,
    dueAt: row.due_at,
    state: row.state === 'due' ? 'due' : 'scheduled',
  };
}

export class ReminderRepository {
  private readonly statements;

  constructor(private readonly db: Db) {
    this.statements = {
      insert: db.prepare(
        "INSERT OR IGNORE INTO reminders (id, call_id, customer_number, number, reason, due_at, state, created_at) VALUES (?, ?, ?, ?, ?, ?, 'scheduled', ?)",
      ),
      listOpen: db.prepare("SELECT * FROM reminders WHERE state IN ('scheduled', 'due') ORDER BY due_at, id"),
      nextScheduled: db.prepare("SELECT min(due_at) FROM reminders WHERE state = 'scheduled'").pluck(),
      dueNow: db.prepare("SELECT * FROM reminders WHERE state = 'scheduled' AND due_at <= ? ORDER BY due_at"),
      markDue: db.prepare("UPDATE reminders SET state = 'due' WHERE id = ? AND state = 'scheduled'"),
      resolve: db.prepare("UPDATE reminders SET state = ?, resolved_at = ? WHERE id = ? AND state IN ('scheduled', 'due')"),
    };
  }

  insert(reminder: NewReminder, at: number): void {
    this.statements.insert.run(reminder.id, reminder.callId, reminder.customerNumber, reminder.number, reminder.reason, reminder.dueAt, at);
  }

  listOpen(): CallbackReminder[] {
    return (this.statements.listOpen.all() as ReminderRow[]).map(toReminder);
  }

  nextScheduledAt(): number | undefined {
    return (this.statements.nextScheduled.get() as number | null) ?? undefined;
  }

  /** Moves every reminder whose time has come to "due" and returns them. */
  takeDue(now: number): CallbackReminder[] {
    return this.db.transaction(() => {
      const rows = this.statements.dueNow.all(now) as ReminderRow[];
      for (const row of rows) this.statements.markDue.run(row.id);
      return rows.map((row) => toReminder({ ...row, state: 'due' }));
    })();
  }

  resolve(id: string, outcome: 'dialed' | 'dismissed', at: number): boolean {
    return this.statements.resolve.run(outcome, at, id).changes === 1;
  }
}
