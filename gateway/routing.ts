// The reference gateway's interaction records: what the self-service part (IVR, bot) captured before the
// call reached an agent — its path, the bot's transcript and the detected intent. The IVR POSTs one
// (idempotent, like every write); the desktop reads it at ring time, following the Call-Info pointer
// the routing proxy added (docs/routing-callbacks.md).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { GATEWAY_API_PREFIX } from '../common/contract/gateway';
import { InteractionCreateSchema, type InteractionRecord } from '../common/contract/routing';
import type { GatewayDb, StoredResponse } from './db';

export class InteractionStore {
  constructor(private readonly gatewayDb: GatewayDb) {
    gatewayDb.db.exec(`
      CREATE TABLE IF NOT EXISTS interactions (id TEXT PRIMARY KEY, body TEXT NOT NULL, received_at TEXT NOT NULL);
    `);
  }

  /** A new id stores the record; the same record again is a no-op; a different one under a known id is refused. */
  insert(record: InteractionRecord, receivedAt: Date): 'created' | 'same' | 'conflict' {
    const stored = this.get(record.id);
    if (stored) return JSON.stringify(stored) === JSON.stringify(record) ? 'same' : 'conflict';
    this.gatewayDb.db.prepare('INSERT INTO interactions (id, body, received_at) VALUES (?, ?, ?)').run(record.id, JSON.stringify(record), receivedAt.toISOString());
    return 'created';
  }

  get(id: string): InteractionRecord | undefined {
    const row = this.gatewayDb.db.prepare('SELECT body FROM interactions WHERE id = ?').get(id) as { body: string } | undefined;
    return row ? (JSON.parse(row.body) as InteractionRecord) : undefined;
  }
}

type Route = { method: string; pattern: RegExp; run: (req: IncomingMessage, res: ServerResponse, url: URL, match: RegExpExecArray) => Promise<void> | void };

export interface RoutingRouteDeps {
  store: InteractionStore;
  send: (res: ServerResponse, status: number, body: unknown) => void;
  write: <S extends z.ZodType>(req: IncomingMessage, res: ServerResponse, path: string, schema: S, store: (body: z.output<S>, at: Date) => StoredResponse) => Promise<void>;
  decodeSegment: (segment: string) => string;
  errorBody: (code: string, message: string) => unknown;
}

export function routingRoutes({ store, send, write, decodeSegment, errorBody }: RoutingRouteDeps): Route[] {
  const collection = `${GATEWAY_API_PREFIX}/interactions`;
  return [
    {
      method: 'POST',
      pattern: new RegExp(`^${collection}$`),
      run: (req, res) =>
        write(req, res, collection, InteractionCreateSchema, (record, at) => {
          const outcome = store.insert(record, at);
          if (outcome === 'conflict') return { status: 409, body: errorBody('interaction_id_conflict', `A different interaction with id ${record.id} is already stored`) };
          return { status: outcome === 'created' ? 201 : 200, body: { id: record.id, receivedAt: at.toISOString() } };
        }),
    },
    {
      method: 'GET',
      pattern: new RegExp(`^${collection}/([^/]+)$`),
      run: (_req, res, _url, match) => {
        const id = decodeSegment(match[1]!);
        const record = store.get(id);
        if (!record) return send(res, 404, errorBody('not_found', `No interaction ${id}`));
        send(res, 200, record);
      },
    },
  ];
}
