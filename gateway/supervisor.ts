// The reference gateway's supervisor side: accounts (role and team come from here, never from the
// agent's own settings), the team policy, each agent's published state, raised hands with their chat
// threads, and a live team board over Server-Sent Events backed by these tables.
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { GATEWAY_API_PREFIX } from '../common/contract/gateway';
import {
  AcceptHandSchema,
  AgentStateSchema,
  ChatMessageSchema,
  HandSchema,
  ReadReceiptSchema,
  type AgentState,
  type Board,
  type ChatMessage,
  type GatewayAccount,
  type Hand,
  type HandThread,
  type SupervisorRole,
  type TeamPolicy,
} from '../common/contract/supervisor';
import type { GatewayDb, StoredResponse } from './db';

const DEFAULT_POLICY: TeamPolicy = { shareWellbeingFlags: true, recoveryBreakMinutes: 3 };

/** The demo contact centre: agents 1001 and 1003, supervisor 1005, one team (stack/users.txt). */
const DEMO_ACCOUNTS: { sipUser: string; displayName: string; role: SupervisorRole; team: string }[] = [
  { sipUser: '1001', displayName: 'Ada (1001)', role: 'agent', team: 'north' },
  { sipUser: '1003', displayName: 'Ben (1003)', role: 'agent', team: 'north' },
  { sipUser: '1005', displayName: 'Sam (1005)', role: 'supervisor', team: 'north' },
];

type HandRow = { body: string; state: Hand['state']; taken_by: string | null };

function credentialHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Who is calling, from the bearer credential: the gateway's service credential (the CRM paths, and
 * looking up accounts and teams) or one account's own credential (the supervisor paths, which act as that
 * person and are checked against who it is).
 */
export type GatewayCaller = { kind: 'service' } | { kind: 'account'; sipUser: string };

export class SupervisorStore {
  private readonly boardListeners = new Map<string, Set<() => void>>();

  constructor(private readonly gatewayDb: GatewayDb) {
    gatewayDb.db.exec(`
      CREATE TABLE IF NOT EXISTS accounts (
        sip_user TEXT PRIMARY KEY,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('agent', 'supervisor')),
        team TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS team_policies (team TEXT PRIMARY KEY, body TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS agent_states (
        agent TEXT PRIMARY KEY,
        team TEXT NOT NULL,
        body TEXT NOT NULL,
        published_at INTEGER NOT NULL,
        received_at INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS hands (
        id TEXT PRIMARY KEY,
        team TEXT NOT NULL,
        agent TEXT NOT NULL,
        state TEXT NOT NULL,
        taken_by TEXT,
        body TEXT NOT NULL,
        raised_at INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS hands_by_team ON hands (team, state, raised_at);
      CREATE TABLE IF NOT EXISTS hand_messages (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        hand_id TEXT NOT NULL,
        body TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS hand_messages_by_hand ON hand_messages (hand_id, seq);
      CREATE TABLE IF NOT EXISTS account_credentials (token_hash TEXT PRIMARY KEY, sip_user TEXT NOT NULL UNIQUE);
      CREATE TABLE IF NOT EXISTS hand_reads (hand_id TEXT NOT NULL, reader TEXT NOT NULL, up_to INTEGER NOT NULL, PRIMARY KEY (hand_id, reader));
    `);
    const count = gatewayDb.db.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number };
    if (count.n === 0) for (const account of DEMO_ACCOUNTS) this.setAccount(account);
  }

  setAccount(account: { sipUser: string; displayName: string; role: SupervisorRole; team: string }): void {
    this.gatewayDb.db
      .prepare('INSERT OR REPLACE INTO accounts (sip_user, display_name, role, team) VALUES (?, ?, ?, ?)')
      .run(account.sipUser, account.displayName, account.role, account.team);
  }

  /** Gives an account its own bearer credential (replacing an earlier one); only its hash is kept. */
  setCredential(sipUser: string, token: string): void {
    if (token.length < 16) throw new Error('An account credential needs at least 16 characters');
    const db = this.gatewayDb.db;
    db.prepare('DELETE FROM account_credentials WHERE sip_user = ?').run(sipUser);
    db.prepare('INSERT INTO account_credentials (token_hash, sip_user) VALUES (?, ?)').run(credentialHash(token), sipUser);
  }

  /** Provisioning: a new random credential for the account, returned once. */
  issueCredential(sipUser: string): string {
    const token = randomBytes(24).toString('base64url');
    this.setCredential(sipUser, token);
    return token;
  }

  /** Whose credential this is, if it is an account's. */
  accountForCredential(token: string): string | undefined {
    const row = this.gatewayDb.db.prepare('SELECT sip_user FROM account_credentials WHERE token_hash = ?').get(credentialHash(token)) as { sip_user: string } | undefined;
    return row?.sip_user;
  }

  setPolicy(team: string, policy: TeamPolicy): void {
    this.gatewayDb.db.prepare('INSERT OR REPLACE INTO team_policies (team, body) VALUES (?, ?)').run(team, JSON.stringify(policy));
    this.changed(team);
  }

  policy(team: string): TeamPolicy {
    const row = this.gatewayDb.db.prepare('SELECT body FROM team_policies WHERE team = ?').get(team) as { body: string } | undefined;
    return row ? (JSON.parse(row.body) as TeamPolicy) : DEFAULT_POLICY;
  }

  account(sipUser: string): GatewayAccount | undefined {
    const row = this.gatewayDb.db.prepare('SELECT sip_user, display_name, role, team FROM accounts WHERE sip_user = ?').get(sipUser) as
      | { sip_user: string; display_name: string; role: SupervisorRole; team: string }
      | undefined;
    if (!row) return undefined;
    return { sipUser: row.sip_user, displayName: row.display_name, role: row.role, team: row.team, supervisors: this.members(row.team, 'supervisor'), policy: this.policy(row.team) };
  }

  members(team: string, role: SupervisorRole): string[] {
    const rows = this.gatewayDb.db.prepare('SELECT sip_user FROM accounts WHERE team = ? AND role = ? ORDER BY sip_user').all(team, role) as { sip_user: string }[];
    return rows.map((row) => row.sip_user);
  }

  /** The latest state wins; an older one arriving late (retry) is ignored. */
  publishState(state: AgentState, receivedAt: number): boolean {
    const account = this.account(state.agent);
    if (!account) return false;
    const result = this.gatewayDb.db
      .prepare(
        `INSERT INTO agent_states (agent, team, body, published_at, received_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (agent) DO UPDATE SET team = excluded.team, body = excluded.body, published_at = excluded.published_at, received_at = excluded.received_at
         WHERE excluded.published_at >= agent_states.published_at`,
      )
      .run(state.agent, account.team, JSON.stringify(state), state.publishedAt, receivedAt);
    if (result.changes > 0) this.changed(account.team);
    return true;
  }

  board(team: string, at: number): Board {
    const agents = (this.gatewayDb.db.prepare('SELECT body, received_at FROM agent_states WHERE team = ? ORDER BY agent').all(team) as { body: string; received_at: number }[]).map(
      (row) => ({ ...(JSON.parse(row.body) as AgentState), receivedAt: row.received_at }),
    );
    return { team, agents, hands: this.openHands(team), at };
  }

  /** Open and taken hands of a team, oldest first (the queue). */
  openHands(team: string): Hand[] {
    return this.openHandsWhere('team', team, 500);
  }

  private openHandsWhere(column: 'team' | 'agent', value: string, limit: number): Hand[] {
    const rows = this.gatewayDb.db.prepare(`SELECT body, state, taken_by FROM hands WHERE ${column} = ? AND state != 'closed' ORDER BY raised_at LIMIT ?`).all(value, limit) as HandRow[];
    return rows.map((row) => this.handFromRow(row));
  }

  private handFromRow(row: HandRow): Hand {
    const hand = JSON.parse(row.body) as Hand;
    return { ...hand, state: row.state, ...(row.taken_by ? { takenBy: row.taken_by } : {}) };
  }

  /** An agent's own hands not yet closed, oldest first (an agent's app reloads them after a restart). */
  agentHands(agent: string): Hand[] {
    return this.openHandsWhere('agent', agent, 50);
  }

  hand(id: string): Hand | undefined {
    const row = this.gatewayDb.db.prepare('SELECT body, state, taken_by FROM hands WHERE id = ?').get(id) as HandRow | undefined;
    return row && this.handFromRow(row);
  }

  /** Stores a new hand; the same id again changes nothing. */
  raise(hand: Hand): { stored: boolean; refused?: string } {
    const account = this.account(hand.agent);
    if (!account || account.team !== hand.team) return { stored: false, refused: `${hand.agent} is not an agent of team ${hand.team}` };
    this.gatewayDb.db
      .prepare("INSERT OR IGNORE INTO hands (id, team, agent, state, body, raised_at) VALUES (?, ?, ?, 'open', ?, ?)")
      .run(hand.id, hand.team, hand.agent, JSON.stringify({ ...hand, state: 'open', takenBy: undefined }), hand.raisedAt);
    this.changed(hand.team);
    return { stored: true };
  }

  /** First supervisor wins; the same supervisor again is fine. */
  accept(handId: string, supervisor: string): { ok: true; hand: Hand } | { ok: false; status: number; code: string; message: string } {
    const hand = this.hand(handId);
    if (!hand) return { ok: false, status: 404, code: 'not_found', message: `No hand ${handId}` };
    const account = this.account(supervisor);
    if (account?.role !== 'supervisor' || account.team !== hand.team) return { ok: false, status: 403, code: 'not_supervisor', message: `${supervisor} is not a supervisor of team ${hand.team}` };
    if (hand.state === 'closed') return { ok: false, status: 409, code: 'hand_closed', message: 'This request was closed' };
    if (hand.state === 'taken' && hand.takenBy !== supervisor) return { ok: false, status: 409, code: 'hand_taken', message: `Already taken by ${hand.takenBy}` };
    this.gatewayDb.db.prepare("UPDATE hands SET state = 'taken', taken_by = ? WHERE id = ?").run(supervisor, handId);
    this.changed(hand.team);
    return { ok: true, hand: { ...hand, state: 'taken', takenBy: supervisor } };
  }

  close(handId: string): Hand | undefined {
    const hand = this.hand(handId);
    if (!hand) return undefined;
    this.gatewayDb.db.prepare("UPDATE hands SET state = 'closed' WHERE id = ?").run(handId);
    this.changed(hand.team);
    return { ...hand, state: 'closed' };
  }

  /** Adds a chat line once (by id) and gives it its place in the thread. */
  addMessage(message: ChatMessage): { seq: number } | undefined {
    const hand = this.hand(message.handId);
    if (!hand) return undefined;
    const existing = this.gatewayDb.db.prepare('SELECT seq FROM hand_messages WHERE id = ?').get(message.id) as { seq: number } | undefined;
    if (existing) return existing;
    const { seq: _ignored, ...rest } = message;
    const result = this.gatewayDb.db.prepare('INSERT INTO hand_messages (id, hand_id, body) VALUES (?, ?, ?)').run(message.id, message.handId, JSON.stringify(rest));
    return { seq: Number(result.lastInsertRowid) };
  }

  markRead(handId: string, reader: string, upTo: number): void {
    this.gatewayDb.db
      .prepare('INSERT INTO hand_reads (hand_id, reader, up_to) VALUES (?, ?, ?) ON CONFLICT (hand_id, reader) DO UPDATE SET up_to = max(up_to, excluded.up_to)')
      .run(handId, reader, upTo);
  }

  thread(handId: string): HandThread | undefined {
    const hand = this.hand(handId);
    if (!hand) return undefined;
    const messages = (this.gatewayDb.db.prepare('SELECT seq, body FROM hand_messages WHERE hand_id = ? ORDER BY seq').all(handId) as { seq: number; body: string }[]).map((row) => ({
      ...(JSON.parse(row.body) as ChatMessage),
      seq: row.seq,
    }));
    const reads = this.gatewayDb.db.prepare('SELECT reader, up_to FROM hand_reads WHERE hand_id = ?').all(handId) as { reader: string; up_to: number }[];
    return { hand, messages, readUpTo: Object.fromEntries(reads.map((row) => [row.reader, row.up_to])) };
  }

  /** Everything stored about hands, as text (tests: what of a call reached the gateway). */
  storedText(): string {
    const rows = this.gatewayDb.db.prepare('SELECT body FROM hands UNION ALL SELECT body FROM hand_messages UNION ALL SELECT body FROM agent_states').all() as { body: string }[];
    return rows.map((row) => row.body).join('\n');
  }

  onBoardChange(team: string, listener: () => void): () => void {
    let listeners = this.boardListeners.get(team);
    if (!listeners) this.boardListeners.set(team, (listeners = new Set()));
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  private changed(team: string): void {
    for (const listener of [...(this.boardListeners.get(team) ?? [])]) listener();
  }
}

/** What the gateway's request handling lends the supervisor routes (gateway/server.ts). */
export interface SupervisorRouteKit {
  store: SupervisorStore;
  now: () => Date;
  send: (res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>) => void;
  readJson: <S extends z.ZodType>(req: IncomingMessage, schema: S) => Promise<z.output<S>>;
  write: <S extends z.ZodType>(req: IncomingMessage, res: ServerResponse, path: string, schema: S, store: (body: z.output<S>, at: Date) => StoredResponse) => Promise<void>;
  problem: (status: number, code: string, message: string) => Error;
  decodeSegment: (segment: string) => string;
}

/** `who: 'any'`: the route takes the service credential or an account's own and checks the caller itself. */
type Route = { method: string; who: 'any'; pattern: RegExp; run: (req: IncomingMessage, res: ServerResponse, url: URL, match: RegExpExecArray, caller: GatewayCaller) => Promise<void> | void };

/** A board push is coalesced this long, so a burst of agent updates is one event. */
const BOARD_COALESCE_MS = 50;
const SSE_HEARTBEAT_MS = 15_000;

export function supervisorRoutes(kit: SupervisorRouteKit): Route[] {
  const { store, send, problem } = kit;
  const at = () => kit.now().getTime();
  const prefix = GATEWAY_API_PREFIX;
  const error = (code: string, message: string) => ({ error: { code, message } });
  const forbidden = (message: string) => ({ status: 403, body: error('forbidden', message) });

  /** The account acting, or a refusal: the service credential cannot act as a person. */
  const accountOf = (caller: GatewayCaller): string => {
    if (caller.kind !== 'account') throw problem(403, 'account_credential_required', 'This acts as a person: call it with the account’s own credential, not the service one');
    return caller.sipUser;
  };
  const isSupervisorOf = (user: string, team: string): boolean => {
    const account = store.account(user);
    return account?.role === 'supervisor' && account.team === team;
  };
  /** Why `user` may not take part in the hand's thread, or undefined: its agent, or the supervisor who took it (any of the team's before it is taken). */
  const notPartyTo = (user: string, hand: Hand): string | undefined => {
    if (user === hand.agent) return undefined;
    if (!isSupervisorOf(user, hand.team)) return `${user} is neither the agent of this request nor a supervisor of team ${hand.team}`;
    if (hand.takenBy && hand.takenBy !== user) return `This request was taken by ${hand.takenBy}`;
    return undefined;
  };
  const handOf = (id: string): Hand => {
    const hand = store.hand(id);
    if (!hand) throw problem(404, 'not_found', 'No such hand');
    return hand;
  };

  return [
    {
      // A directory: any credential may look up an account's role and team.
      method: 'GET',
      who: 'any',
      pattern: new RegExp(`^${prefix}/accounts/([^/]+)$`),
      run: (_req, res, _url, match) => {
        const account = store.account(kit.decodeSegment(match[1]!));
        if (!account) throw problem(404, 'not_found', 'No such account');
        send(res, 200, account);
      },
    },
    {
      method: 'GET',
      who: 'any',
      pattern: new RegExp(`^${prefix}/teams/([^/]+)$`),
      run: (_req, res, _url, match) => {
        const team = kit.decodeSegment(match[1]!);
        send(res, 200, { team, supervisors: store.members(team, 'supervisor'), agents: store.members(team, 'agent') });
      },
    },
    {
      // An agent publishes its own state only.
      method: 'POST',
      who: 'any',
      pattern: new RegExp(`^${prefix}/agent-states$`),
      run: async (req, res, _url, _match, caller) => {
        const me = accountOf(caller);
        const state = await kit.readJson(req, AgentStateSchema);
        if (state.agent !== me) throw problem(403, 'forbidden', `${me} may publish only its own state, not ${state.agent}'s`);
        if (!store.publishState(state, at())) throw problem(404, 'not_found', `No account ${state.agent}`);
        send(res, 200, { ok: true });
      },
    },
    {
      method: 'GET',
      who: 'any',
      pattern: new RegExp(`^${prefix}/teams/([^/]+)/board$`),
      run: (_req, res, _url, match, caller) => {
        const team = kit.decodeSegment(match[1]!);
        const me = accountOf(caller);
        if (!isSupervisorOf(me, team)) throw problem(403, 'not_supervisor', `${me} is not a supervisor of team ${team}`);
        send(res, 200, store.board(team, at()));
      },
    },
    {
      // The live board (a team's supervisors only): the whole board at once, then again after every change (coalesced).
      method: 'GET',
      who: 'any',
      pattern: new RegExp(`^${prefix}/teams/([^/]+)/events$`),
      run: (req, res, _url, match, caller) => {
        const team = kit.decodeSegment(match[1]!);
        const me = accountOf(caller);
        if (!isSupervisorOf(me, team)) throw problem(403, 'not_supervisor', `${me} is not a supervisor of team ${team}`);
        res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
        let timer: NodeJS.Timeout | undefined;
        const push = () => {
          timer = undefined;
          if (!res.writableEnded) res.write(`event: board\ndata: ${JSON.stringify(store.board(team, at()))}\n\n`);
        };
        push();
        const unsubscribe = store.onBoardChange(team, () => {
          timer ??= setTimeout(push, BOARD_COALESCE_MS);
        });
        const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), SSE_HEARTBEAT_MS);
        const stop = () => {
          unsubscribe();
          clearInterval(heartbeat);
          clearTimeout(timer);
        };
        req.on('close', stop);
        res.on('close', stop);
      },
    },
    {
      // An agent raises only its own hands.
      method: 'POST',
      who: 'any',
      pattern: new RegExp(`^${prefix}/hands$`),
      run: (req, res, _url, _match, caller) => {
        const me = accountOf(caller);
        return kit.write(req, res, `${prefix}/hands`, HandSchema, (hand) => {
          if (hand.agent !== me) return forbidden(`${me} may raise only its own hand, not ${hand.agent}'s`);
          const result = store.raise(hand);
          if (!result.stored) return { status: 403, body: error('not_in_team', result.refused ?? 'refused') };
          return { status: 201, body: { id: hand.id } };
        });
      },
    },
    {
      // The caller's own hands not yet closed (an agent's app after a restart).
      method: 'GET',
      who: 'any',
      pattern: new RegExp(`^${prefix}/hands$`),
      run: (_req, res, _url, _match, caller) => send(res, 200, { hands: store.agentHands(accountOf(caller)) }),
    },
    {
      // The thread: its agent, or any supervisor of the team (one who lost the accept still sees why).
      method: 'GET',
      who: 'any',
      pattern: new RegExp(`^${prefix}/hands/([^/]+)$`),
      run: (_req, res, _url, match, caller) => {
        const me = accountOf(caller);
        const hand = handOf(kit.decodeSegment(match[1]!));
        if (me !== hand.agent && !isSupervisorOf(me, hand.team)) throw problem(403, 'forbidden', `${me} may not read this request`);
        send(res, 200, store.thread(hand.id));
      },
    },
    {
      // Only a supervisor of the hand's team accepts, and only as itself.
      method: 'POST',
      who: 'any',
      pattern: new RegExp(`^${prefix}/hands/([^/]+)/accept$`),
      run: async (req, res, _url, match, caller) => {
        const me = accountOf(caller);
        const { supervisor } = await kit.readJson(req, AcceptHandSchema);
        if (supervisor !== me) throw problem(403, 'forbidden', `${me} may accept only as itself, not as ${supervisor}`);
        const result = store.accept(kit.decodeSegment(match[1]!), supervisor);
        if (!result.ok) return send(res, result.status, error(result.code, result.message));
        send(res, 200, result.hand);
      },
    },
    {
      method: 'POST',
      who: 'any',
      pattern: new RegExp(`^${prefix}/hands/([^/]+)/close$`),
      run: (_req, res, _url, match, caller) => {
        const me = accountOf(caller);
        const refusal = notPartyTo(me, handOf(kit.decodeSegment(match[1]!)));
        if (refusal) throw problem(403, 'forbidden', refusal);
        send(res, 200, store.close(kit.decodeSegment(match[1]!)));
      },
    },
    {
      // A chat line written by the caller, on a hand it is party to.
      method: 'POST',
      who: 'any',
      pattern: new RegExp(`^${prefix}/hands/([^/]+)/messages$`),
      run: (req, res, _url, match, caller) => {
        const me = accountOf(caller);
        const handId = kit.decodeSegment(match[1]!);
        return kit.write(req, res, `${prefix}/hands/${handId}/messages`, ChatMessageSchema, (message) => {
          if (message.handId !== handId) return { status: 422, body: error('invalid_request', 'handId does not match the path') };
          if (message.from !== me) return forbidden(`${me} may write only as itself, not as ${message.from}`);
          const hand = store.hand(handId);
          if (!hand) return { status: 404, body: error('not_found', 'No such hand') };
          const refusal = notPartyTo(me, hand);
          if (refusal) return forbidden(refusal);
          const stored = store.addMessage(message);
          if (!stored) return { status: 404, body: error('not_found', 'No such hand') };
          return { status: 201, body: { id: message.id, seq: stored.seq } };
        });
      },
    },
    {
      method: 'POST',
      who: 'any',
      pattern: new RegExp(`^${prefix}/hands/([^/]+)/read$`),
      run: async (req, res, _url, match, caller) => {
        const me = accountOf(caller);
        const receipt = await kit.readJson(req, ReadReceiptSchema);
        if (receipt.handId !== kit.decodeSegment(match[1]!)) throw problem(422, 'invalid_request', 'handId does not match the path');
        if (receipt.reader !== me) throw problem(403, 'forbidden', `${me} may mark read only for itself`);
        const refusal = notPartyTo(me, handOf(receipt.handId));
        if (refusal) throw problem(403, 'forbidden', refusal);
        store.markRead(receipt.handId, receipt.reader, receipt.upTo);
        send(res, 200, { ok: true });
      },
    },
  ];
}
