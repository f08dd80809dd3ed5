// The softphone end to end, driven from the real UI against Kamailio + rtpengine + baresip, with two
// Hearthline instances (agents 1001 and 1003, WebRTC at both ends). Customers: baresip 1002 plays a
// 440 Hz tone, baresip 1004 a 660 Hz tone, Ada's microphone a 1 kHz tone and Ben's 1.5 kHz, so every
// recording says who was heard.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { DEFAULT_AUDIO_DIR } from '../stack/audio';
import { LocalStack } from '../stack/stack';
import { quietStretches, readWav, secondsHeard, toneLevels, toneWav, windowLevels } from './support/audioCheck';
import { HeadlessApp } from './support/hearthline';
import {
  assertCardStopped,
  card,
  dialFromPad,
  engineCalls,
  eventually,
  finishWrapUp,
  liveCallId,
  presence,
  ringerState,
  sipTrace,
  sleep,
  waitForInboundAudio,
} from './support/softphone';

const AGENT_HZ = 1000;
const HZ_1002 = 440;
const HZ_1004 = 660;
const BEN_HZ = 1500;
/**
 * RMS of a party's tone in a 100 ms window (Goertzel). Chromium's noise suppression treats a steady
 * tone as noise and brings it down to about 0.015–0.02 after a second; a tone nobody sent stays
 * below 0.001 (1e-5 typical, brief transients up to ~0.006 at call set-up).
 */
const HEARD = 0.005;
const NOT_HEARD = 0.002;
/** Silence in the whole recording (a muted or held microphone): RMS per window. */
const SILENT = 0.003;

/** Seconds of `hz` in a recording, above the `HEARD` level. */
async function heard(recording: string, hz: number, threshold = HEARD): Promise<number> {
  return secondsHeard(readWav(recording), hz, threshold);
}

let stack: LocalStack;
let ada: HeadlessApp; // agent 1001: RFC 4733 DTMF, answers by hand, 5 s alert timeout
let ben: HeadlessApp; // agent 1003: SIP INFO DTMF, auto-answers after 1 s

before(async () => {
  const tone660 = await toneWav(DEFAULT_AUDIO_DIR, HZ_1004, 120);
  const benMic = await toneWav(DEFAULT_AUDIO_DIR, BEN_HZ, 10);
  stack = new LocalStack({ phones: ['1002', { user: '1004', micWav: tone660 }] });
  await stack.start();
  const apps = join(stack.runDir, 'apps');
  [ada, ben] = await Promise.all([
    HeadlessApp.start({
      name: 'ada-1001',
      runDir: apps,
      fakeMicWav: stack.audio.agentTone,
      config: {
        sip: { wsUri: stack.wsUrl, sipUri: stack.uri('1001'), password: stack.password('1001'), displayName: 'Ada (1001)' },
        wrapUpSeconds: 60,
        alertTimeoutSeconds: 5,
        defaultRegion: 'GB',
      },
    }),
    HeadlessApp.start({
      name: 'ben-1003',
      runDir: apps,
      fakeMicWav: benMic,
      config: {
        sip: { wsUri: stack.wsUrl, sipUri: stack.uri('1003'), password: stack.password('1003'), displayName: 'Ben (1003)', dtmfMode: 'info' },
        wrapUpSeconds: 60,
        autoAnswerSeconds: 1,
      },
    }),
  ]);
  await Promise.all([ada, ben].map((app) => presence(app).filter({ hasText: /^Ready$/ }).waitFor({ timeout: 20_000 })));
});

/** After a failed test: no call, ringing or wrap-up is left over to confuse the next one. */
afterEach(async () => {
  await Promise.all(stack.phones.map((phone) => phone.hangupAll()));
  for (const app of [ada, ben]) {
    for (const button of await app.ui.locator('[data-testid="call-card"]:not([data-call-state="ended"]) [data-testid="hangup"], [data-testid="decline"]').all()) {
      await button.click({ timeout: 1_000 }).catch(() => undefined);
    }
    await app.ui.getByTestId('end-wrapup').click({ timeout: 1_000 }).catch(() => undefined);
  }
});

after(async () => {
  await Promise.all([ada?.stop(), ben?.stop()]);
  await stack?.stop();
});

/** Hangs up the agent's live call with this party and clears after-call work. */
async function hangUpAndFinish(remote: string): Promise<void> {
  await card.of(ada, remote, 'connected').getByTestId('hangup').click();
  await finishWrapUp(ada);
}

describe('softphone', () => {
  it('rings audibly on the first call of the day, alerts outside the window, and declines', async () => {
    const customer = stack.phone('1002');
    await customer.dial('1001');
    const ringing = card.of(ada, '1002', 'ringing');
    await ringing.waitFor({ timeout: 10_000 });
    // The ringtone is WebAudio in the engine: its context runs without any click, and it makes sound.
    const ringer = await eventually(() => ringerState(ada), (state) => state.mode === 'ring' && state.peakLevel > 0.05, 'ringtone playing');
    assert.equal(ringer.contextState, 'running', 'autoplay did not block the ringtone');
    assert.match(await ada.ui.title(), /Incoming call — 1002|Hearthline/);
    await eventually(async () => ada.ui.title(), (title) => title.startsWith('Incoming call'), 'window title flashes');
    await eventually(async () => readFileSync(ada.logFile, 'utf8'), (log) => /incoming call alert/.test(log), 'OS alert (headless: logged)');

    await ringing.getByTestId('decline').click();
    const closed = await customer.waitFor('CALL_CLOSED');
    assert.match(closed.param ?? '', /603|Decline/i, `the customer was told ${closed.param}`);
    await ada.ui.getByTestId('end-reason').filter({ hasText: 'The call was declined' }).first().waitFor();
    await assertCardStopped(ada.ui.locator('[data-testid="call-card"][data-call-state="ended"]').first(), 'declined call');
    // Silent between rings: a running context would keep the audio service busy all shift.
    await eventually(() => ringerState(ada), (state) => state.mode === 'off' && state.contextState === 'suspended', 'ringtone stopped, its audio suspended');
    await presence(ada).filter({ hasText: /^Ready$/ }).waitFor();
  });

  it('connects two agents over WebRTC with auto-answer, audio both ways, and SIP INFO DTMF', async () => {
    await dialFromPad(ada, '1003');
    await card.of(ben, '1001', 'ringing').getByTestId('auto-answer').waitFor({ timeout: 10_000 });
    await card.of(ben, '1001', 'connected').waitFor({ timeout: 10_000 });
    await card.of(ada, '1003', 'connected').waitFor({ timeout: 10_000 });
    await Promise.all([waitForInboundAudio(ada), waitForInboundAudio(ben)]);

    // Ben's account sends DTMF as SIP INFO: Ada's engine receives the digits.
    const benCall = card.of(ben, '1001', 'connected');
    await benCall.getByTestId('dtmf-5').click();
    await benCall.getByTestId('dtmf-#').click();
    await eventually(async () => (await engineCalls(ada))[0]?.dtmfReceived ?? '', (digits) => digits === '5#', 'INFO DTMF at Ada');
    const infos = (await sipTrace(ben)).filter((entry) => entry.dir === 'out' && entry.method === 'INFO');
    assert.equal(infos.length, 2, 'one SIP INFO per key');

    await hangUpAndFinish('1003');
    await ben.ui.getByTestId('end-reason').filter({ hasText: 'The caller hung up' }).first().waitFor();
    await presence(ben).filter({ hasText: 'Wrap-up' }).waitFor();

    // Ben is in wrap-up: a new call rings for him but is not auto-answered while he writes his notes;
    // he declines it, and Ada (never connected) gets no wrap-up.
    await dialFromPad(ada, '1003');
    const duringWrapUp = card.of(ben, '1001', 'ringing');
    await duringWrapUp.waitFor({ timeout: 10_000 });
    assert.equal(await duringWrapUp.getByTestId('auto-answer').count(), 0, 'no auto-answer during wrap-up');
    await duringWrapUp.getByTestId('decline').click();
    await ada.ui.locator('[data-testid="call-card"][data-remote="1003"]').getByTestId('end-reason').filter({ hasText: 'The call was declined' }).first().waitFor({ timeout: 10_000 });
    await finishWrapUp(ben);
    await ben.ui.getByRole('button', { name: /Status/ }).click();
    await ben.ui.getByRole('option', { name: /Not Ready: Lunch/ }).click();
    await presence(ben).filter({ hasText: 'Not Ready' }).waitFor();
    await dialFromPad(ada, '1003');
    await ada.ui.getByTestId('end-reason').filter({ hasText: 'The person is not available' }).first().waitFor({ timeout: 10_000 });
    await ben.ui.getByRole('button', { name: /Status/ }).click();
    await ben.ui.getByRole('option', { name: 'Available' }).click();
    await presence(ada).filter({ hasText: /^Ready$/ }).waitFor();
  });

  it('normalises dialled numbers, explains failures, and cancels while ringing', async () => {
    await dialFromPad(ada, '020 7946 0000');
    await ada.ui.locator('[data-testid="call-card"][data-remote="+442079460000"]').first().waitFor({ timeout: 5_000 });
    await ada.ui.getByTestId('end-reason').filter({ hasText: 'That number does not exist' }).first().waitFor({ timeout: 10_000 });

    const customer = stack.phone('1004');
    await customer.setAnswerMode('manual');
    try {
      await dialFromPad(ada, '1004');
      await customer.waitForIncomingCall();
      await card.of(ada, '1004', 'dialing').getByTestId('hangup').click();
      await customer.waitFor('CALL_CLOSED');
      await ada.ui.getByTestId('end-reason').filter({ hasText: 'Call cancelled' }).first().waitFor();
    } finally {
      await customer.setAnswerMode('auto');
    }
    await presence(ada).filter({ hasText: /^Ready$/ }).waitFor();
  });

  it('mutes the microphone without renegotiating: the customer hears silence, the agent still hears them; RFC 4733 DTMF', async () => {
    // The customer calls in (PCMU, as from a PSTN gateway). Outbound to baresip negotiates opus with an
    // 8 kHz telephone-event, and baresip 1.0 then decodes only the first key: a baresip limit, not ours.
    const customer = stack.phone('1002');
    await customer.dial('1001');
    await card.of(ada, '1002', 'ringing').getByTestId('answer').click();
    const established = await customer.waitFor('CALL_ESTABLISHED');
    const live = card.of(ada, '1002', 'connected');
    await live.waitFor();
    await waitForInboundAudio(ada);

    for (const digit of ['1', '2', '#']) await live.getByTestId(`dtmf-${digit}`).click();
    for (const digit of ['1', '2', '#']) {
      const event = await customer.waitFor('CALL_DTMF_START', { since: established.at });
      assert.equal(event.param, digit, 'baresip received the keys in order');
    }
    await stack.dtmfLog.waitForDigits('12#', { since: established.at });

    await sleep(1500);
    const mutedFrom = Date.now();
    await live.getByTestId('mute').click();
    await live.getByText('Muted', { exact: true }).waitFor();
    await sleep(1000);
    const whileMuted = (await engineCalls(ada))[0];
    assert.ok((whileMuted?.inboundLevel ?? 0) > 0.001, 'the agent still hears the customer while muted');
    await sleep(1000);
    await live.getByTestId('mute').click();
    await live.getByText('Muted', { exact: true }).waitFor({ state: 'detached' });
    const mutedUntil = Date.now();
    await sleep(1500);
    await hangUpAndFinish('1002');
    await customer.waitFor('CALL_CLOSED', { since: established.at });

    const invites = (await sipTrace(ada)).filter((entry) => entry.dir === 'out' && entry.method === 'INVITE' && entry.at >= mutedFrom && entry.at <= mutedUntil);
    assert.equal(invites.length, 0, 'mute sent no re-INVITE (the track is disabled, nothing is renegotiated)');

    // What the customer heard: the agent's tone, ~2 s of silence while muted, the tone again.
    const recording = await customer.waitForRecording();
    const levels = windowLevels(readWav(recording), 100);
    const profile = levels.map((level) => (level < SILENT ? '_' : '#')).join('');
    const quiet = quietStretches(levels, 100, SILENT).filter((stretch) => stretch.durationS >= 0.3);
    assert.equal(quiet.length, 1, `exactly one silent stretch (the mute): ${profile}`);
    assert.ok(quiet[0]!.durationS >= 1.5 && quiet[0]!.durationS <= 3.5, `the silence lasts about as long as the mute (2 s): ${profile}`);
    assert.ok((await heard(recording, AGENT_HZ)) >= 2, `the customer heard the agent before and after: ${profile}`);
  });

  it('holds and resumes with a re-INVITE each: the other side hears nothing on hold, both hear each other after', async () => {
    // Agent to agent (WebRTC both ends), so both directions are measured at a receiver that handles hold.
    await dialFromPad(ada, '1003');
    const live = card.of(ada, '1003', 'connected');
    await live.waitFor({ timeout: 10_000 });
    await card.of(ben, '1001', 'connected').waitFor({ timeout: 10_000 });
    await Promise.all([waitForInboundAudio(ada), waitForInboundAudio(ben)]);

    const heldFrom = Date.now();
    await live.getByTestId('hold').click();
    await live.getByTestId('hold-timer').filter({ hasText: 'On hold 00:01' }).waitFor({ timeout: 5_000 });
    const benWhileHeld = await eventually(
      async () => (await engineCalls(ben))[0],
      (call) => call !== undefined && (call.inboundLevel ?? 1) < 0.001,
      'Ben hears silence while Ada holds',
      5_000,
    );
    const adaBytes = (await engineCalls(ada))[0]!.bytesReceived;
    await sleep(1000);
    assert.ok((await engineCalls(ada))[0]!.bytesReceived - adaBytes < 1000, 'Ben stops sending while held (recvonly)');
    assert.ok((benWhileHeld?.bytesReceived ?? 0) > 0);

    await live.getByTestId('hold').click();
    await live.getByTestId('hold-timer').waitFor({ state: 'detached' });
    const resumedAt = Date.now();
    await Promise.all([waitForInboundAudio(ada), waitForInboundAudio(ben)]);
    const reInvites = (await sipTrace(ada)).filter((entry) => entry.dir === 'out' && entry.method === 'INVITE' && entry.inDialog && entry.at >= heldFrom && entry.at <= resumedAt);
    assert.equal(reInvites.length, 2, `hold and resume: one re-INVITE each (CSeq ${reInvites.map((entry) => entry.cseq).join(', ')})`);

    await hangUpAndFinish('1003');
    await finishWrapUp(ben);
  });

  it('offers a second call while on a call: hold and answer, then back to the first', async () => {
    const first = stack.phone('1002');
    await dialFromPad(ada, '1002');
    await first.waitFor('CALL_ESTABLISHED');
    await card.of(ada, '1002', 'connected').waitFor();

    const second = stack.phone('1004');
    await second.dial('1001');
    const waiting = card.of(ada, '1004', 'ringing');
    await waiting.getByText('Call waiting').first().waitFor({ timeout: 10_000 });
    await eventually(() => ringerState(ada), (state) => state.mode === 'waiting', 'call-waiting tone instead of the full ring');
    await waiting.getByTestId('hold-answer').click();
    await card.of(ada, '1004', 'connected').waitFor({ timeout: 10_000 });
    await card.of(ada, '1002', 'connected').getByTestId('hold-timer').waitFor();
    await waitForInboundAudio(ada, await liveCallId(ada, '1004'));

    await card.of(ada, '1004', 'connected').getByTestId('hangup').click();
    await second.waitFor('CALL_CLOSED');
    // After-call work waits until the agent's last call is over.
    assert.equal(await ada.ui.getByTestId('after-call-work').count(), 0);
    await card.of(ada, '1002', 'connected').getByTestId('hold').click();
    await card.of(ada, '1002', 'connected').getByTestId('hold-timer').waitFor({ state: 'detached' });
    await hangUpAndFinish('1002');
    await first.waitFor('CALL_CLOSED');
  });

  it('transfers blind: the customer ends up talking to the transfer target', async () => {
    const customer = stack.phone('1002');
    const target = stack.phone('1004');
    await customer.dial('1001');
    await card.of(ada, '1002', 'ringing').getByTestId('answer').click();
    const callId = await liveCallId(ada, '1002');
    await customer.waitFor('CALL_ESTABLISHED');

    const since = Date.now();
    await card.byId(ada, callId).getByTestId('transfer-toggle').click();
    await card.byId(ada, callId).getByTestId('transfer-target').fill('1004');
    await card.byId(ada, callId).getByTestId('transfer-blind').click();
    const arrived = await target.waitFor('CALL_ESTABLISHED', { since, predicate: (event) => event.peeruri?.includes('1002') ?? false });
    await card.byId(ada, callId).getByTestId('end-reason').filter({ hasText: 'Call transferred' }).waitFor({ timeout: 10_000 });
    await finishWrapUp(ada);

    await sleep(1500);
    await target.hangup();
    await target.waitFor('CALL_CLOSED', { since: arrived.at });
    await customer.waitFor('CALL_CLOSED', { since: arrived.at });
    const recording = await target.waitForRecording();
    assert.ok((await heard(recording, HZ_1002)) >= 1, '1004 heard the customer (440 Hz)');
    assert.ok((await heard(recording, AGENT_HZ)) <= 0.2, '1004 never heard the agent');
  });

  it('transfers attended: consults the target, then hands the customer over', async () => {
    const customer = stack.phone('1002');
    const target = stack.phone('1004');
    await customer.dial('1001');
    await card.of(ada, '1002', 'ringing').getByTestId('answer').click();
    const callId = await liveCallId(ada, '1002');
    await customer.waitFor('CALL_ESTABLISHED');

    await card.byId(ada, callId).getByTestId('transfer-toggle').click();
    await card.byId(ada, callId).getByTestId('transfer-target').fill('1004');
    await card.byId(ada, callId).getByTestId('transfer-consult').click();
    const consultId = await liveCallId(ada, '1004');
    await card.byId(ada, callId).getByTestId('hold-timer').waitFor();
    await target.waitFor('CALL_ESTABLISHED', { predicate: (event) => event.peeruri?.includes('1001') ?? false });
    await waitForInboundAudio(ada, consultId);

    const since = Date.now();
    await card.byId(ada, consultId).getByTestId('complete-transfer').click();
    await card.byId(ada, callId).getByTestId('end-reason').filter({ hasText: 'Call transferred' }).waitFor({ timeout: 10_000 });
    await card.byId(ada, consultId).getByTestId('end-reason').filter({ hasText: 'Call transferred' }).waitFor({ timeout: 10_000 });
    // The customer's call ended while held: its card shows no running "On hold" timer.
    assert.equal(await card.byId(ada, callId).getByTestId('hold-timer').count(), 0, 'no hold timer on the transferred call');
    await assertCardStopped(card.byId(ada, callId), 'the transferred (held) call');
    const arrived = await target.waitFor('CALL_ESTABLISHED', { since, predicate: (event) => event.peeruri?.includes('1002') ?? false });
    await finishWrapUp(ada);

    await sleep(1500);
    await target.hangupAll();
    await customer.waitFor('CALL_CLOSED', { since: arrived.at });
    assert.ok((await heard(await target.waitForRecording(), HZ_1002)) >= 1, '1004 heard the customer (440 Hz) after the transfer');
  });

  it('joins a three-way conference where each party hears the other and the agent', async () => {
    // Ben (1.5 kHz) first, then the customer (440 Hz) as a consultation, so the customer's phone is never
    // held: baresip 1.0 stops decoding after a hold re-INVITE, which would hide what it hears.
    const customer = stack.phone('1002');
    await dialFromPad(ada, '1003');
    const benLeg = await liveCallId(ada, '1003');
    await card.of(ben, '1001', 'connected').waitFor({ timeout: 10_000 });
    await card.byId(ada, benLeg).getByTestId('transfer-toggle').click();
    await card.byId(ada, benLeg).getByTestId('transfer-target').fill('1002');
    await card.byId(ada, benLeg).getByTestId('transfer-consult').click();
    const customerLeg = await liveCallId(ada, '1002');
    const established = await customer.waitFor('CALL_ESTABLISHED');
    await card.byId(ada, benLeg).getByTestId('hold-timer').waitFor();

    await card.byId(ada, customerLeg).getByTestId('conference').click();
    await card.byId(ada, benLeg).getByTestId('conference-badge').waitFor({ timeout: 10_000 });
    await card.byId(ada, customerLeg).getByTestId('conference-badge').waitFor();
    await card.byId(ada, benLeg).getByTestId('hold-timer').waitFor({ state: 'detached' });
    await sleep(2000);

    // The agent mutes: the two parties still hear each other (only the agent's microphone is cut).
    await card.byId(ada, customerLeg).getByTestId('mute').click();
    await card.byId(ada, benLeg).getByText('Muted', { exact: true }).waitFor();
    const benHearsCustomer = await eventually(
      async () => (await engineCalls(ben))[0],
      (call) => (call?.inboundLevel ?? 0) > 0.01,
      'Ben hears the customer through the conference while the agent is muted',
    );
    assert.ok(benHearsCustomer);
    await sleep(2000);

    // Ben leaves; the customer stays with the agent on a plain call.
    await card.byId(ada, benLeg).getByTestId('hangup').click();
    // Hanging up in a conference is asked first (one click must not drop people).
    await ada.ui.getByRole('alertdialog', { name: 'Hang up the conference?' }).getByTestId('hangup-confirm').click();
    await card.byId(ada, customerLeg).getByTestId('conference-badge').waitFor({ state: 'detached' });
    await hangUpAndFinish('1002');
    await customer.waitFor('CALL_CLOSED', { since: established.at });
    await finishWrapUp(ben);

    const wav = readWav(await customer.waitForRecording());
    const benTone = toneLevels(wav, BEN_HZ);
    const adaTone = toneLevels(wav, AGENT_HZ);
    const profile = benTone.map((level, index) => `${level > HEARD ? 'B' : '.'}${(adaTone[index] ?? 0) > HEARD ? 'A' : '.'}`).join(' ');
    const both = benTone.filter((level, index) => level > HEARD && (adaTone[index] ?? 0) > HEARD).length / 10;
    const benOnly = benTone.filter((level, index) => level > HEARD && (adaTone[index] ?? 0) < NOT_HEARD).length / 10;
    assert.ok(both >= 1.5, `the customer heard Ben and the agent together: ${profile}`);
    assert.ok(benOnly >= 1.5, `the customer still heard Ben while the agent was muted: ${profile}`);
  });

  it('marks an unanswered call missed after the alert timeout and sets the agent Not Ready', async () => {
    const customer = stack.phone('1002');
    const since = Date.now();
    await customer.dial('1001');
    await card.of(ada, '1002', 'ringing').waitFor({ timeout: 10_000 });
    const closed = await customer.waitFor('CALL_CLOSED', { since, timeoutMs: 15_000 });
    assert.match(closed.param ?? '', /480|Unavailable/i, `the customer's side was told ${closed.param}`);
    await ada.ui.getByTestId('end-reason').filter({ hasText: 'Missed call' }).first().waitFor();
    await presence(ada).filter({ hasText: 'Not Ready' }).waitFor();
    await ada.ui.getByTestId('notice').filter({ hasText: 'You missed a call from 1002' }).waitFor();
    await ada.ui.getByRole('button', { name: /Status/ }).click();
    await ada.ui.getByRole('option', { name: 'Available' }).click();
    await presence(ada).filter({ hasText: /^Ready$/ }).waitFor();
  });
});
