// The reference gateway's own database (plain SQLite: it stands in for the CRM's storage, not the
// agent's laptop). It keeps notes, callbacks, the disposition list, and the Idempotency-Key table.
// Notes are not unique by id on purpose: a CRM stores what it is sent, so a client that resent a note
// under a new key would create a visible duplicate, which is exactly what the tests look for.
import type BetterSqlite3 from '../node_modules/better-sqlite3-multiple-ciphers/index';
import { FALLBACK_DISPOSITIONS, type Disposition, type GatewayCallback, type GatewayNote } from '../common/contract/gateway';

type Db = BetterSqlite3.Database;
type Driver = typeof BetterSqlite3;

export interface StoredResponse {
  status: number;
  body: unknown;
}

export interface IdempotentResult extends StoredResponse {
  /** True when this is the stored first answer played back. */
  replayed: boolean;
  /** True when this request's work was committed just now. */
  committed: boolean;
}

interface IdempotencyRow {
  key: string;
  method: string;
  path: string;
  request_hash: string;
  status: number;
  body: string;
}


export class GatewayDb {
  readonly db: Db;

  /** synchronous=FULL by default; 'normal' trades power-loss durability of the last commits for speed. */
  constructor(file: string, options: { synchronous?: 'full' | 'normal' } = {}) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Database = require('better-sqlite3-multiple-ciphers') as Driver;
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
  }

  private migrate(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version > 2) throw new Error(`gateway database schema ${version} is newer than this gateway (2)`);
    if (version === 2) return;
    if (version === 1) return this.migrateDispositions();
    this.db.transaction(() => {
      this.db.exec(`
        CREATE TABLE notes (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          id TEXT NOT NULL,
          call_id TEXT NOT NULL,
          customer_number TEXT NOT NULL,
          body TEXT NOT NULL,
          received_at TEXT NOT NULL
        );
        CREATE INDEX notes_by_customer ON notes (customer_number, seq);
        CREATE INDEX notes_by_id ON notes (id);
        CREATE TABLE callbacks (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          id TEXT NOT NULL,
          note_id TEXT NOT NULL,
          customer_number TEXT NOT NULL,
          due_at TEXT NOT NULL,
          body TEXT NOT NULL,
          received_at TEXT NOT NULL
        );
        CREATE INDEX callbacks_by_customer ON callbacks (customer_number, seq);
        CREATE TABLE idempotency_keys (
          key TEXT PRIMARY KEY,
          method TEXT NOT NULL,
          path TEXT NOT NULL,
          request_hash TEXT NOT NULL,
          status INTEGER NOT NULL,
          body TEXT NOT NULL,
          created_at TEXT NOT NULL
        );
        CREATE INDEX idempotency_keys_age ON idempotency_keys (created_at);
        CREATE TABLE dispositions (code TEXT PRIMARY KEY, labels TEXT NOT NULL, position INTEGER NOT NULL);
      `);
      const insert = this.db.prepare('INSERT INTO dispositions (code, labels, position) VALUES (?, ?, ?)');
      FALLBACK_DISPOSITIONS.forEach((d, i) => insert.run(d.code, JSON.stringify(d.labels), i));
      this.db.pragma('user_version = 2');
    })();
  }

  /**
   * Schema 1 seeded the first outcome list (info_given, callback_needed, complaint, sale, wrong_number):
   * it could not say refunded, replaced or cancelled. Version 2 serves the standard list; notes already
   * stored keep the code they were sent with.
   */
  private migrateDispositions(): void {
    this.db.transaction(() => {
      this.db.exec('DELETE FROM dispositions');
      const insert = this.db.prepare('INSERT INTO dispositions (code, labels, position) VALUES (?, ?, ?)');
      FALLBACK_DISPOSITIONS.forEach((d, i) => insert.run(d.code, JSON.stringify(d.labels), i));
      this.db.pragma('user_version = 2');
    })();
  }

  /**
   * Runs `execute` at most once per Idempotency-Key. The same key with the same request replays the
   * stored answer; with a different request (or another endpoint) it is refused with 422. Only
   * successful (2xx) answers are stored: a rejected request did nothing, so it may be corrected and sent
   * again under the same key (Stripe's rule). Inside inTransaction() it runs as a savepoint: a failure
   * undoes only this request.
   */
  idempotent(key: string, method: string, path: string, requestHash: string, now: Date, execute: () => StoredResponse): IdempotentResult {
    return this.db
      .transaction((): IdempotentResult => {
        const existing = this.db.prepare('SELECT * FROM idempotency_keys WHERE key = ?').get(key) as IdempotencyRow | undefined;
        if (existing) {
          if (existing.request_hash !== requestHash || existing.method !== method || existing.path !== path) {
            return {
              status: 422,
              body: { error: { code: 'idempotency_key_reused', message: 'This Idempotency-Key was already used with a different request' } },
              replayed: false,
              committed: false,
            };
          }
          return { status: existing.status, body: JSON.parse(existing.body) as unknown, replayed: true, committed: false };
        }
        const result = execute();
        const ok = result.status >= 200 && result.status < 300;
        if (ok) {
          this.db
            .prepare('INSERT INTO idempotency_keys (key, method, path, request_hash, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
            .run(key, method, path, requestHash, result.status, JSON.stringify(result.body), now.toISOString());
        }
        return { ...result, replayed: false, committed: ok };
      })();
  }

  /** Runs work in one write transaction (one fsync for everything in it). */
  inTransaction(work: () => void): void {
    this.db.transaction(work).immediate();
  }

  /** The note already stored under this id, if any (notes are deduplicated by id, whatever the key). */
  findNote(id: string): { note: GatewayNote; receivedAt: string } | undefined {
    const row = this.db.prepare('SELECT body, received_at FROM notes WHERE id = ? ORDER BY seq LIMIT 1').get(id) as { body: string; received_at: string } | undefined;
    return row && { note: JSON.parse(row.body) as GatewayNote, receivedAt: row.received_at };
  }

  insertNote(note: GatewayNote, receivedAt: Date): void {
    this.db
      .prepare('INSERT INTO notes (id, call_id, customer_number, body, received_at) VALUES (?, ?, ?, ?, ?)')
      .run(note.id, note.callId, note.customerNumber, JSON.stringify(note), receivedAt.toISOString());
  }

  insertCallback(callback: GatewayCallback, receivedAt: Date): void {
    this.db
      .prepare('INSERT INTO callbacks (id, note_id, customer_number, due_at, body, received_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(callback.id, callback.noteId, callback.customerNumber, callback.dueAt, JSON.stringify(callback), receivedAt.toISOString());
  }

  listNotes(options: { customer?: string; after?: number; limit: number }): { seq: number; note: GatewayNote; receivedAt: string }[] {
    const rows = this.db
      .prepare(
        `SELECT seq, body, received_at FROM notes WHERE seq > ? ${options.customer ? 'AND customer_number = ?' : ''} ORDER BY seq LIMIT ?`,
      )
      .all(...[options.after ?? 0, ...(options.customer ? [options.customer] : []), options.limit]) as { seq: number; body: string; received_at: string }[];
    return rows.map((row) => ({ seq: row.seq, note: JSON.parse(row.body) as GatewayNote, receivedAt: row.received_at }));
  }

  listCallbacks(options: { customer?: string; limit: number }): GatewayCallback[] {
    const rows = this.db
      .prepare(`SELECT body FROM callbacks ${options.customer ? 'WHERE customer_number = ?' : ''} ORDER BY seq LIMIT ?`)
      .all(...[...(options.customer ? [options.customer] : []), options.limit]) as { body: string }[];
    return rows.map((row) => JSON.parse(row.body) as GatewayCallback);
  }

  dispositions(): Disposition[] {
    const rows = this.db.prepare('SELECT code, labels FROM dispositions ORDER BY position').all() as { code: string; labels: string }[];
    return rows.map((row) => ({ code: row.code, labels: JSON.parse(row.labels) as Record<string, string> }));
  }

  /** Counts the tests use to prove "nothing lost, nothing twice". */
  stats(): { notes: number; distinctNoteIds: number; callbacks: number; distinctCallbackIds: number; idempotencyKeys: number } {
    return this.db
      .prepare(
        `SELECT (SELECT count(*) FROM notes) AS notes, (SELECT count(DISTINCT id) FROM notes) AS distinctNoteIds,
                (SELECT count(*) FROM callbacks) AS callbacks, (SELECT count(DISTINCT id) FROM callbacks) AS distinctCallbackIds,
                (SELECT count(*) FROM idempotency_keys) AS idempotencyKeys`,
      )
      .get() as ReturnType<GatewayDb['stats']>;
  }

  /** Keys older than the retention window are forgotten (Stripe keeps them at least 24 hours). */
  pruneIdempotencyKeys(olderThan: Date): number {
    return this.db.prepare('DELETE FROM idempotency_keys WHERE created_at < ?').run(olderThan.toISOString()).changes;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
