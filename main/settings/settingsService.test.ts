import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { PolicyKey } from '../../common/contract/policy';
import { ServiceError } from '../ipc/errors';
import { silentLogger } from '../log/logger';
import { mergeReadings, NO_POLICY, type EffectivePolicy } from '../policy/policyService';
import { defaultConfig } from '../config/appConfig';
import { settingsFromConfig, SettingsService, type PolicyProvider } from './settingsService';
import { JsonFileUserSettingsStore, MemoryUserSettingsStore } from './userSettingsStore';

/** A policy that a test can change at run time, as the policy watcher does. */
function changeablePolicy(initial: EffectivePolicy = NO_POLICY): PolicyProvider & { set(values: Record<string, unknown>): void } {
  let current = initial;
  const listeners = new Set<(policy: EffectivePolicy) => void>();
  return {
    current: () => current,
    onChange: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
    set(values) {
      current = mergeReadings([{ origin: '/etc/hearthline/policy.json', values, problems: [] }]);
      for (const listener of listeners) listener(current);
    },
  };
}

const entry = (service: SettingsService, key: PolicyKey) => service.view().entries.find((candidate) => candidate.key === key);

describe('settings service', () => {
  it('shows policy-set values as locked and the rest as the agent’s or defaults', () => {
    const policy = changeablePolicy();
    policy.set({ updateMode: 'off', diagnosticsUploadToken: 'secret-token-123' });
    const service = new SettingsService({ policy, store: new MemoryUserSettingsStore({ autoAnswer: true }), log: silentLogger() });
    assert.deepEqual(entry(service, 'updateMode'), { key: 'updateMode', value: 'off', source: 'policy', locked: true, userSettable: true });
    assert.deepEqual(entry(service, 'autoAnswer'), { key: 'autoAnswer', value: true, source: 'user', locked: false, userSettable: true });
    assert.equal(entry(service, 'wrapUpSeconds')?.source, 'default');
    assert.deepEqual(service.view().policySources, ['/etc/hearthline/policy.json']);
  });

  it('never sends a secret to the UI', () => {
    const policy = changeablePolicy();
    policy.set({ diagnosticsUploadToken: 'secret-token-123' });
    const service = new SettingsService({ policy, store: new MemoryUserSettingsStore(), log: silentLogger() });
    assert.deepEqual(entry(service, 'diagnosticsUploadToken'), { key: 'diagnosticsUploadToken', value: null, source: 'policy', locked: true, userSettable: false, secret: true });
    assert.doesNotMatch(JSON.stringify(service.view()), /secret-token-123/);
  });

  it('refuses to change a locked setting, saying the organisation manages it', () => {
    const policy = changeablePolicy();
    policy.set({ autoAnswer: false });
    const store = new MemoryUserSettingsStore();
    const service = new SettingsService({ policy, store, log: silentLogger() });
    assert.throws(
      () => service.set({ key: 'autoAnswer', value: true }),
      (error: unknown) => error instanceof ServiceError && error.code === 'forbidden' && /managed by your organisation/.test(error.message),
    );
    assert.deepEqual(store.load(), {});
    assert.equal(service.value('autoAnswer'), false);
  });

  it('saves the agent’s choice to their settings file and keeps it across restarts', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'hl-user-')), 'settings.json');
    const first = new SettingsService({ policy: changeablePolicy(), store: new JsonFileUserSettingsStore(file, silentLogger()), log: silentLogger() });
    first.set({ key: 'wrapUpSeconds', value: 90 });
    const second = new SettingsService({ policy: changeablePolicy(), store: new JsonFileUserSettingsStore(file, silentLogger()), log: silentLogger() });
    assert.equal(second.value('wrapUpSeconds'), 90);
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), { wrapUpSeconds: 90 });
  });

  it('ignores what an agent must not set in their own file (e.g. the update feed)', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'hl-user-')), 'settings.json');
    writeFileSync(file, JSON.stringify({ updateFeedUrl: 'https://evil.example.com/feed', updateAllowDowngrade: true, autoAnswer: true }));
    const service = new SettingsService({ policy: changeablePolicy(), store: new JsonFileUserSettingsStore(file, silentLogger()), log: silentLogger() });
    assert.equal(service.value('updateFeedUrl'), 'https://updates.hearthline.example/desktop');
    assert.equal(service.value('updateAllowDowngrade'), false);
    assert.equal(service.value('autoAnswer'), true);
  });

  it('the agent’s own file wins over their configuration file, policy over both', () => {
    const config = { ...defaultConfig(), wrapUpSeconds: 20, gatewayUrl: 'https://gw.example.com' };
    const policy = changeablePolicy();
    const service = new SettingsService({ policy, store: new MemoryUserSettingsStore({ wrapUpSeconds: 40 }), config: settingsFromConfig(config), log: silentLogger() });
    assert.equal(service.value('wrapUpSeconds'), 40);
    assert.equal(service.value('gatewayUrl'), 'https://gw.example.com');
    policy.set({ gatewayUrl: 'https://gateway.corp.example.com' });
    assert.equal(service.value('gatewayUrl'), 'https://gateway.corp.example.com');
  });

  it('applies a policy change at run time and says which settings moved', () => {
    const policy = changeablePolicy();
    const service = new SettingsService({ policy, store: new MemoryUserSettingsStore({ autoAnswer: true }), log: silentLogger() });
    const changes: string[][] = [];
    service.onChange((_resolved, changed) => changes.push([...changed].sort()));
    policy.set({ autoAnswer: false, updateMode: 'off' });
    assert.deepEqual(changes, [['autoAnswer', 'updateMode']]);
    assert.equal(entry(service, 'autoAnswer')?.locked, true);
    policy.set({ updateMode: 'off' });
    assert.deepEqual(changes[1], ['autoAnswer']);
    assert.equal(service.value('autoAnswer'), true, 'the agent’s own choice is back once policy lets go');
  });
});
