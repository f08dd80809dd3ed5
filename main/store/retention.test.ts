import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { silentLogger } from '../log/logger';
import { tempStore } from './testSupport';
import { ManualScheduler } from '../time/manualScheduler';
import { pruneExpired, RetentionService } from './retention';

const DAY = 86_400_000;

function seed(now: number) {
  const store = tempStore();
  const { db } = store;
  const old = now - 40 * DAY;
  const recent = now - 2 * DAY;
  const outbox = db.prepare(
    `INSERT INTO outbox (id, idempotency_key, kind, customer_key, payload, state, next_attempt_at, created_at, updated_at, sent_at)
     VALUES (?, ?, 'note', 'c', '{}', ?, 0, ?, ?, ?)`,
  );
  outbox.run('sent-old', 'k1', 'sent', old, old, old);
  outbox.run('sent-recent', 'k2', 'sent', recent, recent, recent);
  outbox.run('pending-old', 'k3', 'pending', old, old, null);
  outbox.run('parked-old', 'k4', 'parked', old, old, null);
  const draft = db.prepare('INSERT INTO wrapup_drafts (call_id, customer_number, call_started_at, draft, saved_at, submitted_at) VALUES (?, ?, ?, ?, ?, ?)');
  draft.run('d-submitted-old', '1002', old, '{}', old, old);
  draft.run('d-open-old', '1002', old, '{}', old, null);
  const reminder = db.prepare('INSERT INTO reminders (id, call_id, customer_number, number, reason, due_at, state, created_at, resolved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  reminder.run('r-dialed-old', 'c1', '1002', '1002', 'x', old, 'dialed', old, old);
  reminder.run('r-due-old', 'c2', '1002', '1002', 'x', old, 'due', old, null);
  const history = db.prepare("INSERT INTO call_history (call_id, direction, state, remote_number, started_at, updated_at) VALUES (?, 'inbound', 'ended', '1002', ?, ?)");
  history.run('h-old', old, old);
  history.run('h-recent', recent, recent);
  return store;
}

const ids = (store: ReturnType<typeof tempStore>, sql: string) => (store.db.prepare(sql).all() as Array<{ id: string }>).map((row) => row.id).sort();

describe('data retention', () => {
  it('removes only finished work older than the period; unsynced notes, open drafts and due callbacks stay however old', () => {
    const now = Date.now();
    const store = seed(now);
    const counts = pruneExpired(store.db, now - 30 * DAY);
    assert.deepEqual(counts, { sentNotes: 1, submittedDrafts: 1, resolvedReminders: 1, callHistory: 1, readinessReports: 0 });
    assert.deepEqual(ids(store, 'SELECT id FROM outbox'), ['parked-old', 'pending-old', 'sent-recent']);
    assert.deepEqual(ids(store, 'SELECT call_id AS id FROM wrapup_drafts'), ['d-open-old']);
    assert.deepEqual(ids(store, 'SELECT id FROM reminders'), ['r-due-old']);
    assert.deepEqual(ids(store, 'SELECT call_id AS id FROM call_history'), ['h-recent']);
    store.close();
  });

  it('runs at start and again on its interval, reading the period each time (a policy change applies)', async () => {
    const now = Date.now();
    const store = seed(now);
    const scheduler = new ManualScheduler(now);
    let days = 60;
    const service = new RetentionService({ db: store.db, scheduler, days: () => days, log: silentLogger(), intervalMs: 3_600_000 });
    service.start();
    assert.equal(ids(store, 'SELECT call_id AS id FROM call_history').length, 2, '60 days keeps both');
    days = 1;
    await scheduler.advance(3_600_000);
    assert.deepEqual(ids(store, 'SELECT call_id AS id FROM call_history'), [], 'after the next run with 1 day, both are gone');
    service.dispose();
    store.close();
  });
});
