// A plain SIP password leaves config.json for the secret store at start, atomically and losing nothing.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { silentLogger } from '../log/logger';
import { moveSipPasswordOutOfConfig } from './configPassword';
import { MemorySecretStore, SIP_PASSWORD, type SecretStore } from './secretStore';

function configFile(contents: unknown): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'hl-config-')), 'config.json');
  writeFileSync(file, JSON.stringify(contents, null, 2), { mode: 0o640 });
  chmodSync(file, 0o640);
  return file;
}

const sip = { wsUri: 'wss://sbc.example.com/ws', sipUri: 'sip:1001@example.com', password: 'secret1001', displayName: 'Ada' };

describe('moving the SIP password out of config.json', () => {
  it('keeps it in the secret store and rewrites the file without it, everything else as it was', () => {
    const file = configFile({ sip, wrapUpSeconds: 45 });
    const secrets = new MemorySecretStore();
    assert.equal(moveSipPasswordOutOfConfig(file, secrets, silentLogger()), 'moved');
    assert.equal(secrets.get(SIP_PASSWORD), 'secret1001');
    const after = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    assert.deepEqual(after, { sip: { wsUri: sip.wsUri, sipUri: sip.sipUri, displayName: 'Ada' }, wrapUpSeconds: 45 });
    assert.equal(statSync(file).mode & 0o777, 0o640, 'the file keeps its mode');
    assert.equal(moveSipPasswordOutOfConfig(file, secrets, silentLogger()), 'none', 'nothing to move the second time');
  });

  it('leaves the file untouched when the secret store refuses, so the password is not lost', () => {
    const file = configFile({ sip });
    const before = readFileSync(file, 'utf8');
    const refusing: SecretStore = {
      get: () => undefined,
      set: () => {
        throw new Error('keychain locked');
      },
    };
    assert.deepEqual(moveSipPasswordOutOfConfig(file, refusing, silentLogger()), { failed: 'keychain locked' });
    assert.equal(readFileSync(file, 'utf8'), before);
  });

  it('leaves a broken or password-free file to the config loader', () => {
    const broken = configFile({});
    writeFileSync(broken, '{ not json');
    assert.equal(moveSipPasswordOutOfConfig(broken, new MemorySecretStore(), silentLogger()), 'none');
    assert.equal(readFileSync(broken, 'utf8'), '{ not json');
    assert.equal(moveSipPasswordOutOfConfig(configFile({ wrapUpSeconds: 30 }), new MemorySecretStore(), silentLogger()), 'none');
  });
});
