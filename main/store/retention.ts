// dataRetentionDays (policy or the agent's setting): what the laptop keeps of work that is done.
// Only finished things are removed — notes the gateway confirmed, submitted drafts, resolved
// reminders, old call history and readiness reports. Anything not yet synced, a draft still open or
// a callback still due is never touched, however old (the customer context cache has its own rule).
import type { Logger } from '../log/logger';
import type { Scheduler } from '../time/scheduler';
import type { Db } from './driver';

export interface RetentionCounts {
  sentNotes: number;
  submittedDrafts: number;
  resolvedReminders: number;
  callHistory: number;
  readinessReports: number;
}

const DAY_MS = 86_400_000;

export function pruneExpired(db: Db, cutoffMs: number): RetentionCounts {
  const run = (sql: string) => db.prepare(sql).run(cutoffMs).changes;
  const hasTable = (name: string) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
  return db.transaction(() => ({
    sentNotes: run("DELETE FROM outbox WHERE state = 'sent' AND COALESCE(sent_at, updated_at) < ?"),
    submittedDrafts: run('DELETE FROM wrapup_drafts WHERE submitted_at IS NOT NULL AND submitted_at < ?'),
    resolvedReminders: run("DELETE FROM reminders WHERE state IN ('dialed', 'dismissed') AND COALESCE(resolved_at, created_at) < ?"),
    callHistory: run('DELETE FROM call_history WHERE started_at < ?'),
    readinessReports: hasTable('readiness_reports') ? run('DELETE FROM readiness_reports WHERE finished_at < ?') : 0,
  }))();
}

export interface RetentionOptions {
  db: Db;
  scheduler: Scheduler;
  /** Read at every run, so a policy change applies from the next run. */
  days: () => number;
  log: Logger;
  /** Default: every 6 hours (and once at start). */
  intervalMs?: number;
}

export class RetentionService {
  private cancel: (() => void) | undefined;
  private stopped = false;

  constructor(private readonly options: RetentionOptions) {}

  start(): void {
    this.runNow();
  }

  runNow(): RetentionCounts | undefined {
    this.cancel?.();
    let counts: RetentionCounts | undefined;
    try {
      const days = this.options.days();
      counts = pruneExpired(this.options.db, this.options.scheduler.now() - days * DAY_MS);
      const removed = Object.values(counts).reduce((sum, count) => sum + count, 0);
      if (removed > 0) this.options.log.info({ days, ...counts }, 'removed finished work older than the retention period');
    } catch (error) {
      this.options.log.error({ err: error }, 'retention clean-up failed; nothing was removed');
    }
    if (!this.stopped) this.cancel = this.options.scheduler.setTimer(this.options.intervalMs ?? 6 * 3_600_000, () => this.runNow());
    return counts;
  }

  dispose(): void {
    this.stopped = true;
    this.cancel?.();
  }
}
