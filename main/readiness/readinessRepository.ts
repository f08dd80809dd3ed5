// Readiness reports in the encrypted local store (table readiness_reports, migration 5). Saved in the
// same transaction as their outbox record, so a report is either kept and queued for IT, or neither.
import { ReadinessReportSchema, type ReadinessGrade, type ReadinessReport } from '../../common/contract/readiness';
import type { Db } from '../store/driver';

export interface ReadinessReportSummary {
  id: string;
  finishedAt: number;
  verdict: ReadinessGrade;
}

export class ReadinessRepository {
  private readonly statements;

  constructor(private readonly db: Db) {
    this.statements = {
      insert: db.prepare('INSERT OR REPLACE INTO readiness_reports (id, started_at, finished_at, verdict, report) VALUES (?, ?, ?, ?, ?)'),
      recent: db.prepare('SELECT id, finished_at, verdict FROM readiness_reports ORDER BY finished_at DESC LIMIT ?'),
      get: db.prepare('SELECT report FROM readiness_reports WHERE id = ?').pluck(),
      prune: db.prepare('DELETE FROM readiness_reports WHERE finished_at < ?'),
    };
  }

  /** Saves the report and runs `alsoInTransaction` (queueing it in the outbox) atomically. */
  save(report: ReadinessReport, alsoInTransaction?: () => void): void {
    this.db.transaction(() => {
      this.statements.insert.run(report.id, report.startedAt, report.finishedAt, report.verdict, JSON.stringify(report));
      alsoInTransaction?.();
    })();
  }

  recent(limit = 20): ReadinessReportSummary[] {
    return (this.statements.recent.all(limit) as { id: string; finished_at: number; verdict: ReadinessGrade }[]).map((row) => ({
      id: row.id,
      finishedAt: row.finished_at,
      verdict: row.verdict,
    }));
  }

  get(id: string): ReadinessReport | undefined {
    const text = this.statements.get.get(id) as string | undefined;
    return text === undefined ? undefined : ReadinessReportSchema.parse(JSON.parse(text));
  }

  pruneOlderThan(at: number): number {
    return this.statements.prune.run(at).changes;
  }
}
