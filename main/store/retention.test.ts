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
  it('removes only finished work older than the period; unsynced notes, open drafts and due callbacks stay however old', async () => {
    const now = Date.now();
    const store = seed(now);
    const counts = await pruneExpired(store.db, now - 30 * DAY);
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
    await service.settled();
    assert.equal(ids(store, 'SELECT call_id AS id FROM call_history').length, 2, '60 days keeps both');
    days = 1;
    await scheduler.advance(3_600_000);
    await service.settled();
    assert.deepEqual(ids(store, 'SELECT call_id AS id FROM call_history'), [], 'after the next run with 1 day, both are gone');
    service.dispose();
    store.close();
  });

  describe('in slices, so a big backlog never holds the event loop in one transaction', () => {
    /** 23 sent notes older than the cutoff (seq 1..23, sent oldest first) between unsynced ones. */
    function backlog(now: number) {
      const store = tempStore();
      const old = now - 40 * DAY;
      const insert = store.db.prepare(
        `INSERT INTO outbox (id, idempotency_key, kind, customer_key, payload, state, next_attempt_at, created_at, updated_at, sent_at)
         VALUES (?, ?, 'note', 'c', '{}', ?, 0, ?, ?, ?)`,
      );
      for (let i = 1; i <= 23; i += 1) insert.run(`sent-${i}`, `k${i}`, 'sent', old + i, old + i, old + i);
      insert.run('pending-old', 'kp', 'pending', old, old, null);
      return store;
    }
    const sentLeft = (store: ReturnType<typeof tempStore>) => (store.db.prepare("SELECT id FROM outbox WHERE state = 'sent' ORDER BY seq").pluck().all() as string[]);

    it('deletes oldest first, one slice per transaction, with the loop turning between slices', async () => {
      const now = Date.now();
      const store = backlog(now);
      const seenBetweenSlices: string[][] = [];
      const counts = await pruneExpired(store.db, now - 30 * DAY, {
        sliceRows: 5,
        pause: async () => {
          // What another caller on the event loop would see between two slices: committed, in order.
          seenBetweenSlices.push(sentLeft(store));
        },
      });
      assert.equal(counts.sentNotes, 23);
      assert.deepEqual(sentLeft(store), []);
      assert.equal(seenBetweenSlices.length, 4, '23 rows in slices of 5: four pauses between five slices (the fifth has 3)');
      assert.deepEqual(seenBetweenSlices[0], Array.from({ length: 18 }, (_, i) => `sent-${i + 6}`), 'the five oldest went first');
      assert.deepEqual(seenBetweenSlices.map((left) => left.length), [18, 13, 8, 3]);
      assert.deepEqual(store.db.prepare("SELECT id FROM outbox WHERE state <> 'sent'").pluck().all(), ['pending-old']);
      store.close();
    });

    it('a slice that fails is rolled back whole; the slices before it stay done, and the next run finishes the rest', async () => {
      const now = Date.now();
      const store = backlog(now);
      // Deleting sent-13 fails, as a crash or a full disk would in the middle of the third slice.
      store.db.exec("CREATE TEMP TRIGGER fail_mid_slice BEFORE DELETE ON outbox WHEN old.id = 'sent-13' BEGIN SELECT RAISE(ABORT, 'disk full'); END");
      await assert.rejects(pruneExpired(store.db, now - 30 * DAY, { sliceRows: 5 }), /disk full/);
      assert.deepEqual(sentLeft(store), Array.from({ length: 13 }, (_, i) => `sent-${i + 11}`), 'slices 1–2 committed; none of slice 3 (sent-11 … sent-15) was deleted');
      store.db.exec('DROP TRIGGER fail_mid_slice');
      const counts = await pruneExpired(store.db, now - 30 * DAY, { sliceRows: 5 });
      assert.equal(counts.sentNotes, 13);
      assert.deepEqual(sentLeft(store), []);
      assert.deepEqual(store.db.prepare('SELECT id FROM outbox').pluck().all(), ['pending-old'], 'the unsynced note is never touched');
      store.close();
    });

    it('a stop between slices (the app closing) keeps what was done; the next run carries on', async () => {
      const now = Date.now();
      const store = backlog(now);
      let slices = 0;
      const first = await pruneExpired(store.db, now - 30 * DAY, { sliceRows: 5, pause: async () => void (slices += 1), stopped: () => slices >= 2 });
      assert.equal(first.sentNotes, 10);
      assert.equal(sentLeft(store).length, 13);
      const second = await pruneExpired(store.db, now - 30 * DAY, { sliceRows: 5 });
      assert.equal(second.sentNotes, 13);
      assert.deepEqual(sentLeft(store), []);
      store.close();
    });

    it('the service stops between slices once disposed, and a closed database ends the run quietly', async () => {
      const now = Date.now();
      const store = backlog(now);
      const scheduler = new ManualScheduler(now);
      const service = new RetentionService({ db: store.db, scheduler, days: () => 30, log: silentLogger(), sliceRows: 5 });
      const run = service.runNow(); // the first slice runs now, the rest after the loop turns
      service.dispose();
      store.close();
      const counts = await run;
      assert.deepEqual(counts, { sentNotes: 5, submittedDrafts: 0, resolvedReminders: 0, callHistory: 0, readinessReports: 0 }, 'one slice, then a clean stop (no error from the closed database)');
      assert.equal(scheduler.pendingTimers(), 0, 'no next run after dispose');
    });
  });
});
