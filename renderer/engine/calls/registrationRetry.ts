// Pure: when to send REGISTER again after the server refused one. JsSIP never retries a failed
// registration by itself (only a new WebSocket registers again), so an agent whose registrar answered
// 503 during a restart or maintenance would stay offline until the app was restarted. What the server
// can fix by itself is retried (at its Retry-After, else with a jittered back-off); what IT must fix
// (password, a forbidden or unknown account) is not, so a wrong account does not hammer the server.
import type { RegistrationFailure } from '../../../common/contract/model';
import { reconnectDelayMs } from './reconnectBackoff';

export const REGISTER_RETRY_BASE_MS = 2_000;
export const REGISTER_RETRY_CAP_MS = 60_000;
/** A Retry-After longer than this is not waited out in full (a typo in a server's config, or hostile). */
export const REGISTER_RETRY_AFTER_MAX_MS = 600_000;

/**
 * Milliseconds until the next REGISTER after failure number `attempt` (1, 2, …), or undefined when the
 * app should not retry on its own. `retryAfter` is the response's Retry-After header, if any
 * (RFC 3261 §20.33: delta-seconds, optionally followed by a comment and parameters).
 */
export function registrationRetryDelayMs(failure: RegistrationFailure, retryAfter: string | undefined, attempt: number, random: () => number): number | undefined {
  if (failure !== 'unavailable' && failure !== 'timeout') return undefined;
  const seconds = /^\s*(\d{1,9})\b/.exec(retryAfter ?? '')?.[1];
  if (seconds !== undefined) return Math.min(Math.max(Number(seconds) * 1000, 1_000), REGISTER_RETRY_AFTER_MAX_MS);
  // reconnectDelayMs counts the first attempt as immediate; a refused REGISTER always waits at least the base.
  return REGISTER_RETRY_BASE_MS + reconnectDelayMs(attempt + 1, random, REGISTER_RETRY_BASE_MS, REGISTER_RETRY_CAP_MS);
}
