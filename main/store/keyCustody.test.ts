import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { EnvKeyCustody, FileKeyCustody, SafeStorageKeyCustody, type SafeStorageLike } from './keyCustody';
import { StoreError } from './errors';

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'hl-custody-'));

function rejects(action: () => unknown, code: StoreError['code']): StoreError {
  try {
    action();
  } catch (error) {
    assert.ok(error instanceof StoreError, `expected StoreError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return error;
  }
  assert.fail(`expected ${code}`);
}

/** A fake OS keychain: "encrypts" by XOR with a per-instance byte so ciphertext never equals plaintext. */
class FakeSafeStorage implements SafeStorageLike {
  encryptCalls = 0;
  constructor(
    public backend: string | undefined = 'gnome_libsecret',
    public available = true,
    private readonly mask = 0x5a,
  ) {}
  isEncryptionAvailable() {
    return this.available;
  }
  encryptString(plain: string) {
    this.encryptCalls += 1;
    return Buffer.from(Buffer.from(plain, 'utf8').map((byte) => byte ^ this.mask));
  }
  decryptString(encrypted: Buffer) {
    return Buffer.from(encrypted.map((byte) => byte ^ this.mask)).toString('utf8');
  }
  getSelectedStorageBackend() {
    return this.backend ?? 'unknown';
  }
}

describe('FileKeyCustody', () => {
  it('creates a 0600 key file once and returns the same key afterwards', () => {
    const file = path.join(tempDir(), 'db.key');
    const custody = new FileKeyCustody(file);
    const first = custody.obtainKey({ allowCreate: true });
    assert.equal(first.length, 32);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(new FileKeyCustody(file).obtainKey({ allowCreate: true }), first);
  });

  it('refuses a key file that group or others can read, without changing it', () => {
    const file = path.join(tempDir(), 'db.key');
    new FileKeyCustody(file).obtainKey({ allowCreate: true });
    const before = readFileSync(file, 'utf8');
    chmodSync(file, 0o640);
    const error = rejects(() => new FileKeyCustody(file).obtainKey({ allowCreate: true }), 'insecureKeyFile');
    assert.match(error.message, /chmod 600/);
    assert.equal(readFileSync(file, 'utf8'), before);
  });

  it('refuses a key file owned by another user', () => {
    const file = path.join(tempDir(), 'db.key');
    new FileKeyCustody(file).obtainKey({ allowCreate: true });
    rejects(() => new FileKeyCustody(file, { uid: 4242 }).obtainKey({ allowCreate: false }), 'insecureKeyFile');
  });

  it('does not invent a key for a database that already exists', () => {
    const file = path.join(tempDir(), 'db.key');
    rejects(() => new FileKeyCustody(file).obtainKey({ allowCreate: false }), 'keyMissing');
    assert.equal(existsSync(file), false);
  });

  it('rejects a key file that is not 64 hex characters', () => {
    const file = path.join(tempDir(), 'db.key');
    writeFileSync(file, 'not-a-key\n', { mode: 0o600 });
    rejects(() => new FileKeyCustody(file).obtainKey({ allowCreate: true }), 'keyInvalid');
  });
});

describe('EnvKeyCustody', () => {
  it('reads a hex key from HEARTHLINE_DB_KEY', () => {
    const hex = 'ab'.repeat(32);
    assert.equal(new EnvKeyCustody({ HEARTHLINE_DB_KEY: hex }).obtainKey().toString('hex'), hex);
  });
  it('explains a missing or malformed variable', () => {
    rejects(() => new EnvKeyCustody({}).obtainKey(), 'keyUnavailable');
    rejects(() => new EnvKeyCustody({ HEARTHLINE_DB_KEY: 'xyz' }).obtainKey(), 'keyInvalid');
  });
});

describe('SafeStorageKeyCustody', () => {
  it('wraps a new key with the keychain and stores only the wrapped form', () => {
    const stateFile = path.join(tempDir(), 'db-key.json');
    const safeStorage = new FakeSafeStorage();
    const custody = new SafeStorageKeyCustody({ safeStorage, stateFile, platform: 'linux' });
    const key = custody.obtainKey({ allowCreate: true });
    const stored = readFileSync(stateFile, 'utf8');
    assert.ok(!stored.includes(key.toString('hex')), 'the plain key must not be on disk');
    assert.equal(JSON.parse(stored).backend, 'gnome_libsecret');
    assert.equal(statSync(stateFile).mode & 0o777, 0o600);
    assert.deepEqual(new SafeStorageKeyCustody({ safeStorage, stateFile, platform: 'linux' }).obtainKey({ allowCreate: false }), key);
  });

  it('on Linux refuses the basic_text backend and writes nothing', () => {
    const stateFile = path.join(tempDir(), 'db-key.json');
    const safeStorage = new FakeSafeStorage('basic_text');
    rejects(() => new SafeStorageKeyCustody({ safeStorage, stateFile, platform: 'linux' }).obtainKey({ allowCreate: true }), 'weakKeyStorage');
    assert.equal(existsSync(stateFile), false);
    assert.equal(safeStorage.encryptCalls, 0);
  });

  it('refuses when the keychain is unavailable', () => {
    const stateFile = path.join(tempDir(), 'db-key.json');
    rejects(
      () => new SafeStorageKeyCustody({ safeStorage: new FakeSafeStorage('gnome_libsecret', false), stateFile, platform: 'darwin' }).obtainKey({ allowCreate: true }),
      'keyUnavailable',
    );
  });

  it('reports a changed keyring backend and does not make a new key', () => {
    const stateFile = path.join(tempDir(), 'db-key.json');
    new SafeStorageKeyCustody({ safeStorage: new FakeSafeStorage('kwallet5'), stateFile, platform: 'linux' }).obtainKey({ allowCreate: true });
    const before = readFileSync(stateFile, 'utf8');
    const other = new FakeSafeStorage('gnome_libsecret');
    const error = rejects(() => new SafeStorageKeyCustody({ safeStorage: other, stateFile, platform: 'linux' }).obtainKey({ allowCreate: true }), 'keyBackendChanged');
    assert.match(error.message, /--password-store=kwallet5/);
    assert.equal(other.encryptCalls, 0);
    assert.equal(readFileSync(stateFile, 'utf8'), before);
  });

  it('does not check the backend on macOS and Windows', () => {
    const stateFile = path.join(tempDir(), 'db-key.json');
    const key = new SafeStorageKeyCustody({ safeStorage: new FakeSafeStorage(undefined), stateFile, platform: 'darwin' }).obtainKey({ allowCreate: true });
    assert.equal(key.length, 32);
  });
});
