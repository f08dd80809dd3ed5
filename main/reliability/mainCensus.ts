// What main keeps alive through a shift, for the soak bench and its e2e variant (e2e/soak.e2e.ts): memory,
// pending timers and handles (process.getActiveResourcesInfo), listeners on the long-lived emitters, the
// bridge's WebSockets, open file descriptors and the SQLite WAL. Read on demand only (the headless host's
// --resource-census answers SIGUSR2 with one line); nothing here runs during a normal shift.
import { readdirSync, statSync } from 'node:fs';
import type { EventEmitter } from 'node:events';

export interface MainCounts {
  rssBytes: number;
  heapUsedBytes: number;
  /** Pending setTimeout/setInterval handles, unref'd ones included (counted since install()). */
  timers: number;
  /** Every active handle and request by kind (TCPWRAP, FSReqCallback, Timeout, …). */
  resources: Record<string, number>;
  /** Listeners on the long-lived emitters handed in (process, the HTTP server, …), all events together. */
  listeners: number;
  /** Connections of the renderers over the bridge (UI pages + the engine). */
  bridgeSockets: number;
  /** Open file descriptors (Linux: /proc/self/fd); -1 where that cannot be read. */
  openFds: number;
  /** Size of the store's write-ahead log; 0 without a store or a WAL file. */
  walBytes: number;
}

export interface MainCensusDeps {
  emitters: () => EventEmitter[];
  bridgeSockets: () => number;
  dbFile?: string;
  /** Injected for tests; defaults to the process's own. */
  activeResources?: () => string[];
  fdDir?: string;
  /** Run before reading memory when the host was started with --expose-gc (heap after GC, not garbage). */
  collectGarbage?: () => void;
}

export class MainCensus {
  private readonly pending = new Set<unknown>();
  private installed = false;

  constructor(private readonly deps: MainCensusDeps) {}

  /**
   * Counts every timer created from now on, unref'd ones too (process.getActiveResourcesInfo leaves those
   * out, and main unrefs most of its timers). Call once, before the services are built.
   */
  install(target: Pick<typeof globalThis, 'setTimeout' | 'setInterval' | 'clearTimeout' | 'clearInterval'> = globalThis): void {
    if (this.installed) return;
    this.installed = true;
    const pending = this.pending;
    const { setTimeout: schedule, setInterval: repeat, clearTimeout: cancel, clearInterval: stop } = target;
    target.setTimeout = function (handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) {
      const timer = schedule(
        (...callArgs: unknown[]) => {
          pending.delete(timer);
          handler(...callArgs);
        },
        ms,
        ...args,
      );
      pending.add(timer);
      return timer;
    } as typeof setTimeout;
    target.setInterval = function (handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) {
      const timer = repeat(handler, ms, ...args);
      pending.add(timer);
      return timer;
    } as typeof setInterval;
    target.clearTimeout = (timer) => {
      pending.delete(timer);
      cancel(timer);
    };
    target.clearInterval = (timer) => {
      pending.delete(timer);
      stop(timer);
    };
  }

  counts(): MainCounts {
    const resources: Record<string, number> = {};
    for (const kind of (this.deps.activeResources ?? (() => process.getActiveResourcesInfo()))()) resources[kind] = (resources[kind] ?? 0) + 1;
    const timers = this.installed ? this.pending.size : (resources.Timeout ?? 0) + (resources.Immediate ?? 0);
    let listeners = 0;
    for (const emitter of this.deps.emitters()) for (const event of emitter.eventNames()) listeners += emitter.listenerCount(event);
    this.deps.collectGarbage?.();
    const memory = process.memoryUsage();
    return {
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      timers,
      resources,
      listeners,
      bridgeSockets: this.deps.bridgeSockets(),
      openFds: countEntries(this.deps.fdDir ?? '/proc/self/fd'),
      walBytes: this.deps.dbFile ? sizeOf(`${this.deps.dbFile}-wal`) : 0,
    };
  }
}

function countEntries(dir: string): number {
  try {
    return readdirSync(dir).length;
  } catch {
    return -1;
  }
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
