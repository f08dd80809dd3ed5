// The settings, updates and diagnostics channels as the UI reaches them: through createApp and the
// router, with a real policy file, so refusals arrive as the typed errors the panel shows.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createApp } from '../app/createApp';
import type { EngineHost } from '../calls/engineHost';
import { defaultConfig, parseConfig } from '../config/appConfig';
import { silentLogger } from '../log/logger';
import { LinuxFilePolicySource } from '../policy/linuxFilePolicySource';
import { PolicyService } from '../policy/policyService';
import { MemoryUserSettingsStore } from './userSettingsStore';

const idleEngine: EngineHost = { launch: async () => undefined, dispose: async () => undefined, onGone: () => undefined };
const ui = { role: 'ui' as const, id: 'test-ui' };

async function appWithPolicy(policy: Record<string, unknown>, config = defaultConfig()) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hl-routes-'));
  chmodSync(dir, 0o755);
  const file = path.join(dir, 'policy.json');
  writeFileSync(file, JSON.stringify(policy), { mode: 0o644 });
  const policyService = new PolicyService([new LinuxFilePolicySource({ file, trustedUid: process.getuid?.() ?? 0 })], silentLogger());
  await policyService.load();
  return createApp({
    log: silentLogger(),
    engineHost: idleEngine,
    config: { config },
    management: { policy: policyService, userSettings: new MemoryUserSettingsStore(), diagnosticsDir: path.join(dir, 'diagnostics'), appVersion: '1.0.0' },
  });
}

describe('settings channels', () => {
  it('settings.get shows locked settings, and settings.set refuses them with a clear error', async () => {
    const app = await appWithPolicy({ autoAnswer: false, diagnosticsUploadToken: 'very-secret-token' });
    try {
      const view = await app.router.dispatch(ui, 'settings.get', {});
      assert.ok(view.ok);
      const entries = (view.value as { entries: { key: string; locked: boolean; value: unknown }[] }).entries;
      assert.deepEqual(entries.find((entry) => entry.key === 'autoAnswer'), { key: 'autoAnswer', value: false, source: 'policy', locked: true, userSettable: true });
      assert.doesNotMatch(JSON.stringify(view.value), /very-secret-token/);

      const refused = await app.router.dispatch(ui, 'settings.set', { key: 'autoAnswer', value: true });
      assert.deepEqual(refused, { ok: false, error: { code: 'forbidden', message: 'autoAnswer is managed by your organisation and cannot be changed here' } });

      const changed = await app.router.dispatch(ui, 'settings.set', { key: 'wrapUpSeconds', value: 90 });
      assert.ok(changed.ok);
      assert.equal(app.management.settings.value('wrapUpSeconds'), 90);
    } finally {
      await app.dispose();
    }
  });

  it('settings.set accepts only the agent’s own settings, with valid values', async () => {
    const app = await appWithPolicy({});
    try {
      const feed = await app.router.dispatch(ui, 'settings.set', { key: 'updateFeedUrl', value: 'https://evil.example.com' });
      assert.equal(feed.ok ? 'ok' : feed.error.code, 'invalidPayload');
      const negative = await app.router.dispatch(ui, 'settings.set', { key: 'wrapUpSeconds', value: -1 });
      assert.equal(negative.ok ? 'ok' : negative.error.code, 'invalidPayload');
    } finally {
      await app.dispose();
    }
  });

  it('wrap-up time from policy reaches the call service live', async () => {
    const app = await appWithPolicy({ wrapUpSeconds: 5 });
    try {
      // CallService reads wrapUpSeconds from its options each time wrap-up starts.
      const options = (app.calls as unknown as { options: { wrapUpSeconds: number; autoAnswerSeconds?: number } }).options;
      assert.equal(options.wrapUpSeconds, 5);
      assert.equal(options.autoAnswerSeconds, undefined);
      await app.router.dispatch(ui, 'settings.set', { key: 'autoAnswer', value: true });
      assert.equal(options.autoAnswerSeconds, 0);
    } finally {
      await app.dispose();
    }
  });

  it('a policy that allows only wss refuses a ws:// account on another machine and tells the agent why', async () => {
    const config = parseConfig({ sip: { wsUri: 'ws://sip.contact.example.com:8088', sipUri: 'sip:1001@contact.example.com', password: 'x' }, allowInsecureTransport: true }, 'config.json').config;
    const app = await appWithPolicy({ sipTransport: 'wss' }, config);
    try {
      assert.equal(app.engine.hello().account, null);
      const notice = app.state.snapshot().notices.find((candidate) => candidate.key === 'notice.sipRefusedByPolicy');
      assert.match(String(notice?.values?.reason), /not a secure \(wss:\/\/\) server/);
    } finally {
      await app.dispose();
    }
  });

  it('updates.status says this build cannot update itself; installNow refuses with nothing ready', async () => {
    const app = await appWithPolicy({ updateMode: 'notify' });
    try {
      const status = await app.router.dispatch(ui, 'updates.status', {});
      assert.ok(status.ok);
      assert.equal((status.value as { state: string; mode: string }).state, 'disabled');
      app.management.updates.start();
      const started = await app.router.dispatch(ui, 'updates.status', {});
      assert.deepEqual(started.ok && { state: (started.value as { state: string }).state, mode: (started.value as { mode: string }).mode }, { state: 'unsupported', mode: 'notify' });
      const install = await app.router.dispatch(ui, 'updates.installNow', {});
      assert.equal(install.ok ? 'ok' : install.error.code, 'conflict');
    } finally {
      await app.dispose();
    }
  });

  it('the outbox syncs to the gateway policy names, not the one in the agent’s configuration', async () => {
    const app = await appWithPolicy({ gatewayUrl: 'https://gateway.corp.example.com' });
    try {
      assert.deepEqual(app.management.gateway({ url: 'https://my-own-gateway.example.com', token: 't' }), { url: 'https://gateway.corp.example.com', token: 't' });
    } finally {
      await app.dispose();
    }
    const unmanaged = await appWithPolicy({});
    try {
      assert.deepEqual(unmanaged.management.gateway({ url: 'https://my-own-gateway.example.com', token: 't' }), { url: 'https://my-own-gateway.example.com', token: 't' });
    } finally {
      await unmanaged.dispose();
    }
  });

  it('diagnostics.export saves a bundle and reports where', async () => {
    const app = await appWithPolicy({});
    try {
      const result = await app.router.dispatch(ui, 'diagnostics.export', {});
      assert.ok(result.ok);
      assert.match((result.value as { file: string }).file, /hearthline-diagnostics-.*\.zip$/);
      assert.equal((result.value as { upload: string }).upload, 'notConfigured');
    } finally {
      await app.dispose();
    }
  });
});
