// Whether the log file can be written, as a pure state machine. Logging must never throw into the code
// that logged: a full disk (ENOSPC), a read-only profile (EROFS) or a folder we may not write (EACCES)
// turns the file "failing"; lines are then held in a bounded memory buffer (and echoed to stderr) and the
// file is tried again after LOG_RETRY_MS. The first good write after that turns it "ok" again.

export type LogTroubleKind = 'diskFull' | 'readOnly' | 'denied' | 'other';

export type LogFileHealth =
  | { state: 'ok' }
  | {
      state: 'failing';
      kind: LogTroubleKind;
      /** errno code of the last failure (ENOSPC, EROFS, EACCES, …). */
      code: string;
      since: number;
      /** Do not touch the file again before this (ms, the stream's clock). */
      retryAt: number;
    };

export const LOG_RETRY_MS = 5_000;
/** Lines held in memory while the file is failing; older ones are dropped (and counted). */
export const LOG_HOLD_MAX_LINES = 2_000;
export const LOG_HOLD_MAX_BYTES = 1024 * 1024;

export function logTroubleKind(code: string | undefined): LogTroubleKind {
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
    case 'EFBIG':
      return 'diskFull';
    case 'EROFS':
      return 'readOnly';
    case 'EACCES':
    case 'EPERM':
    case 'ENOTDIR':
      return 'denied';
    default:
      return 'other';
  }
}

export function afterLogFailure(health: LogFileHealth, code: string | undefined, now: number): LogFileHealth {
  return {
    state: 'failing',
    kind: logTroubleKind(code),
    code: code ?? 'unknown',
    since: health.state === 'failing' ? health.since : now,
    retryAt: now + LOG_RETRY_MS,
  };
}

/** Should this write go to the file (ok, or failing but due for another try)? */
export function shouldTryFile(health: LogFileHealth, now: number): boolean {
  return health.state === 'ok' || now >= health.retryAt;
}

/** The agent-facing notice key for a failing log file; the UI owns the wording. */
export function logTroubleNotice(health: LogFileHealth): { key: string; values: Record<string, string> } | undefined {
  if (health.state === 'ok') return undefined;
  return { key: health.kind === 'diskFull' ? 'notice.diskFull' : 'notice.logUnwritable', values: { code: health.code } };
}
