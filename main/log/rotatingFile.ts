// A size-rotated log file: hearthline.log is renamed to hearthline.log.1 (and .1 to .2, …) when the next
// line would push it past maxBytes; only `keep` old files are kept. Writes are synchronous, like the
// pino destination it replaces, so the last lines before a crash are on disk.
// It never throws: a file that cannot be opened or written (full disk, read-only profile) is reported
// through onHealth, its lines are held in memory (bounded, see logHealth.ts) and written once it works.
import { closeSync, existsSync, fstatSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { afterLogFailure, LOG_HOLD_MAX_BYTES, LOG_HOLD_MAX_LINES, shouldTryFile, type LogFileHealth } from './logHealth';

export interface RotatingFileOptions {
  file: string;
  /** Rotate before a write would make the file larger than this. */
  maxBytes?: number;
  /** Old files kept besides the current one (hearthline.log.1 … .keep). */
  keep?: number;
  /** Told when the file starts or stops failing. */
  onHealth?: (health: LogFileHealth) => void;
  /** Monotonic ms (injected by tests); retry timing must not follow wall-clock jumps. */
  clock?: () => number;
  /** Where lines also go while the file fails (default: nowhere; the logger passes stderr). */
  fallback?: (chunk: string) => void;
}

export const DEFAULT_LOG_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_LOG_KEEP = 4;

export class RotatingFileStream {
  private fd: number | undefined;
  private size = 0;
  private readonly maxBytes: number;
  private readonly keep: number;
  private readonly clock: () => number;
  private health: LogFileHealth = { state: 'ok' };
  private held: string[] = [];
  private heldBytes = 0;
  private droppedLines = 0;

  constructor(private readonly options: RotatingFileOptions) {
    this.maxBytes = options.maxBytes ?? DEFAULT_LOG_MAX_BYTES;
    this.keep = Math.max(1, options.keep ?? DEFAULT_LOG_KEEP);
    this.clock = options.clock ?? (() => performance.now());
    this.attempt(() => this.open());
  }

  get status(): LogFileHealth {
    return this.health;
  }

  write(chunk: string): boolean {
    if (this.health.state === 'failing') {
      this.options.fallback?.(chunk);
      if (!shouldTryFile(this.health, this.clock()) || !this.attempt(() => this.recover())) {
        this.hold(chunk);
        return true;
      }
    }
    if (!this.attempt(() => this.append(chunk))) {
      this.options.fallback?.(chunk);
      this.hold(chunk);
    }
    return true;
  }

  /** The current file followed by the rotated ones, newest first (for diagnostics). */
  static files(file: string, keep = DEFAULT_LOG_KEEP): string[] {
    return [file, ...Array.from({ length: keep }, (_, index) => `${file}.${index + 1}`)].filter((name) => existsSync(name));
  }

  /** Runs a file operation; a failure changes the health instead of reaching the caller. */
  private attempt(operation: () => void): boolean {
    try {
      operation();
      if (this.health.state !== 'ok') {
        this.health = { state: 'ok' };
        this.options.onHealth?.(this.health);
      }
      return true;
    } catch (error) {
      const wasOk = this.health.state === 'ok';
      this.health = afterLogFailure(this.health, (error as NodeJS.ErrnoException).code, this.clock());
      if (wasOk) this.options.onHealth?.(this.health);
      return false;
    }
  }

  private open(): void {
    this.fd = openSync(this.options.file, 'a', 0o600);
    this.size = fstatSync(this.fd).size;
  }

  /** Reopens if needed and writes what was held; throws (to attempt) if the file still fails. */
  private recover(): void {
    if (this.fd === undefined) this.open();
    if (this.droppedLines > 0) {
      this.append(`${JSON.stringify({ level: 40, time: Date.now(), msg: `${this.droppedLines} log lines were lost while the log file could not be written` })}\n`);
      this.droppedLines = 0;
    }
    while (this.held.length > 0) {
      this.append(this.held[0]!);
      this.heldBytes -= Buffer.byteLength(this.held.shift()!);
    }
  }

  private append(chunk: string): void {
    if (this.fd === undefined) this.open();
    const bytes = Buffer.byteLength(chunk);
    if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
    writeSync(this.fd!, chunk);
    this.size += bytes;
  }

  private hold(chunk: string): void {
    this.held.push(chunk);
    this.heldBytes += Buffer.byteLength(chunk);
    while (this.held.length > LOG_HOLD_MAX_LINES || this.heldBytes > LOG_HOLD_MAX_BYTES) {
      this.heldBytes -= Buffer.byteLength(this.held.shift()!);
      this.droppedLines += 1;
    }
  }

  private rotate(): void {
    const fd = this.fd;
    this.fd = undefined;
    if (fd !== undefined) closeSync(fd);
    const { file } = this.options;
    rmSync(`${file}.${this.keep}`, { force: true });
    for (let index = this.keep - 1; index >= 1; index -= 1) {
      if (existsSync(`${file}.${index}`)) renameSync(`${file}.${index}`, `${file}.${index + 1}`);
    }
    renameSync(file, `${file}.1`);
    this.open();
  }
}
