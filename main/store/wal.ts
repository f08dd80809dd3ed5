// Keeping the write-ahead log small. SQLite reuses a WAL file after a checkpoint but never shrinks it, so
// one big sync (hundreds of outbox rows marked sent, a full knowledge download) would leave a WAL that
// size on disk for good. journal_size_limit trims it after every checkpoint; after a big batch of writes
// the writer asks for a TRUNCATE checkpoint, which empties it as soon as no reader holds it.
import type { Db } from './driver';

/** The WAL is cut back to this after each checkpoint (SQLite's own checkpoints included). */
export const JOURNAL_SIZE_LIMIT_BYTES = 4 * 1024 * 1024;
/** Writes in one busy stretch that count as a big sync. */
export const BIG_SYNC_WRITES = 200;

export function limitJournalSize(db: Db): void {
  db.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT_BYTES}`);
}

/** Counts writes and, once a stretch of work that wrote a lot ends, empties the WAL. */
export class WalTrimmer {
  private writes = 0;

  constructor(
    private readonly db: Db,
    private readonly threshold = BIG_SYNC_WRITES,
  ) {}

  wrote(count = 1): void {
    this.writes += count;
  }

  /** Call when the work is idle. Returns whether a checkpoint ran. Never throws: a busy WAL waits for next time. */
  settled(): boolean {
    if (this.writes < this.threshold || !this.db.open || this.db.memory) return false;
    // Never wait for another connection's lock here (busy_timeout would block the event loop for
    // seconds): a busy WAL is simply left for the next time the work settles.
    const timeout = this.db.pragma('busy_timeout', { simple: true }) as number;
    try {
      this.db.pragma('busy_timeout = 0');
      const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      if (result?.busy) return false;
      this.writes = 0;
      return true;
    } catch {
      return false;
    } finally {
      this.db.pragma(`busy_timeout = ${timeout}`);
    }
  }
}

/**
 * Copies what the last slice of a long job wrote from the WAL into the database (PASSIVE: never waits
 * for a reader or a lock). Done after every slice, each checkpoint moves one slice's pages; left to
 * SQLite's automatic checkpoint, the slice whose commit crosses 1 000 pages pays for all of them (2–4×
 * a slice's CPU, bench/eventLoop.bench.ts). Never throws: what is not copied now is copied next time.
 */
export function checkpointSlice(db: Db): void {
  if (!db.open || db.memory) return;
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // busy or read-only: SQLite's own checkpoint takes it later
  }
}

