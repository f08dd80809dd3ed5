// Call history in the encrypted store: one row per call, updated as the call moves through its states.
import type { Call } from '../../common/contract/model';
import { CallSchema } from '../../common/contract/model';
import type { Db } from './driver';

interface CallRow {
  call_id: string;
  direction: string;
  state: string;
  remote_number: string;
  remote_name: string | null;
  started_at: number;
  connected_at: number | null;
  ended_at: number | null;
  end_reason: string | null;
}

export class CallHistoryRepository {
  private readonly upsert;
  private readonly recent;

  constructor(
    db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.upsert = db.prepare(`
      INSERT INTO call_history (call_id, direction, state, remote_number, remote_name, started_at, connected_at, ended_at, end_reason, updated_at)
      VALUES (@call_id, @direction, @state, @remote_number, @remote_name, @started_at, @connected_at, @ended_at, @end_reason, @updated_at)
      ON CONFLICT (call_id) DO UPDATE SET
        state = excluded.state, remote_name = COALESCE(excluded.remote_name, remote_name),
        connected_at = COALESCE(excluded.connected_at, connected_at), ended_at = excluded.ended_at,
        end_reason = excluded.end_reason, updated_at = excluded.updated_at`);
    this.recent = db.prepare('SELECT * FROM call_history ORDER BY started_at DESC, rowid DESC LIMIT ?');
  }

  /** Inserts or updates the call; safe to call on every state change. */
  recordCall(call: Call): void {
    this.upsert.run({
      call_id: call.id,
      direction: call.direction,
      state: call.state,
      remote_number: call.remoteNumber,
      remote_name: call.remoteName ?? null,
      started_at: call.startedAt,
      connected_at: call.connectedAt ?? null,
      ended_at: call.endedAt ?? null,
      end_reason: call.endReason ?? null,
      updated_at: this.now(),
    });
  }

  /** Newest first. */
  recentCalls(limit: number): Call[] {
    return (this.recent.all(limit) as CallRow[]).map((row) =>
      CallSchema.parse({
        id: row.call_id,
        direction: row.direction,
        state: row.state,
        remoteNumber: row.remote_number,
        remoteName: row.remote_name ?? undefined,
        startedAt: row.started_at,
        connectedAt: row.connected_at ?? undefined,
        endedAt: row.ended_at ?? undefined,
        onHold: false,
        muted: false,
        endReason: row.end_reason ?? undefined,
      }),
    );
  }
}
