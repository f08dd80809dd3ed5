/**
 * Smoke test of the local contact-centre stack itself (no app code): real
 * Kamailio + rtpengine + baresip, and JsSIP in Debian Chromium as the agent.
 * If this fails, app e2e failures are not the app's fault.
 *
 *   bash e2e/run.sh e2e/stack.e2e.ts
 */
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { ECHO_TEST_USER, LocalStack, audioStats, preciseNow } from '../stack/stack';
import { launchChromium, newPhoneContext } from './support/browser';
import { JsSipPhone, PhonePageServer } from './support/jssip-phone';

/** Two-way audio per check: enough for a stable level, short for CI. */
const TALK_MS = 1000;
/** Agents' fake mic is a 1 kHz tone, the customers' a 440 Hz tone (stack/audio.ts). */
const AGENT_TONE_HZ = 1000;
const CUSTOMER_TONE_HZ = 440;
/** The page's analyser has ~21 Hz bins; sox's "rough frequency" is coarser. */
const PAGE_HZ_TOLERANCE = 50;
const SOX_HZ_TOLERANCE = 100;

function assertHears(what: string, level: { rms: number; peakHz: number }, toneHz: number): void {
  assert.ok(level.rms > 0.01, `${what}: silent (rms ${level.rms})`);
  assert.ok(Math.abs(level.peakHz - toneHz) < PAGE_HZ_TOLERANCE, `${what}: hears ${level.peakHz} Hz, expected ~${toneHz} Hz`);
}

describe('local stack: Kamailio + rtpengine + baresip <-> JsSIP in Chromium', () => {
  const stack = new LocalStack({ echoTest: true });
  let browser: Browser;
  let server: PhonePageServer;
  /** JsSIP agents 1001, 1003, 1005, each in its own browser context. */
  const agents = new Map<string, JsSipPhone>();
  const agent = (user: string): JsSipPhone => {
    const phone = agents.get(user);
    if (!phone) throw new Error(`agent ${user} not opened`);
    return phone;
  };

  /** Opens a page for `user`, registers it (auto-answer on) and returns how long REGISTER took. */
  async function registerAgent(user: string): Promise<number> {
    const phone = await JsSipPhone.open(await newPhoneContext(browser, { origin: server.origin }), server);
    const started = preciseNow();
    const result = await phone.register({ wsUrl: stack.wsUrl, uri: stack.uri(user), password: stack.password(user), autoAnswer: true });
    const tookMs = preciseNow() - started;
    assert.deepEqual(result, { ok: true }, `agent ${user} could not register`);
    agents.set(user, phone);
    return tookMs;
  }

  before(async () => {
    const started = Date.now();
    await stack.start();
    console.log(`stack ready in ${Date.now() - started} ms: ${stack.wsUrl}, pids ${JSON.stringify(stack.pids())}, run dir ${stack.runDir}`);
    [browser, server] = await Promise.all([launchChromium(), PhonePageServer.start()]);
  });

  beforeEach(() => {
    // Leftover events from an earlier test must not satisfy this test's waits.
    for (const phone of agents.values()) phone.clearEvents();
    for (const phone of stack.phones) phone.clearEvents();
    stack.dtmfLog.clear();
  });

  afterEach(async () => {
    // A failed test must not leave calls behind for the next one.
    await Promise.all([...[...agents.values()].map((phone) => phone.hangupAll()), ...stack.phones.map((phone) => phone.hangupAll())]);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await stack.stop();
  });

  test('agents register over WebSocket with digest auth', async () => {
    const tookMs = await registerAgent('1001');
    console.log(`first REGISTER (ws connect + 401 + 200) took ${tookMs.toFixed(1)} ms`);
    await Promise.all([registerAgent('1003'), registerAgent('1005')]);
    const locations = await stack.kamcmd('ul.dump', 'brief');
    for (const user of ['1001', '1003', '1005', '1002', '1004', ECHO_TEST_USER]) assert.match(locations, new RegExp(`AoR: ${user}\\b`));
  });

  test('a wrong password is rejected with 401/403', async () => {
    const context = await newPhoneContext(browser, { origin: server.origin });
    try {
      const intruder = await JsSipPhone.open(context, server);
      const result = await intruder.register({ wsUrl: stack.wsUrl, uri: stack.uri('1003'), password: 'not-the-password' });
      assert.equal(result.ok, false);
      assert.ok(result.statusCode === 401 || result.statusCode === 403, `status ${result.statusCode} (${result.cause})`);
    } finally {
      await context.close();
    }
  });

  test('customer 1002 (baresip) calls agent 1001, who auto-answers; audio flows both ways', async () => {
    const customer = stack.phone('1002');
    const dialled = preciseNow();
    await customer.dial('1001');
    const newSession = await agent('1001').waitForEvent('newSession');
    const confirmed = await agent('1001').waitForEvent('confirmed', { sessionId: newSession.sessionId });
    await customer.waitFor('CALL_ESTABLISHED');
    console.log(`dial -> JsSIP newSession ${(newSession.at - dialled).toFixed(1)} ms, -> confirmed ${(confirmed.at - dialled).toFixed(1)} ms`);

    // Customer -> agent: the page hears the 440 Hz tone.
    assertHears('agent 1001', await agent('1001').remoteAudioLevel(TALK_MS), CUSTOMER_TONE_HZ);

    // Agent -> customer: baresip recorded the 1 kHz tone (file complete after hangup).
    await customer.hangup();
    await agent('1001').waitForEvent('ended', { sessionId: newSession.sessionId });
    await customer.waitFor('CALL_CLOSED');
    const stats = await audioStats(await customer.waitForRecording());
    console.log(`customer heard rms ${stats.rms} at ~${stats.roughFrequency} Hz over ${stats.seconds} s`);
    assert.ok(stats.rms > 0.02, `customer's recording is silent (rms ${stats.rms})`);
    assert.ok(Math.abs(stats.roughFrequency - AGENT_TONE_HZ) < SOX_HZ_TOLERANCE, `customer hears ${stats.roughFrequency} Hz`);
  });

  test('agent 1001 calls customer 1004 (baresip auto-answers); audio flows both ways', async () => {
    const customer = stack.phone('1004');
    const sessionId = await agent('1001').call(stack.uri('1004'));
    const incoming = await customer.waitForIncomingCall();
    assert.match(incoming.peeruri ?? '', /1001/);
    await agent('1001').waitForEvent('confirmed', { sessionId });
    assertHears('agent 1001', await agent('1001').remoteAudioLevel(TALK_MS), CUSTOMER_TONE_HZ);

    await agent('1001').hangup(sessionId);
    await customer.waitFor('CALL_CLOSED');
    const stats = await audioStats(await customer.waitForRecording());
    assert.ok(stats.rms > 0.02, `customer's recording is silent (rms ${stats.rms})`);
  });

  test('WebRTC <-> WebRTC: agent 1001 calls agent 1003; both hear each other', async () => {
    const sessionId = await agent('1001').call(stack.uri('1003'));
    await agent('1001').waitForEvent('confirmed', { sessionId });
    await agent('1003').waitForEvent('confirmed');
    const [heardBy1001, heardBy1003] = await Promise.all([
      agent('1001').remoteAudioLevel(TALK_MS),
      agent('1003').remoteAudioLevel(TALK_MS),
    ]);
    assertHears('agent 1001', heardBy1001, AGENT_TONE_HZ);
    assertHears('agent 1003', heardBy1003, AGENT_TONE_HZ);
    await agent('1001').hangup(sessionId);
    await agent('1003').waitForEvent('ended');
  });

  test('hold/resume by re-INVITE from either side; DTMF as RFC 4733 both ways and as SIP INFO', async () => {
    const customer = stack.phone('1002');
    const agent1001 = agent('1001');
    await customer.dial('1001');
    const { sessionId } = await agent1001.waitForEvent('newSession');
    await agent1001.waitForEvent('confirmed', { sessionId });

    // Agent holds: the customer stops sending (it answers recvonly), so the agent hears nothing.
    await agent1001.hold(sessionId);
    await agent1001.waitForRemoteAudio('silence', { timeoutMs: 2000 });
    await agent1001.unhold(sessionId);
    assertHears('agent after unhold', await agent1001.remoteAudioLevel(500), CUSTOMER_TONE_HZ);

    // Customer holds and resumes.
    await customer.hold();
    await agent1001.waitForEvent('hold', { sessionId, predicate: (event) => event.detail?.originator === 'remote' });
    await customer.waitFor('CALL_REMOTE_SDP', { predicate: (event) => event.param === 'answer' });
    await customer.resume();
    await agent1001.waitForEvent('unhold', { sessionId, predicate: (event) => event.detail?.originator === 'remote' });
    assertHears('agent after customer resumed', await agent1001.remoteAudioLevel(500), CUSTOMER_TONE_HZ);

    // Customer -> agent DTMF: browsers do not expose received telephone-events; rtpengine's log proves they crossed.
    await customer.sendDtmf('159#');
    await stack.dtmfLog.waitForDigits('159#');

    // Agent -> customer: RFC 4733 in the media, then SIP INFO; baresip reports both.
    await agent1001.sendDtmf('27', 'RFC2833', sessionId);
    assert.equal((await customer.waitFor('CALL_DTMF_START')).param, '2');
    assert.equal((await customer.waitFor('CALL_DTMF_START')).param, '7');
    await agent1001.sendDtmf('3', 'INFO', sessionId);
    assert.equal((await customer.waitFor('CALL_DTMF_START')).param, '3');

    await agent1001.hangup(sessionId);
    await customer.waitFor('CALL_CLOSED');
  });

  test('blind transfer: agent 1001 REFERs customer 1002 to agent 1003', async () => {
    const customer = stack.phone('1002');
    await customer.dial('1001');
    const { sessionId } = await agent('1001').waitForEvent('newSession');
    await agent('1001').waitForEvent('confirmed', { sessionId });

    await agent('1001').refer(stack.uri('1003'), sessionId);
    const transferred = await agent('1003').waitForEvent('newSession');
    assert.equal(transferred.detail?.remoteUri, stack.uri('1002'));
    await agent('1003').waitForEvent('confirmed', { sessionId: transferred.sessionId });
    assertHears('agent 1003 after transfer', await agent('1003').remoteAudioLevel(500), CUSTOMER_TONE_HZ);

    // baresip 1.0 does not hang up the transferred call itself: the transferor does.
    await agent('1001').hangup(sessionId);
    await agent('1003').hangup(transferred.sessionId);
    await customer.waitFor('CALL_CLOSED');
    await customer.waitFor('CALL_CLOSED');
  });

  test('attended transfer with Replaces (all WebRTC): 1005 calls 1001, who consults 1003 and transfers', async () => {
    const caller = agent('1005');
    const transferor = agent('1001');
    const target = agent('1003');
    const callerSession = await caller.call(stack.uri('1001'));
    const { sessionId: original } = await transferor.waitForEvent('newSession');
    await transferor.waitForEvent('confirmed', { sessionId: original });
    await transferor.hold(original);
    const consultation = await transferor.call(stack.uri('1003'));
    await transferor.waitForEvent('confirmed', { sessionId: consultation });
    const { sessionId: targetConsultation } = await target.waitForEvent('newSession');
    await target.waitForEvent('confirmed', { sessionId: targetConsultation });

    // REFER to 1005 with Refer-To: 1003?Replaces=<consultation>; 1005 sends INVITE+Replaces to 1003.
    await transferor.refer(stack.uri('1003'), original, consultation);
    const replacement = await target.waitForEvent('newSession');
    assert.equal(replacement.detail?.remoteUri, stack.uri('1005'));
    await target.waitForEvent('confirmed', { sessionId: replacement.sessionId });
    await target.waitForEvent('ended', { sessionId: targetConsultation });
    assertHears('agent 1003 after attended transfer', await target.remoteAudioLevel(500), AGENT_TONE_HZ);

    await transferor.hangup(original);
    await caller.hangup();
    await target.waitForEvent('ended', { sessionId: replacement.sessionId });
    assert.ok(callerSession);
  });

  test('echo test 9196 sends the agent its own audio back', async () => {
    const sessionId = await agent('1001').call(stack.uri(ECHO_TEST_USER));
    await agent('1001').waitForEvent('confirmed', { sessionId });
    assertHears('agent 1001 on the echo test', await agent('1001').remoteAudioLevel(TALK_MS), AGENT_TONE_HZ);
    await agent('1001').hangup(sessionId);
  });

  test('Kamailio restart: the WebSocket drops, JsSIP reconnects and re-registers, calls work again', async () => {
    const stopped = preciseNow();
    await stack.stopKamailio();
    await agent('1001').waitForEvent('disconnected');
    // Idle baresip phones are restarted so that they register at once.
    const restartedPhones = await stack.startKamailio();
    assert.deepEqual(restartedPhones.sort(), ['1002', '1004', ECHO_TEST_USER].sort());
    assert.match(await stack.kamcmd('ul.dump', 'brief'), /AoR: 1004\b/);
    // JsSIP retries after recovery_min_interval (2 s by default).
    const registered = await agent('1001').waitForEvent('registered', { timeoutMs: 20_000 });
    console.log(`Kamailio down -> agent registered again after ${(registered.at - stopped).toFixed(0)} ms`);

    await stack.phone('1002').dial('1001');
    const { sessionId } = await agent('1001').waitForEvent('newSession');
    await agent('1001').waitForEvent('confirmed', { sessionId });
    assertHears('agent 1001 after the restart', await agent('1001').remoteAudioLevel(500), CUSTOMER_TONE_HZ);
    await agent('1001').hangup(sessionId);
    await stack.phone('1002').waitFor('CALL_CLOSED');
  });
});
