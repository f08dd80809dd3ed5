// Structured logging for main and everything it supervises (engine logs are forwarded here).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { RotatingFileStream } from './rotatingFile';

export type Logger = pino.Logger;

/** The main log (main, engine and bridge lines) inside the log folder; rotated copies end in .1, .2, … */
export const LOG_FILE_NAME = 'hearthline.log';

export interface LoggerOptions {
  /** Folder for hearthline.log; omitted → stderr only (tests). */
  dir?: string;
  level?: pino.LevelWithSilent;
  /** Also echo to stderr (the headless host does, so a developer sees what happens). */
  echo?: boolean;
  /** hearthline.log rotates at this size (default 5 MB), keeping keepFiles old files (default 4). */
  maxFileBytes?: number;
  keepFiles?: number;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  const streams: pino.StreamEntry[] = [];
  if (options.dir) {
    mkdirSync(options.dir, { recursive: true, mode: 0o700 });
    streams.push({ level: level === 'silent' ? 'fatal' : level, stream: new RotatingFileStream({ file: path.join(options.dir, LOG_FILE_NAME), maxBytes: options.maxFileBytes, keep: options.keepFiles }) });
  }
  if (options.echo || !options.dir) streams.push({ level: level === 'silent' ? 'fatal' : level, stream: pino.destination({ fd: 2, sync: true }) });
  return pino({ level, base: { app: 'hearthline' } }, pino.multistream(streams));
}

/** A logger that drops everything, for unit tests that do not inspect logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
