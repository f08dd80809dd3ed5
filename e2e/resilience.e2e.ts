// Calls that survive the laptop: a network outage mid-call (WebSocket and media both cut, the socket
// left half-open), the SIP server killed mid-call, and hostile SIP from the far end. Runs as root in
// e2e/run.sh's private network namespace, so iptables rules here touch nothing outside it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { LocalStack } from '../stack/stack';
import { HeadlessApp } from './support/hearthline';
import { HostileSip } from './support/hostileSip';
import { card, engineCalls, liveCallId, presence, sleep, waitForInboundAudio } from './support/softphone';

const run = promisify(execFile);

let stack: LocalStack;
let ada: HeadlessApp;

async function iptables(...args: string[]): Promise<void> {
  await run('iptables', ['-w', ...args]);
}

const signallingRules = () => [
  ['-p', 'tcp', '--dport', String(stack.ports.ws)],
  ['-p', 'tcp', '--sport', String(stack.ports.ws)],
];
const mediaRules = (port: number) => [
  ['-p', 'udp', '--dport', String(port)],
  ['-p', 'udp', '--sport', String(port)],
];

/** Cuts the agent's laptop off: its SIP WebSocket (left half-open: DROP, not REJECT) and its media port. */
async function cutNetwork(mediaPort: number): Promise<void> {
  for (const rule of [...signallingRules(), ...mediaRules(mediaPort)]) await iptables('-A', 'INPUT', ...rule, '-j', 'DROP');
}

/** The network is back, but the old media path is not (as after moving from Wi-Fi to a cable or LTE). */
async function restoreSignallingOnly(): Promise<void> {
  for (const rule of signallingRules()) await iptables('-D', 'INPUT', ...rule, '-j', 'DROP');
}

async function restoreNetwork(): Promise<void> {
  await iptables('-F', 'INPUT');
}

before(async () => {
  stack = new LocalStack({ phones: ['1002', '1004'] });
  await stack.start();
  ada = await HeadlessApp.start({
    name: 'ada-1001',
    runDir: join(stack.runDir, 'apps'),
    fakeMicWav: stack.audio.agentTone,
    config: {
      sip: { wsUri: stack.wsUrl, sipUri: stack.uri('1001'), password: stack.password('1001'), displayName: 'Ada (1001)', keepAliveSeconds: 5 },
      wrapUpSeconds: 0,
    },
  });
  await presence(ada).filter({ hasText: /^Ready$/ }).waitFor({ timeout: 20_000 });
});

afterEach(async () => {
  await restoreNetwork().catch(() => undefined);
  await Promise.all(stack.phones.map((phone) => phone.hangupAll()));
});

after(async () => {
  await ada?.stop();
  await stack?.stop();
});

const banner = () => ada.ui.getByTestId('connection-banner');

describe('resilience', () => {
  it('keeps an established call through a network outage: reconnects, re-registers and moves the media with an ICE restart', async () => {
    const customer = stack.phone('1002');
    await customer.dial('1001');
    await card.of(ada, '1002', 'ringing').getByTestId('answer').click();
    const callId = await liveCallId(ada, '1002');
    const established = await customer.waitFor('CALL_ESTABLISHED');
    const before = await waitForInboundAudio(ada);
    assert.ok(before.localPort, 'the engine reports its media port');
    const launches = ada.engineLaunchCount;

    await cutNetwork(before.localPort!);
    try {
      // Media goes first (ICE consent fails after a few seconds), then the keep-alive finds the dead socket.
      await card.byId(ada, callId).getByTestId('call-recovering').waitFor({ timeout: 15_000 });
      await banner().filter({ hasText: 'reconnecting' }).waitFor({ timeout: 15_000 });
      const during = (await engineCalls(ada))[0];
      assert.equal(during?.callId, callId, 'the call is still there while the network is down');
      await sleep(1000);

      // Back on a different network: signalling works again, the old media path still does not.
      await restoreSignallingOnly();
      await banner().waitFor({ state: 'detached', timeout: 20_000 });
      await ada.ui.getByTestId('notice').filter({ hasText: 'Reconnected' }).first().waitFor();
      await card.byId(ada, callId).getByTestId('call-recovering').waitFor({ state: 'detached', timeout: 20_000 });
      const afterOutage = await waitForInboundAudio(ada, callId);
      assert.ok(afterOutage.bytesReceived > before.bytesReceived);
      assert.notEqual(afterOutage.localPort, before.localPort, 'the media moved to a new path (ICE restart)');
    } finally {
      await restoreNetwork();
    }

    assert.equal(ada.engineLaunchCount, launches, 'the engine was not restarted');
    assert.equal(await card.byId(ada, callId).getAttribute('data-call-state'), 'connected');

    // The customer's side can still reach the agent: its BYE finds the new WebSocket.
    await customer.hangup();
    await customer.waitFor('CALL_CLOSED', { since: established.at });
    await card.byId(ada, callId).getByTestId('end-reason').filter({ hasText: 'The caller hung up' }).waitFor({ timeout: 10_000 });
    await presence(ada).filter({ hasText: /^Ready$/ }).waitFor();
  });

  it('keeps a call when the SIP server is killed mid-call and comes back', async () => {
    const customer = stack.phone('1004');
    await ada.ui.getByTestId('dial-input').fill('1004');
    await ada.ui.getByTestId('dial-button').click();
    const callId = await liveCallId(ada, '1004');
    const established = await customer.waitFor('CALL_ESTABLISHED');
    await waitForInboundAudio(ada, callId);

    await stack.stopKamailio({ signal: 'SIGKILL' });
    await banner().filter({ hasText: 'reconnecting' }).waitFor({ timeout: 10_000 });
    await card.byId(ada, callId).getByTestId('call-recovering').waitFor();
    // Media does not go through Kamailio: the call still carries audio meanwhile.
    await waitForInboundAudio(ada, callId);
    // Hold needs the server; it is refused in plain words rather than risking the call.
    await card.byId(ada, callId).getByTestId('hold').click();
    await card.byId(ada, callId).getByRole('alert').filter({ hasText: 'Not connected to the phone server' }).waitFor();

    await stack.startKamailio();
    await banner().waitFor({ state: 'detached', timeout: 20_000 });
    await card.byId(ada, callId).getByTestId('call-recovering').waitFor({ state: 'detached', timeout: 20_000 });
    await waitForInboundAudio(ada, callId);

    await customer.hangup();
    await customer.waitFor('CALL_CLOSED', { since: established.at });
    await card.byId(ada, callId).getByTestId('end-reason').filter({ hasText: 'The caller hung up' }).waitFor({ timeout: 10_000 });
  });

  it('survives malformed and hostile SIP from the far end, then takes a normal call', async () => {
    const launches = ada.engineLaunchCount;
    const attacker = await HostileSip.open(stack.ports.sip);
    try {
      const goodSdp = ['v=0', 'o=m 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', 'm=audio 49170 RTP/AVP 0', 'a=rtpmap:0 PCMU/8000', ''].join('\r\n');
      const refused = {
        garbageSdp: await attacker.request('INVITE', { body: 'this is not SDP at all {{{', contentType: 'application/sdp' }),
        videoOnly: await attacker.request('INVITE', { body: goodSdp.replace('m=audio', 'm=video'), contentType: 'application/sdp' }),
        hugeSdp: await attacker.request('INVITE', { body: `${goodSdp}${'a=x-junk:'.padEnd(60_000, 'z')}\r\n`, contentType: 'application/sdp' }),
        brokenMediaLine: await attacker.request('INVITE', { body: goodSdp.replace('m=audio 49170 RTP/AVP 0', 'm=audio 99999999 RTP/AVP x'), contentType: 'application/sdp' }),
        notSdp: await attacker.request('INVITE', { body: '<xml/>', contentType: 'application/xml' }),
        unknownMethod: await attacker.request('FROBNICATE'),
        outOfDialogNotify: await attacker.request('NOTIFY', { headers: ['Event: refer', 'Subscription-State: active'], body: 'SIP/2.0 200 OK', contentType: 'message/sipfrag' }),
        outOfDialogInfo: await attacker.request('INFO', { body: 'Signal=5\r\nDuration=100\r\n', contentType: 'application/dtmf-relay' }),
        message: await attacker.request('MESSAGE', { body: '\u0000\u0001binary', contentType: 'text/plain' }),
      };
      // Every request got a final answer; no INVITE among them was offered to the agent.
      for (const [what, status] of Object.entries(refused)) {
        assert.ok(what === 'outOfDialogNotify' || what === 'message' ? status >= 200 : status >= 400, `${what}: answered ${status}`);
      }
      console.log(`hostile SIP answers: ${JSON.stringify(refused)}`);

      // A control character in the caller's name: JsSIP's parser drops the whole message (no answer;
      // Kamailio times the INVITE out). It must not ring, and must not break anything.
      const unparseable = attacker.invite({ body: goodSdp, fromName: 'Bell\u0007Ringer' });
      // A well-formed call with an absurd identity and 20 kB of headers rings like any other, then is cancelled.
      const weird = attacker.invite({
        body: goodSdp,
        fromName: `\u202e${'Ш'.repeat(300)}`,
        headers: [`X-Junk: ${'j'.repeat(20_000)}`, ...Array.from({ length: 50 }, (_, i) => `X-Many-${i}: ${i}`)],
      });
      const ringing = ada.ui.locator('[data-testid="call-card"][data-call-state="ringing"]');
      await ringing.waitFor({ timeout: 10_000 });
      const name = (await ringing.locator('.remote').textContent()) ?? '';
      assert.ok(name.length < 400, 'the caller name was clipped');
      assert.equal(await ada.ui.locator('[data-testid="call-card"][data-call-state="ringing"]').count(), 1, 'only the well-formed INVITE rings');
      assert.equal(await attacker.cancel(weird), 487, 'the cancelled INVITE ends with 487');
      await ringing.waitFor({ state: 'detached', timeout: 10_000 });
      assert.equal(attacker.answered(unparseable), undefined, 'the unparseable INVITE got no answer from the engine');
      assert.equal(await attacker.request('OPTIONS'), 200, 'the engine still answers');
    } finally {
      attacker.close();
    }

    assert.equal(ada.engineLaunchCount, launches, 'the engine never crashed');
    assert.doesNotMatch(readFileSync(ada.logFile, 'utf8'), /engine (error|rejection):/, 'no uncaught error in the engine');
    await presence(ada).filter({ hasText: /^Ready$/ }).waitFor();

    const customer = stack.phone('1002');
    await customer.dial('1001');
    await card.of(ada, '1002', 'ringing').getByTestId('answer').click();
    const callId = await liveCallId(ada, '1002');
    await customer.waitFor('CALL_ESTABLISHED');
    await waitForInboundAudio(ada, callId);
    await card.byId(ada, callId).getByTestId('hangup').click();
    await customer.waitFor('CALL_CLOSED');
  });
});
