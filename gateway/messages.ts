// The reference gateway's follow-up messages: what agents send customers at wrap-up (SMS, e-mail, a chat
// link), as the contact centre's messaging platform would take them. The app POSTs each one through its
// outbox with an Idempotency-Key (like notes), so a replay returns the first answer and never a second
// message; the message id makes a resend under a new key the same message too. GET lists them for tests.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { GATEWAY_MESSAGES_PATH, GatewayMessageSchema, type GatewayMessage } from '../common/contract/messages';
import type { GatewayDb, StoredResponse } from './db';

export interface StoredMessage extends GatewayMessage {
  receivedAt: string;
}

export class MessageStore {
  constructor(private readonly gatewayDb: GatewayDb) {
    gatewayDb.db.exec(`
      CREATE TABLE IF NOT EXISTS messages (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, customer_number TEXT NOT NULL, body TEXT NOT NULL, received_at TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS messages_by_customer ON messages (customer_number, seq);
    `);
  }

  /** A new id stores the message; the same message again is a no-op; a different one under a known id is refused. */
  insert(message: GatewayMessage, receivedAt: Date): { outcome: 'created' | 'same' | 'conflict'; receivedAt: string } {
    const stored = this.get(message.id);
    if (stored) {
      const { receivedAt: storedAt, ...body } = stored;
      return { outcome: JSON.stringify(body) === JSON.stringify(message) ? 'same' : 'conflict', receivedAt: storedAt };
    }
    this.gatewayDb.db
      .prepare('INSERT INTO messages (id, customer_number, body, received_at) VALUES (?, ?, ?, ?)')
      .run(message.id, message.customerNumber, JSON.stringify(message), receivedAt.toISOString());
    return { outcome: 'created', receivedAt: receivedAt.toISOString() };
  }

  get(id: string): StoredMessage | undefined {
    const row = this.gatewayDb.db.prepare('SELECT body, received_at FROM messages WHERE id = ?').get(id) as { body: string; received_at: string } | undefined;
    return row && { ...(JSON.parse(row.body) as GatewayMessage), receivedAt: row.received_at };
  }

  /** Oldest first. */
  list(options: { customer?: string; callId?: string; limit: number }): StoredMessage[] {
    const rows = this.gatewayDb.db
      .prepare(`SELECT body, received_at FROM messages ${options.customer ? 'WHERE customer_number = ?' : ''} ORDER BY seq LIMIT ?`)
      .all(...[...(options.customer ? [options.customer] : []), options.limit]) as { body: string; received_at: string }[];
    return rows
      .map((row) => ({ ...(JSON.parse(row.body) as GatewayMessage), receivedAt: row.received_at }))
      .filter((message) => !options.callId || message.callId === options.callId);
  }
}

type Route = { method: string; pattern: RegExp; run: (req: IncomingMessage, res: ServerResponse, url: URL, match: RegExpExecArray) => Promise<void> | void };

export interface MessageRouteDeps {
  store: MessageStore;
  send: (res: ServerResponse, status: number, body: unknown) => void;
  write: <S extends z.ZodType>(req: IncomingMessage, res: ServerResponse, path: string, schema: S, store: (body: z.output<S>, at: Date) => StoredResponse) => Promise<void>;
  errorBody: (code: string, message: string) => unknown;
}

export function messageRoutes({ store, send, write, errorBody }: MessageRouteDeps): Route[] {
  return [
    {
      method: 'POST',
      pattern: new RegExp(`^${GATEWAY_MESSAGES_PATH}$`),
      run: (req, res) =>
        write(req, res, GATEWAY_MESSAGES_PATH, GatewayMessageSchema, (message, at) => {
          const { outcome, receivedAt } = store.insert(message, at);
          if (outcome === 'conflict') return { status: 409, body: errorBody('message_id_conflict', `A different message with id ${message.id} is already stored`) };
          return { status: outcome === 'created' ? 201 : 200, body: { id: message.id, receivedAt } };
        }),
    },
    {
      method: 'GET',
      pattern: new RegExp(`^${GATEWAY_MESSAGES_PATH}$`),
      run: (_req, res, url) => {
        const limit = Math.min(Number(url.searchParams.get('limit') ?? 100) || 100, 1000);
        send(res, 200, { messages: store.list({ customer: url.searchParams.get('customer') ?? undefined, callId: url.searchParams.get('callId') ?? undefined, limit }) });
      },
    },
  ];
}
