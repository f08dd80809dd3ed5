// What to do when the UI renderer process dies: reload it (calls live in the engine and carry on), but
// with back-off, so a UI that crashes while loading does not spin the CPU in a reload loop. A UI that
// stayed up a while starts the back-off over (main/time/backoff.ts). Pure; the Electron glue keeps the state.
import { afterCrash, type BackoffPolicy, type BackoffState } from '../time/backoff';

export const UI_RELOAD_POLICY: BackoffPolicy = { baseDelayMs: 250, maxDelayMs: 30_000, stableAfterMs: 2 * 60_000 };

/** Electron's render-process-gone reasons that are not crashes: nothing to reload. */
const NOT_A_CRASH = new Set(['clean-exit']);

export type UiReloadDecision = { action: 'reload'; delayMs: number; state: BackoffState } | { action: 'none'; state: BackoffState };

export function uiReloadDecision(state: BackoffState, now: number, reason: string, policy: BackoffPolicy = UI_RELOAD_POLICY): UiReloadDecision {
  if (NOT_A_CRASH.has(reason)) return { action: 'none', state };
  const { delayMs, state: next } = afterCrash(state, now, policy);
  return { action: 'reload', delayMs, state: next };
}
