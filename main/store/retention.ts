// dataRetentionDays (policy or the agent's setting): what the laptop keeps of work that is done.
// Only finished things are removed — notes the gateway confirmed, submitted drafts, resolved
// reminders, old call history and readiness reports. Anything not yet synced, a draft still open or
// a callback still due is never touched, however old (the customer context cache has its own rule).
import type { Logger } from '../log/logger';
import type { Scheduler } from '../time/scheduler';
import type { Db } from './driver';
import { drainInSlices } from './slices';
import { checkpointSlice } from './wal';

export interface RetentionCounts {
  sentNotes: number;
  submittedDrafts: number;
  resolvedReminders: number;
  callHistory: number;
  readinessReports: number;
}

const DAY_MS = 86_400_000;
/** Rows deleted per transaction: a few ms of main's CPU each, however much has expired (bench/eventLoop.bench.ts). */
export const RETENTION_SLICE = 250;

/**
 * What each kind of finished work is: its table and the rows that expire before the cutoff (bound to ?).
 * Rows go in the order they were written (rowid): a slice walks the table from its oldest row and stops
 * at its LIMIT, so it costs the same at the start and the end of a long purge, where sorting by a
 * computed age would sort every expired row again in every slice. Readiness reports exist from schema
 * version 8.
 */
const EXPIRING = [
  { count: 'sentNotes', table: 'outbox', where: "state = 'sent' AND COALESCE(sent_at, updated_at) < ?" },
  { count: 'submittedDrafts', table: 'wrapup_drafts', where: 'submitted_at IS NOT NULL AND submitted_at < ?' },
  { count: 'resolvedReminders', table: 'reminders', where: "state IN ('dialed', 'dismissed') AND COALESCE(resolved_at, created_at) < ?" },
  { count: 'callHistory', table: 'call_history', where: 'started_at < ?' },
  { count: 'readinessReports', table: 'readiness_reports', where: 'finished_at < ?' },
] as const satisfies ReadonlyArray<{ count: keyof RetentionCounts; table: string; where: string }>;

export interface PruneOptions {
  /** Rows per transaction (default RETENTION_SLICE). */
  sliceRows?: number;
  pause?: () => Promise<void>;
  /** Checked before every slice: true stops (the service was disposed); the rest goes at the next run. */
  stopped?: () => boolean;
}

/**
 * Deletes finished work older than `cutoffMs`, oldest written first, at most `sliceRows` rows per transaction
 * with the event loop turning between slices. Every slice commits whole or not at all; a run cut short
 * (an error, a crash, a stop) keeps what it deleted and the next run deletes the rest — the rows to go
 * are found by the same query each time, and nothing unsynced or still open ever matches it.
 */
export async function pruneExpired(db: Db, cutoffMs: number, options: PruneOptions = {}): Promise<RetentionCounts> {
  const counts: RetentionCounts = { sentNotes: 0, submittedDrafts: 0, resolvedReminders: 0, callHistory: 0, readinessReports: 0 };
  const stopped = () => !db.open || (options.stopped?.() ?? false);
  const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
  for (const kind of EXPIRING) {
    if (stopped()) break;
    if (!tables.has(kind.table)) continue;
    // NOT INDEXED: walked in rowid order, a slice stops at its LIMIT; through an index on state or date,
    // every expired row would be read and sorted by rowid again in every slice.
    const deleteSlice = db.prepare(`DELETE FROM ${kind.table} WHERE rowid IN (SELECT rowid FROM ${kind.table} NOT INDEXED WHERE ${kind.where} ORDER BY rowid LIMIT ?)`);
    const slice = (limit: number) => {
      const deleted = db.transaction(() => deleteSlice.run(cutoffMs, limit).changes)();
      if (deleted > 0) checkpointSlice(db); // a slice that wrote nothing leaves the WAL to SQLite
      return deleted;
    };
    const progress = await drainInSlices(slice, {
      size: options.sliceRows ?? RETENTION_SLICE,
      pause: options.pause,
      stopped,
    });
    counts[kind.count] = progress.done;
    if (!progress.complete) break;
  }
  return counts;
}

export interface RetentionOptions {
  db: Db;
  scheduler: Scheduler;
  /** Read at every run, so a policy change applies from the next run. */
  days: () => number;
  log: Logger;
  /** Default: every 6 hours (and once at start). */
  intervalMs?: number;
  /** Rows per transaction (default RETENTION_SLICE). */
  sliceRows?: number;
}

export class RetentionService {
  private cancel: (() => void) | undefined;
  private stopped = false;
  private running: Promise<RetentionCounts | undefined> | undefined;

  constructor(private readonly options: RetentionOptions) {}

  start(): void {
    void this.runNow();
  }

  /** One run now (a run already going is shared), then the next after the interval. Never rejects. */
  runNow(): Promise<RetentionCounts | undefined> {
    this.running ??= this.run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Resolves when no run is going (tests and shutdown). */
  async settled(): Promise<void> {
    await this.running;
  }

  private async run(): Promise<RetentionCounts | undefined> {
    this.cancel?.();
    let counts: RetentionCounts | undefined;
    const days = this.options.days();
    try {
      counts = await pruneExpired(this.options.db, this.options.scheduler.now() - days * DAY_MS, { sliceRows: this.options.sliceRows, stopped: () => this.stopped });
      const removed = Object.values(counts).reduce((sum, count) => sum + count, 0);
      if (removed > 0) this.options.log.info({ days, ...counts }, 'removed finished work older than the retention period');
    } catch (error) {
      this.options.log.error({ err: error }, 'retention clean-up failed; what was not removed is removed at the next run');
    }
    if (!this.stopped) this.cancel = this.options.scheduler.setTimer(this.options.intervalMs ?? 6 * 3_600_000, () => void this.runNow());
    return counts;
  }

  dispose(): void {
    this.stopped = true;
    this.cancel?.();
  }
}
