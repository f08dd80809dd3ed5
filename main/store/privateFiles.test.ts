// Everything Hearthline keeps about customers and agents on disk is readable by the agent's account only:
// files 0600, folders 0700, whatever the umask, including SQLite's -wal/-shm and files from older versions.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdtempSync, openSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openKnowledgeIndex, KNOWLEDGE_DB_FILE } from '../assist/module';
import { JsonFileDeviceSettingsStore } from '../devices/deviceSettingsStore';
import { silentLogger } from '../log/logger';
import { openEncryptedStore } from './store';

const mode = (file: string) => statSync(file).mode & 0o777;
let previousUmask: number;
before(() => (previousUmask = process.umask(0o022)));
after(() => process.umask(previousUmask));

describe('private store files', () => {
  it('creates the store, its WAL files and its folder owner-only', () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'hl-private-')), 'profile', 'data');
    const file = path.join(dir, 'hearthline.db');
    const store = openEncryptedStore({ file, key: randomBytes(32), log: silentLogger() });
    const knowledge = openKnowledgeIndex(store, silentLogger());
    store.db.exec('CREATE TABLE IF NOT EXISTS probe (x); INSERT INTO probe VALUES (1)');
    try {
      assert.equal(mode(dir), 0o700, 'folder');
      for (const name of ['hearthline.db', 'hearthline.db-wal', 'hearthline.db-shm', 'hearthline.db.keycheck', KNOWLEDGE_DB_FILE, `${KNOWLEDGE_DB_FILE}-wal`]) {
        const target = path.join(dir, name);
        if (name.endsWith('-wal')) assert.ok(existsSync(target), `${name} exists while open`);
        if (existsSync(target)) assert.equal(mode(target), 0o600, name);
      }
    } finally {
      knowledge.close();
      store.close();
    }
  });

  it('tightens files an older version left readable by others', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hl-private-'));
    const file = path.join(dir, 'hearthline.db');
    const key = randomBytes(32);
    const first = openEncryptedStore({ file, key, log: silentLogger() });
    openKnowledgeIndex(first, silentLogger()).close();
    first.close();
    for (const name of ['hearthline.db', KNOWLEDGE_DB_FILE]) chmodSync(path.join(dir, name), 0o644);
    closeSync(openSync(path.join(dir, 'hearthline.db-wal'), 'a', 0o644));
    chmodSync(path.join(dir, 'hearthline.db-wal'), 0o644);

    const again = openEncryptedStore({ file, key, log: silentLogger() });
    const knowledge = openKnowledgeIndex(again, silentLogger());
    try {
      for (const name of ['hearthline.db', 'hearthline.db-wal', KNOWLEDGE_DB_FILE]) assert.equal(mode(path.join(dir, name)), 0o600, name);
    } finally {
      knowledge.close();
      again.close();
    }
  });

  it('writes device choices owner-only in an owner-only folder', () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'hl-private-')), 'devices');
    const store = new JsonFileDeviceSettingsStore(path.join(dir, 'devices.json'), silentLogger());
    store.save(store.load());
    assert.equal(mode(dir), 0o700);
    assert.equal(mode(path.join(dir, 'devices.json')), 0o600);
  });
});
