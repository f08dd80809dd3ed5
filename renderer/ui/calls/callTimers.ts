import type { Call } from '../../../common/contract/model';

export interface CallTimers {
  /** Talk time once connected, otherwise time since the call started (ringing, dialling, failed). */
  elapsedMs: number;
  /** How long a live call has been on hold; undefined when it is not held or has ended. */
  heldMs: number | undefined;
}

/**
 * The times a call card shows. Every timer stops when the call ends: an ended call counts up to
 * `endedAt` (or not at all if main never stamped it), and an ended call is no longer "on hold".
 */
export function callTimers(call: Call, now: number): CallTimers {
  const ended = call.state === 'ended';
  const from = call.connectedAt ?? call.startedAt;
  const until = ended ? (call.endedAt ?? from) : now;
  return {
    elapsedMs: Math.max(0, until - from),
    heldMs: !ended && call.onHold && call.heldSince !== undefined ? Math.max(0, now - call.heldSince) : undefined,
  };
}
