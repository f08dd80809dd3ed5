/**
 * A timestamped event history with "wait for the next one" helpers, shared by
 * the baresip driver and the JsSIP test phone. Node built-ins only.
 */

/** Epoch milliseconds with sub-millisecond precision (same clock as Date.now()). */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}

export interface WaitForOptions<E> {
  /** Default 10 s. */
  timeoutMs?: number;
  /** Ignore events received before this time (epoch ms, as `at`). */
  since?: number;
  /** Extra condition on the event. */
  predicate?: (event: E) => boolean;
  /** Stops waiting (the promise rejects) when aborted. */
  signal?: AbortSignal;
}

interface Waiter<E> {
  matches: (event: E) => boolean;
  resolve: (event: E) => void;
}

/**
 * Events in arrival order. waitFor() hands out each event at most once (the
 * oldest matching one first), so two successive waits for the same type
 * return two different events; clear() drops leftovers between tests.
 */
export class EventLog<E extends { type: string; at: number }> {
  private readonly history: E[] = [];
  private readonly consumed = new WeakSet<E>();
  private waiters: Array<Waiter<E>> = [];
  private readonly listeners = new Set<(event: E) => void>();

  /** @param owner names the source in timeout messages, e.g. "baresip 1002". */
  constructor(private readonly owner: string) {}

  /** Every event so far (since the last clear()), oldest first. */
  get events(): readonly E[] {
    return this.history;
  }

  /** Appends an event, tells the listeners and wakes the first matching waiter. */
  record(event: E): void {
    this.history.push(event);
    for (const listener of this.listeners) listener(event);
    const waiter = this.waiters.find((candidate) => candidate.matches(event));
    if (waiter) {
      this.consumed.add(event);
      this.waiters = this.waiters.filter((candidate) => candidate !== waiter);
      waiter.resolve(event);
    }
  }

  /** Forgets all events (pending waits keep waiting). */
  clear(): void {
    this.history.length = 0;
  }

  /** Subscribes to every new event; returns the unsubscribe function. */
  onEvent(listener: (event: E) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves with the oldest not-yet-consumed event of `type` matching the options, waiting if needed. */
  waitFor(type: string, options: WaitForOptions<E> = {}, describe: (event: E) => string = (event) => event.type): Promise<E> {
    const timeoutMs = options.timeoutMs ?? 10_000;
    const matches = (event: E): boolean =>
      event.type === type &&
      !this.consumed.has(event) &&
      (options.since === undefined || event.at >= options.since) &&
      (options.predicate?.(event) ?? true);
    const earlier = this.history.find(matches);
    if (earlier) {
      this.consumed.add(earlier);
      return Promise.resolve(earlier);
    }
    return new Promise<E>((resolve, reject) => {
      const forget = (): void => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        this.waiters = this.waiters.filter((candidate) => candidate !== waiter);
      };
      const onAbort = (): void => {
        forget();
        reject(new Error(`${this.owner}: waiting for ${type} was aborted`));
      };
      const waiter: Waiter<E> = {
        matches,
        resolve: (event) => {
          forget();
          resolve(event);
        },
      };
      const timer = setTimeout(() => {
        forget();
        const recent = this.history.slice(-10).map(describe).join(', ');
        reject(new Error(`${this.owner}: no ${type} event within ${timeoutMs} ms (recent events: ${recent || 'none'})`));
      }, timeoutMs);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }
}
