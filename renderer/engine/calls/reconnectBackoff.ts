// When the engine has to replace its SIP WebSocket and the new one does not open, the next attempt
// waits a random time ("full jitter": random(0, min(cap, base · 2^n))). Fixed intervals made a whole
// fleet that lost its SBC at the same moment reconnect in lockstep, a REGISTER storm every few seconds.
// Pure; the caller passes the random source.

export const RECONNECT_BASE_MS = 1_000;
/** A new SIP WebSocket that has not opened by then is abandoned and tried again (dropped SYNs back off for long; sipAgent.ts). */
export const CONNECT_TIMEOUT_MS = 3_000;
// Capped low enough that after a long outage the agent is back within connect timeout + 10 s of the server.
export const RECONNECT_CAP_MS = 10_000;

/**
 * Wait before forced attempt `attempt` (2, 3, …; the first goes at once). On top of this the socket has
 * its connect timeout, so attempts are never closer together than that.
 */
export function reconnectDelayMs(attempt: number, random: () => number, base = RECONNECT_BASE_MS, cap = RECONNECT_CAP_MS): number {
  const exponent = Math.max(0, Math.min(attempt - 2, 30));
  return Math.floor(random() * Math.min(cap, base * 2 ** exponent));
}
