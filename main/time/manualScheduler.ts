// A Scheduler whose clock only moves when a test says so. advance() fires due timers in time order and
// lets the caller wait for the asynchronous work each timer starts before the clock moves on.
import type { CancelTimer, Scheduler } from './scheduler';

interface PendingTimer {
  id: number;
  at: number;
  fn: () => void;
}

export class ManualScheduler implements Scheduler {
  private current: number;
  private nextId = 1;
  private timers: PendingTimer[] = [];
  /** How far the wall clock was moved by jumpWallClock; timers and monotonic() do not see it. */
  private wallOffset = 0;

  constructor(start = Date.UTC(2026, 0, 5, 9, 0, 0)) {
    this.current = start;
  }

  now(): number {
    return this.current + this.wallOffset;
  }

  /** Elapsed time: moves only with advance(). */
  monotonic(): number {
    return this.current;
  }

  /** Sets the wall clock forward or back (an NTP fix, a user changing the time) without time passing. */
  jumpWallClock(ms: number): void {
    this.wallOffset += ms;
  }

  setTimer(delayMs: number, fn: () => void): CancelTimer {
    const timer = { id: this.nextId++, at: this.current + Math.max(0, delayMs), fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t.id !== timer.id);
    };
  }

  pendingTimers(): number {
    return this.timers.length;
  }

  /**
   * Moves the clock forward by ms, firing every timer that falls due on the way (in due order, including
   * timers those timers set). After each one, `settle` is awaited so I/O it started can finish first.
   */
  async advance(ms: number, settle: () => Promise<void> = flushMicrotasks): Promise<void> {
    const target = this.current + ms;
    await settle();
    for (;;) {
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t.id !== due.id);
      this.current = Math.max(this.current, due.at);
      due.fn();
      await settle();
    }
    this.current = target;
  }
}

async function flushMicrotasks(): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
}
