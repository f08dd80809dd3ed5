// The local database schema, as explicit numbered migrations. Never edit a released migration: add one.
import type { Migration } from './migrations';
import type { SalvageSpec } from './recovery';

/**
 * SQL that rebuilds the outbox with a wider kind CHECK (SQLite cannot widen a CHECK in place), keeping every
 * row and the (state, customer, seq) index of version 4. Each migration passes its own frozen list of kinds.
 */
function rebuildOutboxWithKinds(version: number, kinds: readonly string[]): string {
  const table = `outbox_v${version}`;
  return `
        CREATE TABLE ${table} (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          id TEXT NOT NULL UNIQUE,
          idempotency_key TEXT NOT NULL UNIQUE,
          kind TEXT NOT NULL CHECK (kind IN (${kinds.map((kind) => `'${kind}'`).join(', ')})),
          customer_key TEXT NOT NULL,
          payload TEXT NOT NULL,
          state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'parked', 'sent')),
          attempts INTEGER NOT NULL DEFAULT 0,
          next_attempt_at INTEGER NOT NULL,
          last_status INTEGER,
          last_error TEXT,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          sent_at INTEGER
        );
        INSERT INTO ${table} SELECT * FROM outbox;
        DROP TABLE outbox;
        ALTER TABLE ${table} RENAME TO outbox;
        CREATE INDEX outbox_by_state_customer ON outbox (state, customer_key, seq);
`;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'outbox, wrap-up drafts, reminders, call history, settings',
    up(db) {
      db.exec(`
        CREATE TABLE outbox (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          id TEXT NOT NULL UNIQUE,
          idempotency_key TEXT NOT NULL UNIQUE,
          kind TEXT NOT NULL CHECK (kind IN ('note', 'callback')),
          customer_key TEXT NOT NULL,
          payload TEXT NOT NULL,
          state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'parked', 'sent')),
          attempts INTEGER NOT NULL DEFAULT 0,
          next_attempt_at INTEGER NOT NULL,
          last_status INTEGER,
          last_error TEXT,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          sent_at INTEGER
        );
        CREATE INDEX outbox_pending_by_customer ON outbox (customer_key, seq) WHERE state = 'pending';
        CREATE INDEX outbox_by_state ON outbox (state, seq);

        CREATE TABLE wrapup_drafts (
          call_id TEXT PRIMARY KEY,
          customer_number TEXT NOT NULL,
          call_started_at INTEGER NOT NULL,
          draft TEXT NOT NULL,
          saved_at INTEGER NOT NULL,
          submitted_at INTEGER,
          note_id TEXT
        );
        CREATE INDEX wrapup_drafts_open ON wrapup_drafts (call_started_at) WHERE submitted_at IS NULL;

        CREATE TABLE reminders (
          id TEXT PRIMARY KEY,
          call_id TEXT NOT NULL,
          customer_number TEXT NOT NULL,
          number TEXT NOT NULL,
          reason TEXT NOT NULL,
          due_at INTEGER NOT NULL,
          state TEXT NOT NULL CHECK (state IN ('scheduled', 'due', 'dialed', 'dismissed')),
          created_at INTEGER NOT NULL,
          resolved_at INTEGER
        );
        CREATE INDEX reminders_open ON reminders (due_at) WHERE state IN ('scheduled', 'due');

        CREATE TABLE call_history (
          call_id TEXT PRIMARY KEY,
          direction TEXT NOT NULL,
          state TEXT NOT NULL,
          remote_number TEXT NOT NULL,
          remote_name TEXT,
          started_at INTEGER NOT NULL,
          connected_at INTEGER,
          ended_at INTEGER,
          end_reason TEXT,
          updated_at INTEGER NOT NULL
        );
        CREATE INDEX call_history_recent ON call_history (started_at DESC);

        CREATE TABLE settings (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL,
          updated_at INTEGER NOT NULL
        );
      `);
    },
  },
  {
    version: 2,
    name: 'customer cache',
    up(db) {
      db.exec(`
        CREATE TABLE customer_cache (
          number TEXT PRIMARY KEY,
          name TEXT,
          data TEXT NOT NULL,
          fetched_at INTEGER NOT NULL
        ) WITHOUT ROWID;
      `);
    },
  },
  {
    version: 3,
    name: 'customer context cache; outbox kinds for contacts, call links and follow-ups',
    up(db) {
      // SQLite cannot widen a CHECK constraint in place: rebuild the outbox with the same columns and rows.
      db.exec(`
        CREATE TABLE outbox_v3 (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          id TEXT NOT NULL UNIQUE,
          idempotency_key TEXT NOT NULL UNIQUE,
          kind TEXT NOT NULL CHECK (kind IN ('note', 'callback', 'contact', 'callLink', 'followUp')),
          customer_key TEXT NOT NULL,
          payload TEXT NOT NULL,
          state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'parked', 'sent')),
          attempts INTEGER NOT NULL DEFAULT 0,
          next_attempt_at INTEGER NOT NULL,
          last_status INTEGER,
          last_error TEXT,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          sent_at INTEGER
        );
        INSERT INTO outbox_v3 SELECT * FROM outbox;
        DROP TABLE outbox;
        ALTER TABLE outbox_v3 RENAME TO outbox;
        CREATE INDEX outbox_pending_by_customer ON outbox (customer_key, seq) WHERE state = 'pending';
        CREATE INDEX outbox_by_state ON outbox (state, seq);

        CREATE TABLE context_customers (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          search_text TEXT NOT NULL,
          data TEXT NOT NULL,
          fetched_at INTEGER NOT NULL,
          provisional INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX context_customers_age ON context_customers (fetched_at);
        CREATE TABLE context_phones (
          number TEXT NOT NULL,
          customer_id TEXT NOT NULL REFERENCES context_customers (id) ON DELETE CASCADE,
          PRIMARY KEY (number, customer_id)
        ) WITHOUT ROWID;
        CREATE INDEX context_phones_by_customer ON context_phones (customer_id);
        CREATE TABLE context_search (
          term TEXT NOT NULL,
          customer_id TEXT NOT NULL REFERENCES context_customers (id) ON DELETE CASCADE,
          PRIMARY KEY (term, customer_id)
        ) WITHOUT ROWID;
        CREATE INDEX context_search_by_customer ON context_search (customer_id);
      `);
    },
  },
  {
    version: 4,
    name: 'outbox: one (state, customer, seq) index for the sync worker',
    up(db) {
      // The planner preferred (state, seq) for "oldest pending record of customer X" and scanned every
      // pending row per lookup; one composite index answers that, the per-customer heads and the counts.
      db.exec(`
        DROP INDEX outbox_pending_by_customer;
        DROP INDEX outbox_by_state;
        CREATE INDEX outbox_by_state_customer ON outbox (state, customer_key, seq);
      `);
    },
  },
  {
    version: 5,
    name: 'readiness check reports; outbox kind for them',
    up(db) {
      // The outbox CHECK gains 'readiness'.
      db.exec(rebuildOutboxWithKinds(5, ['note', 'callback', 'contact', 'callLink', 'followUp', 'readiness']));
      db.exec(`
        CREATE TABLE readiness_reports (
          id TEXT PRIMARY KEY,
          started_at INTEGER NOT NULL,
          finished_at INTEGER NOT NULL,
          verdict TEXT NOT NULL CHECK (verdict IN ('green', 'amber', 'red')),
          report TEXT NOT NULL
        );
        CREATE INDEX readiness_reports_recent ON readiness_reports (finished_at DESC);
      `);
    },
  },
  {
    version: 6,
    name: 'drop the unused customer_cache (the customer context keeps its own cache, version 3)',
    up(db) {
      db.exec('DROP TABLE IF EXISTS customer_cache');
    },
  },
  {
    version: 7,
    name: 'outbox kinds for follow-up messages chosen at wrap-up and callback-queue outcomes',
    up(db) {
      // The outbox CHECK gains 'message' and 'callbackOutcome'.
      db.exec(rebuildOutboxWithKinds(7, ['note', 'callback', 'contact', 'callLink', 'followUp', 'readiness', 'message', 'callbackOutcome']));
    },
  },
];

/**
 * Tables whose every page is checked (quick_check, which with SQLCipher also verifies each page's HMAC)
 * each time the store opens: the agent's own data. Caches (customer context, customer cache) can be
 * large and can be fetched again, so a full-file check on every start (about 1 s for a 1M-row cache)
 * is not spent on them.
 */
export const CHECKED_ON_OPEN: readonly string[] = ['outbox', 'wrapup_drafts', 'reminders', 'call_history', 'settings'];

/**
 * What must survive a damaged database: everything the agent wrote that the gateway does not have yet.
 * Sent notes, call history and caches can be fetched again or are not the agent's words.
 */
export const SALVAGE: readonly SalvageSpec[] = [
  { table: 'outbox', where: "state <> 'sent'" },
  { table: 'wrapup_drafts', where: 'submitted_at IS NULL' },
  { table: 'reminders', where: "state IN ('scheduled', 'due')" },
];
