// A supervisor joins an agent's call, end to end with the real stack: agent Ada (1001, 1 kHz microphone),
// supervisor Sam (1003, 1.7 kHz microphone), customer baresip 1002 (440 Hz). What each party heard is
// checked by frequency: the customer's baresip recording, and for Ada and Sam a recording of every
// audible <audio> element of their call engine (what their speakers play).
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DEFAULT_AUDIO_DIR } from '../stack/audio';
import { LocalStack } from '../stack/stack';
import { readWav, secondsHeard, toneLevels, toneWav, type WavData } from './support/audioCheck';
import type { HeadlessApp } from './support/hearthline';
import { HostileSip } from './support/hostileSip';
import { saveScreenshot } from './support/screenshots';
import { customerCallsAgent, joinControls, startAgentAndSupervisor, writePolicy } from './support/monitoring';
import { enginePage, eventually, sleep, waitForInboundAudio } from './support/softphone';

const AGENT_HZ = 1000;
const CUSTOMER_HZ = 440;
const SUPERVISOR_HZ = 1700;
/** Tone levels as in softphone.e2e.ts: Chromium's noise suppression holds a steady tone near 0.015. */
const HEARD = 0.005;
/** How long each mode is listened to. */
const PHASE_MS = 3500;

let stack: LocalStack;
let ada: HeadlessApp;
let sam: HeadlessApp;
let adaPolicy: string;

before(async () => {
  stack = new LocalStack({ phones: ['1002'] });
  await stack.start();
  // At first Ada's supervisor is someone else: Sam is not allowed to join her calls.
  ({ ada, sam, adaPolicy } = await startAgentAndSupervisor(stack, { adaSupervisors: ['1005'], samMicWav: await toneWav(DEFAULT_AUDIO_DIR, SUPERVISOR_HZ, 10) }));
});

afterEach(async () => {
  await sam.ui.getByRole('button', { name: 'Leave' }).click({ timeout: 1_000 }).catch(() => undefined);
  await Promise.all(stack.phones.map((phone) => phone.hangupAll()));
});

after(async () => {
  await Promise.all([ada?.stop(), sam?.stop()]);
  await stack?.stop();
});

/** Sam's controls for agent 1001. */
const controls = () => joinControls(sam, '1001');
const samStatus = () => controls().getByRole('status');

/**
 * Starts recording, in an engine page, everything its audible <audio> elements play (elements that
 * appear later, e.g. when a supervisor joins, are added as they come). Page source as text: tsx would
 * wrap named helpers in a __name() the page lacks.
 */
async function startEar(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    const previous = window.__ear;
    if (previous) { clearInterval(previous.timer); void previous.context.close(); }
    const context = new AudioContext();
    const processor = context.createScriptProcessor(4096, 1, 1);
    const chunks = [];
    const tapped = new Set();
    processor.onaudioprocess = (event) => {
      const input = event.inputBuffer.getChannelData(0);
      const out = new Int16Array(Math.floor(input.length / 3));
      for (let i = 0; i < out.length; i += 1) out[i] = Math.max(-32768, Math.min(32767, Math.round(input[i * 3] * 32767)));
      chunks.push(out);
    };
    processor.connect(context.destination);
    const tap = () => {
      for (const element of document.querySelectorAll('audio')) {
        const stream = element.srcObject;
        if (element.muted || !stream || tapped.has(stream.id) || stream.getAudioTracks().length === 0) continue;
        tapped.add(stream.id);
        context.createMediaStreamSource(stream).connect(processor);
      }
    };
    tap();
    const timer = setInterval(tap, 100);
    window.__ear = { context, chunks, timer };
  })()`);
}

/** Stops the recording and returns it (16 kHz, the first channel); carried out as base64 (a long number array is slow). */
async function stopEar(page: Page): Promise<WavData> {
  const recorded = (await page.evaluate(`(async () => {
    const ear = window.__ear;
    window.__ear = undefined;
    clearInterval(ear.timer);
    await ear.context.close();
    let binary = '';
    for (const chunk of ear.chunks) {
      const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      for (let i = 0; i < bytes.length; i += 8192) binary += String.fromCharCode(...bytes.subarray(i, i + 8192));
    }
    return { sampleRate: ear.context.sampleRate / 3, base64: btoa(binary) };
  })()`)) as { sampleRate: number; base64: string };
  const bytes = new Uint8Array(Buffer.from(recorded.base64, 'base64')); // a copy: aligned for Int16Array
  return { sampleRate: recorded.sampleRate, samples: new Int16Array(bytes.buffer, 0, Math.floor(bytes.byteLength / 2)) };
}

/** Seconds of each tone in a recording, for assertion messages. */
function heardProfile(wav: WavData): string {
  return [AGENT_HZ, CUSTOMER_HZ, SUPERVISOR_HZ].map((hz) => `${hz} Hz ${secondsHeard(wav, hz, HEARD).toFixed(1)} s`).join(', ');
}

async function customerCallsAda(): Promise<number> {
  const establishedAt = await customerCallsAgent(stack, ada, '1002', '1001');
  await waitForInboundAudio(ada);
  return establishedAt;
}

describe('supervisor joining a call', () => {
  it('refuses someone who is not the agent’s supervisor, and a forged identity header', async () => {
    await customerCallsAda();
    await controls().getByRole('button', { name: 'Monitor' }).click();
    await samStatus().filter({ hasText: 'Not allowed: you are not a supervisor of 1001.' }).waitFor({ timeout: 10_000 });
    assert.equal(await ada.ui.getByTestId('listener-banner').count(), 0, 'nobody is shown as listening');

    // A caller writing the identity header itself, claiming to be Ada's supervisor (1005): the SIP
    // server removes it, so the agent's engine sees no asserted identity and refuses.
    const attacker = await HostileSip.open(stack.ports.sip);
    try {
      const sdp = ['v=0', 'o=m 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', 'm=audio 49170 RTP/AVP 0', 'a=rtpmap:0 PCMU/8000', ''].join('\r\n');
      const status = await attacker.request('INVITE', {
        headers: ['P-Asserted-Identity: <sip:1005@127.0.0.1>', 'X-Hearthline-Join: monitor'],
        body: sdp,
        contentType: 'application/sdp',
      });
      assert.equal(status, 403, 'the forged join request is refused');
    } finally {
      attacker.close();
    }
    assert.equal(await ada.ui.getByTestId('listener-banner').count(), 0, 'still nobody listening');
    await stack.phone('1002').hangupAll();
  });

  it('monitors, whispers and barges with each party hearing exactly what the mode allows', async () => {
    writePolicy(adaPolicy, { supervisorSipUsers: ['1003'] });
    // Sam is accepted once the new policy is read: with no call to join, the refusal says so instead.
    await eventually(
      async () => {
        await controls().getByRole('button', { name: 'Monitor' }).click();
        await sleep(1000);
        return samStatus().innerText();
      },
      (text) => text.includes('1001 is not on a call right now.'),
      'Sam accepted as supervisor',
      20_000,
    );

    const establishedAt = await customerCallsAda();
    const [adaEngine, samEngine] = await Promise.all([enginePage(ada), enginePage(sam)]);

    // Monitor: Sam hears Ada and the customer; Ada hears no Sam.
    await Promise.all([startEar(adaEngine), startEar(samEngine)]);
    const joinClickAt = Date.now();
    await controls().getByRole('button', { name: 'Monitor' }).click();
    await samStatus().filter({ hasText: 'Monitoring 1001’s call' }).waitFor({ timeout: 10_000 });
    const joinedAt = Date.now();
    await ada.ui.getByTestId('listener-banner').filter({ hasText: 'Sam (1003) is listening to this call (monitor)' }).waitFor();
    await ada.ui.getByTestId('listener-announcer').filter({ hasText: 'Sam (1003) is listening' }).waitFor();
    await sleep(PHASE_MS);
    const [adaMonitor, samMonitor] = await Promise.all([stopEar(adaEngine), stopEar(samEngine)]);
    console.log(`monitor: joined in ${joinedAt - joinClickAt} ms; Sam heard ${heardProfile(samMonitor)}; Ada heard ${heardProfile(adaMonitor)}`);
    assert.ok(secondsHeard(samMonitor, AGENT_HZ, HEARD) >= 1.5, `Sam heard Ada while monitoring: ${heardProfile(samMonitor)}`);
    assert.ok(secondsHeard(samMonitor, CUSTOMER_HZ, HEARD) >= 1.5, `Sam heard the customer while monitoring: ${heardProfile(samMonitor)}`);
    assert.ok(secondsHeard(adaMonitor, CUSTOMER_HZ, HEARD) >= 1.5, `Ada's recording works (she hears the customer): ${heardProfile(adaMonitor)}`);
    assert.ok(secondsHeard(adaMonitor, SUPERVISOR_HZ, HEARD) <= 0.2, `Ada did not hear Sam while monitored: ${heardProfile(adaMonitor)}`);

    // Whisper, switched in the same dialog: Ada hears Sam.
    await startEar(adaEngine);
    const whisperClickAt = Date.now();
    await controls().getByRole('button', { name: 'Whisper' }).click();
    await samStatus().filter({ hasText: 'Whispering to 1001' }).waitFor({ timeout: 10_000 });
    const whisperingAt = Date.now();
    await ada.ui.getByTestId('listener-banner').filter({ hasText: 'Sam (1003) is whispering to you' }).waitFor();
    await sleep(PHASE_MS);
    const adaWhisper = await stopEar(adaEngine);
    console.log(`whisper: switched in ${whisperingAt - whisperClickAt} ms; Ada heard ${heardProfile(adaWhisper)}`);
    // Notices left from start-up (an engine relaunched on a loaded machine) are not part of the picture.
    for (const app of [ada, sam]) for (const dismiss of await app.ui.getByTestId('notice').getByRole('button').all()) await dismiss.click().catch(() => undefined);
    await Promise.all([saveScreenshot(ada.ui, 'monitoring-agent-whispered-to'), saveScreenshot(sam.ui, 'monitoring-supervisor-whispering')]);
    assert.ok(secondsHeard(adaWhisper, SUPERVISOR_HZ, HEARD) >= 1.5, `Ada heard Sam's whisper: ${heardProfile(adaWhisper)}`);

    // Barge: the customer hears Sam too.
    const bargeAt = Date.now();
    await controls().getByRole('button', { name: 'Barge' }).click();
    await samStatus().filter({ hasText: 'On 1001’s call with the customer' }).waitFor({ timeout: 10_000 });
    await ada.ui.getByTestId('listener-banner').filter({ hasText: 'Sam (1003) has joined this call' }).waitFor();
    await sleep(PHASE_MS);

    await controls().getByRole('button', { name: 'Leave' }).click();
    await samStatus().filter({ hasText: 'You left 1001’s call.' }).waitFor({ timeout: 10_000 });
    await ada.ui.getByTestId('listener-banner').waitFor({ state: 'detached' });
    await ada.ui.getByTestId('listener-announcer').filter({ hasText: 'The supervisor has left the call.' }).waitFor();
    const customer = stack.phone('1002');
    await customer.hangupAll();

    // The customer's recording: Sam only after the switch to barge (never while monitoring or whispering).
    const wav = readWav(await customer.waitForRecording());
    const bargeS = (bargeAt - establishedAt) / 1000;
    const supervisor = toneLevels(wav, SUPERVISOR_HZ);
    const secondsAt = (from: number, to: number) => supervisor.filter((level, index) => index / 10 >= from && index / 10 < to && level > HEARD).length / 10;
    const profile = supervisor.map((level) => (level > HEARD ? 'S' : '.')).join('');
    console.log(`customer: barge at ${bargeS.toFixed(1)} s; Sam's tone per 100 ms: ${profile}; ${heardProfile(wav)}`);
    assert.ok(secondsHeard(wav, AGENT_HZ, HEARD) >= 3, `the customer heard Ada throughout: ${profile}`);
    assert.ok(secondsAt(0, bargeS - 0.3) <= 0.2, `the customer heard no Sam before the barge (${bargeS.toFixed(1)} s): ${profile}`);
    assert.ok(secondsAt(bargeS, bargeS + PHASE_MS / 1000 + 2) >= 1.5, `the customer heard Sam after the barge (${bargeS.toFixed(1)} s): ${profile}`);
  });
});
