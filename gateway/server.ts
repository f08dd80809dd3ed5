// The reference gateway: a small HTTP service implementing gateway/openapi.yaml. It stands in for the
// contact centre's CRM integration in demos and tests; it is not part of the desktop app. Bearer-token
// auth, Idempotency-Key on every write, and fault injection (drop answers after commit, refuse chosen
// notes) so the app's outbox can be tested against a real server.
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { z } from 'zod';
import {
  GATEWAY_API_PREFIX,
  GatewayCallbackSchema,
  GatewayNoteSchema,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAY_HEADER,
  type GatewayError,
  type GatewayCounters,
} from '../common/contract/gateway';
import { GatewayCallLinkSchema, GatewayContactSchema, GatewayFollowUpSchema } from '../common/contract/context';
import { KNOWLEDGE_PAGE_MAX } from '../common/contract/knowledge';
import { GatewayReadinessReportSchema } from '../common/contract/readiness';
import { CustomerDirectory } from './customers';
import { GatewayDb, type IdempotentResult, type StoredResponse } from './db';
import { KnowledgeBase } from './knowledge';
import { ReadinessReportStore } from './readinessReports';
import { SupervisorStore, supervisorRoutes, type GatewayCaller } from './supervisor';
import { InteractionStore, routingRoutes } from './routing';
import { CallbackQueue, callbackQueueRoutes } from './callbackQueue';
import { MessageStore, messageRoutes } from './messages';

export interface FaultOptions {
  /** Percentage (0–100) of successful writes whose answer is dropped after the commit (connection reset). */
  dropAfterCommitPercent?: number;
  /** Notes whose text contains this marker are refused with 422 rejected_by_crm. */
  rejectMarker?: string;
  /** Note ids refused with 422 rejected_by_crm. */
  rejectNoteIds?: readonly string[];
  /** Random source for the drop decision (tests pass a seeded one). */
  random?: () => number;
}

export interface GatewayOptions {
  db: GatewayDb;
  token: string;
  faults?: FaultOptions;
  now?: () => Date;
  /** Called for requests that failed inside the gateway (not for client mistakes). */
  onError?: (error: unknown) => void;
  /** Customer resources (demo CRM); made from `db` when left out. */
  customers?: CustomerDirectory;
  /** Knowledge articles (demo KB); made from `db` when left out. */
  knowledge?: KnowledgeBase;
  /** Accounts, teams, hands and the team board; made from `db` when left out. */
  supervisor?: SupervisorStore;
}

const MAX_BODY_BYTES = 256 * 1024;
/** An oversized body is read and thrown away up to this much, so the client can read its 413; beyond it the connection is cut. */
const MAX_DRAIN_BYTES = 4 * 1024 * 1024;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_\-:.]{8,255}$/;

/**
 * Group commit: writes that arrive in the same event-loop turn share one SQLite transaction, so one
 * fsync (synchronous=FULL) covers all of them; each runs in its own savepoint and is answered only
 * after the shared commit. Durability is unchanged; concurrent clients stop queueing behind fsyncs.
 */
class GroupCommitter {
  private queue: { work: () => IdempotentResult; resolve: (result: IdempotentResult) => void; reject: (error: unknown) => void }[] = [];

  constructor(private readonly db: GatewayDb) {}

  run(work: () => IdempotentResult): Promise<IdempotentResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ work, resolve, reject });
      if (this.queue.length === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const batch = this.queue.splice(0);
    const outcomes: ({ ok: true; result: IdempotentResult } | { ok: false; error: unknown })[] = [];
    try {
      this.db.inTransaction(() => {
        for (const item of batch) {
          try {
            outcomes.push({ ok: true, result: item.work() });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) item.resolve(outcome.result);
      else item.reject(outcome.error);
    });
  }
}

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: string[],
    /** The rest of the request is unread: answer, then close the connection. */
    readonly closeConnection = false,
  ) {
    super(message);
  }
}

function errorBody(code: string, message: string, issues?: string[]): GatewayError {
  return { error: { code, message, ...(issues ? { issues } : {}) } };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** JSON with sorted keys, so the same request hashes the same however its fields are ordered. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Reads the body. An oversized one is not an early throw: leaving the loop would destroy the request and
 * its socket under the client, which would then never see the 413. It is drained (bounded) first.
 */
async function readBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_DRAIN_BYTES) throw new HttpProblem(413, 'invalid_request', 'Request body is too large', undefined, true);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_DRAIN_BYTES) throw new HttpProblem(413, 'invalid_request', 'Request body is too large', undefined, true);
    if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
  }
  if (size > MAX_BODY_BYTES) throw new HttpProblem(413, 'invalid_request', 'Request body is too large');
  return Buffer.concat(chunks).toString('utf8');
}

/** A path segment; a malformed percent-escape is the client's mistake (400), not the gateway's. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpProblem(400, 'invalid_request', 'The path has a malformed percent-escape');
  }
}

function parseJson<S extends z.ZodType>(text: string, schema: S): z.output<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new HttpProblem(400, 'invalid_request', 'Body is not valid JSON');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new HttpProblem(
      422,
      'invalid_request',
      'Body does not match the schema',
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`),
    );
  }
  return parsed.data;
}

export function createGatewayHandler(options: GatewayOptions): { handler: (req: IncomingMessage, res: ServerResponse) => void; counters: GatewayCounters } {
  const { db, faults = {} } = options;
  const now = options.now ?? (() => new Date());
  const random = faults.random ?? Math.random;
  const expectedToken = digest(options.token);
  const rejectIds = new Set(faults.rejectNoteIds ?? []);
  const counters: GatewayCounters = { requests: 0, committed: 0, replayed: 0, dropped: 0, rejected: 0 };
  const committer = new GroupCommitter(db);
  const customers = options.customers ?? new CustomerDirectory(db, now().getTime());
  const readinessReports = new ReadinessReportStore(db);
  const knowledge = options.knowledge ?? new KnowledgeBase(db, now());
  const supervisor = options.supervisor ?? new SupervisorStore(db);
  const interactions = new InteractionStore(db);
  const callbackQueue = new CallbackQueue(db);
  const messages = new MessageStore(db);

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
    res.end(text);
  };

  /** The service credential, or one account's own (gateway/supervisor.ts); undefined: neither. */
  const callerOf = (req: IncomingMessage): GatewayCaller | undefined => {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer (.+)$/.exec(header);
    if (!match?.[1]) return undefined;
    if (timingSafeEqual(digest(match[1]), expectedToken)) return { kind: 'service' };
    const sipUser = supervisor.accountForCredential(match[1]);
    return sipUser ? { kind: 'account', sipUser } : undefined;
  };

  /** Idempotent write: validate, then run `store` once per key, then maybe drop the answer (fault). */
  const write = async <S extends z.ZodType>(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    schema: S,
    store: (body: z.output<S>, at: Date) => StoredResponse,
  ) => {
    const key = req.headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()];
    if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) {
      throw new HttpProblem(400, 'idempotency_key_missing', `${IDEMPOTENCY_KEY_HEADER} header (8–255 characters) is required for writes`);
    }
    const text = await readBody(req);
    const body = parseJson(text, schema);
    const at = now();
    const hash = createHash('sha256').update(canonicalJson(body)).digest('hex');
    const result = await committer.run(() => db.idempotent(key, 'POST', path, hash, at, () => store(body, at)));
    if (result.replayed) counters.replayed += 1;
    if (result.committed) {
      counters.committed += 1;
      if (faults.dropAfterCommitPercent && random() * 100 < faults.dropAfterCommitPercent) {
        counters.dropped += 1;
        req.socket.destroy();
        return;
      }
    }
    send(res, result.status, result.body, result.replayed ? { [IDEMPOTENT_REPLAY_HEADER]: 'true' } : {});
  };

  // Routes without `who` serve the service credential only; `who: 'any'` routes check the caller themselves.
  const routes: { method: string; who?: 'any'; pattern: RegExp; run: (req: IncomingMessage, res: ServerResponse, url: URL, match: RegExpExecArray, caller: GatewayCaller) => Promise<void> | void }[] = [
    {
      method: 'GET',
      pattern: new RegExp(`^${GATEWAY_API_PREFIX}/dispositions$`),
      run: (_req, res) => send(res, 200, { dispositions: db.dispositions() }),
    },
    {
      method: 'POST',
      pattern: new RegExp(`^${GATEWAY_API_PREFIX}/notes$`),
      run: (req, res) =>
        write(req, res, `${GATEWAY_API_PREFIX}/notes`, GatewayNoteSchema, (note, at) => {
          if (rejectIds.has(note.id) || (faults.rejectMarker && note.notes.includes(faults.rejectMarker))) {
            counters.rejected += 1;
            return { status: 422, body: errorBody('rejected_by_crm', `The CRM refused note ${note.id}: the account is closed`) };
          }
          // A retry may come after its Idempotency-Key was forgotten: the note id still makes it one note.
          const stored = db.findNote(note.id);
          if (stored) {
            if (JSON.stringify(stored.note) !== JSON.stringify(note)) {
              return { status: 409, body: errorBody('note_id_conflict', `A different note with id ${note.id} is already stored`) };
            }
            return { status: 200, body: { id: note.id, receivedAt: stored.receivedAt } };
          }
          db.insertNote(note, at);
          return { status: 201, body: { id: note.id, receivedAt: at.toISOString() } };
        }),
    },
    {
      method: 'GET',
      pattern: new RegExp(`^${GATEWAY_API_PREFIX}/notes$`),
      run: (_req, res, url) => {
        const limit = Math.min(Number(url.searchParams.get('limit') ?? 100) || 100, 1000);
        const after = Number(url.searchParams.get('after') ?? 0) || 0;
        const rows = db.listNotes({ customer: url.searchParams.get('customer') ?? undefined, after, limit });
        send(res, 200, { notes: rows.map((row) => ({ ...row.note, receivedAt: row.receivedAt })), next: rows.length === limit ? rows.at(-1)?.seq : undefined });
      },
    },
    {
      method: 'POST',
      pattern: new RegExp(`^${GATEWAY_API_PREFIX}/callbacks$`),
      run: (req, res) =>
        write(req, res, `${GATEWAY_API_PREFIX}/callbacks`, GatewayCallbackSchema, (callback, at) => {
          db.insertCallback(callback, at);
          return { status: 201, body: { id: callback.id, receivedAt: at.toISOString() } };
        }),
    },
    {
      method: 'GET',
      pattern: new RegExp(`^${GATEWAY_API_PREFIX}/callbacks$`),
      run: (_req, res, url) => {
        const limit = Math.min(Number(url.searchParams.get('limit') ?? 100) || 100, 1000);
        send(res, 200, { callbacks: db.listCallbacks({ customer: url.searchParams.get('customer') ?? undefined, limit }) });
      },
    },
    // Customer context: lookups, then the writes the app queues in its outbox.
    {
      method: 'GET',
      pattern: new RegExp(`^${GATEWAY_API_PREFIX}/customers/by-phone/([^/]+)$`),
      run: (_req, res, _url, match) => send(res, 200, { customers: customers.byPhone(decodeSegment(match[1]!)) }),
    },
    {
      method: 'GET',
      pattern: new RegExp(`^${GATEWAY_API_PREFIX}/customers$`),
      run: (_req, res, url) => {
        const query = (url.searchParams.get('q') ?? '').trim();
        if (query.length < 2) throw new HttpProblem(400, 'invalid_request', 'q needs at least 2 characters');
        send(res, 200, { customers: customers.search(query) });
      },
    },
    {
      method: 'GET',
      pattern: new RegExp(`^${GATEWAY_API_PREFIX}/customers/([^/]+)/timeline$`),
      run: (_req, res, _url, match) => {
        const id = decodeSegment(match[1]!);
        if (!customers.get(id)) throw new HttpProblem(404, 'not_found', `No customer ${id}`);
        send(res, 200, { entries: customers.timeline(id) });
      },
    },
    {
      method: 'GET',
      pattern: new RegExp(`^${GATEWAY_API_PREFIX}/customers/([^/]+)/cases$`),
      run: (_req, res, _url, match) => {
        const id = decodeSegment(match[1]!);
        if (!customers.get(id)) throw new HttpProblem(404, 'not_found', `No customer ${id}`);
        send(res, 200, { cases: customers.cases(id) });
      },
    },
    {
      method: 'POST',
      pattern: new RegExp(`^${GATEWAY_API_PREFIX}/contacts$`),
      run: (req, res) =>
        write(req, res, `${GATEWAY_API_PREFIX}/contacts`, GatewayContactSchema, (contact, at) => {
          customers.insertContact(contact, at);
          return { status: 201, body: { id: contact.id, receivedAt: at.toISOString() } };
        }),
    },
    {
      method: 'POST',
      pattern: new RegExp(`^${GATEWAY_API_PREFIX}/call-links$`),
      run: (req, res) =>
        write(req, res, `${GATEWAY_API_PREFIX}/call-links`, GatewayCallLinkSchema, (link, at) => {
          customers.insertCallLink(link, at);
          return { status: 201, body: { id: link.id, receivedAt: at.toISOString() } };
        }),
    },
    {
      method: 'POST',
      pattern: new RegExp(`^${GATEWAY_API_PREFIX}/follow-ups$`),
      run: (req, res) =>
        write(req, res, `${GATEWAY_API_PREFIX}/follow-ups`, GatewayFollowUpSchema, (followUp, at) => {
          customers.insertFollowUp(followUp, at);
          return { status: 201, body: { id: followUp.id, receivedAt: at.toISOString() } };
        }),
    },
    // Shift-start readiness reports for IT: the app's outbox POSTs them; IT lists them.
    {
      method: 'POST',
      pattern: new RegExp(`^${GATEWAY_API_PREFIX}/readiness-reports$`),
      run: (req, res) =>
        write(req, res, `${GATEWAY_API_PREFIX}/readiness-reports`, GatewayReadinessReportSchema, (report, at) => {
          readinessReports.insert(report, at);
          return { status: 201, body: { id: report.id, receivedAt: at.toISOString() } };
        }),
    },
    {
      method: 'GET',
      pattern: new RegExp(`^${GATEWAY_API_PREFIX}/readiness-reports$`),
      run: (_req, res, url) => {
        const limit = Math.min(Number(url.searchParams.get('limit') ?? 100) || 100, 1000);
        send(res, 200, { reports: readinessReports.list({ agent: url.searchParams.get('agent') ?? undefined, limit }) });
      },
    },
    // Knowledge base change feed: the app pulls what changed since its cursor.
    {
      method: 'GET',
      pattern: new RegExp(`^${GATEWAY_API_PREFIX}/knowledge/articles$`),
      run: (_req, res, url) => {
        const since = url.searchParams.get('since') ?? '0';
        if (!/^\d{1,15}$/.test(since)) throw new HttpProblem(400, 'invalid_request', 'since must be a cursor from an earlier page');
        const limit = Math.min(Number(url.searchParams.get('limit') ?? 200) || 200, KNOWLEDGE_PAGE_MAX);
        send(res, 200, knowledge.changes(Number(since), limit));
      },
    },
    ...routingRoutes({ store: interactions, send, write, decodeSegment, errorBody }),
    ...callbackQueueRoutes({ queue: callbackQueue, send, write, decodeSegment, errorBody, now }),
    ...messageRoutes({ store: messages, send, write, errorBody }),
  ];
  routes.push(
    ...supervisorRoutes({
      store: supervisor,
      now,
      send,
      write,
      readJson: async (req, schema) => parseJson(await readBody(req), schema),
      problem: (status, code, message) => new HttpProblem(status, code, message),
      decodeSegment,
    }),
  );

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    counters.requests += 1;
    void (async () => {
      let url: URL;
      try {
        url = new URL(req.url ?? '/', 'http://gateway.invalid');
      } catch {
        throw new HttpProblem(400, 'invalid_request', 'The request target is not a valid path');
      }
      if (url.pathname === '/healthz') return send(res, 200, { ok: true });
      const caller = callerOf(req);
      if (!caller) return send(res, 401, errorBody('unauthorized', 'A valid bearer token is required'), { 'www-authenticate': 'Bearer' });
      const candidates = routes.filter((route) => route.pattern.test(url.pathname));
      if (candidates.length === 0) return send(res, 404, errorBody('not_found', `No resource at ${url.pathname}`));
      const route = candidates.find((candidate) => candidate.method === req.method);
      if (!route) return send(res, 405, errorBody('invalid_request', `${req.method} is not allowed here`), { allow: candidates.map((c) => c.method).join(', ') });
      if (caller.kind !== 'service' && route.who !== 'any') return send(res, 403, errorBody('service_credential_required', 'This path takes the gateway’s service credential'));
      await route.run(req, res, url, route.pattern.exec(url.pathname)!, caller);
    })().catch((error: unknown) => {
      // req.socket is null once the request was destroyed: ask the response whether it can still be written.
      if (res.headersSent || res.destroyed || res.writableEnded) return;
      if (error instanceof HttpProblem) {
        return send(res, error.status, errorBody(error.code, error.message, error.issues), error.closeConnection ? { connection: 'close' } : {});
      }
      options.onError?.(error);
      send(res, 500, errorBody('internal', 'The gateway failed; see its log'));
    });
  };
  return { handler, counters };
}

export interface StartGatewayOptions {
  dbFile: string;
  synchronous?: 'full' | 'normal';
  token: string;
  port?: number;
  host?: string;
  faults?: FaultOptions;
  onError?: (error: unknown) => void;
}

export interface RunningGateway {
  url: string;
  port: number;
  db: GatewayDb;
  customers: CustomerDirectory;
  knowledge: KnowledgeBase;
  supervisor: SupervisorStore;
  server: Server;
  counters: GatewayCounters;
  close(): Promise<void>;
}

/** Starts the gateway on 127.0.0.1 (port 0 picks a free one). */
export async function startGateway(options: StartGatewayOptions): Promise<RunningGateway> {
  const db = new GatewayDb(options.dbFile, { synchronous: options.synchronous });
  const customers = new CustomerDirectory(db, Date.now());
  const knowledge = new KnowledgeBase(db, new Date());
  const supervisor = new SupervisorStore(db);
  const { handler, counters } = createGatewayHandler({ db, token: options.token, faults: options.faults, onError: options.onError, customers, knowledge, supervisor });
  const server = createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    db,
    customers,
    knowledge,
    supervisor,
    server,
    counters,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          db.close();
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}
