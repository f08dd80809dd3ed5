// The supervisor capability's calls to the gateway (gateway/openapi.yaml, "Supervisor" paths): account
// and team, agent state, hands, chat, and the board's event stream. Answers are validated with the
// contract's schemas; a refusal comes back as a status, never as a throw. Everything but the directory
// look-ups acts as the signed-in person, with the account's own credential (the gateway checks who calls).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { GATEWAY_API_PREFIX, IDEMPOTENCY_KEY_HEADER } from '../../common/contract/gateway';
import {
  BoardSchema,
  GatewayAccountSchema,
  GatewayTeamSchema,
  HandSchema,
  HandThreadSchema,
  type AgentState,
  type Board,
  type ChatMessage,
  type GatewayAccount,
  type GatewayTeam,
  type Hand,
  type HandThread,
  type ReadReceipt,
} from '../../common/contract/supervisor';
import type { GatewayConnection } from '../gateway/gatewayClient';

export type Answer<T> = { ok: true; value: T } | { ok: false; status?: number; message: string };

const TIMEOUT_MS = 10_000;
const AnySchema = z.unknown();
const SeqSchema = z.object({ id: z.string(), seq: z.number().int().min(1) });
const MyHandsSchema = z.object({ hands: z.array(HandSchema) });

export class SupervisorGateway {
  private readonly fetch: NonNullable<GatewayConnection['fetch']>;
  private readonly base: string;

  constructor(private readonly connection: GatewayConnection) {
    this.fetch = connection.fetch ?? ((input, init) => fetch(input, init));
    this.base = `${connection.url.replace(/\/+$/, '')}${GATEWAY_API_PREFIX}`;
  }

  /** Does this app have its account's own credential? Without one, only the directory look-ups work. */
  get actsAsAccount(): boolean {
    return !!this.connection.accountCredential;
  }

  /** The account's own credential for what acts as the person; the directory takes either. */
  private credential(as: 'account' | 'directory'): string | undefined {
    return this.connection.accountCredential ?? (as === 'directory' ? this.connection.token : undefined);
  }

  private async request<S extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    schema: S,
    body?: unknown,
    key?: string,
    as: 'account' | 'directory' = 'account',
  ): Promise<Answer<z.output<S>>> {
    const credential = this.credential(as);
    if (!credential) return { ok: false, status: 401, message: 'This app has no gateway credential of its own; ask IT to provision one' };
    let response: Response;
    try {
      response = await this.fetch(`${this.base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${credential}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(key ? { [IDEMPOTENCY_KEY_HEADER]: key } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
    const text = await response.text().catch(() => '');
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return { ok: false, status: response.status, message: `HTTP ${response.status}: not JSON` };
    }
    if (!response.ok) {
      const message = (raw as { error?: { message?: string } }).error?.message ?? `HTTP ${response.status}`;
      return { ok: false, status: response.status, message };
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return { ok: false, status: response.status, message: `${path}: the answer broke the contract` };
    return { ok: true, value: parsed.data };
  }

  account(sipUser: string): Promise<Answer<GatewayAccount>> {
    return this.request('GET', `/accounts/${encodeURIComponent(sipUser)}`, GatewayAccountSchema, undefined, undefined, 'directory');
  }

  team(team: string): Promise<Answer<GatewayTeam>> {
    return this.request('GET', `/teams/${encodeURIComponent(team)}`, GatewayTeamSchema, undefined, undefined, 'directory');
  }

  board(team: string): Promise<Answer<Board>> {
    return this.request('GET', `/teams/${encodeURIComponent(team)}/board`, BoardSchema);
  }

  publishState(state: AgentState): Promise<Answer<unknown>> {
    return this.request('POST', '/agent-states', AnySchema, state);
  }

  raise(hand: Hand): Promise<Answer<unknown>> {
    return this.request('POST', '/hands', AnySchema, hand, `hand-${hand.id}`);
  }

  /** My own hands not yet closed (an agent's app after a restart). */
  myHands(): Promise<Answer<{ hands: Hand[] }>> {
    return this.request('GET', '/hands', MyHandsSchema);
  }

  accept(handId: string, supervisor: string): Promise<Answer<Hand>> {
    return this.request('POST', `/hands/${handId}/accept`, HandSchema, { supervisor });
  }

  close(handId: string): Promise<Answer<Hand>> {
    return this.request('POST', `/hands/${handId}/close`, HandSchema, {});
  }

  thread(handId: string): Promise<Answer<HandThread>> {
    return this.request('GET', `/hands/${handId}`, HandThreadSchema);
  }

  chat(message: ChatMessage): Promise<Answer<{ seq: number }>> {
    return this.request('POST', `/hands/${message.handId}/messages`, SeqSchema, message, `chat-${message.id}`);
  }

  read(receipt: ReadReceipt): Promise<Answer<unknown>> {
    return this.request('POST', `/hands/${receipt.handId}/read`, AnySchema, receipt, `read-${randomUUID()}`);
  }

  /**
   * Follows the team's board stream until `signal` aborts or the stream ends (resolves then; the caller
   * reconnects). Every `event: board` is validated before `onBoard` sees it.
   */
  async followBoard(team: string, onBoard: (board: Board) => void, onOpen: () => void, signal: AbortSignal): Promise<void> {
    const credential = this.credential('account');
    if (!credential) throw new Error('board stream: this app has no gateway credential of its own');
    const response = await this.fetch(`${this.base}/teams/${encodeURIComponent(team)}/events`, {
      headers: { authorization: `Bearer ${credential}`, accept: 'text/event-stream' },
      signal,
    });
    if (!response.ok || !response.body) throw new Error(`board stream: HTTP ${response.status}`);
    onOpen();
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      for (const block of takeEvents(buffer)) {
        const board = BoardSchema.safeParse(block.data === undefined ? undefined : safeJson(block.data));
        if (block.event === 'board' && board.success) onBoard(board.data);
      }
      buffer = buffer.slice(buffer.lastIndexOf('\n\n') + 2);
    }
  }
}


function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Pure: the complete Server-Sent Events in `buffer` (each ends with a blank line). */
export function takeEvents(buffer: string): { event: string; data?: string }[] {
  const end = buffer.lastIndexOf('\n\n');
  if (end < 0) return [];
  return buffer
    .slice(0, end)
    .split('\n\n')
    .map((block) => {
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      return { event, data: data.length ? data.join('\n') : undefined };
    });
}
