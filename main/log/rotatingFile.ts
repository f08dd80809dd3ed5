// A size-rotated log file: hearthline.log is renamed to hearthline.log.1 (and .1 to .2, …) when the next
// line would push it past maxBytes; only `keep` old files are kept. Writes are synchronous, like the
// pino destination it replaces, so the last lines before a crash are on disk.
import { closeSync, existsSync, fstatSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';

export interface RotatingFileOptions {
  file: string;
  /** Rotate before a write would make the file larger than this. */
  maxBytes?: number;
  /** Old files kept besides the current one (hearthline.log.1 … .keep). */
  keep?: number;
}

export const DEFAULT_LOG_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_LOG_KEEP = 4;

export class RotatingFileStream {
  private fd: number;
  private size: number;
  private readonly maxBytes: number;
  private readonly keep: number;

  constructor(private readonly options: RotatingFileOptions) {
    this.maxBytes = options.maxBytes ?? DEFAULT_LOG_MAX_BYTES;
    this.keep = Math.max(1, options.keep ?? DEFAULT_LOG_KEEP);
    this.fd = openSync(options.file, 'a', 0o600);
    this.size = fstatSync(this.fd).size;
  }

  write(chunk: string): boolean {
    const bytes = Buffer.byteLength(chunk);
    if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
    writeSync(this.fd, chunk);
    this.size += bytes;
    return true;
  }

  /** The current file followed by the rotated ones, newest first (for diagnostics). */
  static files(file: string, keep = DEFAULT_LOG_KEEP): string[] {
    return [file, ...Array.from({ length: keep }, (_, index) => `${file}.${index + 1}`)].filter((name) => existsSync(name));
  }

  private rotate(): void {
    closeSync(this.fd);
    const { file } = this.options;
    rmSync(`${file}.${this.keep}`, { force: true });
    for (let index = this.keep - 1; index >= 1; index -= 1) {
      if (existsSync(`${file}.${index}`)) renameSync(`${file}.${index}`, `${file}.${index + 1}`);
    }
    renameSync(file, `${file}.1`);
    this.fd = openSync(file, 'a', 0o600);
    this.size = 0;
  }
}
