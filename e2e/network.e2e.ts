// Network faults an agent at home meets, cut with iptables DROP inside e2e/run.sh's private network
// namespace (nothing outside it is touched): an idle SIP WebSocket silently dead for 30 s, 30 s without
// media in a call, Kamailio restarted while idle and while a call rings, a ringing call whose socket
// dies, and a laptop waking from sleep. One stack and one agent for all of them. The times to re-register
// are printed (README "Reliability"), never asserted: these tests assert what the agent sees.
// Kamailio killed in a call and a network outage mid-call are in e2e/resilience.e2e.ts.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { LocalStack } from '../stack/stack';
import { HeadlessApp } from './support/hearthline';
import { card, engineCalls, eventually, liveCallId, presence, sipTrace, sleep, waitForInboundAudio } from './support/softphone';

const run = promisify(execFile);
const OUTAGE_MS = Number(process.env.HEARTHLINE_OUTAGE_MS ?? 30_000);
const CARRIER_RTP_TIMEOUT_S = 8;

let stack: LocalStack;
let ada: HeadlessApp;

const iptables = (...args: string[]) => run('iptables', ['-w', ...args]);
const wsRules = () => [
  ['-p', 'tcp', '--dport', String(stack.ports.ws)],
  ['-p', 'tcp', '--sport', String(stack.ports.ws)],
];
const udpRules = (port: number) => [
  ['-p', 'udp', '--dport', String(port)],
  ['-p', 'udp', '--sport', String(port)],
];
/** Every packet through the media relay, both legs: an ICE restart onto new local ports cannot get round it. */
const relayRules = () => [
  ['-p', 'udp', '--dport', `${stack.ports.rtpMin}:${stack.ports.rtpMax}`],
  ['-p', 'udp', '--sport', `${stack.ports.rtpMin}:${stack.ports.rtpMax}`],
];
async function drop(rules: string[][]): Promise<void> {
  for (const rule of rules) await iptables('-A', 'INPUT', ...rule, '-j', 'DROP');
}
const restoreAll = () => iptables('-F', 'INPUT');

const ready = () => presence(ada).filter({ hasText: /^Ready$/ });
const reconnecting = () => presence(ada).filter({ hasText: /^(Reconnecting…|Registering…|Offline)$/ });
const ringingCard = () => ada.ui.locator('[data-testid="call-card"][data-call-state="ringing"]');

/** Milliseconds from `since` until the UI shows Ready again. */
async function msUntilReady(since: number, timeoutMs = 60_000): Promise<number> {
  await ready().waitFor({ timeout: timeoutMs });
  return Math.round(performance.now() - since);
}

/** Ends after-call work if it is showing, so the next test starts Ready. */
async function backToReady(): Promise<void> {
  const done = ada.ui.getByTestId('end-wrapup');
  if (await done.isVisible().catch(() => false)) await done.click();
  await ready().waitFor({ timeout: 60_000 });
}

before(async () => {
  // 1004 hangs up after a few seconds without media, as carriers and SBCs do on an RTP timeout.
  stack = new LocalStack({ phones: ['1002', { user: '1004', rtpTimeoutSeconds: CARRIER_RTP_TIMEOUT_S }] });
  await stack.start();
  ada = await HeadlessApp.start({
    name: 'net-1001',
    runDir: join(stack.runDir, 'apps'),
    fakeMicWav: stack.audio.agentTone,
    // Keep-alives every 5 s find a silently dead socket; wrap-up ends by itself at once.
    config: { sip: { wsUri: stack.wsUrl, sipUri: stack.uri('1001'), password: stack.password('1001'), displayName: 'Ada (1001)', keepAliveSeconds: 5 }, wrapUpSeconds: 0 },
  });
  // Eight developers share two cores here: waits are generous, never asserted as speed.
  ada.ui.setDefaultTimeout(60_000);
  await ready().waitFor({ timeout: 60_000 });
});
afterEach(async () => {
  await restoreAll().catch(() => undefined);
  await Promise.all(stack.phones.map((phone) => phone.hangupAll()));
});
after(async () => {
  await ada?.stop();
  await stack?.stop();
});

describe('network faults', () => {
  it('an idle socket dropped for 30 s: the agent sees Reconnecting, and is Ready again after the network returns without doing anything', async () => {
    await ready().waitFor({ timeout: 60_000 });
    await drop(wsRules());
    await reconnecting().waitFor({ timeout: OUTAGE_MS + 30_000 });
    await sleep(OUTAGE_MS);
    const restoredAt = performance.now();
    await restoreAll();
    const ms = await msUntilReady(restoredAt);
    console.log(`idle WebSocket dropped ${OUTAGE_MS / 1000} s: Ready again ${ms} ms after the network returned`);
    assert.match((await stack.kamcmd('ul.dump')) ?? '', /1001/, 'Kamailio holds a registration for 1001 again');
  });

  it('30 s without media mid-call: the call carries audio again afterwards, or ends with a reason in plain words', async () => {
    const customer = stack.phone('1002');
    await customer.dial('1001');
    await ringingCard().getByRole('button', { name: 'Answer' }).click({ timeout: 60_000 });
    const callId = await liveCallId(ada, '1002');
    const before = await waitForInboundAudio(ada, callId);
    assert.ok(before.localPort, 'the engine reports its media port');
    await drop(udpRules(before.localPort!));
    await sleep(OUTAGE_MS);
    await restoreAll();
    const callCard = card.byId(ada, callId);
    const outcome = await eventually(
      async (): Promise<{ state: string | null; reason: string; flowing: boolean }> => {
        const state = await callCard.getAttribute('data-call-state');
        if (state === 'ended') return { state, reason: (await callCard.getByTestId('end-reason').textContent()) ?? '', flowing: false };
        const call = (await engineCalls(ada)).find((entry) => entry.callId === callId);
        return { state, reason: '', flowing: Boolean(call && call.bytesReceived > before.bytesReceived && !call.recovering) };
      },
      (seen) => seen.state === 'ended' || seen.flowing,
      'the call recovers or ends',
      60_000,
    );
    console.log(`after ${OUTAGE_MS / 1000} s without media: ${JSON.stringify(outcome)}`);
    if (outcome.state === 'ended') {
      assert.ok(outcome.reason.length > 0, 'the agent is told why the call ended');
      assert.doesNotMatch(outcome.reason, /undefined|null|error code|\b[45]\d\d\b|ICE|RTP/i, 'in plain words');
    } else {
      await waitForInboundAudio(ada, callId);
      await callCard.getByRole('button', { name: 'Hang up' }).click();
    }
    await backToReady();
  });

  it('media cut mid-call and the far end gives up on the silence: the agent reads that the connection was lost, not that the caller hung up', async () => {
    const customer = stack.phone('1004');
    await customer.dial('1001');
    await ringingCard().getByRole('button', { name: 'Answer' }).click({ timeout: 60_000 });
    const callId = await liveCallId(ada, '1004');
    await waitForInboundAudio(ada, callId);
    await drop(relayRules());
    const callCard = card.byId(ada, callId);
    // The carrier's BYE comes over the SIP connection, which still works; only the media is cut.
    await eventually(() => callCard.getAttribute('data-call-state'), (state) => state === 'ended', 'the far end ends the silent call', CARRIER_RTP_TIMEOUT_S * 1_000 + 60_000);
    const reason = (await callCard.getByTestId('end-reason').textContent()) ?? '';
    console.log(`media cut, far end timed out after ${CARRIER_RTP_TIMEOUT_S} s: the card says "${reason}"`);
    assert.equal(reason, 'The connection was lost');
    await restoreAll();
    await backToReady();
  });

  it('Kamailio restarted while idle: Ready again by itself', async () => {
    await stack.stopKamailio();
    const restartedAt = performance.now();
    await stack.startKamailio();
    const ms = await msUntilReady(restartedAt);
    console.log(`Kamailio restarted while idle: Ready again ${ms} ms after it was back`);
  });

  it('Kamailio restarted while a call rings: the card does not stay ringing, and the agent is Ready again after', async () => {
    const customer = stack.phone('1002');
    await customer.dial('1001');
    await ringingCard().waitFor({ timeout: 60_000 });
    await stack.stopKamailio();
    await stack.startKamailio({ reregisterPhones: false });
    // The caller's INVITE transaction died with the server; the caller gives up like a person would.
    await customer.hangupAll();
    await ringingCard().waitFor({ state: 'detached', timeout: 60_000 });
    await backToReady();
    await stack.restartPhone('1002');
    // And the next call works.
    await customer.dial('1001');
    await ringingCard().getByRole('button', { name: 'Answer' }).click({ timeout: 60_000 });
    const callId = await liveCallId(ada, '1002');
    await waitForInboundAudio(ada, callId);
    await card.byId(ada, callId).getByRole('button', { name: 'Hang up' }).click();
    await backToReady();
  });

  it('a ringing call whose socket dies: the card does not stay ringing, and the agent is Ready again after', async () => {
    const customer = stack.phone('1002');
    await customer.dial('1001');
    await ringingCard().waitFor({ timeout: 60_000 });
    await drop(wsRules());
    await reconnecting().waitFor({ timeout: 30_000 });
    await customer.hangupAll();
    await restoreAll();
    await ringingCard().waitFor({ state: 'detached', timeout: 60_000 });
    await backToReady();
  });

  it('waking from sleep on another network (the old connection silently dead): re-registers at once through the resume path', async () => {
    await ready().waitFor({ timeout: 60_000 });
    const engine = await ada.waitForEngineLaunch(ada.engineLaunchCount);
    assert.ok(engine.pid && ada.hostPid);
    // The engine's SIP connection: after the "move" its packets vanish; a new connection gets through.
    const { stdout } = await run('ss', ['-Htn', 'state', 'established', `( dport = :${stack.ports.ws} )`]);
    // A socket an earlier test cut off may still be retransmitting (data in its send queue) until TCP gives
    // up on it; the live connection is the one with nothing waiting to be sent.
    const clientPorts = [...stdout.matchAll(/^\s*\d+\s+0\s+127\.0\.0\.1:(\d+)\s+127\.0\.0\.1:\d+/gm)].map((match) => match[1]!);
    assert.equal(clientPorts.length, 1, `one live SIP WebSocket: ${stdout}`);
    const logBefore = readFileSync(ada.logFile, 'utf8').length;
    process.kill(-engine.pid!, 'SIGSTOP');
    process.kill(ada.hostPid!, 'SIGSTOP');
    let wokeAt = 0;
    try {
      await drop([
        ['-p', 'tcp', '--sport', clientPorts[0]!],
        ['-p', 'tcp', '--dport', clientPorts[0]!],
      ]);
      await sleep(5_000);
    } finally {
      wokeAt = Date.now();
      process.kill(-engine.pid!, 'SIGCONT');
      process.kill(ada.hostPid!, 'SIGCONT');
    }
    const resumed = await eventually(async () => readFileSync(ada.logFile, 'utf8').slice(logBefore), (text) => /reconnect requested: asked by main/.test(text), 'the engine is asked to reconnect on resume', 20_000);
    assert.match(resumed, /system resumed/);
    const registered = await eventually(
      async () => (await sipTrace(ada)).find((entry) => entry.dir === 'in' && entry.status === 200 && /REGISTER/.test(entry.cseq ?? '') && entry.at > wokeAt),
      (entry) => entry !== undefined,
      'a REGISTER answered 200 after waking',
      30_000,
    );
    console.log(`resume from sleep: re-registered ${Math.round(registered!.at - wokeAt)} ms after waking (new connection)`);
    await ready().waitFor({ timeout: 60_000 });
  });
});
