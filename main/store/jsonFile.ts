// Small JSON files in the profile (the agent's settings, device choices), one policy for all of them:
// written to a temporary file and renamed, so a crash mid-write leaves the old file, never half a file;
// owner-only (0600). Missing: the defaults. Damaged (not JSON, or not what the reader accepts): the
// defaults, and the file is moved aside — kept, never overwritten unseen — with the reason logged.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { describeIssues } from '../../common/contract/wire';
import type { Logger } from '../log/logger';
import { ensurePrivateFolder } from './privateFiles';

export function writeJsonAtomic(file: string, value: unknown): void {
  ensurePrivateFolder(path.dirname(file));
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, file);
}

/** What a reader makes of the parsed JSON: the value (with parts it ignored, told), or why none of it is usable. */
export type JsonFileReading<T> = { ok: true; value: T; ignored?: string[] } | { ok: false; problem: string };

/** A reader that accepts what `schema` accepts, and names what is wrong otherwise. */
export function schemaReader<T>(schema: z.ZodType<T>): (raw: unknown) => JsonFileReading<T> {
  return (raw) => {
    const parsed = schema.safeParse(raw);
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problem: describeIssues(parsed.error).join('; ') };
  };
}

export class JsonFileStore<T> {
  constructor(
    private readonly file: string,
    private readonly read: (raw: unknown) => JsonFileReading<T>,
    private readonly defaults: () => T,
    private readonly log: Logger,
  ) {}

  load(): T {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.setAside(`unreadable: ${String(error)}`);
      return this.defaults();
    }
    const reading = this.read(raw);
    if (!reading.ok) {
      this.setAside(reading.problem);
      return this.defaults();
    }
    for (const ignored of reading.ignored ?? []) this.log.warn({ file: this.file, ignored }, 'setting ignored');
    return reading.value;
  }

  save(value: T): void {
    writeJsonAtomic(this.file, value);
  }

  private setAside(problem: string): void {
    const aside = `${this.file}.damaged-${Date.now()}`;
    try {
      if (existsSync(this.file)) renameSync(this.file, aside);
    } catch {
      // left where it is; the next save replaces it, and the log says what was wrong
    }
    this.log.warn({ file: this.file, aside, problem }, 'settings file damaged; using the defaults until the agent chooses again');
  }
}
