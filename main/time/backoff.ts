// Restart back-off for things that crash and are restarted (the call engine, the UI renderer): each
// crash in a row waits longer (base · 2^n, capped), and a run that stayed up for `stableAfterMs` wipes the
// slate, so a crash late in a long shift restarts fast again instead of waiting the cap forever.
// Pure: the caller passes the time (monotonic ms) and keeps the state.

export interface BackoffPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
  /** Up this long without a crash → the next crash counts as the first. */
  stableAfterMs: number;
}

export interface BackoffState {
  /** Crashes in a row (since the last stable run). */
  crashes: number;
  /** When the current run came up; undefined while down. */
  upSince: number | undefined;
}

export const initialBackoff: BackoffState = { crashes: 0, upSince: undefined };

/** The thing came up (engine said hello, UI finished loading). */
export function markUp(state: BackoffState, now: number): BackoffState {
  return { ...state, upSince: now };
}

/** It crashed at `now`: how long to wait before restarting it, and the state after. */
export function afterCrash(state: BackoffState, now: number, policy: BackoffPolicy): { delayMs: number; state: BackoffState } {
  const stable = state.upSince !== undefined && now - state.upSince >= policy.stableAfterMs;
  const crashes = stable ? 0 : state.crashes;
  const delayMs = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(crashes, 30));
  return { delayMs, state: { crashes: crashes + 1, upSince: undefined } };
}
