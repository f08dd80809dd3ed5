// Time as a dependency: services that wait (retry backoff, reminders, debounced pushes) take a Scheduler,
// so tests can run an hour of waiting in milliseconds and assert what happens at each moment.

/** Cancels a timer; calling it twice or after the timer fired is harmless. */
export type CancelTimer = () => void;

export interface Scheduler {
  /** Wall-clock epoch milliseconds. */
  now(): number;
  /** Runs fn once after delayMs (clamped to ≥ 0) of elapsed time, whatever the wall clock does. */
  setTimer(delayMs: number, fn: () => void): CancelTimer;
  /** Elapsed milliseconds from an arbitrary origin; never jumps with the wall clock. Defaults to performance.now(). */
  monotonic?(): number;
}

/** The scheduler's elapsed-time clock. */
export function monotonicOf(scheduler: Scheduler): () => number {
  return scheduler.monotonic ? () => scheduler.monotonic!() : () => performance.now();
}

/** Node's setTimeout cannot wait longer than 2^31-1 ms; longer waits are re-armed in steps. */
const MAX_TIMEOUT_MS = 2_147_483_647;

export const systemScheduler: Scheduler = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  setTimer(delayMs, fn) {
    let handle: NodeJS.Timeout | undefined;
    let cancelled = false;
    // Elapsed time, so a wall clock set back does not stretch a long wait.
    const due = performance.now() + Math.max(0, delayMs);
    const arm = () => {
      const remaining = due - performance.now();
      if (remaining > MAX_TIMEOUT_MS) {
        handle = setTimeout(arm, MAX_TIMEOUT_MS);
      } else {
        handle = setTimeout(() => {
          if (!cancelled) fn();
        }, Math.max(0, remaining));
      }
      // Timers never keep a process alive on their own: hosts decide when to exit.
      handle.unref?.();
    };
    arm();
    return () => {
      cancelled = true;
      clearTimeout(handle);
    };
  },
};
