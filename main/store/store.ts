// Opens the agent's local database: SQLCipher-encrypted, WAL with synchronous=FULL, migrated by
// user_version, checked for damage on every open. When custody cannot vouch for a key, or the file is
// from a newer version or opens with a different key, the app runs "session-only" on an in-memory
// database and says so; the file on disk is never deleted or rewritten in those cases. A damaged file is
// salvaged into an encrypted recovery file first, then moved aside (kept), and the salvage restored into
// a fresh database.
import { createHmac } from 'node:crypto';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { ensurePrivateDatabase } from './privateFiles';
import path from 'node:path';
import type { StorageStatus } from '../../common/contract/wrapup';
import type { Logger } from '../log/logger';
import { applyKey, isCorruptionError, loadDriver, sqliteCode, type Db } from './driver';
import { StoreError } from './errors';
import { syncDir, writeFileAtomic, type KeyCustody } from './keyCustody';
import { assertNotFromFuture, latestVersion, migrate, userVersion, type Migration } from './migrations';
import { restoreSalvage, salvageAll, writeRecoveryFile, type SalvageSpec } from './recovery';
import { CHECKED_ON_OPEN, MIGRATIONS, SALVAGE } from './schema';
import { limitJournalSize } from './wal';

export interface RecoveryReport {
  /** Encrypted file holding what was salvaged (kept even after it was restored). */
  recoveryFile: string;
  /** Where the damaged database was moved; it is kept, never deleted. */
  movedTo: string;
  /** Rows restored per table. */
  restored: Record<string, number>;
  /** True when some rows may have been unreadable. */
  incomplete: boolean;
}

export interface StoreHandle {
  readonly db: Db;
  readonly status: StorageStatus;
  /** The file on disk; undefined in session-only mode. */
  readonly file: string | undefined;
  /** Set when this open found a damaged database and repaired it. */
  readonly recovery: RecoveryReport | undefined;
  close(): void;
}

export interface EncryptedStoreOptions {
  file: string;
  key: Buffer;
  log: Logger;
  /** Defaults to "<folder of file>/recovery". */
  recoveryDir?: string;
  migrations?: readonly Migration[];
  salvage?: readonly SalvageSpec[];
  /** Tables checked page by page on open (default CHECKED_ON_OPEN), or 'all' for the whole file. */
  checkOnOpen?: readonly string[] | 'all';
  now?: () => number;
}

export interface OpenStoreOptions extends Omit<EncryptedStoreOptions, 'key'> {
  custody: KeyCustody;
}

const KEYCHECK_LABEL = 'hearthline database key check v1';

function keyCheckFile(file: string): string {
  return `${file}.keycheck`;
}

/** A one-way fingerprint of the key, so "wrong key" is told apart from "damaged file" without touching the file. */
function keyFingerprint(key: Buffer): string {
  return `hmac-sha256:${createHmac('sha256', key).update(KEYCHECK_LABEL).digest('hex')}\n`;
}

function readKeyCheck(file: string): string | undefined {
  try {
    return readFileSync(keyCheckFile(file), 'utf8');
  } catch {
    return undefined;
  }
}

/** Connection settings for the on-disk database (Signal Desktop's choices; FULL makes every commit durable). */
function configure(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  limitJournalSize(db);
  db.pragma('foreign_keys = ON');
  db.pragma('checkpoint_fullfsync = ON');
  db.pragma('busy_timeout = 5000');
}

/**
 * Reads every page of the given tables (or of the whole file) and checks each page's HMAC and b-tree;
 * returns the problems found.
 */
function damage(db: Db, tables: readonly string[] | 'all'): string[] {
  try {
    const existing = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
    const checks = tables === 'all' ? ['quick_check'] : tables.filter((table) => existing.has(table)).map((table) => `quick_check(${table})`);
    return checks.flatMap((check) => (db.pragma(check) as { quick_check: string }[]).map((row) => row.quick_check).filter((text) => text !== 'ok'));
  } catch (error) {
    if (isCorruptionError(error)) return [(error as Error).message];
    throw error;
  }
}

function stamp(now: number): string {
  return new Date(now).toISOString().replace(/[:.]/g, '-');
}

function handle(db: Db, status: StorageStatus, file: string | undefined, recovery?: RecoveryReport): StoreHandle {
  return {
    db,
    status,
    file,
    recovery,
    close() {
      if (!db.open) return;
      try {
        if (file) db.pragma('optimize');
      } finally {
        db.close();
      }
    },
  };
}

/** Opens (or creates) the encrypted database. Throws StoreError; never deletes or rewrites a file it refuses. */
export function openEncryptedStore(options: EncryptedStoreOptions): StoreHandle {
  const { file, key, log } = options;
  const migrations = options.migrations ?? MIGRATIONS;
  const now = options.now ?? Date.now;
  const Driver = loadDriver();
  const exists = existsSync(file);

  const check = exists ? readKeyCheck(file) : undefined;
  if (check !== undefined && check !== keyFingerprint(key)) {
    throw new StoreError('wrongKey', `${file} was encrypted with a different key than the one in custody; the file was not opened or changed`);
  }

  // The database file (and so its -wal and -shm, which SQLite creates with the same mode) is owner-only.
  ensurePrivateDatabase(file);
  const db = new Driver(file, { fileMustExist: exists });
  let version: number;
  try {
    applyKey(db, key);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    version = userVersion(db);
  } catch (error) {
    if (sqliteCode(error) === 'SQLITE_NOTADB' && check === undefined) {
      db.close();
      throw new StoreError('wrongKey', `${file} cannot be opened with the key in custody (wrong key, or not a Hearthline database); it was not changed`, {
        cause: error,
      });
    }
    if (isCorruptionError(error)) return recover(options, db, [(error as Error).message]);
    db.close();
    throw new StoreError('openFailed', `${file} could not be opened: ${(error as Error).message}`, { cause: error });
  }

  try {
    assertNotFromFuture(version, migrations, file);
  } catch (error) {
    db.close();
    throw error;
  }

  try {
    configure(db);
    const problems = exists ? damage(db, options.checkOnOpen ?? CHECKED_ON_OPEN) : [];
    if (problems.length > 0) return recover(options, db, problems);
    const applied = migrate(db, migrations);
    if (applied.length > 0) log.info({ file, from: version, to: latestVersion(migrations), applied }, 'database migrated');
  } catch (error) {
    if (isCorruptionError(error)) return recover(options, db, [(error as Error).message]);
    db.close();
    if (error instanceof StoreError) throw error;
    throw new StoreError('openFailed', `${file} could not be prepared: ${(error as Error).message}`, { cause: error });
  }
  if (check === undefined) writeFileAtomic(keyCheckFile(file), keyFingerprint(key));
  log.info({ file, version: latestVersion(migrations), created: !exists, at: now() }, 'encrypted store open');
  return handle(db, { mode: 'encrypted' }, file);
}

function recover(options: EncryptedStoreOptions, damaged: Db, problems: string[]): StoreHandle {
  const { file, key, log } = options;
  const now = options.now ?? Date.now;
  const migrations = options.migrations ?? MIGRATIONS;
  log.error({ file, problems: problems.slice(0, 10) }, 'database damaged: salvaging unsynced records before repair');

  const salvage = salvageAll(damaged.open ? damaged : undefined, options.salvage ?? SALVAGE);
  try {
    damaged.close();
  } catch {
    // a damaged connection may refuse to close cleanly; the file handles go with it either way
  }
  const recoveryFile = writeRecoveryFile(options.recoveryDir ?? path.join(path.dirname(file), 'recovery'), key, file, salvage, new Date(now()));

  // Move the damaged files aside (kept for support), never delete them.
  const movedTo = `${file}.damaged-${stamp(now())}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, movedTo + suffix);
  }
  syncDir(path.dirname(file));

  // Restore into the schema version the rows came from, then migrate forward like any other database.
  const fresh = openEncryptedStore({ ...options, migrations: migrations.slice(0, Math.max(0, salvage.schemaVersion)) });
  const restored = restoreSalvage(fresh.db, salvage);
  migrate(fresh.db, migrations);
  const incomplete = Object.values(salvage.tables).some((table) => table.incomplete);
  const recovery: RecoveryReport = { recoveryFile, movedTo, restored, incomplete };
  log.warn({ ...recovery }, 'database repaired from salvage');
  return handle(fresh.db, { mode: 'encrypted' }, file, recovery);
}

/** An in-memory database with the same schema: the app keeps working, and says nothing will be kept. */
export function openSessionStore(problem?: StoreError, migrations: readonly Migration[] = MIGRATIONS): StoreHandle {
  const Driver = loadDriver();
  const db = new Driver(':memory:');
  migrate(db, migrations);
  const status: StorageStatus = problem ? { mode: 'sessionOnly', problem: problem.code, detail: problem.message.slice(0, 1000) } : { mode: 'sessionOnly' };
  return handle(db, status, undefined);
}

/**
 * The hosts' entry point: custody → key → encrypted store; on any refusal, session-only with the reason.
 * Only throws if even an in-memory database cannot be made (the SQLite driver itself does not load).
 */
export function openStore(options: OpenStoreOptions): StoreHandle {
  const { custody, log, file } = options;
  try {
    const key = custody.obtainKey({ allowCreate: !existsSync(file) });
    return openEncryptedStore({ ...options, key });
  } catch (error) {
    const problem = error instanceof StoreError ? error : new StoreError('openFailed', (error as Error).message, { cause: error });
    log.error({ err: error, code: problem.code, custody: custody.kind, file }, 'encrypted store unavailable; running session-only');
    return openSessionStore(problem, options.migrations);
  }
}
