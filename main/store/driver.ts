// The SQLite driver (better-sqlite3-multiple-ciphers, SQLCipher mode). It is a native module loaded on
// first use rather than at import time, so a host where it cannot load (e.g. an Electron build whose
// native modules were not rebuilt) still starts, with the store reported as unavailable.
// The package's "exports" map hides its typings from moduleResolution=bundler, so the types come by path.
import type BetterSqlite3 from '../../node_modules/better-sqlite3-multiple-ciphers/index';

export type Db = BetterSqlite3.Database;
type Driver = typeof BetterSqlite3;

let driver: Driver | undefined;

export function loadDriver(): Driver {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  driver ??= require('better-sqlite3-multiple-ciphers') as Driver;
  return driver;
}

/** SQLite error codes that mean the file (or the key) is not what SQLite expected. */
export function sqliteCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function isCorruptionError(error: unknown): boolean {
  const code = sqliteCode(error) ?? '';
  const message = error instanceof Error ? error.message : '';
  return code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' || /malformed|file is not a database/i.test(message);
}

/** Keys a fresh connection for SQLCipher 4 with a raw 256-bit key (no KDF): the key is already random. */
export function applyKey(db: Db, key: Buffer): void {
  if (key.length !== 32) throw new Error('the database key must be 32 bytes');
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`key="x'${key.toString('hex')}'"`);
}
