// Structured logging for main and everything it supervises (engine logs are forwarded here).
import { mkdirSync, writeSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import type { LogFileHealth } from './logHealth';
import { createLogMasking, type LogMasking } from './logMasking';
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

/** The log file's health, for whoever tells the agent (createApp turns a failing file into a notice). */
export interface LogFileWatch {
  status(): LogFileHealth;
  /** Called on every change; returns the unsubscribe. */
  subscribe(listener: (health: LogFileHealth) => void): () => void;
}

const fileWatches = new WeakMap<Logger, LogFileWatch>();
const maskings = new WeakMap<Logger, LogMasking>();

/** The masking a createLogger logger writes through: tell it the callers and customers the app meets. */
export function logMasking(log: Logger): LogMasking | undefined {
  return maskings.get(log);
}

/** One finished JSON line, masked field by field (main/log/logMasking.ts); anything else as text. */
function maskLine(masking: LogMasking, line: string): string {
  try {
    return `${JSON.stringify(masking.value(JSON.parse(line)))}\n`;
  } catch {
    return masking.text(line);
  }
}

/** How the log file of a createLogger logger is doing; undefined for a logger without a file. */
export function logFileWatch(log: Logger): LogFileWatch | undefined {
  return fileWatches.get(log);
}

/** stderr that never throws (a closed pipe must not reach the code that logged either). */
function writeStderr(chunk: string): void {
  try {
    writeSync(2, chunk);
  } catch {
    // Nowhere left to report it.
  }
}

/**
 * Never throws, whatever the log folder is like: a folder that cannot be made or a file that cannot be
 * written falls back to stderr plus a bounded memory buffer (see rotatingFile.ts), and the app starts.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  const streamLevel = level === 'silent' ? 'fatal' : level;
  const streams: pino.StreamEntry[] = [];
  const listeners = new Set<(health: LogFileHealth) => void>();
  let file: RotatingFileStream | undefined;
  if (options.dir) {
    try {
      mkdirSync(options.dir, { recursive: true, mode: 0o700 });
    } catch {
      // Opening the file below fails too and puts the stream in its fallback state.
    }
    file = new RotatingFileStream({
      file: path.join(options.dir, LOG_FILE_NAME),
      maxBytes: options.maxFileBytes,
      keep: options.keepFiles,
      fallback: options.echo ? undefined : writeStderr,
      onHealth: (health) => listeners.forEach((listener) => listener(health)),
    });
    streams.push({ level: streamLevel, stream: file });
  }
  if (options.echo || !options.dir) streams.push({ level: streamLevel, stream: { write: writeStderr } });
  // Customer numbers and names are masked as each line is written, whoever logged it (the engine too).
  const masking = createLogMasking();
  const log = pino({ level, base: { app: 'hearthline' }, hooks: { streamWrite: (line) => maskLine(masking, line) } }, pino.multistream(streams));
  maskings.set(log, masking);
  if (file) {
    const stream = file;
    fileWatches.set(log, {
      status: () => stream.status,
      subscribe: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    });
    if (stream.status.state === 'failing') log.warn({ code: stream.status.code, dir: options.dir }, 'the log file cannot be written; logging to stderr and memory');
  }
  return log;
}

/** A logger that drops everything, for unit tests that do not inspect logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
