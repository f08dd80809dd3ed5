// Times every synchronous call main makes into SQLite on one connection (bench/eventLoop.bench.ts). A
// better-sqlite3 call holds the event loop for its whole wall time, so the longest call is the longest
// stall the store causes; its CPU time (this thread's, process.threadCpuUsage) is what the store itself
// costs, whatever the load on a shared machine. Only the outermost call is counted: the statements a
// transaction runs are part of the transaction's time.
import type { Db } from '../main/store/driver';

export interface StoreCall {
  /** This thread's CPU time during the call, ms. */
  cpuMs: number;
  wallMs: number;
  /** The SQL, or for a transaction the function that opened it. */
  what: string;
}

export interface StoreMeterReport {
  calls: number;
  /** CPU time of all store calls, ms. */
  totalCpuMs: number;
  /** The call with the most CPU time. */
  longestCpu: StoreCall | undefined;
  /** The call that held the event loop longest (wall). */
  longestWall: StoreCall | undefined;
  /** Calls over `limitMs` of CPU. */
  overLimit: number;
}

const threadCpuMs = (): number => {
  const used = process.threadCpuUsage();
  return (used.user + used.system) / 1000;
};

/** Where a transaction was opened: the first stack frame outside this file and better-sqlite3. */
function opener(origin: Error): string {
  const frames = (origin.stack ?? '').split('\n').slice(1);
  const frame = frames.find((line) => !line.includes('storeMeter') && !line.includes('better-sqlite3')) ?? '';
  const match = /at (?:async )?(\S+) \(.*\/([^/]+):(\d+):\d+\)/.exec(frame);
  if (!match) return 'transaction';
  // A method's name says what it is; an arrow function's (V8 names it after its surroundings) does not.
  return /^[A-Z]\w*\.\w+$/.test(match[1]!) ? `transaction in ${match[1]} (${match[2]}:${match[3]})` : `transaction at ${match[2]}:${match[3]}`;
}

export class StoreMeter {
  private depth = 0;
  private report: StoreMeterReport = StoreMeter.empty();

  constructor(
    db: Db,
    private readonly limitMs = 50,
  ) {
    this.wrapConnection(db);
  }

  private static empty(): StoreMeterReport {
    return { calls: 0, totalCpuMs: 0, longestCpu: undefined, longestWall: undefined, overLimit: 0 };
  }

  /** What was measured since the last reset, and starts again. */
  take(): StoreMeterReport {
    const report = this.report;
    this.report = StoreMeter.empty();
    return report;
  }

  private timed<T>(what: () => string, call: () => T): T {
    if (this.depth > 0) return call();
    this.depth += 1;
    const cpu = threadCpuMs();
    const wall = performance.now();
    try {
      return call();
    } finally {
      const cpuMs = threadCpuMs() - cpu;
      const wallMs = performance.now() - wall;
      this.depth -= 1;
      const report = this.report;
      report.calls += 1;
      report.totalCpuMs += cpuMs;
      if (cpuMs > this.limitMs) report.overLimit += 1;
      if (!report.longestCpu || cpuMs > report.longestCpu.cpuMs) report.longestCpu = { cpuMs, wallMs, what: what() };
      if (!report.longestWall || wallMs > report.longestWall.wallMs) report.longestWall = { cpuMs, wallMs, what: what() };
    }
  }

  private wrapConnection(db: Db): void {
    const prepare = db.prepare.bind(db);
    Object.defineProperty(db, 'prepare', {
      configurable: true,
      value: (sql: string) => {
        const statement = prepare(sql);
        const what = () => sql.replace(/\s+/g, ' ').trim().slice(0, 70);
        for (const name of ['run', 'get', 'all'] as const) {
          const method = statement[name].bind(statement) as (...args: unknown[]) => unknown;
          Object.defineProperty(statement, name, { configurable: true, value: (...args: unknown[]) => this.timed(what, () => method(...args)) });
        }
        return statement;
      },
    });
    const exec = db.exec.bind(db);
    Object.defineProperty(db, 'exec', { configurable: true, value: (sql: string) => this.timed(() => sql.replace(/\s+/g, ' ').trim().slice(0, 70), () => exec(sql)) });
    const pragma = db.pragma.bind(db);
    Object.defineProperty(db, 'pragma', {
      configurable: true,
      value: (source: string, options?: { simple?: boolean }) => this.timed(() => `PRAGMA ${source}`, () => pragma(source, options)),
    });
    const transaction = db.transaction.bind(db);
    Object.defineProperty(db, 'transaction', {
      configurable: true,
      value: (fn: (...args: unknown[]) => unknown) => {
        const origin = new Error();
        const what = () => opener(origin);
        const tx = transaction(fn);
        const wrapped = Object.assign((...args: unknown[]) => this.timed(what, () => tx(...args)), {
          deferred: (...args: unknown[]) => this.timed(what, () => tx.deferred(...args)),
          immediate: (...args: unknown[]) => this.timed(what, () => tx.immediate(...args)),
          exclusive: (...args: unknown[]) => this.timed(what, () => tx.exclusive(...args)),
        });
        return wrapped;
      },
    });
  }
}
