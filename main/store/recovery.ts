// Salvage from a damaged database, and the encrypted recovery file the salvage is written to before the
// damaged file is moved aside. Reading is best effort: a table that cannot be scanned is read row by row
// through its rowid b-tree, so one bad page costs only the rows on it.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from './driver';
import { writeFileAtomic } from './keyCustody';

export interface SalvageSpec {
  table: string;
  /** SQL condition selecting the rows worth saving. */
  where: string;
}

export type Row = Record<string, unknown>;

export interface TableSalvage {
  rows: Row[];
  /** True when some part of the table could not be read; the count of lost rows is then unknown. */
  incomplete: boolean;
}

export interface Salvage {
  /** user_version of the damaged database, so rows are restored into the schema they came from. */
  schemaVersion: number;
  tables: Record<string, TableSalvage>;
}

const GIVE_UP_AFTER_MISSES = 5_000;

function tryGet<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

export function salvageTable(db: Db, spec: SalvageSpec): TableSalvage {
  const whole = tryGet(() => db.prepare(`SELECT * FROM ${spec.table} WHERE ${spec.where} ORDER BY rowid`).all() as Row[]);
  if (whole) return { rows: whole, incomplete: false };

  // Row by row through the table b-tree: rows on readable pages come back, a bad page fails only its rows.
  const maxRowid =
    tryGet(() => db.prepare(`SELECT max(rowid) AS m FROM ${spec.table}`).pluck().get() as number | null) ??
    tryGet(() => db.prepare('SELECT seq FROM sqlite_sequence WHERE name = ?').pluck().get(spec.table) as number | undefined) ??
    undefined;
  const byRowid = tryGet(() => db.prepare(`SELECT * FROM ${spec.table} WHERE rowid = ? AND (${spec.where})`));
  if (!byRowid) return { rows: [], incomplete: true };
  const rows: Row[] = [];
  let failures = 0;
  let misses = 0;
  const known = maxRowid !== undefined && maxRowid !== null;
  for (let rowid = 1; known ? rowid <= maxRowid : misses < GIVE_UP_AFTER_MISSES; rowid += 1) {
    try {
      const row = byRowid.get(rowid) as Row | undefined;
      if (row) {
        rows.push(row);
        misses = 0;
      } else {
        misses += 1;
      }
    } catch {
      failures += 1;
      misses += 1;
    }
  }
  return { rows, incomplete: failures > 0 || !known };
}

export function salvageAll(db: Db | undefined, specs: readonly SalvageSpec[]): Salvage {
  const schemaVersion = (db && tryGet(() => db.pragma('user_version', { simple: true }) as number)) || 0;
  const tables: Record<string, TableSalvage> = {};
  for (const spec of specs) tables[spec.table] = db ? salvageTable(db, spec) : { rows: [], incomplete: true };
  return { schemaVersion, tables };
}

/** Inserts salvaged rows back, column by column as they were read. */
export function restoreSalvage(db: Db, salvage: Salvage): Record<string, number> {
  const restored: Record<string, number> = {};
  db.transaction(() => {
    for (const [table, { rows }] of Object.entries(salvage.tables)) {
      restored[table] = 0;
      for (const row of rows) {
        const columns = Object.keys(row);
        const sql = `INSERT OR IGNORE INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
        restored[table] += db.prepare(sql).run(...columns.map((column) => row[column])).changes;
      }
    }
  })();
  return restored;
}

// ---- encrypted recovery file -------------------------------------------------------------------

const FORMAT = 'hearthline-recovery';
const INFO = Buffer.from('hearthline recovery file v1');

interface RecoveryFileV1 {
  format: typeof FORMAT;
  version: 1;
  createdAt: string;
  /** Damaged file this came from (for support). */
  source: string;
  cipher: 'aes-256-gcm';
  /** HKDF-SHA256 salt; the key is derived from the database key, so only the same custody can read it. */
  salt: string;
  iv: string;
  tag: string;
  data: string;
}

function fileKey(dbKey: Buffer, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dbKey, salt, INFO, 32));
}

export function writeRecoveryFile(dir: string, dbKey: Buffer, source: string, salvage: Salvage, now: Date): string {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', fileKey(dbKey, salt), iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(salvage), 'utf8'), cipher.final()]);
  const contents: RecoveryFileV1 = {
    format: FORMAT,
    version: 1,
    createdAt: now.toISOString(),
    source,
    cipher: 'aes-256-gcm',
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
  const file = path.join(dir, `hearthline-recovery-${now.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileAtomic(file, `${JSON.stringify(contents)}\n`);
  return file;
}

export function readRecoveryFile(file: string, dbKey: Buffer): Salvage {
  const contents = JSON.parse(readFileSync(file, 'utf8')) as RecoveryFileV1;
  if (contents.format !== FORMAT || contents.version !== 1) throw new Error(`${file} is not a Hearthline recovery file`);
  const decipher = createDecipheriv('aes-256-gcm', fileKey(dbKey, Buffer.from(contents.salt, 'base64')), Buffer.from(contents.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(contents.tag, 'base64'));
  const plain = Buffer.concat([decipher.update(Buffer.from(contents.data, 'base64')), decipher.final()]);
  return JSON.parse(plain.toString('utf8')) as Salvage;
}
