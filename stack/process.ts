/**
 * Child-process plumbing shared by the stack: spawn a daemon with its output in
 * a log file, notice when it dies, stop exactly that PID, and quote the tail of
 * its log in errors. Node built-ins only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync } from 'node:fs';

/** Error raised when a daemon fails to start or misbehaves; carries its log tail. */
export class StackError extends Error {
  constructor(message: string, readonly logPath?: string) {
    super(logPath ? `${message}\n--- last lines of ${logPath} ---\n${tailOfFile(logPath)}` : message);
    this.name = 'StackError';
  }
}

/** Last `lines` lines of a text file ('' if it does not exist). */
export function tailOfFile(path: string, lines = 40): string {
  if (!existsSync(path)) return '(no log file)';
  const text = readFileSync(path, 'utf8');
  return text.split('\n').slice(-lines - 1).join('\n');
}

/** Every process started by any ManagedProcess in this Node process, for the exit hook. */
const livingChildren = new Set<ChildProcess>();
let exitHookInstalled = false;

/**
 * If the test process exits without stop() (crash, forgotten stop), do not leave
 * daemons behind holding the fixed ports. Synchronous: only kill() is allowed here.
 */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of livingChildren) {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) killWithDescendants(child.pid);
    }
  });
}

export interface ManagedProcessOptions {
  /** Short name used in messages, e.g. "kamailio". */
  name: string;
  command: string;
  args: readonly string[];
  /** stdout and stderr are appended to this file. */
  logPath: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** One daemon started by us. */
export class ManagedProcess {
  readonly name: string;
  readonly logPath: string;
  private readonly child: ChildProcess;
  private readonly exited: Promise<void>;
  private stopping = false;

  private constructor(options: ManagedProcessOptions) {
    this.name = options.name;
    this.logPath = options.logPath;
    const logFd = openSync(options.logPath, 'a');
    try {
      // The daemon writes straight into the log file: nothing is lost if Node is busy.
      this.child = spawn(options.command, options.args, {
        cwd: options.cwd,
        env: options.env ?? process.env,
        stdio: ['ignore', logFd, logFd],
      });
    } finally {
      closeSync(logFd);
    }
    installExitHook();
    livingChildren.add(this.child);
    this.exited = new Promise<void>((resolve) => {
      this.child.once('exit', () => {
        livingChildren.delete(this.child);
        resolve();
      });
      this.child.once('error', () => {
        livingChildren.delete(this.child);
        resolve();
      });
    });
  }

  /** Spawns the process; throws a StackError if the executable cannot be started. */
  static async start(options: ManagedProcessOptions): Promise<ManagedProcess> {
    const managed = new ManagedProcess(options);
    const spawnError = await new Promise<Error | undefined>((resolve) => {
      managed.child.once('spawn', () => resolve(undefined));
      managed.child.once('error', (error) => resolve(error));
    });
    if (spawnError) {
      throw new StackError(`${options.name}: cannot start ${options.command}: ${spawnError.message}`);
    }
    return managed;
  }

  get pid(): number {
    // A spawned child always has a pid once 'spawn' fired.
    return this.child.pid ?? -1;
  }

  get isRunning(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves when the process has exited (for any reason). */
  whenExited(): Promise<void> {
    return this.exited;
  }

  /** Describes how the process ended, for error messages. */
  describeExit(): string {
    if (this.child.signalCode) return `killed by ${this.child.signalCode}`;
    if (this.child.exitCode !== null) return `exited with code ${this.child.exitCode}`;
    return 'still running';
  }

  /** True if stop() was requested (an exit is then expected, not a failure). */
  get isStopping(): boolean {
    return this.stopping;
  }

  /**
   * Stops exactly this PID: SIGTERM (or the given signal), then SIGKILL if it
   * has not exited after `graceMs`. SIGKILL also goes to the processes it
   * forked (they are ours too). Resolves once they have all exited.
   */
  async stop(options: { signal?: NodeJS.Signals; graceMs?: number } = {}): Promise<void> {
    this.stopping = true;
    if (!this.isRunning) return this.exited;
    const signal = options.signal ?? 'SIGTERM';
    if (signal === 'SIGKILL') {
      this.killTree();
    } else {
      this.child.kill(signal);
    }
    const graceMs = options.graceMs ?? 5000;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      this.exited.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), graceMs);
      }),
    ]);
    clearTimeout(timer);
    if (timedOut && this.isRunning) this.killTree();
    await this.exited;
    await this.killedDescendantsGone;
  }

  /** Settles when every descendant killed by killTree() has exited. */
  private killedDescendantsGone: Promise<void> = Promise.resolve();

  /**
   * SIGKILL for this process and everything it forked. A killed parent cannot
   * stop its children (Kamailio's workers would keep the ports), so collect
   * them first; they are ours too.
   */
  private killTree(): void {
    this.killedDescendantsGone = waitUntilGone(killWithDescendants(this.pid), 3000);
  }

  /**
   * Races `readiness` against an unexpected exit of the process and a timeout;
   * failures become StackErrors quoting the log.
   */
  async waitUntilReady<T>(what: string, readiness: (signal: AbortSignal) => Promise<T>, timeoutMs: number): Promise<T> {
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        readiness(abort.signal),
        this.exited.then(() => {
          throw new StackError(`${this.name} ${this.describeExit()} while waiting for ${what}`, this.logPath);
        }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new StackError(`${this.name}: timed out after ${timeoutMs} ms waiting for ${what}`, this.logPath)),
            timeoutMs,
          );
        }),
      ]);
    } catch (error) {
      if (error instanceof StackError) throw error;
      throw new StackError(`${this.name}: ${what} failed: ${(error as Error).message}`, this.logPath);
    } finally {
      clearTimeout(timer);
      abort.abort();
    }
  }
}

/**
 * PIDs of all descendants of `pid` (children, grandchildren, ...), from
 * /proc/<pid>/stat. Linux only; empty if /proc is unreadable.
 */
export function descendantPids(pid: number): number[] {
  const childrenOf = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  for (const entry of entries) {
    const stat = readStat(Number(entry));
    if (!stat) continue;
    const siblings = childrenOf.get(stat.ppid) ?? [];
    siblings.push(Number(entry));
    childrenOf.set(stat.ppid, siblings);
  }
  const result: number[] = [];
  const queue = [...(childrenOf.get(pid) ?? [])];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    result.push(next);
    queue.push(...(childrenOf.get(next) ?? []));
  }
  return result;
}

/**
 * SIGKILLs `pid` and all its descendants (collected first: once the parent is
 * gone they are re-parented and no longer findable). Synchronous, so usable in
 * an 'exit' handler. Returns the descendants' PIDs.
 */
function killWithDescendants(pid: number): number[] {
  const descendants = descendantPids(pid);
  for (const target of [pid, ...descendants]) {
    try {
      process.kill(target, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  return descendants;
}

/** State letter and parent PID from /proc/<pid>/stat, or undefined if the process is gone. */
function readStat(pid: number): { state: string; ppid: number } | undefined {
  try {
    // "<pid> (<comm>) <state> <ppid> ...": comm may contain spaces, so parse after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: state ?? '', ppid: Number(ppid) };
  } catch {
    return undefined;
  }
}

/** Polls until none of `pids` is alive (zombies hold no ports or files), or `timeoutMs` passed. */
async function waitUntilGone(pids: readonly number[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const alive = (pid: number): boolean => {
    const state = readStat(pid)?.state;
    return state !== undefined && state !== 'Z';
  };
  while (pids.some(alive) && Date.now() < deadline) await delay(10);
}

/** Resolves after `ms`, or rejects early when `signal` aborts. Used between readiness probes only. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new Error('aborted'));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
