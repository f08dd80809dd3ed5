// Schema versioning with PRAGMA user_version. Migrations are numbered 1..N; each runs in its own
// transaction together with its user_version bump, so a failure leaves the database at the last version
// that completed. A database newer than this build is refused, never "fixed".
import type { Db } from './driver';
import { StoreError } from './errors';

export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.length === 0 ? 0 : Math.max(...migrations.map((m) => m.version));
}

/** Migrations must be 1, 2, 3, … with no gaps: a gap would mean a lost migration. */
export function assertMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`migration #${index} has version ${migration.version}; expected ${index + 1}`);
  });
}

export function userVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function assertNotFromFuture(version: number, migrations: readonly Migration[], file: string): void {
  const latest = latestVersion(migrations);
  if (version > latest) {
    throw new StoreError(
      'futureVersion',
      `${file} was written by a newer version of Hearthline (schema ${version}; this version knows up to ${latest}). Update Hearthline to open it; the file was not changed`,
    );
  }
}

/** Runs every migration above the current version, up to `upTo` (default: all). Returns the versions applied. */
export function migrate(db: Db, migrations: readonly Migration[], upTo = latestVersion(migrations)): number[] {
  assertMigrationList(migrations);
  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version > upTo) break;
    if (migration.version <= userVersion(db)) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
    applied.push(migration.version);
  }
  return applied;
}
