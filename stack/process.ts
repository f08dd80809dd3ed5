/**
 * Child-process plumbing shared by the stack: spawn a daemon with its output in
 * a log file, notice when it dies, stop exactly that PID, and quote the tail of
 * its log in errors. Node built-ins only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { once } from 'node:events';

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
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
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
    const spawnError = await Promise.race([
      once(managed.child, 'spawn').then(() => undefined),
      once(managed.child, 'error').then(([error]) => error as Error),
    ]);
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
   * has not exited after `graceMs`. Resolves once the process has exited.
   */
  async stop(options: { signal?: NodeJS.Signals; graceMs?: number } = {}): Promise<void> {
    this.stopping = true;
    if (!this.isRunning) return this.exited;
    this.child.kill(options.signal ?? 'SIGTERM');
    const graceMs = options.graceMs ?? 5000;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      this.exited.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), graceMs);
      }),
    ]);
    clearTimeout(timer);
    if (timedOut && this.isRunning) {
      this.child.kill('SIGKILL');
    }
    await this.exited;
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
