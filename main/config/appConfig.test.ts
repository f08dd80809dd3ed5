import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { configFileFor, engineAccountFrom, loadAppConfig, loadConfigFile } from './appConfig';

const dir = mkdtempSync(path.join(os.tmpdir(), 'hl-config-'));
const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe('app configuration', () => {
  it('reads a SIP account and fills in safe defaults', () => {
    const loaded = loadConfigFile(write('ok.json', JSON.stringify({ sip: { wsUri: 'wss://sip.example.com/ws', sipUri: 'sip:1001@example.com', password: 'x' } })));
    assert.equal(loaded.problem, undefined);
    const account = engineAccountFrom(loaded.config);
    assert.equal(account?.authUser, '1001');
    assert.equal(account?.dtmfMode, 'rfc4733');
    assert.equal(loaded.config.wrapUpSeconds, 30);
  });

  it('reports broken JSON plainly and starts unconfigured', () => {
    const loaded = loadConfigFile(write('broken.json', '{ "sip": '));
    assert.match(loaded.problem?.issues[0] ?? '', /not valid JSON/);
    assert.equal(engineAccountFrom(loaded.config), null);
  });

  it('names each wrong field', () => {
    const loaded = loadConfigFile(write('bad.json', JSON.stringify({ sip: { wsUri: 'http://x', sipUri: 'nope', password: 1 }, wrapUpSeconds: -5 })));
    const issues = loaded.problem?.issues.join('\n') ?? '';
    assert.match(issues, /sip\.wsUri: must be a ws/);
    assert.match(issues, /sip\.sipUri: must look like/);
    assert.match(issues, /wrapUpSeconds/);
  });

  it('reports a missing file without crashing', () => {
    assert.match(loadConfigFile(path.join(dir, 'nope.json')).problem?.issues[0] ?? '', /cannot read/);
  });

  it('picks the settings file the same way for both hosts: --config, else HEARTHLINE_CONFIG, else the host default', () => {
    const fromEnv = write('env.json', JSON.stringify({ wrapUpSeconds: 7 }));
    const fromFlag = write('flag.json', JSON.stringify({ wrapUpSeconds: 9 }));
    assert.equal(configFileFor({ env: { HEARTHLINE_CONFIG: fromEnv } }), fromEnv);
    assert.equal(configFileFor({ flag: fromFlag, env: { HEARTHLINE_CONFIG: fromEnv } }), fromFlag);
    assert.equal(configFileFor({ env: {}, fallbackFile: '/home/agent/.config/Hearthline/config.json' }), '/home/agent/.config/Hearthline/config.json');
    assert.equal(configFileFor({ env: { HEARTHLINE_CONFIG: '' } }), undefined);
    assert.equal(loadAppConfig({ env: { HEARTHLINE_CONFIG: fromEnv } }).config.wrapUpSeconds, 7);
    assert.deepEqual(loadAppConfig({ env: {} }), { config: loadAppConfig({ env: {} }).config });
    assert.equal(loadAppConfig({ env: {} }).problem, undefined, 'no file named: unconfigured, no notice');
    const missing = loadAppConfig({ env: { HEARTHLINE_CONFIG: path.join(dir, 'missing.json') } });
    assert.match(missing.problem?.issues[0] ?? '', /cannot read the file/, 'a named file that is not there is reported');
  });
});
