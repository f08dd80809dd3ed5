import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { silentLogger } from '../log/logger';
import {
  MacManagedPreferencesSource,
  managedPreferencesFile,
  parsePlistXml,
  PlutilReader,
  xmlFileReader,
} from './macManagedPreferencesSource';
import { PolicyService } from './policyService';

const fixtures = path.join(__dirname, 'fixtures');
const uid = process.getuid?.() ?? 0;

/** A /Library/Managed Preferences look-alike holding the fixture plists for device and user scope. */
function managedDir(files: { device?: string; user?: string }): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hl-managed-'));
  chmodSync(dir, 0o755);
  if (files.device) copyFileSync(path.join(fixtures, files.device), managedPreferencesFile('device', { dir }));
  if (files.user) {
    mkdirSync(path.join(dir, 'agent'), { mode: 0o755 });
    copyFileSync(path.join(fixtures, files.user), managedPreferencesFile('user', { dir, user: 'agent' }));
  }
  return dir;
}

function macPolicy(dir: string, reader = xmlFileReader): PolicyService {
  return new PolicyService(
    [
      new MacManagedPreferencesSource(managedPreferencesFile('device', { dir }), reader),
      new MacManagedPreferencesSource(managedPreferencesFile('user', { dir, user: 'agent' }), reader),
    ],
    silentLogger(),
  );
}

describe('macOS managed preferences', () => {
  it('reads forced settings from the device profile, with plist types', async () => {
    const { policy, problems } = await macPolicy(managedDir({ device: 'managed-device.plist' })).load();
    assert.deepEqual(policy, {
      updateMode: 'notify',
      updateChannel: 'beta',
      autoAnswer: true,
      wrapUpSeconds: 60,
      sipServers: ['wss://sbc1.contact.example.com:7443/ws'],
    });
    // Profile bookkeeping keys are not policy; an out-of-range value is reported.
    assert.doesNotMatch(problems.join('\n'), /PayloadUUID/);
    assert.match(problems.join('\n'), /dataRetentionDays ignored/);
  });

  it('lets the device profile win over a user profile, and keeps what only the user profile sets', async () => {
    const { policy } = await macPolicy(managedDir({ device: 'managed-device.plist', user: 'managed-user.plist' })).load();
    assert.equal(policy.updateMode, 'notify');
    assert.equal(policy.wrapUpSeconds, 60);
    assert.equal(policy.asrProvider, 'cloud');
  });

  it('has no policy when no profile is installed', async () => {
    const effective = await macPolicy(managedDir({})).load();
    assert.deepEqual(effective.policy, {});
    assert.deepEqual(effective.sources, []);
    assert.deepEqual(effective.problems, []);
  });

  it('converts with plutil (binary plists) and refuses a file other users could have written', async () => {
    const dir = managedDir({ device: 'managed-device.plist' });
    const converted: string[] = [];
    const reader = new PlutilReader(async (file) => {
      converted.push(file);
      return readFileSync(file, 'utf8');
    }, uid);
    assert.equal((await macPolicy(dir, reader).load()).policy.updateMode, 'notify');
    assert.deepEqual(converted, [managedPreferencesFile('device', { dir })]);

    chmodSync(managedPreferencesFile('device', { dir }), 0o666);
    const { policy, problems } = await macPolicy(dir, reader).load();
    assert.deepEqual(policy, {});
    assert.match(problems.join('\n'), /ignored because it is writable by users other than its owner/);
  });

  it('reads the example .mobileconfig payload as valid policy', async () => {
    const profile = parsePlistXml(readFileSync(path.join(__dirname, '..', '..', 'policy', 'examples', 'hearthline.mobileconfig'), 'utf8'));
    const payload = (profile.PayloadContent as Record<string, unknown>[])[0] ?? {};
    assert.equal(payload.PayloadType, 'com.hearthline.app');
    const reader = { read: async () => payload };
    const { policy, problems } = await new PolicyService([new MacManagedPreferencesSource('/Library/Managed Preferences/com.hearthline.app.plist', reader)], silentLogger()).load();
    assert.deepEqual(problems, []);
    assert.equal(policy.updateMode, 'notify');
    assert.equal(policy.diagnosticsUploadToken, 'replace-with-the-upload-token');
  });
});
