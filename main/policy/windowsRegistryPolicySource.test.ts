import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { silentLogger } from '../log/logger';
import { PolicyService } from './policyService';
import {
  parseRegQueryOutput,
  RegExeReader,
  WindowsRegistryPolicySource,
  type ExecFile,
  type RegistryHive,
  type RegistryReader,
} from './windowsRegistryPolicySource';

const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');

/** A reader that answers from reg.exe output fixtures, one per hive; a missing hive has no key. */
function fixtureReader(files: Partial<Record<RegistryHive, string>>): RegistryReader {
  return {
    async readValues(hive) {
      const file = files[hive];
      return file ? parseRegQueryOutput(fixture(file)) : null;
    },
  };
}

function windowsPolicy(files: Partial<Record<RegistryHive, string>>): PolicyService {
  const reader = fixtureReader(files);
  return new PolicyService([new WindowsRegistryPolicySource('HKLM', reader), new WindowsRegistryPolicySource('HKCU', reader)], silentLogger());
}

describe('Windows registry policy', () => {
  it('parses reg.exe output: strings, DWORDs, QWORDs, multi-strings, and skips subkey lines', () => {
    const values = parseRegQueryOutput(fixture('reg-query-hklm.txt'));
    const byName = Object.fromEntries(values.map((value) => [value.name, value.data]));
    assert.equal(byName.updateMode, 'off');
    assert.equal(byName.wrapUpSeconds, 45);
    assert.equal(byName.autoAnswer, 1);
    assert.equal(byName.dataRetentionDays, 30);
    assert.deepEqual(byName.sipServers, ['wss://sbc1.contact.example.com:7443/ws', 'wss://sbc2.contact.example.com:7443/ws']);
    assert.equal(values.some((value) => value.name.includes('Unused')), false);
  });

  it('turns registry types into policy values (DWORD 1 → true, value names case-insensitive)', async () => {
    const { policy, problems } = await windowsPolicy({ HKLM: 'reg-query-hklm.txt' }).load();
    assert.deepEqual(policy, {
      updateMode: 'off',
      updateFeedUrl: 'https://updates.corp.example.com/hearthline',
      wrapUpSeconds: 45,
      autoAnswer: true,
      sipServers: ['wss://sbc1.contact.example.com:7443/ws', 'wss://sbc2.contact.example.com:7443/ws'],
      updatePublisherNames: ['Hearthline Ltd'],
      dataRetentionDays: 30,
      asrProvider: 'local',
    });
    assert.match(problems.join('\n'), /legacyBlob ignored \(type REG_BINARY/);
  });

  it('lets the machine (HKLM) win over the user (HKCU) for every value both set', async () => {
    const { policy, origins } = await windowsPolicy({ HKLM: 'reg-query-hklm.txt', HKCU: 'reg-query-hkcu.txt' }).load();
    assert.equal(policy.updateMode, 'off', 'HKLM says off, HKCU says auto');
    assert.equal(policy.wrapUpSeconds, 45);
    assert.equal(policy.autoAnswer, true);
    assert.equal(origins.updateMode, 'HKLM\\Software\\Policies\\Hearthline');
    // Values only the user hive sets still apply.
    assert.equal(policy.gatewayUrl, 'https://gateway.user.example.com');
    assert.deepEqual(policy.allowedHeadsets, ['0B0E:*', '047F:C056']);
    assert.equal(origins.gatewayUrl, 'HKCU\\Software\\Policies\\Hearthline');
  });

  it('uses HKCU when there is no machine policy', async () => {
    const { policy } = await windowsPolicy({ HKCU: 'reg-query-hkcu.txt' }).load();
    assert.equal(policy.updateMode, 'auto');
    assert.equal(policy.autoAnswer, false);
  });

  it('ignores invalid values one by one and says why', async () => {
    const { policy, problems } = await windowsPolicy({ HKLM: 'reg-query-invalid.txt', HKCU: 'reg-query-hkcu.txt' }).load();
    assert.equal(policy.sipTransport, 'wss');
    // The machine's invalid values do not block the user hive's valid ones.
    assert.equal(policy.wrapUpSeconds, 5);
    assert.equal(policy.updateMode, 'auto');
    assert.match(problems.join('\n'), /HKLM\\Software\\Policies\\Hearthline: wrapUpSeconds ignored/);
    assert.match(problems.join('\n'), /updateMode ignored/);
    assert.match(problems.join('\n'), /diagnosticsUploadToken ignored/);
  });

  it('runs System32\\reg.exe in the 64-bit view and treats a missing key as no policy', async () => {
    const calls: { file: string; args: string[] }[] = [];
    const exec: ExecFile = async (file, args) => {
      calls.push({ file, args });
      if (args[1]?.startsWith('HKEY_CURRENT_USER')) {
        return { code: 1, stdout: '', stderr: 'ERROR: The system was unable to find the specified registry key or value.\r\n' };
      }
      return { code: 0, stdout: fixture('reg-query-hklm.txt'), stderr: '' };
    };
    const reader = new RegExeReader(exec, 'C:\\Windows\\System32\\reg.exe');
    assert.equal((await reader.readValues('HKLM', 'Software\\Policies\\Hearthline'))?.length, 9);
    assert.equal(await reader.readValues('HKCU', 'Software\\Policies\\Hearthline'), null);
    assert.deepEqual(calls[0], { file: 'C:\\Windows\\System32\\reg.exe', args: ['query', 'HKEY_LOCAL_MACHINE\\Software\\Policies\\Hearthline', '/reg:64'] });
  });

  it('reports a registry that cannot be read instead of silently running without policy', async () => {
    const reader = new RegExeReader(async () => ({ code: 5, stdout: '', stderr: 'ERROR: Access is denied.' }));
    const reading = await new WindowsRegistryPolicySource('HKLM', reader).read();
    assert.equal(reading.values, null);
    assert.match(reading.problems[0] ?? '', /Access is denied/);
  });
});
