// Audio devices and headset buttons through the real app: Chromium's fake audio devices (three
// microphones, three outputs) stand in for a laptop with a headset; a WebHID stand-in with the real
// Poly Blackwire 3220 collections stands in for the USB headset (none exists on a build machine).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../stack/audio';
import { LocalStack } from '../stack/stack';
import { HeadlessApp } from './support/hearthline';
import { saveScreenshot } from './support/screenshots';
import { eventually, sipTrace } from './support/softphone';

interface EngineDebug {
  sinks: () => { calls: Array<{ callId: string; sinkId: string }>; ringer: string };
  microphones: () => string[];
  ringer: () => { mode: string };
  headset: () => { state: string; name?: string };
  useHid: (hid: unknown) => void;
}
interface CallFigures {
  bytesSent: number;
}

let stack: LocalStack;
let app: HeadlessApp;
let runDir: string;

const presence = () => app.ui.getByTestId('presence');
const liveCall = () => app.ui.locator('[data-call-state="connected"]');

/** The agent with an encrypted store next to devices.json (the device choices must survive a restart). */
function startApp(): Promise<HeadlessApp> {
  return HeadlessApp.startAgent(stack, { runDir, config: { wrapUpSeconds: 0 }, extraArgs: ['--db', join(runDir, 'data', 'hearthline.db')] });
}

async function debug<T>(engine: Page, read: (debug: EngineDebug) => T | Promise<T>): Promise<T> {
  return engine.evaluate(`(${read.toString()})(window.hearthlineEngineDebug)`) as Promise<T>;
}

/** Engine-side id of a fake device by label (ids are per browser profile, so they are looked up, not hard-coded). */
async function deviceId(engine: Page, kind: 'audioinput' | 'audiooutput', label: string): Promise<string> {
  const devices = await engine.evaluate(() => navigator.mediaDevices.enumerateDevices().then((list) => list.map((d) => ({ kind: d.kind, label: d.label, deviceId: d.deviceId }))));
  const found = devices.find((device) => device.kind === kind && device.label === label);
  assert.ok(found, `${label} not among ${JSON.stringify(devices)}`);
  return found.deviceId;
}

async function openSettings(): Promise<void> {
  await app.ui.getByTestId('settings-open').click();
  await app.ui.getByTestId('devices-panel').waitFor();
}

async function closeSettings(): Promise<void> {
  await app.ui.keyboard.press('Escape');
  await app.ui.getByTestId('devices-panel').waitFor({ state: 'detached' });
}

async function choose(role: 'input' | 'output' | 'ringer', label: string): Promise<void> {
  await app.ui.getByTestId(`device-${role}-select`).click();
  await app.ui.getByRole('option', { name: label, exact: true }).click();
  await app.ui.getByTestId(`device-${role}-active`).filter({ hasText: label }).waitFor({ timeout: 5_000 });
}

before(async () => {
  stack = new LocalStack();
  await stack.start();
  runDir = join(stack.runDir, 'devices');
  app = await startApp();
});
beforeEach(() => {
  for (const phone of stack.phones) phone.clearEvents();
});
after(async () => {
  await app?.stop();
  await stack?.stop();
});

describe('audio devices', () => {
  it('rings on the ringer device and plays the call on the call-audio device; the microphone switches mid-call without a re-INVITE', async () => {
    await openSettings();
    await choose('ringer', 'Fake Audio Output 1');
    await choose('output', 'Fake Audio Output 2');
    await closeSettings();
    let engine = await app.engine();
    const ringerSink = await deviceId(engine, 'audiooutput', 'Fake Audio Output 1');
    const callSink = await deviceId(engine, 'audiooutput', 'Fake Audio Output 2');

    const customer = stack.phone('1002');
    await customer.dial('1001');
    await presence().filter({ hasText: 'Ringing' }).waitFor({ timeout: 10_000 });
    const ringing = await debug(engine, (d) => ({ ringer: d.sinks().ringer, mode: d.ringer().mode }));
    assert.deepEqual(ringing, { ringer: ringerSink, mode: 'ring' }, 'the ringtone plays on the ringer device');

    await app.ui.getByTestId('answer').click();
    await liveCall().waitFor({ timeout: 10_000 });
    await customer.waitFor('CALL_ESTABLISHED');
    const sinks = await eventually(() => debug(engine, (d) => d.sinks()), (value) => value.calls.length === 1 && value.calls[0]!.sinkId === callSink, 'call audio on its device');
    assert.notEqual(sinks.calls[0]!.sinkId, sinks.ringer, 'call audio and ringtone are on different devices');

    // Switch the microphone from the settings page during the call.
    const figures = () => engine.evaluate(() => (window as unknown as { hearthlineEngineDiagnostics: () => Promise<CallFigures[]> }).hearthlineEngineDiagnostics());
    const switchedAt = Date.now();
    await openSettings();
    await choose('input', 'Fake Audio Input 2');
    await closeSettings();
    await eventually(() => debug(engine, (d) => d.microphones()), (labels) => labels.length === 1 && labels[0] === 'Fake Audio Input 2', 'the call sends the new microphone');
    const sentBefore = (await figures())[0]!.bytesSent;
    await eventually(figures, (calls) => (calls[0]?.bytesSent ?? 0) > sentBefore + 4000, 'audio still flows after the switch');
    const reInvites = (await sipTrace(app)).filter((entry) => entry.dir === 'out' && entry.method === 'INVITE' && entry.inDialog && entry.at >= switchedAt);
    assert.equal(reInvites.length, 0, 'switching the microphone is replaceTrack, not a renegotiation');

    await customer.hangup();
    await presence().filter({ hasText: 'Ready' }).waitFor({ timeout: 10_000 });

    // The choices survive a restart (the engine's device ids change with its new profile: found again by label).
    await app.stop();
    app = await startApp();
    engine = await app.engine();
    const ringerAgain = await deviceId(engine, 'audiooutput', 'Fake Audio Output 1');
    await eventually(() => debug(engine, (d) => d.sinks().ringer), (sink) => sink === ringerAgain, 'the ringer device is chosen again after a restart');
    await openSettings();
    await app.ui.getByTestId('device-ringer-select').filter({ hasText: 'Fake Audio Output 1' }).waitFor();
    await app.ui.getByTestId('device-input-select').filter({ hasText: 'Fake Audio Input 2' }).waitFor();
    await closeSettings();
  });
  it('a microphone that goes away mid-call is replaced at once, the agent is told, and it comes back when it returns', async () => {
    const engine = await app.engine();
    const customer = stack.phone('1002');
    await app.answerCallFrom(customer, '1001');
    await eventually(() => debug(engine, (d) => d.microphones()), (labels) => labels[0] === 'Fake Audio Input 2', 'the preferred microphone is in use');

    // The OS ends a track whose device was unplugged (often before any devicechange): the same event, synthesised.
    await engine.evaluate('window.hearthlineEngineDebug.microphoneTracks()[0].dispatchEvent(new Event("ended"))');
    await eventually(() => debug(engine, (d) => d.microphones()), (labels) => labels.length === 1 && labels[0] !== 'Fake Audio Input 2', 'fallback microphone on the call');
    await app.ui.getByTestId('notice').filter({ hasText: 'Fake Audio Input 2 is not available' }).waitFor({ timeout: 5_000 });
    assert.equal(await liveCall().count(), 1, 'the call goes on');

    // Plugged back in: Chromium fires devicechange and the preferred microphone is taken back.
    await engine.evaluate('navigator.mediaDevices.dispatchEvent(new Event("devicechange"))');
    await eventually(() => debug(engine, (d) => d.microphones()), (labels) => labels[0] === 'Fake Audio Input 2', 'preferred microphone back');
    await app.ui.getByTestId('notice').filter({ hasText: 'Your microphone is Fake Audio Input 2 again' }).waitFor({ timeout: 5_000 });
    const view = await app.ui.evaluate('window.hearthline.invoke("devices.view", {})') as { preferences: { input: { label?: string } } };
    assert.equal(view.preferences.input.label, 'Fake Audio Input 2', 'the fallback never replaced the saved choice');

    await customer.hangup();
    await presence().filter({ hasText: 'Ready' }).waitFor({ timeout: 10_000 });
  });
});

describe('headset buttons (WebHID stand-in with the Blackwire 3220 collections)', () => {
  const fixture = JSON.parse(readFileSync(join(REPO_ROOT, 'renderer/engine/devices/fixtures/blackwire-3220.headset.json'), 'utf8')) as { collections: unknown[]; device: { vendorId: number; productId: number; productName: string } };

  // Plain JavaScript (not a compiled function): the test runner's transpiler adds helpers the page lacks.
  const STAND_IN = `(device) => {
    const written = [];
    const hid = new EventTarget();
    const headset = Object.assign(new EventTarget(), {
      opened: false,
      vendorId: device.vendorId,
      productId: device.productId,
      productName: device.productName,
      collections: device.collections,
      async open() { headset.opened = true; },
      async close() { headset.opened = false; },
      async sendReport(reportId, data) {
        written.push([reportId, [...data].map((byte) => byte.toString(16).padStart(2, '0')).join('')]);
      },
    });
    hid.present = true;
    hid.getDevices = async () => (hid.present ? [headset] : []);
    const press = (reportId, bytes) => {
      const event = new Event('inputreport');
      Object.defineProperties(event, { device: { value: headset }, reportId: { value: reportId }, data: { value: new DataView(new Uint8Array(bytes).buffer) } });
      headset.dispatchEvent(event);
    };
    const unplug = () => {
      hid.present = false;
      const event = new Event('disconnect');
      Object.defineProperty(event, 'device', { value: headset });
      hid.dispatchEvent(event);
    };
    window.testHeadset = { written, press, unplug };
    window.hearthlineEngineDebug.useHid(hid);
  }`;

  async function plugHeadset(engine: Page): Promise<void> {
    await engine.evaluate(`(${STAND_IN})(${JSON.stringify({ ...fixture.device, collections: fixture.collections })})`);
  }

  const press = (engine: Page, byte: number) => engine.evaluate(`window.testHeadset.press(8, [${byte}])`);
  const written = (engine: Page) => engine.evaluate('window.testHeadset.written.slice()') as Promise<Array<[number, string]>>;

  it('answers, mutes and ends a call from the headset, lights its LEDs, and exports its info', async () => {
    const engine = await app.engine();
    await plugHeadset(engine);
    await openSettings();
    await app.ui.getByTestId('headset-status').filter({ hasText: 'Plantronics Blackwire 3220 Series is connected' }).waitFor({ timeout: 5_000 });
    await closeSettings();

    const customer = stack.phone('1002');
    await customer.dial('1001');
    await presence().filter({ hasText: 'Ringing' }).waitFor({ timeout: 10_000 });
    await eventually(() => written(engine), (reports) => reports.some(([id, data]) => id === 24 && data === '01'), 'the headset rings (Ring LED, report 24)');

    await press(engine, 0x02); // lift the boom / press the call button: Hook Switch on
    await liveCall().waitFor({ timeout: 10_000 });
    await customer.waitFor('CALL_ESTABLISHED');
    await eventually(() => written(engine), (reports) => reports.some(([id, data]) => id === 23 && data === '01'), 'Off-Hook LED on');

    await press(engine, 0x03); // Phone Mute pressed (hook still on)
    await press(engine, 0x02); // released
    await app.ui.locator('[data-testid="mute"][data-selected="true"]').waitFor({ timeout: 5_000 });
    await eventually(() => written(engine), (reports) => reports.some(([id, data]) => id === 9 && data === '01'), 'Mute LED echoed');

    await openSettings();
    await saveScreenshot(app.ui.getByTestId('devices-panel'), 'devices-headset');
    const [download] = await Promise.all([app.ui.waitForEvent('download'), app.ui.getByTestId('export-headset').click()]);
    const info = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { format: string; device: { productId: number }; trace: Array<{ dir: string; reportId: number; data: string }> };
    await closeSettings();
    assert.equal(info.format, 'hearthline.headset-info');
    assert.equal(info.device.productId, fixture.device.productId);
    assert.ok(info.trace.some((entry) => entry.dir === 'in' && entry.reportId === 8 && entry.data === '03'), 'the mute press is in the trace');
    assert.ok(info.trace.some((entry) => entry.dir === 'out'), 'so are the LED reports the app wrote');

    await press(engine, 0x00); // Hook Switch off: hang up
    await customer.waitFor('CALL_CLOSED');
    await presence().filter({ hasText: 'Ready' }).waitFor({ timeout: 10_000 });
  });

  it('the shift-start readiness check sees the headset and turns green when the agent presses a button', async () => {
    const engine = await app.engine();
    const panel = () => app.ui.getByTestId('readiness-panel');
    const headsetItem = () => panel().getByTestId('readiness-item-headset');
    await app.ui.getByTestId('readiness-open').click();
    await panel().waitFor();
    await panel().getByTestId('readiness-run').click();
    // The check waits for a press while it measures the rest; Flash does nothing to calls while idle.
    await eventually(
      async () => {
        await press(engine, 0x04);
        await press(engine, 0x00);
        return headsetItem().getAttribute('data-grade');
      },
      (grade) => grade === 'green',
      'headset item green after a button press',
      20_000,
    );
    assert.equal(await app.ui.getByTestId('notice').filter({ hasText: 'another phone app' }).count(), 0, 'presses during the check are not taken for another softphone');
    await app.ui.keyboard.press('Escape');
  });

  it('an unplugged headset never interrupts a live call; once it ends, the agent is set Not Ready', async () => {
    const engine = await app.engine();
    const customer = stack.phone('1002');
    await app.answerCallFrom(customer, '1001');
    await engine.evaluate('window.testHeadset.unplug()');
    await eventually(() => debug(engine, (d) => d.headset().state), (state) => state === 'disconnected', 'engine sees the headset gone');
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(await liveCall().count(), 1, 'the call goes on');
    assert.match((await presence().textContent()) ?? '', /On call/i, 'no status change during the call');

    await customer.hangup();
    await presence().filter({ hasText: 'Not Ready' }).waitFor({ timeout: 10_000 });
    await app.ui.getByTestId('availability').filter({ hasText: 'Not Ready: Headset disconnected' }).waitFor();
    await app.ui.getByTestId('notice').filter({ hasText: 'was disconnected' }).waitFor();
  });
});
