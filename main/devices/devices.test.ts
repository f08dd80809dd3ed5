// The devices feature inside main, through the real createApp and IPC router: what the UI and the
// engine send is exactly what the renderers would send.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { DeviceCommand, DeviceReport, DevicesView, HeadsetStatus } from '../../common/contract/devices';
import type { Call, Snapshot } from '../../common/contract/model';
import type { IpcResult } from '../../common/contract/wire';
import { createApp, type HearthlineApp } from '../app/createApp';
import type { EngineHost } from '../calls/engineHost';
import { defaultConfig } from '../config/appConfig';
import { silentLogger } from '../log/logger';
import { JsonFileDeviceSettingsStore, type DeviceSettingsStore } from './deviceSettingsStore';

const host: EngineHost = { launch: async () => undefined, dispose: async () => undefined, onGone: () => undefined };
const ui = { role: 'ui' as const, id: 'test-ui' };
const engineSender = { role: 'engine' as const, id: 'test-engine' };
const flush = () => new Promise((resolve) => setImmediate(resolve));

async function send(app: HearthlineApp, from: typeof ui | typeof engineSender, channel: string, payload: unknown): Promise<IpcResult> {
  const result = await app.router.dispatch(from, channel, payload);
  await flush();
  return result;
}

function value<T>(result: IpcResult): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

const devices: DeviceReport = {
  type: 'devices',
  inputs: [
    { deviceId: 'default', kind: 'audioinput', label: 'Default - Poly Blackwire 3220', groupId: 'g-bw' },
    { deviceId: 'mic-bw', kind: 'audioinput', label: 'Poly Blackwire 3220', groupId: 'g-bw' },
    { deviceId: 'mic-laptop', kind: 'audioinput', label: 'Laptop Microphone', groupId: 'g-laptop' },
  ],
  outputs: [
    { deviceId: 'spk-bw', kind: 'audiooutput', label: 'Poly Blackwire 3220', groupId: 'g-bw' },
    { deviceId: 'spk-laptop', kind: 'audiooutput', label: 'Laptop Speakers', groupId: 'g-laptop' },
  ],
  active: { input: { deviceId: 'mic-bw', label: 'Poly Blackwire 3220', groupId: 'g-bw', fallback: false } },
};

const headset = (state: HeadsetStatus['state']): HeadsetStatus => ({
  state,
  name: 'Poly Blackwire 3220',
  certification: 'noPolicy',
  pairedWithAudio: true,
  controls: ['hookSwitch', 'phoneMute', 'flash'],
});

function setup(store?: DeviceSettingsStore, policy: Record<string, unknown> = {}) {
  const app = createApp({
    log: silentLogger(),
    engineHost: host,
    config: { config: defaultConfig() },
    assist: false,
    deviceSettings: store,
    management: { policy: { current: () => ({ policy, origins: {}, sources: ['test'], problems: [] }), onChange: () => () => undefined, dispose: () => undefined } as never },
  });
  const toEngine: DeviceCommand[] = [];
  const engineCommands: unknown[] = [];
  const views: DevicesView[] = [];
  app.hub.attach('engine', (channel, payload) => (channel === 'devices.command' ? toEngine.push(payload as DeviceCommand) : engineCommands.push(payload)));
  app.hub.attach('ui', (channel, payload) => {
    if (channel === 'devices.changed') views.push(payload as DevicesView);
  });
  app.engine.hello();
  return { app, toEngine, engineCommands, views };
}

describe('devices in main', () => {
  it('keeps the agent’s choices in a file, tells the engine, and refuses a device that is gone', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hl-devices-'));
    const file = path.join(dir, 'devices.json');
    const { app, toEngine } = setup(new JsonFileDeviceSettingsStore(file, silentLogger()));
    value(await send(app, engineSender, 'devices.hello', {}));
    value(await send(app, engineSender, 'devices.report', devices));

    value(await send(app, ui, 'devices.choose', { role: 'ringer', choice: { mode: 'device', deviceId: 'spk-laptop', label: 'Laptop Speakers', groupId: 'g-laptop' } }));
    const sent = toEngine.at(-1);
    assert.equal(sent?.type, 'settings');
    assert.equal(sent?.type === 'settings' && sent.settings.preferences.ringer.mode === 'device' && sent.settings.preferences.ringer.deviceId, 'spk-laptop');
    assert.equal(JSON.parse(readFileSync(file, 'utf8')).preferences.ringer.label, 'Laptop Speakers');

    const gone = await send(app, ui, 'devices.choose', { role: 'output', choice: { mode: 'device', deviceId: 'spk-usb-gone', label: 'USB', groupId: 'x' } });
    assert.equal(!gone.ok && gone.error.code, 'notFound');

    // Processing is kept per microphone (by its name, so the virtual "Default - …" entry shares it).
    value(await send(app, ui, 'devices.processing', { echoCancellation: true, noiseSuppression: false, autoGainControl: false }));
    const view = value<DevicesView>(await send(app, ui, 'devices.view', {}));
    assert.deepEqual(view.processing, { echoCancellation: true, noiseSuppression: false, autoGainControl: false });

    // A restart reads the same file.
    await app.dispose();
    const again = setup(new JsonFileDeviceSettingsStore(file, silentLogger()));
    const hello = value<DeviceCommand>(await send(again.app, engineSender, 'devices.hello', {}));
    assert.ok(hello.type === 'settings' && hello.settings.preferences.ringer.mode === 'device' && hello.settings.processing['Poly Blackwire 3220']?.noiseSuppression === false);
    await again.app.dispose();
  });

  it('sets a damaged settings file aside instead of failing or overwriting it unseen', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hl-devices-'));
    const file = path.join(dir, 'devices.json');
    writeFileSync(file, '{"preferences": {"input": 42}');
    const store = new JsonFileDeviceSettingsStore(file, silentLogger());
    assert.equal(store.load().preferences.input.mode, 'follow');
    assert.ok(readdirSync(dir).some((name) => name.startsWith('devices.json.damaged-')), 'the damaged file is kept beside');
  });

  it('stores a preferred device found again under a new id, and rejects junk from the engine', async () => {
    const { app } = setup();
    const choice = { mode: 'device' as const, deviceId: 'new-id-after-reboot', label: 'Poly Blackwire 3220', groupId: 'g2' };
    value(await send(app, engineSender, 'devices.report', { type: 'preference', role: 'input', choice }));
    assert.deepEqual(value<DevicesView>(await send(app, ui, 'devices.view', {})).preferences.input, choice);
    const junk = await send(app, engineSender, 'devices.report', { type: 'level', level: 7 });
    assert.equal(!junk.ok && junk.error.code, 'invalidPayload');
    await app.dispose();
  });

  it('runs headset buttons through call control, and only between calls sets the agent Not Ready when the headset goes', async () => {
    const { app, engineCommands } = setup();
    value(await send(app, engineSender, 'devices.report', { type: 'headset', status: headset('connected') }));
    const ringing: Call = { id: 'in-1', direction: 'inbound', state: 'ringing', remoteNumber: '1002', startedAt: Date.now(), onHold: false, muted: false };
    app.engine.report({ type: 'call', call: ringing });
    await flush();
    value(await send(app, engineSender, 'devices.report', { type: 'headsetAction', action: 'answer', callId: 'in-1' }));
    assert.deepEqual(engineCommands.at(-1), { type: 'answer', callId: 'in-1', holdOthers: false });

    app.engine.report({ type: 'call', call: { ...ringing, state: 'connected', connectedAt: Date.now() } });
    await flush();
    value(await send(app, engineSender, 'devices.report', { type: 'headsetAction', action: 'mute', callId: 'in-1', on: true }));
    assert.deepEqual(engineCommands.at(-1), { type: 'mute', callId: 'in-1', on: true });

    // Unplugged mid-call: nothing changes until the call is over.
    value(await send(app, engineSender, 'devices.report', { type: 'headset', status: headset('disconnected') }));
    assert.equal(app.state.getAvailability().kind, 'available');
    app.engine.report({ type: 'call', call: { ...ringing, state: 'ended', endedAt: Date.now(), endReason: 'hungUpRemote' } });
    await flush();
    assert.deepEqual(app.state.getAvailability(), { kind: 'notReady', reason: 'headsetRemoved' });
    const snapshot: Snapshot = app.state.snapshot();
    assert.ok(snapshot.notices.some((notice) => notice.key === 'notice.headset.removedNotReady'));
    await app.dispose();
  });

  it('with policy "notify", only tells the agent', async () => {
    const { app } = setup(undefined, { headsetRemovedAction: 'notify' });
    value(await send(app, engineSender, 'devices.report', { type: 'headset', status: headset('connected') }));
    value(await send(app, engineSender, 'devices.report', { type: 'headset', status: headset('disconnected') }));
    assert.equal(app.state.getAvailability().kind, 'available');
    assert.ok(app.state.snapshot().notices.some((notice) => notice.key === 'notice.headset.removed'));
    await app.dispose();
  });
});
