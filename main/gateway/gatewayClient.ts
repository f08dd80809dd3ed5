// The app's one HTTP client for the CRM gateway (gateway/openapi.yaml): bearer token, a timeout on every
// request, Idempotency-Key on writes, reads accepted only whole. Every answer (or its absence) from any
// feature — outbox, customer context, knowledge feed, dispositions — tells the connection state, so the
// agent sees the real state from the first contact. It reports what happened; deciding what to do about
// it is the caller's job.
import type { z } from 'zod';
import { DispositionListSchema, GatewayErrorSchema, IDEMPOTENCY_KEY_HEADER, type Disposition } from '../../common/contract/gateway';
import type { GatewayStatus } from '../../common/contract/wrapup';
import { validateGatewayPayload } from './validate';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** Where the gateway is and how to sign in to it (the host's configuration, or policy's URL). */
export interface GatewayConnection {
  url: string;
  /** The service credential (the CRM paths). */
  token: string;
  /** This account's own credential: the supervisor paths act as the signed-in person (main/secrets/gatewayCredential.ts). */
  accountCredential?: string;
  fetch?: FetchLike;
}

/** One read: the answer, or why there is none — the gateway is not there, or it answered off-contract. */
export type GatewayResult<T> = { kind: 'ok'; value: T } | { kind: 'unreachable'; message: string } | { kind: 'malformed'; issues: string[] };

/** What one write produced, as the sender saw it. */
export type AttemptOutcome =
  | { kind: 'response'; status: number; retryAfter?: string | null; errorMessage?: string }
  | { kind: 'networkError'; message: string };

export interface GatewayClientOptions {
  baseUrl: string;
  token: string;
  fetch?: FetchLike;
  timeoutMs?: number;
}

const RETRYABLE_4XX = new Set([408, 425, 429]);

/** Pure: what one HTTP answer (or none: undefined) says about the connection. */
export function connectionFromAnswer(status: number | undefined): Exclude<GatewayStatus, 'unconfigured' | 'unknown'> {
  if (status === undefined) return 'unreachable';
  if (status === 401 || status === 403) return 'refused';
  if (status >= 500 || RETRYABLE_4XX.has(status)) return 'busy';
  return 'connected';
}

export class GatewayClient {
  private readonly fetch: FetchLike;
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private status: GatewayStatus = 'unknown';
  private readonly listeners = new Set<(status: GatewayStatus, previous: GatewayStatus) => void>();

  constructor(private readonly options: GatewayClientOptions) {
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  static from(connection: GatewayConnection): GatewayClient {
    return new GatewayClient({ baseUrl: connection.url, token: connection.token, fetch: connection.fetch });
  }

  /** The connection as the last answer (from any feature) showed it; 'unknown' before the first one. */
  connection(): GatewayStatus {
    return this.status;
  }

  onConnectionChange(listener: (status: GatewayStatus, previous: GatewayStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Records what an answer said about the connection; a request stopped by the app itself says nothing. */
  private answered(status: number | undefined): void {
    const next = connectionFromAnswer(status);
    if (next === this.status) return;
    const previous = this.status;
    this.status = next;
    for (const listener of [...this.listeners]) listener(next, previous);
  }

  /** A signal that fires on the timeout or when `extra` does; `done` clears the timer and the listener. */
  private signal(extra?: AbortSignal): { signal: AbortSignal; done: () => void } {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DOMException('The gateway did not answer in time', 'TimeoutError')), this.timeoutMs);
    const onAbort = () => controller.abort(extra?.reason);
    extra?.addEventListener('abort', onAbort, { once: true });
    if (extra?.aborted) onAbort();
    return {
      signal: controller.signal,
      done: () => {
        clearTimeout(timer);
        extra?.removeEventListener('abort', onAbort);
      },
    };
  }

  /** No answer in time: unreachable. A request the app stopped itself (shutdown) says nothing. */
  private noAnswer(error: unknown, abort: AbortSignal | undefined): string {
    const stoppedByApp = abort?.aborted === true && (abort.reason as Error | undefined)?.name !== 'TimeoutError';
    if (!stoppedByApp) this.answered(undefined);
    return describeGatewayError(error);
  }

  /** One GET, validated against `schema` whole. Never throws. */
  async read<S extends z.ZodType>(path: string, schema: S, abort?: AbortSignal): Promise<GatewayResult<z.output<S>>> {
    const where = path.split('?')[0]!;
    const { signal, done } = this.signal(abort);
    try {
      let response: Response;
      try {
        response = await this.fetch(`${this.baseUrl}${path}`, { headers: { authorization: `Bearer ${this.options.token}` }, signal });
      } catch (error) {
        return { kind: 'unreachable', message: this.noAnswer(error, abort) };
      }
      this.answered(response.status);
      if (!response.ok) {
        await response.body?.cancel();
        return { kind: 'unreachable', message: `HTTP ${response.status}` };
      }
      let raw: unknown;
      try {
        raw = await response.json();
      } catch {
        return { kind: 'malformed', issues: [`${where}: (body): not JSON`] };
      }
      const checked = validateGatewayPayload(schema, raw, where);
      return checked.ok ? { kind: 'ok', value: checked.data } : { kind: 'malformed', issues: checked.issues };
    } finally {
      done();
    }
  }

  /** POSTs a stored JSON body under its Idempotency-Key. Never throws: failures come back as outcomes. */
  async post(path: string, body: string, idempotencyKey: string, abort?: AbortSignal): Promise<AttemptOutcome> {
    const { signal, done } = this.signal(abort);
    try {
      const response = await this.fetch(`${this.baseUrl}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.options.token}`,
          'content-type': 'application/json',
          [IDEMPOTENCY_KEY_HEADER]: idempotencyKey,
        },
        body,
        signal,
      });
      const text = await response.text();
      let errorMessage: string | undefined;
      if (!response.ok) {
        try {
          const parsed = GatewayErrorSchema.safeParse(JSON.parse(text));
          errorMessage = parsed.success ? parsed.data.error.message : undefined;
        } catch {
          errorMessage = undefined;
        }
        errorMessage ??= `HTTP ${response.status} ${response.statusText}`.trim();
      }
      this.answered(response.status);
      return { kind: 'response', status: response.status, retryAfter: response.headers.get('retry-after'), errorMessage };
    } catch (error) {
      return { kind: 'networkError', message: this.noAnswer(error, abort) };
    } finally {
      done();
    }
  }

  /**
   * One POST whose answer the caller needs now (a claim, a dial): under a fresh Idempotency-Key, the 2xx
   * body validated against `schema` whole, any other status handed back with the gateway's error code.
   * Never throws.
   */
  async exchange<S extends z.ZodType>(path: string, body: unknown, idempotencyKey: string, schema: S): Promise<GatewayResult<z.output<S>> | { kind: 'refused'; status: number; code?: string }> {
    const where = path.split('?')[0]!;
    const { signal, done } = this.signal();
    try {
      let response: Response;
      try {
        response = await this.fetch(`${this.baseUrl}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${this.options.token}`, 'content-type': 'application/json', [IDEMPOTENCY_KEY_HEADER]: idempotencyKey },
          body: JSON.stringify(body),
          signal,
        });
      } catch (error) {
        return { kind: 'unreachable', message: this.noAnswer(error, undefined) };
      }
      this.answered(response.status);
      let raw: unknown;
      try {
        raw = await response.json();
      } catch {
        raw = undefined;
      }
      if (response.status >= 500 || RETRYABLE_4XX.has(response.status)) return { kind: 'unreachable', message: `HTTP ${response.status}` };
      if (!response.ok) {
        const error = GatewayErrorSchema.safeParse(raw);
        return { kind: 'refused', status: response.status, code: error.success ? error.data.error.code : undefined };
      }
      const checked = validateGatewayPayload(schema, raw, where);
      return checked.ok ? { kind: 'ok', value: checked.data } : { kind: 'malformed', issues: checked.issues };
    } finally {
      done();
    }
  }

  /**
   * Does the gateway answer at all (GET /healthz)? Any HTTP answer counts, even an error status from
   * an integration without /healthz: the question is the network, not the endpoint. Never throws.
   */
  async reachable(abort?: AbortSignal): Promise<boolean> {
    const { signal, done } = this.signal(abort);
    try {
      const response = await this.fetch(`${this.baseUrl}/healthz`, { signal });
      await response.body?.cancel();
      // An integration without /healthz may answer 404: still an answer, so the gateway is there.
      this.answered(response.status === 404 ? 200 : response.status);
      return true;
    } catch (error) {
      this.noAnswer(error, abort);
      return false;
    } finally {
      done();
    }
  }

  async dispositions(): Promise<Disposition[]> {
    const result = await this.read('/v1/dispositions', DispositionListSchema);
    if (result.kind === 'ok') return result.value.dispositions;
    throw new Error(result.kind === 'malformed' ? `GET /v1/dispositions broke the contract: ${result.issues.join('; ')}` : `GET /v1/dispositions: ${result.message}`);
  }
}

/** Why a request got no answer, in words for a log or the agent (undici wraps the useful part in error.cause). */
export function describeGatewayError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError') return 'The gateway did not answer in time';
  if (error.name === 'AbortError') return 'Sending was stopped';
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause?.code ?? cause?.message ?? error.message;
}
