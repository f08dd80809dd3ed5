// The shift-start readiness check against the real local stack: IT requires it by policy,
// so the agent starts Not Ready and Ready is refused; the check runs in the headless host's Chromium
// with a fake microphone fed by a 1 kHz WAV, places its test call to the echo extension 9196 through
// Kamailio and rtpengine, and reports real figures. The report lands in the encrypted store and
// reaches the reference gateway through the outbox. Then the echo phone is stopped: the network item
// says it could not be tested (amber) and why, and the app keeps working.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { GatewayReadinessReport } from '../common/contract/readiness';
import { startGateway, type RunningGateway } from '../gateway/server';
import { applyKey, loadDriver } from '../main/store/driver';
import { ECHO_TEST_USER, LocalStack } from '../stack/stack';
import { HeadlessApp } from './support/hearthline';
import { saveScreenshot } from './support/screenshots';

const TOKEN = 'readiness-e2e-token-0123456789';
const DB_KEY = randomBytes(32);

let stack: LocalStack;
let app: HeadlessApp;
let gateway: RunningGateway | undefined;
let dbFile: string;

const presence = () => app.ui.getByTestId('presence');
const panel = () => app.ui.getByTestId('readiness-panel');
const item = (id: string) => panel().getByTestId(`readiness-item-${id}`);

async function testCallActive(engine: Page): Promise<boolean> {
  return engine.evaluate(() => (window as unknown as { hearthlineEngineDebug: { readinessTestCall: () => boolean } }).hearthlineEngineDebug.readinessTestCall());
}
async function registryCalls(engine: Page): Promise<unknown[]> {
  return engine.evaluate(() => (window as unknown as { hearthlineEngineDebug: { calls: () => Promise<unknown[]> } }).hearthlineEngineDebug.calls());
}

function readStore<T>(query: string): T[] {
  const Driver = loadDriver();
  const db = new Driver(dbFile, { readonly: true });
  try {
    applyKey(db, DB_KEY);
    return db.prepare(query).all() as T[];
  } finally {
    db.close();
  }
}

async function setAvailability(option: RegExp | string): Promise<void> {
  await app.ui.getByRole('button', { name: /Status/ }).click();
  await app.ui.getByRole('option', { name: option }).click();
}

/** Runs the check from the open dialog, answering both tone questions "I heard it"; returns the run's wall time. */
async function runCheck(): Promise<number> {
  const started = Date.now();
  await panel().getByTestId('readiness-run').click();
  await item('speaker').getByTestId('readiness-heard-speaker').click();
  await item('ringer').getByTestId('readiness-heard-ringer').click();
  await panel().getByTestId('readiness-verdict').waitFor({ timeout: 30_000 });
  return Date.now() - started;
}

before(async () => {
  stack = new LocalStack({ echoTest: true });
  await stack.start();
  gateway = await startGateway({ dbFile: join(stack.runDir, 'gateway.db'), token: TOKEN });
  const policyDir = mkdtempSync(join(os.tmpdir(), 'hl-e2e-readiness-'));
  chmodSync(policyDir, 0o755);
  const policyFile = join(policyDir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify({ readinessCheckRequired: true, readinessValidHours: 10 }), { mode: 0o644 });
  dbFile = join(stack.runDir, 'apps', 'hearthline.db');
  process.env.HEARTHLINE_GATEWAY_TOKEN = TOKEN;
  process.env.HEARTHLINE_DB_KEY = DB_KEY.toString('hex');
  app = await HeadlessApp.start({
    runDir: join(stack.runDir, 'apps'),
    fakeMicWav: stack.audio.agentTone,
    config: { sip: { wsUri: stack.wsUrl, sipUri: stack.uri('1001'), password: stack.password('1001'), displayName: 'Ada (1001)' }, wrapUpSeconds: 5 },
    extraArgs: ['--db', dbFile, '--gateway-url', gateway.url, '--policy-file', policyFile],
  });
  await presence().filter({ hasText: 'Not Ready' }).waitFor({ timeout: 15_000 });
});
after(async () => {
  await app?.stop();
  await gateway?.close();
  await stack?.stop();
  delete process.env.HEARTHLINE_DB_KEY;
});

describe('shift-start readiness check', () => {
  it('IT requires it: the agent starts Not Ready and Ready is refused with a clear message', async () => {
    await app.ui.getByRole('button', { name: /Status/ }).filter({ hasText: 'Readiness check needed' }).waitFor({ timeout: 10_000 });
    assert.match((await app.ui.getByTestId('readiness-open').textContent()) ?? '', /required/);
    await setAvailability('Available');
    const alert = app.ui.getByRole('alert').filter({ hasText: /requires the readiness check/ });
    await alert.waitFor({ timeout: 5_000 });
    assert.equal(await presence().textContent(), 'Not Ready');
  });

  it('runs against the local stack and reports real figures; the test call is never a customer call', async () => {
    await app.ui.getByTestId('readiness-open').click();
    await panel().waitFor();
    assert.match((await panel().getByTestId('readiness-required').textContent()) ?? '', /requires this check/);

    const engine = await app.engine();
    await panel().getByTestId('readiness-run').click();
    // While the echo test call is up: the engine holds it outside the call registry, the UI shows no call.
    let sawTestCall = false;
    for (let attempt = 0; attempt < 60 && !sawTestCall; attempt += 1) {
      sawTestCall = await testCallActive(engine);
      if (!sawTestCall) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(sawTestCall, 'the echo test call was placed');
    assert.equal((await registryCalls(engine)).length, 0, 'the call registry does not hold the test call');
    assert.equal(await app.ui.locator('[data-call-state]').count(), 0, 'no call card for the test call');
    assert.equal(await presence().textContent(), 'Not Ready', 'presence does not change to On call or Ringing');
    await item('speaker').getByTestId('readiness-heard-speaker').click();
    await item('ringer').getByTestId('readiness-heard-ringer').click();
    await panel().getByTestId('readiness-verdict').waitFor({ timeout: 30_000 });

    // Microphone: Chromium's fake device plays a 1 kHz tone, so it is heard.
    assert.equal(await item('microphone').getAttribute('data-grade'), 'green');
    const micFigures = (await item('microphone').getByTestId('readiness-figures-microphone').textContent()) ?? '';
    const micLevel = Number(/level (-?[\d.]+) dBFS/.exec(micFigures)?.[1]);
    assert.ok(micLevel > -40 && micLevel < 0, `microphone level ${micFigures}`);

    // Network: RTT, jitter and loss from the echo call, and the echoed tone came back.
    assert.equal(await item('network').getAttribute('data-grade'), 'green', (await item('network').textContent()) ?? '');
    const networkFigures = (await item('network').getByTestId('readiness-figures-network').textContent()) ?? '';
    console.log(`network figures: ${networkFigures}`);
    const figure = (pattern: RegExp) => Number(pattern.exec(networkFigures)?.[1]);
    const rtt = figure(/RTT ([\d.]+) ms/);
    const jitter = figure(/jitter ([\d.]+) ms/);
    const loss = figure(/loss ([\d.]+) %/);
    const mos = figure(/MOS ([\d.]+)/);
    assert.ok(rtt >= 0 && rtt < 100, `loopback RTT ${rtt} ms`);
    assert.ok(jitter >= 0 && jitter < 30, `jitter ${jitter} ms`);
    assert.ok(loss >= 0 && loss < 1, `loss ${loss} %`);
    assert.ok(mos > 4, `MOS ${mos}`);
    assert.match(networkFigures, /echo heard: yes/);

    // WebHID is there but no headset is: amber with its hint, never green. CPU and memory are measured.
    assert.equal(await item('headset').getAttribute('data-grade'), 'amber');
    assert.equal(await item('headset').getByTestId('readiness-hint-headset').getAttribute('data-hint'), 'headsetNotConnected');
    assert.match((await item('system').getByTestId('readiness-figures-system').textContent()) ?? '', /CPU \d+ % busy .* MB free of \d+ MB/);
    assert.equal(await item('speaker').getAttribute('data-grade'), 'green');
    assert.equal(await panel().getByTestId('readiness-verdict').getAttribute('data-grade'), 'amber');
    assert.match((await panel().getByTestId('readiness-required').textContent()) ?? '', /Check passed/);
    await saveScreenshot(app.ui, 'readiness-check');

    // Saved in the encrypted store; the test call left no call history.
    const stored = readStore<{ id: string; verdict: string; report: string }>('SELECT id, verdict, report FROM readiness_reports');
    assert.equal(stored.length, 1);
    assert.equal(stored[0]?.verdict, 'amber');
    assert.equal(readStore<{ n: number }>('SELECT count(*) AS n FROM call_history')[0]?.n, 0, 'the test call is not in call history');

    // Sent through the outbox to the gateway, for IT.
    let received: GatewayReadinessReport[] = [];
    for (let attempt = 0; attempt < 50 && received.length === 0; attempt += 1) {
      const response = await fetch(`${gateway!.url}/v1/readiness-reports`, { headers: { authorization: `Bearer ${TOKEN}` } });
      received = ((await response.json()) as { reports: GatewayReadinessReport[] }).reports;
      if (received.length === 0) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.equal(received.length, 1, 'the gateway has the report');
    assert.equal(received[0]?.id, stored[0]?.id);
    assert.equal(received[0]?.agent, stack.uri('1001'));
    const network = received[0]?.items.find((entry) => entry.id === 'network');
    assert.ok(network?.figures.rttMs !== undefined && network.figures.jitterMs !== undefined && network.figures.lossPercent !== undefined);
    console.log(`readiness check took ${received[0]?.durationMs} ms (report)`);

    // Passed: now the agent may go Ready; no wrap-up followed the test call.
    await panel().getByRole('button', { name: 'Close the readiness check' }).click();
    await setAvailability('Available');
    await presence().filter({ hasText: /^Ready$/ }).waitFor({ timeout: 5_000 });
  });

  it('with the echo extension down the network item is "could not test" (amber) with the reason, and calls still work', async () => {
    await stack.phone(ECHO_TEST_USER).stop();
    await app.ui.getByTestId('readiness-open').click();
    const took = await runCheck();
    console.log(`readiness check with the echo extension down took ${took} ms`);
    assert.equal(await item('network').getAttribute('data-grade'), 'amber');
    assert.equal(await item('network').getByTestId('readiness-hint-network').getAttribute('data-hint'), 'networkEchoUnreachable');
    const hint = (await item('network').getByTestId('readiness-hint-network').textContent()) ?? '';
    console.log(`network hint with the echo extension down: ${hint}`);
    assert.match(hint, /^Could not test the network: the (phone server has no echo test extension|echo test extension did not answer)\./);
    assert.equal(await item('microphone').getAttribute('data-grade'), 'green');
    assert.notEqual(await panel().getByTestId('readiness-verdict').getAttribute('data-grade'), 'red', 'nothing here stops calls working');
    await panel().getByRole('button', { name: 'Close the readiness check' }).click();

    // Still registered and Ready: a customer call rings as usual.
    assert.equal(await presence().textContent(), 'Ready');
    const customer = stack.phone('1002');
    await customer.dial('1001');
    const ringing = app.ui.locator('[data-call-state="ringing"]');
    await ringing.waitFor({ timeout: 10_000 });
    await ringing.getByTestId('decline').click();
    await ringing.waitFor({ state: 'detached', timeout: 10_000 });
    assert.equal(readStore<{ n: number }>('SELECT count(*) AS n FROM readiness_reports')[0]?.n, 2);
  });
});
