// The UI's only link to the rest of the app: the preload API, a live snapshot, and a clock aligned to main.
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { UI_API_GLOBAL, type HearthlineApi } from '../../common/contract/api';
import type { CallQuality, Snapshot } from '../../common/contract/model';
import { LiveViewStore } from './liveViewStore';
import { sliceReader } from './slice';
import { withoutQuality } from './snapshotWithoutQuality';
import { shareUnchanged } from './structuralShare';
import { describeFailure } from './desk/describeFailure';

declare global {
  interface Window {
    [UI_API_GLOBAL]: HearthlineApi;
  }
}

export const api = (): HearthlineApi => window[UI_API_GLOBAL];

/**
 * The live snapshot, kept once for the whole page: fetched once, then replaced by every push from main.
 * Unchanged parts keep their identity (structuralShare.ts), so components given a part re-render only
 * when that part changed. Also keeps main's clock offset for the timers.
 */
class SnapshotStore {
  private current: Snapshot | undefined;
  private currentWithoutQuality: Snapshot | undefined;
  private offset = 0;
  private readonly listeners = new Set<() => void>();
  private started = false;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.start();
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly get = (): Snapshot | undefined => this.current;

  /** The snapshot without call quality (snapshotWithoutQuality.ts): unchanged through quality and clock pushes. */
  readonly getWithoutQuality = (): Snapshot | undefined => this.currentWithoutQuality;

  /** Main's "now" (timers stay right after a UI reload and whatever the local clock says). */
  now(): number {
    return Date.now() + this.offset;
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    const accept = (next: Snapshot) => {
      // Events and the initial fetch may cross; never go back to an older state.
      if (this.current && next.version < this.current.version) return;
      this.offset = next.now - Date.now();
      this.current = shareUnchanged(this.current, next);
      this.currentWithoutQuality = withoutQuality(this.currentWithoutQuality, this.current);
      for (const listener of [...this.listeners]) listener();
    };
    api().on('app.snapshot', accept);
    const fetchInitial = () =>
      api()
        .invoke('app.snapshot', {})
        .then(accept)
        .catch(() => setTimeout(fetchInitial, 500));
    fetchInitial();
  }
}

const snapshots = new SnapshotStore();

/** Something a component can read a slice of: the live snapshot, a feature view (LiveViewStore). */
export interface SliceSource<S> {
  subscribe: (listener: () => void) => () => void;
  get: () => S;
}

/**
 * The one way a component reads a store: the slice `select` makes of it, re-rendering the component only
 * when the slice's content changed (slice.ts). `select` may build objects and may close over the
 * component's other values.
 */
export function useSlice<S, T>(source: SliceSource<S>, select: (state: S) => T): T {
  const [read] = useState(() => sliceReader<S, T>());
  return useSyncExternalStore(source.subscribe, () => read(source.get(), select));
}

// Without the calls' quality samples (snapshotWithoutQuality.ts): the sample each call brings every second
// changes no slice but the quality line's.
const snapshotWithoutQuality: SliceSource<Snapshot | undefined> = { subscribe: snapshots.subscribe, get: snapshots.getWithoutQuality };
const fullSnapshot: SliceSource<Snapshot | undefined> = { subscribe: snapshots.subscribe, get: snapshots.get };

/**
 * One part of the snapshot (selectors: snapshotSlices.ts); the component re-renders only when that part
 * changes. Read from the snapshot without quality samples: only the quality line shows those.
 */
export function useSnapshotPart<T>(select: (snapshot: Snapshot | undefined) => T): T {
  return useSlice(snapshotWithoutQuality, select);
}

/** One call's latest quality sample: the quality line alone renders with each second's sample. */
export function useCallQuality(callId: string): CallQuality | undefined {
  return useSlice(fullSnapshot, (snapshot) => snapshot?.calls.find((call) => call.id === callId)?.quality);
}

/** Main's "now", read when rendering (no re-render of its own). */
export function mainNow(): number {
  return snapshots.now();
}

/**
 * Main's "now", ticking every `intervalMs` in the component that shows a timer, and only there: the
 * rest of the page does not re-render with the clock. `undefined` stops the ticking. (No default: with
 * `= 1000`, passing `undefined` took the default, so every ended call card and every open wrap-up form
 * rendered again each second.)
 */
export function useMainNow(intervalMs: number | undefined): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (intervalMs === undefined) return;
    const timer = setInterval(() => setTick((tick) => tick + 1), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return snapshots.now();
}

/** Runs a command and keeps its error for display instead of throwing into React. */
export function useCommand(): { run: (action: () => Promise<unknown>) => void; error: string | undefined; clear: () => void } {
  const [error, setError] = useState<string>();
  const run = useCallback((action: () => Promise<unknown>) => {
    setError(undefined);
    action().catch((failure: unknown) => setError(describeFailure(failure)));
  }, []);
  return { run, error, clear: () => setError(undefined) };
}

export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mmss = `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
  return hours > 0 ? `${hours}:${mmss}` : mmss;
}

/**
 * A feature view that main keeps live: fetched once, then replaced by every pushed event. Returns
 * undefined while loading and null when this host runs without the feature (main says 'unavailable').
 * The view is this component's own; a view several components read is one LiveViewStore for the page
 * (useWrapUpView).
 */
export function useLiveView<V extends { now: number }>(fetchView: () => Promise<V>, subscribe: (listener: (view: V) => void) => () => void): V | null | undefined {
  // The view's channels never change for a component's lifetime.
  const [store] = useState(() => new LiveViewStore<V>({ fetch: fetchView, subscribe }));
  return useSyncExternalStore(store.subscribe, store.get);
}
