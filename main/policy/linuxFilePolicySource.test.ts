import assert from 'node:assert/strict';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { silentLogger } from '../log/logger';
import { LinuxFilePolicySource } from './linuxFilePolicySource';
import { PolicyService, type EffectivePolicy } from './policyService';

const uid = process.getuid?.() ?? 0;

function policyDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hl-policy-'));
  chmodSync(dir, 0o755);
  return dir;
}

function writePolicy(dir: string, value: unknown, mode = 0o644): string {
  const file = path.join(dir, 'policy.json');
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  chmodSync(file, mode);
  return file;
}

const source = (file: string) => new LinuxFilePolicySource({ file, trustedUid: uid });

describe('Linux policy file', () => {
  it('reads the policy an administrator wrote, through the real file', async () => {
    const file = writePolicy(policyDir(), { updateMode: 'off', wrapUpSeconds: 45, sipServers: ['wss://sbc.example.com/ws'] });
    const service = new PolicyService([source(file)], silentLogger());
    const effective = await service.load();
    assert.deepEqual(effective.policy, { updateMode: 'off', wrapUpSeconds: 45, sipServers: ['wss://sbc.example.com/ws'] });
    assert.deepEqual(effective.sources, [file]);
    assert.deepEqual(effective.problems, []);
  });

  it('has no policy and no complaint when the file does not exist', async () => {
    const reading = await source(path.join(policyDir(), 'policy.json')).read();
    assert.equal(reading.values, null);
    assert.deepEqual(reading.problems, []);
  });

  it('ignores and reports a policy file that other users can write', async () => {
    const file = writePolicy(policyDir(), { updateMode: 'off' }, 0o666);
    const effective = await new PolicyService([source(file)], silentLogger()).load();
    assert.deepEqual(effective.policy, {});
    assert.match(effective.problems.join('\n'), /ignored because it is writable by users other than its owner \(mode 666\)/);
  });

  it('ignores a policy file in a folder that other users can write (they could swap the file)', async () => {
    const dir = policyDir();
    const file = writePolicy(dir, { updateMode: 'off' });
    chmodSync(dir, 0o777);
    const reading = await source(file).read();
    assert.equal(reading.values, null);
    assert.match(reading.problems[0] ?? '', /its folder is writable/);
  });

  it('ignores a policy file owned by a user other than root', { skip: uid !== 0 && 'needs root to chown' }, async () => {
    const file = writePolicy(policyDir(), { updateMode: 'off' });
    chownSync(file, 65534, 65534);
    const reading = await new LinuxFilePolicySource({ file }).read();
    assert.equal(reading.values, null);
    assert.match(reading.problems[0] ?? '', /owned by uid 65534, not root/);
  });

  it('keeps the valid keys of a file with one bad value, and names the bad one', async () => {
    const file = writePolicy(policyDir(), { updateMode: 'sometimes', wrapUpSeconds: 20, madeUp: true });
    const effective = await new PolicyService([source(file)], silentLogger()).load();
    assert.deepEqual(effective.policy, { wrapUpSeconds: 20 });
    assert.match(effective.problems.join('\n'), /updateMode ignored/);
    assert.match(effective.problems.join('\n'), /unknown policy "madeUp"/);
  });

  it('reports a file that is not JSON instead of failing', async () => {
    const reading = await source(writePolicy(policyDir(), '{ "updateMode": ')).read();
    assert.equal(reading.values, null);
    assert.match(reading.problems[0] ?? '', /not valid JSON/);
  });

  it('applies a policy file changed while the app runs (atomic replace by rename)', { timeout: 20_000 }, async () => {
    const dir = policyDir();
    const file = writePolicy(dir, { updateMode: 'auto' });
    const service = new PolicyService([source(file)], silentLogger(), { settleMs: 20 });
    await service.load();
    const changed = new Promise<EffectivePolicy>((resolve) => service.onChange(resolve));
    service.watch();
    // The watcher and timers never hold a process open on their own (hosts decide); the test does.
    const keepAlive = setInterval(() => undefined, 1000);
    try {
      mkdirSync(path.join(dir, 'staging'));
      const staged = writePolicy(path.join(dir, 'staging'), { updateMode: 'off' });
      renameSync(staged, file);
      const next = await changed;
      assert.equal(next.policy.updateMode, 'off');
    } finally {
      clearInterval(keepAlive);
      service.dispose();
    }
  });
});
