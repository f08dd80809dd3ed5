// The outbox table: every record the gateway must receive, with the Idempotency-Key made when the record
// is inserted (never at send time, or a crash between send and mark-sent would create a duplicate).
// A record is pending until the gateway confirms it (sent) or refuses it (parked, for the agent).
import { randomUUID } from 'node:crypto';
import type { OutboxKind } from '../../common/contract/gateway';
import type { Db } from '../store/driver';
import { WalTrimmer } from '../store/wal';

export type OutboxRowState = 'pending' | 'parked' | 'sent';

export interface OutboxRecord {
  seq: number;
  id: string;
  idempotencyKey: string;
  kind: OutboxKind;
  /** Records with the same key are delivered one at a time, oldest first. */
  customerKey: string;
  /** The exact JSON body sent to the gateway. */
  payload: string;
  state: OutboxRowState;
  attempts: number;
  nextAttemptAt: number;
  lastStatus: number | undefined;
  lastError: string | undefined;
  createdAt: number;
  updatedAt: number;
  sentAt: number | undefined;
}

export interface NewOutboxRecord {
  id: string;
  kind: OutboxKind;
  customerKey: string;
  payload: string;
}

export interface OutboxCounts {
  pending: number;
  parked: number;
  /** Pending records that have failed at least once. */
  retrying: number;
  /** Soonest automatic retry among pending records. */
  nextAttemptAt: number | undefined;
  lastSentAt: number | undefined;
}

interface Row {
  seq: number;
  id: string;
  idempotency_key: string;
  kind: OutboxKind;
  customer_key: string;
  payload: string;
  state: OutboxRowState;
  attempts: number;
  next_attempt_at: number;
  last_status: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
}

function toRecord(row: Row): OutboxRecord {
  return {
    seq: row.seq,
    id: row.id,
    idempotencyKey: row.idempotency_key,
    kind: row.kind,
    customerKey: row.customer_key,
    payload: row.payload,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastStatus: row.last_status ?? undefined,
    lastError: row.last_error ?? undefined,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    sentAt: row.sent_at ?? undefined,
  };
}

export class OutboxRepository {
  private readonly statements;
  private readonly wal: WalTrimmer;

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
    private readonly newKey: () => string = randomUUID,
  ) {
    this.wal = new WalTrimmer(db);
    this.statements = {
      insert: db.prepare(`
        INSERT INTO outbox (id, idempotency_key, kind, customer_key, payload, state, attempts, next_attempt_at, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?) RETURNING *`),
      get: db.prepare('SELECT * FROM outbox WHERE id = ?'),
      heads: db.prepare(`
        SELECT o.* FROM outbox o
        JOIN (SELECT customer_key, min(seq) AS seq FROM outbox WHERE state = 'pending' GROUP BY customer_key) h ON o.seq = h.seq
        ORDER BY o.seq`),
      headOf: db.prepare("SELECT * FROM outbox WHERE state = 'pending' AND customer_key = ? ORDER BY seq LIMIT 1"),
      markSent: db.prepare("UPDATE outbox SET state = 'sent', attempts = attempts + 1, last_status = ?, last_error = NULL, sent_at = ?, updated_at = ? WHERE seq = ? AND state = 'pending'"),
      markRetry: db.prepare("UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_status = ?, last_error = ?, updated_at = ? WHERE seq = ? AND state = 'pending'"),
      markParked: db.prepare("UPDATE outbox SET state = 'parked', attempts = attempts + 1, last_status = ?, last_error = ?, updated_at = ? WHERE seq = ? AND state = 'pending'"),
      retryOne: db.prepare("UPDATE outbox SET state = 'pending', next_attempt_at = ?, updated_at = ? WHERE id = ? AND state IN ('pending', 'parked')"),
      retryAll: db.prepare("UPDATE outbox SET state = 'pending', next_attempt_at = ?, updated_at = ? WHERE state IN ('pending', 'parked')"),
      retryBackedOff: db.prepare("UPDATE outbox SET next_attempt_at = ?, updated_at = ? WHERE state = 'pending' AND next_attempt_at > ?"),
      replaceParked: db.prepare("UPDATE outbox SET payload = ?, state = 'pending', next_attempt_at = ?, updated_at = ? WHERE id = ? AND state = 'parked'"),
      counts: db.prepare(`
        SELECT
          (SELECT count(*) FROM outbox WHERE state = 'pending') AS pending,
          (SELECT count(*) FROM outbox WHERE state = 'parked') AS parked,
          (SELECT count(*) FROM outbox WHERE state = 'pending' AND attempts > 0) AS retrying,
          (SELECT min(next_attempt_at) FROM outbox WHERE state = 'pending') AS next_attempt_at,
          (SELECT max(sent_at) FROM outbox WHERE state = 'sent') AS last_sent_at`),
      unsynced: db.prepare("SELECT * FROM outbox WHERE state IN ('parked', 'pending') ORDER BY state = 'pending', seq LIMIT ?"),
      recentlySent: db.prepare("SELECT * FROM outbox WHERE state = 'sent' ORDER BY sent_at DESC, seq DESC LIMIT ?"),
      // Prepared once: these run around every delivery update.
      readSync: db.prepare('PRAGMA synchronous').pluck(),
      syncNormal: db.prepare('PRAGMA synchronous = NORMAL'),
      syncFull: db.prepare('PRAGMA synchronous = FULL'),
    };
  }

  /** Inserts records (in the caller's transaction if there is one) with fresh Idempotency-Keys. */
  enqueue(records: readonly NewOutboxRecord[]): OutboxRecord[] {
    const at = this.now();
    return this.db.transaction(() =>
      records.map((record) => toRecord(this.statements.insert.get(record.id, this.newKey(), record.kind, record.customerKey, record.payload, at, at, at) as Row)),
    )();
  }

  get(id: string): OutboxRecord | undefined {
    const row = this.statements.get.get(id) as Row | undefined;
    return row && toRecord(row);
  }

  /** The oldest pending record of every customer, oldest first. */
  pendingHeads(): OutboxRecord[] {
    return (this.statements.heads.all() as Row[]).map(toRecord);
  }

  headOf(customerKey: string): OutboxRecord | undefined {
    const row = this.statements.headOf.get(customerKey) as Row | undefined;
    return row && toRecord(row);
  }

  markSent(seq: number, status: number): void {
    const at = this.now();
    this.relaxed(() => this.statements.markSent.run(status, at, at, seq));
    this.wal.wrote();
  }

  markRetry(seq: number, nextAttemptAt: number, status: number | undefined, error: string): void {
    this.relaxed(() => this.statements.markRetry.run(nextAttemptAt, status ?? null, error.slice(0, 1000), this.now(), seq));
  }

  markParked(seq: number, status: number | undefined, error: string): void {
    this.relaxed(() => this.statements.markParked.run(status ?? null, error.slice(0, 1000), this.now(), seq));
  }

  /**
   * Delivery bookkeeping commits with synchronous=NORMAL: in WAL mode that survives any process crash
   * and loses at most the last few updates on power loss, and a lost "sent" mark only means the record
   * is sent again under the same Idempotency-Key, which the gateway answers with its stored reply. What
   * the agent wrote (inserts, edits, drafts) keeps the connection's synchronous=FULL; the next FULL
   * commit also makes these updates durable.
   */
  private relaxed(update: () => unknown): void {
    const { readSync, syncNormal, syncFull } = this.statements;
    if ((readSync.get() as number) !== 2) {
      update(); // already relaxed (an in-memory session store, or a caller's choice)
      return;
    }
    syncNormal.run();
    try {
      update();
    } finally {
      syncFull.run();
    }
  }

  /** "Retry now": one record, or every pending and parked record. Returns how many were touched. */
  retryNow(id?: string): number {
    const at = this.now();
    return (id ? this.statements.retryOne.run(at, at, id) : this.statements.retryAll.run(at, at)).changes;
  }

  /** The gateway answered again after failures: stop waiting out the backoff of everything else. */
  retryBackedOffNow(): number {
    const at = this.now();
    return this.statements.retryBackedOff.run(at, at, at).changes;
  }

  /** The agent corrected a parked record: new body, back in the queue under the same Idempotency-Key. */
  replaceParkedPayload(id: string, payload: string): boolean {
    const at = this.now();
    return this.statements.replaceParked.run(payload, at, at, id).changes === 1;
  }

  counts(): OutboxCounts {
    const row = this.statements.counts.get() as { pending: number; parked: number; retrying: number; next_attempt_at: number | null; last_sent_at: number | null };
    return { pending: row.pending, parked: row.parked, retrying: row.retrying, nextAttemptAt: row.next_attempt_at ?? undefined, lastSentAt: row.last_sent_at ?? undefined };
  }

  /** Parked records first, then pending, each oldest first. */
  listUnsynced(limit: number): OutboxRecord[] {
    return (this.statements.unsynced.all(limit) as Row[]).map(toRecord);
  }

  listRecentlySent(limit: number): OutboxRecord[] {
    return (this.statements.recentlySent.all(limit) as Row[]).map(toRecord);
  }

  /** The sync went idle: after a big one, empty the WAL so it does not keep its high-water size on disk. */
  syncSettled(): void {
    this.wal.settled();
  }
}
