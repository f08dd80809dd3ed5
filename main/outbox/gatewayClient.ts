// The app's HTTP client for the gateway (gateway/openapi.yaml): bearer token, Idempotency-Key on writes,
// a timeout on every request. It reports what happened; deciding what to do about it is the worker's job.
import { DispositionListSchema, GatewayErrorSchema, IDEMPOTENCY_KEY_HEADER, type Disposition } from '../../common/contract/gateway';
import type { AttemptOutcome } from './retryPolicy';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface GatewayClientOptions {
  baseUrl: string;
  token: string;
  fetch?: FetchLike;
  timeoutMs?: number;
}

export class GatewayClient {
  private readonly fetch: FetchLike;
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(private readonly options: GatewayClientOptions) {
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 15_000;
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
      return { kind: 'response', status: response.status, retryAfter: response.headers.get('retry-after'), errorMessage };
    } catch (error) {
      return { kind: 'networkError', message: describeFetchError(error) };
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
      return true;
    } catch {
      return false;
    } finally {
      done();
    }
  }

  async dispositions(): Promise<Disposition[]> {
    const { signal, done } = this.signal();
    try {
      const response = await this.fetch(`${this.baseUrl}/v1/dispositions`, { headers: { authorization: `Bearer ${this.options.token}` }, signal });
      if (!response.ok) throw new Error(`GET /v1/dispositions answered ${response.status}`);
      return DispositionListSchema.parse(await response.json()).dispositions;
    } finally {
      done();
    }
  }
}

/** undici wraps the useful part ("ECONNREFUSED", "other side closed") in error.cause. */
function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError') return 'The gateway did not answer in time';
  if (error.name === 'AbortError') return 'Sending was stopped';
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause?.code ?? cause?.message ?? error.message;
}
