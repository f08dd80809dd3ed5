import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { silentLogger } from '../log/logger';
import { applyKey, loadDriver, type Db } from './driver';
import { StoreError } from './errors';
import { EnvKeyCustody, FileKeyCustody } from './keyCustody';
import { migrate, userVersion, type Migration } from './migrations';
import { readRecoveryFile } from './recovery';
import { MIGRATIONS } from './schema';
import { openEncryptedStore, openStore } from './store';

const log = silentLogger();
const tempDir = () => mkdtempSync(path.join(tmpdir(), 'hl-store-'));
const CANARY = 'CANARY-b9f1e2-agent-wrote-this';

function insertOutbox(db: Db, n: number, options: { state?: string; customer?: string; text?: string } = {}): void {
  const insert = db.prepare(
    `INSERT INTO outbox (id, idempotency_key, kind, customer_key, payload, state, next_attempt_at, created_at, updated_at)
     VALUES (?, ?, 'note', ?, ?, ?, 0, 0, 0)`,
  );
  db.transaction(() => {
    for (let i = 0; i < n; i += 1) {
      const id = randomBytes(16).toString('hex');
      insert.run(id, `key-${id}`, options.customer ?? `+4420${i % 7}`, JSON.stringify({ text: `${options.text ?? 'note'} ${i} ${'x'.repeat(150)}` }), options.state ?? 'pending');
    }
  })();
}

function fingerprint(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) result[name] = createHash('sha256').update(readFileSync(path.join(dir, name))).digest('hex');
  return result;
}

function expectStoreError(action: () => unknown, code: StoreError['code']): StoreError {
  try {
    action();
  } catch (error) {
    assert.ok(error instanceof StoreError, `expected StoreError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return error;
  }
  assert.fail(`expected StoreError ${code}`);
}

/** Flips bytes in the middle of the given page of a closed database file. */
function flipPage(file: string, pageno: number): void {
  const bytes = readFileSync(file);
  const offset = (pageno - 1) * 4096 + 2048;
  for (let i = 0; i < 16; i += 1) bytes[offset + i]! ^= 0xa5;
  writeFileSync(file, bytes);
}

function leafPages(db: Db, table: string): number[] {
  return db.prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno").pluck().all(table) as number[];
}

describe('encrypted store', () => {
  it('encrypts the whole file and the WAL: no SQLite header, no plaintext (R3)', () => {
    const dir = tempDir();
    const file = path.join(dir, 'hearthline.db');
    const store = openEncryptedStore({ file, key: randomBytes(32), log });
    insertOutbox(store.db, 50, { text: CANARY });
    store.db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('probe', ?, 0)").run(CANARY);
    // While open, the latest writes live in the -wal file.
    assert.ok(existsSync(`${file}-wal`) && readFileSync(`${file}-wal`).length > 0);
    for (const name of [file, `${file}-wal`]) {
      const bytes = readFileSync(name);
      assert.equal(bytes.includes(Buffer.from(CANARY)), false, `${path.basename(name)} contains the canary`);
      assert.equal(bytes.subarray(0, 15).toString('latin1') === 'SQLite format 3', false);
    }
    for (const name of [file, `${file}-wal`]) assert.equal(statSync(name).mode & 0o777, 0o600, `${path.basename(name)} is owner-only`);
    assert.equal(store.db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(store.db.pragma('synchronous', { simple: true }), 2, 'synchronous must be FULL');
    store.close();
    assert.equal(readFileSync(file).includes(Buffer.from(CANARY)), false);
  });

  it('reopens with the right key and keeps the data', () => {
    const file = path.join(tempDir(), 'hearthline.db');
    const key = randomBytes(32);
    const first = openEncryptedStore({ file, key, log });
    insertOutbox(first.db, 3);
    first.close();
    const second = openEncryptedStore({ file, key, log });
    assert.equal(second.db.prepare('SELECT count(*) FROM outbox').pluck().get(), 3);
    assert.equal(second.recovery, undefined);
    second.close();
  });

  it('a wrong key gives a clear error and touches nothing, with or without the key-check file', () => {
    const dir = tempDir();
    const file = path.join(dir, 'hearthline.db');
    const store = openEncryptedStore({ file, key: randomBytes(32), log });
    insertOutbox(store.db, 10);
    store.close();
    const before = fingerprint(dir);
    const error = expectStoreError(() => openEncryptedStore({ file, key: randomBytes(32), log }), 'wrongKey');
    assert.match(error.message, /different key/);
    assert.deepEqual(fingerprint(dir), before);

    // Without the fingerprint file SQLite itself must say no (SQLITE_NOTADB), still without changes.
    rmSync(`${file}.keycheck`);
    const beforeNoCheck = fingerprint(dir);
    expectStoreError(() => openEncryptedStore({ file, key: randomBytes(32), log }), 'wrongKey');
    assert.deepEqual(fingerprint(dir), beforeNoCheck);
  });

  it('refuses a database from a newer version and leaves it intact (R5)', () => {
    const dir = tempDir();
    const file = path.join(dir, 'hearthline.db');
    const key = randomBytes(32);
    const store = openEncryptedStore({ file, key, log });
    insertOutbox(store.db, 5);
    store.db.pragma('user_version = 99');
    store.close();
    const before = fingerprint(dir);
    const error = expectStoreError(() => openEncryptedStore({ file, key, log }), 'futureVersion');
    assert.match(error.message, /newer version of Hearthline/);
    assert.deepEqual(fingerprint(dir), before);

    const raw = new (loadDriver())(file, { fileMustExist: true });
    applyKey(raw, key);
    assert.equal(raw.prepare('SELECT count(*) FROM outbox').pluck().get(), 5);
    raw.close();
  });

  it('migrates an older database step by step, each migration in its own transaction (R5)', () => {
    const file = path.join(tempDir(), 'hearthline.db');
    const key = randomBytes(32);
    const v1 = openEncryptedStore({ file, key, log, migrations: MIGRATIONS.slice(0, 1) });
    insertOutbox(v1.db, 4);
    assert.equal(userVersion(v1.db), 1);
    v1.close();
    const latest = openEncryptedStore({ file, key, log });
    assert.equal(userVersion(latest.db), MIGRATIONS.length);
    assert.equal(latest.db.prepare('SELECT count(*) FROM outbox').pluck().get(), 4);
    assert.equal(latest.db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'customer_cache'").pluck().get(), 0, 'the unused cache table is gone');
    latest.close();
  });

  it('a failing migration leaves the database at the last completed version', () => {
    const db = new (loadDriver())(':memory:');
    const migrations: Migration[] = [
      { version: 1, name: 'ok', up: (d) => d.exec('CREATE TABLE a (x)') },
      {
        version: 2,
        name: 'breaks halfway',
        up: (d) => {
          d.exec('CREATE TABLE b (x)');
          throw new Error('boom');
        },
      },
    ];
    assert.throws(() => migrate(db, migrations), /boom/);
    assert.equal(userVersion(db), 1);
    assert.equal(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'b'").pluck().get(), 0);
  });

  it('detects flipped bytes on open, exports unsynced rows to a recovery file, keeps the damaged file, restores (R6)', () => {
    const dir = tempDir();
    const file = path.join(dir, 'hearthline.db');
    const key = randomBytes(32);
    const store = openEncryptedStore({ file, key, log });
    insertOutbox(store.db, 40, { text: 'unsynced' });
    insertOutbox(store.db, 20, { text: 'sent', state: 'sent' });
    const history = store.db.prepare(
      "INSERT INTO call_history (call_id, direction, state, remote_number, started_at, updated_at) VALUES (?, 'inbound', 'ended', ?, ?, 0)",
    );
    store.db.transaction(() => {
      for (let i = 0; i < 3000; i += 1) history.run(`call-${i}`, `+44${1_000_000 + i}`, i);
    })();
    const target = leafPages(store.db, 'call_history')[5];
    assert.ok(target, 'call_history spans several pages');
    store.close();
    flipPage(file, target);

    const repaired = openEncryptedStore({ file, key, log });
    assert.ok(repaired.recovery, 'the damage must be detected on open');
    assert.equal(repaired.recovery.restored.outbox, 40, 'all 40 unsynced notes come back');
    assert.equal(repaired.recovery.incomplete, false);
    assert.ok(existsSync(repaired.recovery.movedTo), 'the damaged file is kept');
    const salvage = readRecoveryFile(repaired.recovery.recoveryFile, key);
    assert.equal(salvage.tables.outbox?.rows.length, 40);
    assert.equal(readFileSync(repaired.recovery.recoveryFile).includes(Buffer.from('unsynced')), false, 'the recovery file is encrypted');
    assert.equal(repaired.db.prepare("SELECT count(*) FROM outbox WHERE state = 'pending'").pluck().get(), 40);
    assert.deepEqual(repaired.db.pragma('integrity_check'), [{ integrity_check: 'ok' }]);
    repaired.close();
    // The repaired database opens cleanly afterwards.
    const again = openEncryptedStore({ file, key, log });
    assert.equal(again.recovery, undefined);
    again.close();
  });

  it('salvages the readable rows when an outbox page itself is damaged', () => {
    const file = path.join(tempDir(), 'hearthline.db');
    const key = randomBytes(32);
    const store = openEncryptedStore({ file, key, log });
    insertOutbox(store.db, 400);
    const pages = leafPages(store.db, 'outbox');
    store.close();
    flipPage(file, pages[Math.floor(pages.length / 2)]!);
    const repaired = openEncryptedStore({ file, key, log });
    assert.ok(repaired.recovery);
    const restored = repaired.recovery.restored.outbox ?? 0;
    assert.ok(restored < 400 && restored >= 400 - 40, `restored ${restored} of 400 (one page lost)`);
    assert.equal(repaired.recovery.incomplete, true);
    repaired.close();
  });

  it('runs session-only, with the reason, when custody refuses, and leaves the file alone (R4)', () => {
    const dir = tempDir();
    const file = path.join(dir, 'hearthline.db');
    const keyFile = path.join(dir, 'db.key');
    const created = openStore({ file, custody: new FileKeyCustody(keyFile), log });
    assert.equal(created.status.mode, 'encrypted');
    insertOutbox(created.db, 2);
    created.close();
    rmSync(keyFile);
    const before = fingerprint(dir);
    const session = openStore({ file, custody: new FileKeyCustody(keyFile), log });
    assert.equal(session.status.mode, 'sessionOnly');
    assert.equal(session.status.problem, 'keyMissing');
    assert.equal(session.file, undefined);
    insertOutbox(session.db, 1); // the app still works, in memory
    session.close();
    assert.deepEqual(fingerprint(dir), before);

    const envSession = openStore({ file: path.join(dir, 'other.db'), custody: new EnvKeyCustody({}), log });
    assert.deepEqual({ mode: envSession.status.mode, problem: envSession.status.problem }, { mode: 'sessionOnly', problem: 'keyUnavailable' });
  });
});
