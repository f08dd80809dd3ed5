// The UI's only link to the rest of the app: the preload API, a live snapshot, and a clock aligned to main.
import { useCallback, useEffect, useState } from 'react';
import { UI_API_GLOBAL, type HearthlineApi } from '../../common/contract/api';
import type { Snapshot } from '../../common/contract/model';
import { IpcError } from '../../common/contract/wire';
import { describeFailure } from './desk/describeFailure';

declare global {
  interface Window {
    [UI_API_GLOBAL]: HearthlineApi;
  }
}

export const api = (): HearthlineApi => window[UI_API_GLOBAL];

export function useSnapshot(): Snapshot | undefined {
  const [snapshot, setSnapshot] = useState<Snapshot>();
  useEffect(() => {
    let latest = -1;
    const accept = (next: Snapshot) => {
      // Events and the initial fetch may cross; never go back to an older state.
      if (next.version < latest) return;
      latest = next.version;
      setSnapshot(next);
    };
    const off = api().on('app.snapshot', accept);
    const fetchInitial = () =>
      api()
        .invoke('app.snapshot', {})
        .then(accept)
        .catch(() => setTimeout(fetchInitial, 500));
    fetchInitial();
    return off;
  }, []);
  return snapshot;
}

/** Main's "now", ticking every second, so call timers are right even after a UI reload. */
export function useMainClock(snapshot: Snapshot | undefined): number {
  const [offset, setOffset] = useState(0);
  const [, setTick] = useState(0);
  useEffect(() => {
    if (snapshot) setOffset(snapshot.now - Date.now());
  }, [snapshot]);
  useEffect(() => {
    const timer = setInterval(() => setTick((tick) => tick + 1), 1000);
    return () => clearInterval(timer);
  }, []);
  return Date.now() + offset;
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
 */
export function useLiveView<V extends { now: number }>(fetchView: () => Promise<V>, subscribe: (listener: (view: V) => void) => () => void): V | null | undefined {
  const [view, setView] = useState<V | null>();
  useEffect(() => {
    let latest = -Infinity;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const accept = (next: V) => {
      // The first fetch and the first event may cross: keep the newer one (main's clock never goes back).
      if (next.now < latest) return;
      latest = next.now;
      setView(next);
    };
    const off = subscribe(accept);
    const load = () =>
      fetchView()
        .then(accept)
        .catch((error: unknown) => {
          if (error instanceof IpcError && error.code === 'unavailable') setView(null);
          else retry = setTimeout(load, 1000);
        });
    load();
    return () => {
      off();
      clearTimeout(retry);
    };
    // The view's channels never change for a component's lifetime.
  }, []);
  return view;
}
