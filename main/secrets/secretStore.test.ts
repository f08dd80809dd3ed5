// The secret store keeps the SIP password encrypted in a 0600 file under the store's key custody; the
// desktop app's custody is the OS keychain (safeStorage, faked here behind its real interface).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { EnvKeyCustody, FileKeyCustody, SafeStorageKeyCustody, type SafeStorageLike } from '../store/keyCustody';
import { EncryptedFileSecretStore, SIP_PASSWORD, SecretStoreError } from './secretStore';

const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'hl-secrets-'));
const PASSWORD = 'correct horse 1001';

/** A keychain stand-in: reversible wrapping that only this "keychain" can undo. */
function fakeKeychain(): SafeStorageLike {
  const wrap = (text: string) => Buffer.from(`kc:${Buffer.from(text).toString('base64')}`);
  return {
    isEncryptionAvailable: () => true,
    encryptString: wrap,
    decryptString: (buffer) => Buffer.from(buffer.toString().replace(/^kc:/, ''), 'base64').toString(),
    getSelectedStorageBackend: () => 'gnome_libsecret',
  };
}

describe('encrypted secret store', () => {
  it('gives the password back, while the file on disk holds neither it nor the key, readable by its owner only', () => {
    const dir = tempDir();
    const file = path.join(dir, 'secrets.json');
    const store = new EncryptedFileSecretStore({ file, custody: new FileKeyCustody(path.join(dir, 'secrets.key')) });
    assert.equal(store.get(SIP_PASSWORD), undefined);
    store.set(SIP_PASSWORD, PASSWORD);
    assert.equal(new EncryptedFileSecretStore({ file, custody: new FileKeyCustody(path.join(dir, 'secrets.key')) }).get(SIP_PASSWORD), PASSWORD);
    const onDisk = readFileSync(file, 'utf8');
    assert.doesNotMatch(onDisk, /correct horse/);
    assert.doesNotMatch(onDisk, new RegExp(readFileSync(path.join(dir, 'secrets.key'), 'utf8').trim()));
    assert.equal(statSync(file).mode & 0o777, 0o600);
  });

  it('wraps its key with the OS keychain in the desktop app', () => {
    const dir = tempDir();
    const custody = () => new SafeStorageKeyCustody({ safeStorage: fakeKeychain(), stateFile: path.join(dir, 'secrets-key.json'), platform: 'linux' });
    new EncryptedFileSecretStore({ file: path.join(dir, 'secrets.json'), custody: custody() }).set(SIP_PASSWORD, PASSWORD);
    assert.equal(new EncryptedFileSecretStore({ file: path.join(dir, 'secrets.json'), custody: custody() }).get(SIP_PASSWORD), PASSWORD);
    assert.match(readFileSync(path.join(dir, 'secrets-key.json'), 'utf8'), /"backend": "gnome_libsecret"/);
  });

  it('refuses to read with another key, and leaves the file as it was', () => {
    const dir = tempDir();
    const file = path.join(dir, 'secrets.json');
    new EncryptedFileSecretStore({ file, custody: new EnvKeyCustody({ K: 'a'.repeat(64) }, 'K') }).set(SIP_PASSWORD, PASSWORD);
    const before = readFileSync(file, 'utf8');
    assert.throws(() => new EncryptedFileSecretStore({ file, custody: new EnvKeyCustody({ K: 'b'.repeat(64) }, 'K') }).get(SIP_PASSWORD), SecretStoreError);
    assert.equal(readFileSync(file, 'utf8'), before);
  });

  it('says plainly when there is no key to protect secrets with', () => {
    const dir = tempDir();
    const store = new EncryptedFileSecretStore({ file: path.join(dir, 'secrets.json'), custody: new EnvKeyCustody({}, 'K') });
    assert.throws(() => store.set(SIP_PASSWORD, PASSWORD), /No key to protect secrets with: K is not set/);
  });

  it('makes no new key while a file its custody guards exists (a database whose key went missing stays openable later)', () => {
    const dir = tempDir();
    const keyFile = path.join(dir, 'hearthline.db.key');
    writeFileSync(path.join(dir, 'hearthline.db'), 'existing database');
    const store = new EncryptedFileSecretStore({ file: path.join(dir, 'secrets.json'), custody: new FileKeyCustody(keyFile), allowCreateKey: () => false });
    assert.throws(() => store.set(SIP_PASSWORD, PASSWORD), /is missing, but the database already exists/);
  });
});
