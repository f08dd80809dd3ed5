// CPU of main's side of a call with live transcription, per minute of call, A/B in one run: the perf
// bench's talking customer (e2e/bench/perf.bench.ts: six sentences on different topics, 5 s apart,
// Festival's voice) and the agent's microphone as the tests have it (a steady 1 kHz tone at -12 dBFS),
// both legs fed through AssistService with real Silero VAD and real pocketsphinx helpers — as fast as
// they take it, so the figure is CPU time (process.cpuUsage and /proc), not wall time, and holds at any
// load. Variants: before (every frame, pocketsphinx's defaults), the tap's silence gate alone
// (common/audio/silenceGate.ts), the gate with three passes at the full beam (THREE_PASSES, before), with the
// app's DECODER_OPTIONS (main/assist/asr/pocketsphinx.ts: three passes, -maxhmmpf 3000), and with one
// forward pass (ONE_FORWARD_PASS, kept off).
// It also prints which sentences' articles the recognised turns still find (top 3), so a saving is not
// bought with lost words.
//   node --import tsx bench/transcribedCall.bench.ts [--rounds 2]
import { readFileSync } from 'node:fs';
import { SilenceGate } from '../common/audio/silenceGate';
import { DECODER_OPTIONS, ONE_FORWARD_PASS, PocketsphinxTranscriber, THREE_PASSES } from '../main/assist/asr/pocketsphinx';
import { AssistService } from '../main/assist/assistService';
import { demoArticles } from '../main/assist/kb/demoKb';
import { KnowledgeIndex } from '../main/assist/knowledgeIndex';
import { readWav, speechToolsMissing, speechWav, TALKING_CUSTOMER, TALKING_SCRIPT } from '../main/assist/testing/speech';
import { passthroughVad, sileroVad } from '../main/assist/vad';
import { EventHub } from '../main/ipc/hub';
import { silentLogger } from '../main/log/logger';
import { AppState } from '../main/session/state';
import { loadDriver } from '../main/store/driver';

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const rounds = Number(arg('--rounds') ?? 2);

interface Variant {
  name: string;
  gate: boolean;
  decoderOptions: readonly string[];
}
const VARIANTS: Variant[] = [
  { name: 'before: every frame, pocketsphinx defaults', gate: false, decoderOptions: [] },
  { name: 'silence gate', gate: true, decoderOptions: [] },
  { name: `silence gate + ${THREE_PASSES.join(' ')} (three passes, full beam: before)`, gate: true, decoderOptions: THREE_PASSES },
  { name: `silence gate + ${DECODER_OPTIONS.join(' ') || 'defaults'} (the app now)`, gate: true, decoderOptions: DECODER_OPTIONS },
  { name: `silence gate + ${ONE_FORWARD_PASS.join(' ')} (one forward pass)`, gate: true, decoderOptions: ONE_FORWARD_PASS },
];

function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}
function childPids(): number[] {
  try {
    return readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function tone(seconds: number): Int16Array {
  const amplitude = 32768 * 10 ** (-12 / 20);
  return Int16Array.from({ length: seconds * 16000 }, (_, i) => Math.round(amplitude * Math.sin((2 * Math.PI * 1000 * i) / 16000)));
}

interface Result {
  mainCpu: number;
  helperCpu: number;
  framesSent: number;
  framesTotal: number;
  customerTurns: number;
  /** Sentences whose article is in the top 3 for one of the recognised customer turns. */
  found: number;
}

async function run(variant: Variant, customer: Int16Array, agent: Int16Array): Promise<Result> {
  const state = new AppState();
  const log = silentLogger();
  const index = new KnowledgeIndex(new (loadDriver())(':memory:'), Date.now, 'main');
  index.replaceAll(demoArticles());
  const transcriber = new PocketsphinxTranscriber({ decoderOptions: variant.decoderOptions });
  const service = new AssistService({ state, hub: new EventHub(log), log, index, transcriber: () => transcriber, vad: sileroVad(), fallbackVad: passthroughVad });
  await service.start();
  state.upsertCall({ id: 'ab', direction: 'inbound', state: 'connected', remoteNumber: '1004', startedAt: Date.now(), connectedAt: Date.now(), onHold: false, muted: false });
  await sleep(100); // the service opens the call's session on the state's next change event
  const before = new Set(childPids());
  const legs = [
    { leg: 'customer' as const, samples: customer, gate: new SilenceGate(), seq: 0 },
    { leg: 'agent' as const, samples: agent, gate: new SilenceGate(), seq: 0 },
  ];
  const frames = Math.floor(customer.length / 1600);
  // An empty frame per leg opens its recogniser, which loads its model before the clock starts.
  for (const leg of legs) service.ingestPcm({ callId: 'ab', leg: leg.leg, seq: leg.seq++, sampleRate: 16000, pcm: new Int16Array(0) });
  let helpers: number[] = [];
  for (let i = 0; i < 100 && helpers.length < 2; i += 1) {
    await sleep(100);
    helpers = childPids().filter((pid) => !before.has(pid));
  }
  await sleep(1_500);
  const helperCpu0 = helpers.map(cpuSeconds);
  const main0 = process.cpuUsage();
  for (let i = 0; i < frames; i += 1) {
    for (const leg of legs) {
      const frame = leg.samples.slice(i * 1600, i * 1600 + 1600);
      for (const pcm of variant.gate ? leg.gate.push(frame) : [frame]) service.ingestPcm({ callId: 'ab', leg: leg.leg, seq: leg.seq++, sampleRate: 16000, pcm });
    }
    if (i % 10 === 9) await sleep(1);
  }
  // Done when the helpers have been idle for 2 s (their last final is out).
  let last = helpers.map(cpuSeconds).reduce((a, b) => a + b, 0);
  for (;;) {
    await sleep(2_000);
    const now = helpers.map(cpuSeconds).reduce((a, b) => a + b, 0);
    if (now === last) break;
    last = now;
  }
  const main = process.cpuUsage(main0);
  const helperCpu = helpers.map(cpuSeconds).reduce((sum, cpu, i) => sum + cpu - helperCpu0[i]!, 0);
  const turns = service.view().calls.find((call) => call.callId === 'ab')?.turns.filter((turn) => turn.leg === 'customer') ?? [];
  const top3 = turns.map((turn) => index.suggest([turn.text], { limit: 3 }).map((hit) => hit.articleId));
  const found = TALKING_CUSTOMER.filter(({ article }) => top3.some((ids) => ids.includes(article))).length;
  await service.dispose();
  return { mainCpu: (main.user + main.system) / 1e6, helperCpu, framesSent: legs[0]!.seq + legs[1]!.seq - 2, framesTotal: 2 * frames, customerTurns: turns.length, found };
}

async function main(): Promise<void> {
  const missing = speechToolsMissing();
  if (missing) throw new Error(missing);
  const customer = readWav(await speechWav(TALKING_SCRIPT, { leadSeconds: 1.5 })).samples;
  const agent = tone(Math.ceil(customer.length / 16000) + 1);
  const minutes = customer.length / 16000 / 60;
  const results = new Map<string, Result[]>();
  for (let round = 0; round < rounds; round += 1) {
    for (const variant of VARIANTS) {
      const result = await run(variant, customer, agent);
      results.set(variant.name, [...(results.get(variant.name) ?? []), result]);
    }
  }
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(`\nA call with live transcription, main's side: ${(minutes * 60).toFixed(0)} s of call (talking customer + agent tone), ${rounds} rounds interleaved, lowest CPU of the rounds; load average at the end ${load}\n`);
  console.log('| variant | frames to main (both legs) | main CPU s per min of call | recognisers CPU s per min | together, % of one core | customer turns | sentences whose article is found |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const variant of VARIANTS) {
    const list = results.get(variant.name)!;
    const main = Math.min(...list.map((r) => r.mainCpu)) / minutes;
    const helpers = Math.min(...list.map((r) => r.helperCpu)) / minutes;
    const first = list[0]!;
    console.log(`| ${variant.name} | ${first.framesSent}/${first.framesTotal} | ${main.toFixed(1)} | ${helpers.toFixed(1)} | ${(((main + helpers) / 60) * 100).toFixed(1)} % | ${list.map((r) => r.customerTurns).join(', ')} | ${list.map((r) => `${r.found}/${TALKING_CUSTOMER.length}`).join(', ')} |`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
