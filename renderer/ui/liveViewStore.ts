// A feature view main keeps live: fetched once, then replaced by every pushed event, while anyone reads
// it. One store can serve the whole page (useWrapUpView): each `api().on` subscription validates every
// push against the contract on its own, so a view read by N components (the wrap-up view: the forms, the
// progress strip, the customer panel) cost N validations and N copies of the view per push.
import { IpcError } from '../../common/contract/wire';
import { shareUnchanged } from './structuralShare';

export interface LiveViewSource<V> {
  fetch: () => Promise<V>;
  subscribe: (listener: (view: V) => void) => () => void;
  /** How long to wait before fetching again after a failure (default 1 s). */
  retryMs?: number;
  /** Returns a function that cancels the timer. */
  setTimer?: (run: () => void, ms: number) => () => void;
}

const browserTimer = (run: () => void, ms: number) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

export class LiveViewStore<V extends { now: number }> {
  /** undefined while loading; null when this host runs without the feature (main says 'unavailable'). */
  private current: V | null | undefined;
  private latest = -Infinity;
  /** Ends the subscription and any retry; set while someone reads the view. */
  private stop: (() => void) | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly source: LiveViewSource<V>) {}

  /** For useSyncExternalStore: the first reader starts the fetch and the one subscription, the last one ends them. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    this.stop ??= this.start();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size > 0) return;
      this.stop?.();
      this.stop = undefined;
    };
  };

  readonly get = (): V | null | undefined => this.current;

  private set(next: V | null): void {
    if (next === this.current) return;
    this.current = next;
    for (const listener of [...this.listeners]) listener();
  }

  private readonly accept = (next: V): void => {
    // The first fetch and the first event may cross: keep the newer one (main's clock never goes back).
    if (next.now < this.latest) return;
    this.latest = next.now;
    // Unchanged parts keep their identity, so memoised parts of the view do not re-render.
    this.set(shareUnchanged(this.current ?? undefined, next));
  };

  private start(): () => void {
    const { fetch, subscribe, retryMs = 1000, setTimer = browserTimer } = this.source;
    let live = true;
    let cancelRetry: (() => void) | undefined;
    const accept = (next: V) => {
      if (live) this.accept(next);
    };
    const off = subscribe(accept);
    const load = (): void =>
      void fetch()
        .then(accept)
        .catch((error: unknown) => {
          if (!live) return;
          if (error instanceof IpcError && error.code === 'unavailable') this.set(null);
          else cancelRetry = setTimer(load, retryMs);
        });
    load();
    return () => {
      live = false;
      off();
      cancelRetry?.();
    };
  }
}
