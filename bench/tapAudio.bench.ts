// CPU of the assist tap's audio in Chromium, A/B back to back: a page with a call-like audio path (a
// 440 Hz tone sent over a loopback WebRTC call with Opus, the remote track played by an <audio>
// element, plus the fake microphone) with no tap (the floor), with the tap as it was (main's worklet in
// a default-rate AudioContext, resampled in JavaScript) and with the tap as it is (16 kHz context,
// Chromium resampling natively). Per variant, a fresh browser; its whole process tree's CPU from
// /proc over the window (load-insensitive: CPU time, not wall time). It also checks what the tap
// delivers: 100 ms frames, 10 a second per leg, and the tone still at 440 Hz after resampling.
//   node --import tsx bench/tapAudio.bench.ts [--old PATH/TO/worklet.ts] [--rounds 2] [--seconds 15]
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { childPids, cpuShares, loadAverage } from '../e2e/bench/processes';
import { launchChromium } from '../e2e/support/browser';

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const rounds = Number(arg('--rounds') ?? 2);
const seconds = Number(arg('--seconds') ?? 15);
const oldWorklet = arg('--old');

async function bundle(entry: string): Promise<string> {
  const out = await build({ entryPoints: [entry], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'chrome120' });
  return out.outputFiles[0]!.text;
}

interface Variant {
  name: string;
  worklet?: string;
  /** undefined: the browser's default rate. */
  sampleRate?: number;
}

interface TapReport {
  contextRate: number;
  framesPerSecond: number[];
  toneHz: number;
}

/** Runs in the page: the call-like audio path, and the tap when a worklet is given. */
async function pageSetup(input: { worklet?: string; sampleRate?: number }): Promise<number> {
  const source = new AudioContext({ sampleRate: 48000 });
  const tone = source.createOscillator();
  tone.frequency.value = 440;
  const gain = source.createGain();
  gain.gain.value = 0.3;
  const sent = source.createMediaStreamDestination();
  tone.connect(gain).connect(sent);
  tone.start();
  const caller = new RTCPeerConnection();
  const callee = new RTCPeerConnection();
  caller.onicecandidate = (event) => void (event.candidate && callee.addIceCandidate(event.candidate));
  callee.onicecandidate = (event) => void (event.candidate && caller.addIceCandidate(event.candidate));
  caller.addTrack(sent.stream.getAudioTracks()[0]!, sent.stream);
  const remote = new Promise<MediaStreamTrack>((done) => (callee.ontrack = (event) => done(event.track)));
  await caller.setLocalDescription(await caller.createOffer());
  await callee.setRemoteDescription(caller.localDescription!);
  await callee.setLocalDescription(await callee.createAnswer());
  await caller.setRemoteDescription(callee.localDescription!);
  const customer = await remote;
  const player = new Audio();
  player.srcObject = new MediaStream([customer]);
  await player.play();
  const microphone = (await navigator.mediaDevices.getUserMedia({ audio: true })).getAudioTracks()[0]!;
  const state = { frames: [0, 0], crossings: 0, samples: 0, last: 0, contextRate: 0, at: 0 };
  (window as unknown as { tapState: typeof state }).tapState = state;
  if (!input.worklet) return 0;
  const context = new AudioContext({ latencyHint: 'playback', ...(input.sampleRate ? { sampleRate: input.sampleRate } : {}) });
  state.contextRate = context.sampleRate;
  await context.audioWorklet.addModule(URL.createObjectURL(new Blob([input.worklet], { type: 'text/javascript' })));
  const sink = context.createGain();
  sink.gain.value = 0;
  sink.connect(context.destination);
  [customer, microphone].forEach((track, leg) => {
    const node = new AudioWorkletNode(context, 'hearthline-assist-tap', { numberOfInputs: 1, numberOfOutputs: 1, channelCount: 1, channelCountMode: 'explicit' });
    node.port.onmessage = (event: MessageEvent<Int16Array | string>) => {
      if (typeof event.data === 'string') return;
      state.frames[leg]! += 1;
      state.at = performance.now();
      if (leg !== 0) return;
      for (const sample of event.data) {
        if ((sample >= 0) !== (state.last >= 0)) state.crossings += 1;
        state.last = sample;
      }
      state.samples += event.data.length;
    };
    context.createMediaStreamSource(new MediaStream([track.clone()])).connect(node);
    node.connect(sink);
  });
  await context.resume();
  return context.sampleRate;
}

async function runVariant(variant: Variant): Promise<{ cpu: number; tap?: TapReport }> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ permissions: ['microphone'] });
    // tsx keeps function names with a __name helper that the page does not have.
    await context.addInitScript({ content: 'globalThis.__name = (target) => target;' });
    const page = await context.newPage();
    // An empty page on localhost: a secure context, so the microphone and AudioWorklet exist.
    await page.route('http://localhost/**', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>tap</title>' }));
    await page.goto('http://localhost/');
    await page.evaluate(pageSetup, { worklet: variant.worklet, sampleRate: variant.sampleRate });
    await new Promise((done) => setTimeout(done, 3000)); // settle: the call's jitter buffer, the worklet's first frames
    const before = await page.evaluate(() => JSON.parse(JSON.stringify((window as unknown as { tapState: unknown }).tapState)) as { frames: number[]; crossings: number; samples: number; contextRate: number; at: number });
    const roots = childPids(process.pid, /chrom/i);
    const shares = await cpuShares({ browser: { roots } }, seconds * 1000);
    const after = await page.evaluate(() => (window as unknown as { tapState: { frames: number[]; crossings: number; samples: number; contextRate: number; at: number } }).tapState);
    const tap = variant.worklet
      ? {
          contextRate: after.contextRate,
          framesPerSecond: after.frames.map((count, leg) => (count - before.frames[leg]!) / ((after.at - before.at) / 1000)),
          // The frames are 16 kHz whatever the context's rate: two zero crossings per cycle.
          toneHz: (after.crossings - before.crossings) / 2 / ((after.samples - before.samples) / 16000),
        }
      : undefined;
    return { cpu: shares.browser!, tap };
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const variants: Variant[] = [{ name: 'no tap (the call alone)' }];
  if (oldWorklet) variants.push({ name: `tap as it was (${oldWorklet}, default-rate context, JavaScript resampler)`, worklet: await bundle(resolve(oldWorklet)) });
  const current = await bundle(resolve(__dirname, '..', 'renderer', 'engine', 'assist', 'worklet.ts'));
  variants.push({ name: 'tap, default-rate context (JavaScript resampler)', worklet: current });
  variants.push({ name: 'tap as it is (16 kHz context, native resampling)', worklet: current, sampleRate: 16000 });
  const results = new Map<string, { cpu: number[]; tap?: TapReport }>();
  const loads = [loadAverage()];
  for (let round = 0; round < rounds; round += 1) {
    for (const variant of variants) {
      const result = await runVariant(variant);
      const entry = results.get(variant.name) ?? { cpu: [] };
      entry.cpu.push(result.cpu);
      entry.tap = result.tap ?? entry.tap;
      results.set(variant.name, entry);
    }
    loads.push(loadAverage());
  }
  const floor = Math.min(...results.get(variants[0]!.name)!.cpu);
  console.log(`\nAssist tap in Chromium, ${rounds} round(s) of ${seconds} s per variant, interleaved; load average ${loads.join(' → ')}\n`);
  console.log('| variant | browser CPU, % of one core (per round) | above the floor | context rate | frames/s (customer, microphone) | tone after the tap |');
  console.log('|---|---|---:|---:|---|---:|');
  for (const [name, { cpu, tap }] of results) {
    const best = Math.min(...cpu);
    console.log(
      `| ${name} | ${cpu.map((value) => value.toFixed(1)).join(', ')} | ${tap ? `${(best - floor).toFixed(1)}` : '—'} | ${tap ? `${tap.contextRate} Hz` : '—'} | ${tap ? tap.framesPerSecond.map((value) => value.toFixed(1)).join(', ') : '—'} | ${tap ? `${tap.toneHz.toFixed(0)} Hz` : '—'} |`,
    );
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
