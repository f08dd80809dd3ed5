// Pure rules for what the sync worker does after each attempt: sent, try again later (exponential
// backoff with full jitter, honouring Retry-After), or park for the agent. No I/O, no clock of its own.
import { connectionFromAnswer, type AttemptOutcome } from '../gateway/gatewayClient';

export interface RetryPolicy {
  /** First retry waits up to this long. */
  baseMs: number;
  /** Ceiling of the backoff window. */
  capMs: number;
  /** A Retry-After longer than this is not believed beyond it. */
  maxRetryAfterMs: number;
  /** A record still failing for a retryable reason after this long is parked for the agent to look at. */
  giveUpAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseMs: 1_000,
  capMs: 5 * 60_000,
  maxRetryAfterMs: 60 * 60_000,
  giveUpAfterMs: 7 * 24 * 3600_000,
};

/**
 * "Full jitter": sleep = random(0, min(cap, base · 2^(failures-1))).
 * `failures` counts failed attempts so far, starting at 1.
 */
export function fullJitterDelay(failures: number, policy: Pick<RetryPolicy, 'baseMs' | 'capMs'>, random: () => number): number {
  const exponent = Math.max(0, failures - 1);
  // 2^exponent overflows to Infinity long after the cap is reached; min() keeps it bounded.
  const window = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(exponent, 60));
  return Math.floor(random() * window);
}

/** Retry-After as milliseconds from now: delta-seconds or an HTTP date. Undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

export type Decision =
  | { action: 'sent' }
  /**
   * `gateway` says what the failure means for the whole queue: unreachable (no answer at all), busy (it
   * answered 408/425/429/5xx), refused (401/403: credentials).
   */
  | { action: 'retry'; delayMs: number; reason: string; status?: number; gateway: 'unreachable' | 'busy' | 'refused' }
  | { action: 'park'; reason: string; status?: number };

export interface DecideInput {
  outcome: AttemptOutcome;
  /** Failed attempts including this one, if it failed. */
  failures: number;
  /** When the record was first queued. */
  createdAt: number;
  now: number;
}

export function decide({ outcome, failures, createdAt, now }: DecideInput, policy: RetryPolicy, random: () => number): Decision {
  let reason: string;
  let status: number | undefined;
  let gateway: 'unreachable' | 'busy' | 'refused' = 'unreachable';
  let retryAfterMs: number | undefined;

  if (outcome.kind === 'networkError') {
    reason = outcome.message;
  } else {
    status = outcome.status;
    if (status >= 200 && status < 300) return { action: 'sent' };
    reason = outcome.errorMessage || `HTTP ${status}`;
    // Refused credentials are the app's problem, not the record's: keep everything queued and keep trying.
    const connection = connectionFromAnswer(status);
    if (connection === 'connected' && status >= 400 && status < 500) return { action: 'park', reason, status };
    gateway = connection === 'refused' ? 'refused' : 'busy';
    retryAfterMs = parseRetryAfter(outcome.retryAfter, now);
  }

  if (now - createdAt >= policy.giveUpAfterMs) {
    return { action: 'park', reason: `Not delivered after ${Math.round(policy.giveUpAfterMs / 3600_000)} hours: ${reason}`, status };
  }
  const jitter = fullJitterDelay(failures, policy, random);
  const delayMs = retryAfterMs === undefined ? jitter : Math.max(jitter, Math.min(retryAfterMs, policy.maxRetryAfterMs));
  return { action: 'retry', delayMs, reason, status, gateway };
}
