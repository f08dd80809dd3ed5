// The reference gateway's callback queue: callbacks wait for an agent of their skill within their time
// window. Every state change runs inside the gateway's single write transaction (server.ts), so a claim is
// atomic: one callback is assigned to one agent, and only that agent may dial it. A callback whose window
// passes without an agent is escalated; one assigned but not dialled in time goes back to the queue.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import {
  CallbackClaimSchema,
  CallbackDialSchema,
  CallbackLaterSchema,
  CallbackOutcomeRecordSchema,
  CallbackOutcomeSchema,
  GATEWAY_CALLBACK_QUEUE_PATHS,
  QueuedCallbackCreateSchema,
  type QueuedCallback,
  type QueuedCallbackCreate,
} from '../common/contract/callbackQueue';
import { GATEWAY_PATH_BY_KIND } from '../common/contract/gateway';
import type { GatewayDb, StoredResponse } from './db';

/** An assigned callback not dialled within this long goes back to the queue (the agent went away). */
export const ASSIGNMENT_TIMEOUT_MS = 120_000;
/** A callback an agent put off is not offered to that agent again for this long. */
export const LATER_HOLD_MS = 10 * 60_000;

export class CallbackQueue {
  constructor(private readonly gatewayDb: GatewayDb) {
    gatewayDb.db.exec(`
      CREATE TABLE IF NOT EXISTS callback_queue (
        id TEXT PRIMARY KEY,
        skill TEXT NOT NULL,
        state TEXT NOT NULL,
        window_start TEXT NOT NULL,
        window_end TEXT NOT NULL,
        deferred_by TEXT,
        deferred_until TEXT,
        body TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS callback_queue_waiting ON callback_queue (state, skill, window_start);
    `);
  }

  private save(callback: QueuedCallback, deferred?: { by: string; until: string }): void {
    this.gatewayDb.db
      .prepare('UPDATE callback_queue SET state = ?, deferred_by = ?, deferred_until = ?, body = ? WHERE id = ?')
      .run(callback.state, deferred?.by ?? null, deferred?.until ?? null, JSON.stringify(callback), callback.id);
  }

  get(id: string): QueuedCallback | undefined {
    const row = this.gatewayDb.db.prepare('SELECT body FROM callback_queue WHERE id = ?').get(id) as { body: string } | undefined;
    return row ? (JSON.parse(row.body) as QueuedCallback) : undefined;
  }

  insert(create: QueuedCallbackCreate): 'created' | 'same' | 'conflict' {
    const stored = this.get(create.id);
    if (stored) {
      const { state: _state, agent: _agent, assignedAt: _at, deferredReason: _r, outcome: _o, escalatedAt: _e, ...original } = stored;
      return JSON.stringify(original) === JSON.stringify(create) ? 'same' : 'conflict';
    }
    const callback: QueuedCallback = { ...create, state: 'queued' };
    this.gatewayDb.db
      .prepare('INSERT INTO callback_queue (id, skill, state, window_start, window_end, body) VALUES (?, ?, ?, ?, ?, ?)')
      .run(callback.id, callback.skill, callback.state, callback.windowStart, callback.windowEnd, JSON.stringify(callback));
    return 'created';
  }

  /** Escalates callbacks whose window passed unserved and frees assignments nobody dialled. */
  sweep(now: Date): void {
    const rows = this.gatewayDb.db.prepare("SELECT body FROM callback_queue WHERE state IN ('queued', 'assigned')").all() as { body: string }[];
    for (const row of rows) {
      const callback = JSON.parse(row.body) as QueuedCallback;
      if (Date.parse(callback.windowEnd) <= now.getTime()) {
        this.save({ ...callback, state: 'escalated', escalatedAt: now.toISOString() });
      } else if (callback.state === 'assigned' && Date.parse(callback.assignedAt!) + ASSIGNMENT_TIMEOUT_MS <= now.getTime()) {
        this.save({ ...callback, state: 'queued', agent: undefined, assignedAt: undefined });
      }
    }
  }

  /** The agent's current assignment, or the oldest open callback of their skills (atomic within the write transaction). */
  claim(agent: string, skills: readonly string[], now: Date): QueuedCallback | undefined {
    this.sweep(now);
    const mine = (this.gatewayDb.db.prepare("SELECT body FROM callback_queue WHERE state IN ('assigned', 'dialing')").all() as { body: string }[])
      .map((row) => JSON.parse(row.body) as QueuedCallback)
      .find((callback) => callback.agent === agent);
    if (mine) return mine;
    const at = now.toISOString();
    const row = this.gatewayDb.db
      .prepare(
        `SELECT body FROM callback_queue WHERE state = 'queued' AND skill IN (${skills.map(() => '?').join(',')}) AND window_start <= ?
         AND NOT (deferred_by IS ? AND deferred_until > ?) ORDER BY window_end, window_start LIMIT 1`,
      )
      .get(...skills, at, agent, at) as { body: string } | undefined;
    if (!row) return undefined;
    const callback: QueuedCallback = { ...(JSON.parse(row.body) as QueuedCallback), state: 'assigned', agent, assignedAt: at };
    this.save(callback);
    return callback;
  }

  /** Only the agent it is assigned to may dial it, once. */
  dial(id: string, agent: string): QueuedCallback | 'missing' | 'taken' {
    const callback = this.get(id);
    if (!callback) return 'missing';
    if (callback.agent !== agent || (callback.state !== 'assigned' && callback.state !== 'dialing')) return 'taken';
    const dialling: QueuedCallback = { ...callback, state: 'dialing' };
    this.save(dialling);
    return dialling;
  }

  later(id: string, agent: string, reason: string, now: Date): QueuedCallback | 'missing' | 'taken' {
    const callback = this.get(id);
    if (!callback) return 'missing';
    if (callback.agent !== agent || callback.state !== 'assigned') return 'taken';
    const queued: QueuedCallback = { ...callback, state: 'queued', agent: undefined, assignedAt: undefined, deferredReason: reason };
    this.save(queued, { by: agent, until: new Date(now.getTime() + LATER_HOLD_MS).toISOString() });
    return queued;
  }

  outcome(id: string, agent: string, outcome: string): QueuedCallback | 'missing' | 'taken' {
    const callback = this.get(id);
    if (!callback) return 'missing';
    if (callback.state === 'done' && callback.agent === agent) return callback;
    if (callback.agent !== agent || callback.state !== 'dialing') return 'taken';
    const done: QueuedCallback = { ...callback, state: 'done', outcome };
    this.save(done);
    return done;
  }

  list(state: string | undefined, now: Date): QueuedCallback[] {
    this.sweep(now);
    const rows = (state ? this.gatewayDb.db.prepare('SELECT body FROM callback_queue WHERE state = ? ORDER BY window_end').all(state) : this.gatewayDb.db.prepare('SELECT body FROM callback_queue ORDER BY window_end').all()) as { body: string }[];
    return rows.map((row) => JSON.parse(row.body) as QueuedCallback);
  }
}

type Route = { method: string; pattern: RegExp; run: (req: IncomingMessage, res: ServerResponse, url: URL, match: RegExpExecArray) => Promise<void> | void };

export interface CallbackQueueRouteDeps {
  queue: CallbackQueue;
  send: (res: ServerResponse, status: number, body: unknown) => void;
  write: <S extends z.ZodType>(req: IncomingMessage, res: ServerResponse, path: string, schema: S, store: (body: z.output<S>, at: Date) => StoredResponse) => Promise<void>;
  decodeSegment: (segment: string) => string;
  errorBody: (code: string, message: string) => unknown;
  now: () => Date;
}

export function callbackQueueRoutes({ queue, send, write, decodeSegment, errorBody, now }: CallbackQueueRouteDeps): Route[] {
  const paths = GATEWAY_CALLBACK_QUEUE_PATHS;
  const answer = (result: QueuedCallback | 'missing' | 'taken', id: string): StoredResponse => {
    if (result === 'missing') return { status: 404, body: errorBody('not_found', `No callback ${id}`) };
    if (result === 'taken') return { status: 409, body: errorBody('callback_taken', `Callback ${id} is not assigned to you (another agent has it, or it is finished)`) };
    return { status: 200, body: result };
  };
  const one = (suffix: string) => new RegExp(`^${paths.collection}/([^/]+)/${suffix}$`);
  return [
    {
      method: 'POST',
      pattern: new RegExp(`^${paths.collection}$`),
      run: (req, res) =>
        write(req, res, paths.collection, QueuedCallbackCreateSchema, (create) => {
          const outcome = queue.insert(create);
          if (outcome === 'conflict') return { status: 409, body: errorBody('callback_id_conflict', `A different callback with id ${create.id} is already queued`) };
          return { status: outcome === 'created' ? 201 : 200, body: queue.get(create.id) };
        }),
    },
    {
      method: 'GET',
      pattern: new RegExp(`^${paths.collection}$`),
      run: (_req, res, url) => send(res, 200, { callbacks: queue.list(url.searchParams.get('state') ?? undefined, now()) }),
    },
    {
      method: 'POST',
      pattern: new RegExp(`^${paths.claim}$`),
      run: (req, res) =>
        write(req, res, paths.claim, CallbackClaimSchema, ({ agent, skills }, at) => {
          const callback = queue.claim(agent, skills, at);
          return { status: 200, body: { callback: callback ?? null } };
        }),
    },
    {
      // The desktop's outbox delivers outcomes here (one fixed path per record kind), the id in the body.
      method: 'POST',
      pattern: new RegExp(`^${GATEWAY_PATH_BY_KIND.callbackOutcome}$`),
      run: (req, res) =>
        write(req, res, GATEWAY_PATH_BY_KIND.callbackOutcome, CallbackOutcomeRecordSchema, ({ callbackId, agent, outcome }) => answer(queue.outcome(callbackId, agent, outcome), callbackId)),
    },
    {
      method: 'POST',
      pattern: one('dial'),
      run: (req, res, url, match) => {
        const id = decodeSegment(match[1]!);
        return write(req, res, url.pathname, CallbackDialSchema, ({ agent }) => answer(queue.dial(id, agent), id));
      },
    },
    {
      method: 'POST',
      pattern: one('later'),
      run: (req, res, url, match) => {
        const id = decodeSegment(match[1]!);
        return write(req, res, url.pathname, CallbackLaterSchema, ({ agent, reason }, at) => answer(queue.later(id, agent, reason, at), id));
      },
    },
    {
      method: 'POST',
      pattern: one('outcome'),
      run: (req, res, url, match) => {
        const id = decodeSegment(match[1]!);
        return write(req, res, url.pathname, CallbackOutcomeSchema, ({ agent, outcome }) => answer(queue.outcome(id, agent, outcome), id));
      },
    },
  ];
}
