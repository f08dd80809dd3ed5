// The reference gateway's readiness reports: what each agent's shift-start check found, kept for IT.
// Stored as received (one row per report id; a resend under a new key would not duplicate it).
import type { GatewayReadinessReport } from '../common/contract/readiness';
import type { GatewayDb } from './db';

export class ReadinessReportStore {
  constructor(private readonly gatewayDb: GatewayDb) {
    gatewayDb.db.exec(`
      CREATE TABLE IF NOT EXISTS readiness_reports (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        agent TEXT NOT NULL,
        verdict TEXT NOT NULL,
        body TEXT NOT NULL,
        received_at TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS readiness_reports_by_agent ON readiness_reports (agent, seq);
    `);
  }

  insert(report: GatewayReadinessReport, receivedAt: Date): void {
    this.gatewayDb.db
      .prepare('INSERT OR REPLACE INTO readiness_reports (id, agent, verdict, body, received_at) VALUES (?, ?, ?, ?, ?)')
      .run(report.id, report.agent, report.verdict, JSON.stringify(report), receivedAt.toISOString());
  }

  /** Newest first; optionally one agent's. */
  list(options: { agent?: string; limit: number }): (GatewayReadinessReport & { receivedAt: string })[] {
    const rows = this.gatewayDb.db
      .prepare(`SELECT body, received_at FROM readiness_reports ${options.agent ? 'WHERE agent = ?' : ''} ORDER BY seq DESC LIMIT ?`)
      .all(...[...(options.agent ? [options.agent] : []), options.limit]) as { body: string; received_at: string }[];
    return rows.map((row) => ({ ...(JSON.parse(row.body) as GatewayReadinessReport), receivedAt: row.received_at }));
  }
}
