// Pocketsphinx's search settings, A/B on spoken customer questions: the labelled English queries
// (assets/eval/assist/<split>/queries.jsonl) spoken by Festival, each a VAD-sized segment (300 ms
// before, 500 ms after), fed to one helper per setting as main feeds it (100 ms frames, then the end
// of the turn). Per setting: word error rate, the right article in the suggestions' top 3 from what
// was recognised (and from the written text, the ceiling), the decoder's CPU per second of speech,
// and the CPU it spends finishing each turn (its second passes), which the suggestion after the last
// words waits for. CPU is read from /proc and from the helper's own clock: load-insensitive.
//   node --import tsx bench/asrSearch.bench.ts [--split dev|test] [--n 40] [--settings current,fast]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { DECODER_OPTIONS } from '../main/assist/asr/pocketsphinx';
import { defaultModel, ensurePsstream } from '../main/assist/asr/psstreamBuild';
import { loadQuerySplit, type LabelledQuery } from '../main/assist/eval/retrievalEval';
import { demoArticles } from '../main/assist/kb/demoKb';
import { KnowledgeIndex } from '../main/assist/knowledgeIndex';
import { readWav, speechToolsMissing, speechWav } from '../main/assist/testing/speech';
import { loadDriver } from '../main/store/driver';

const SETTINGS: Record<string, readonly string[]> = {
  defaults: [],
  current: DECODER_OPTIONS,
  noflat: ['-fwdflat', 'no'],
  fast: ['-fwdflat', 'no', '-bestpath', 'no'],
  narrow: ['-fwdflat', 'no', '-bestpath', 'no', '-maxhmmpf', '3000'],
};

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const split = (arg('--split') ?? 'dev') as 'dev' | 'test';
const count = Number(arg('--n') ?? 40);
const chosen = (arg('--settings') ?? Object.keys(SETTINGS).join(',')).split(',');

/** CPU seconds (user + system) of a process so far, from /proc. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

const words = (text: string) =>
  text
    .toLowerCase()
    .replace(/\(\d+\)/g, ' ')
    .replace(/[^a-z0-9' ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);

function editDistance(a: readonly string[], b: readonly string[]): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

interface Final {
  text: string;
  audioMs: number;
  endCpuUs: number;
}

interface Decoded {
  /** Per sentence, the words of every final that ended inside it. */
  texts: string[];
  loadCpu: number;
  decodeCpu: number;
  /** CPU the decoder spent finishing each turn the caller ended, µs. */
  endCpuUs: number[];
}

async function decode(helper: string, options: readonly string[], sentences: readonly Int16Array[]): Promise<Decoded> {
  const model = defaultModel();
  const child = spawn(helper, [model.hmm, model.lm, model.dict, ...options], { stdio: ['pipe', 'pipe', 'ignore'] });
  const finals: Final[] = [];
  let readyCpu = NaN;
  let lastCpu = NaN;
  const ready = new Promise<void>((resolve) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const message = JSON.parse(line) as { type: string; text?: string; audioMs?: number; endCpuUs?: number };
      lastCpu = cpuSeconds(child.pid!);
      if (message.type === 'ready') {
        readyCpu = lastCpu;
        resolve();
      }
      if (message.type === 'final') finals.push({ text: message.text ?? '', audioMs: message.audioMs ?? 0, endCpuUs: message.endCpuUs ?? NaN });
    });
  });
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  await ready;
  const ends: number[] = [];
  let total = 0;
  for (const samples of sentences) {
    for (let i = 0; i < samples.length; i += 1600) {
      const pcm = samples.subarray(i, i + 1600);
      const frame = Buffer.alloc(4 + pcm.byteLength);
      frame.writeUInt32LE(pcm.byteLength, 0);
      Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength).copy(frame, 4);
      child.stdin!.write(frame);
    }
    total += samples.length;
    ends.push(Math.floor((total * 1000) / 16000));
    child.stdin!.write(Buffer.alloc(4));
  }
  child.stdin!.end();
  await exited;
  const texts = ends.map((end, i) =>
    finals
      .filter((final) => final.audioMs <= end && final.audioMs > (ends[i - 1] ?? -1))
      .map((final) => final.text)
      .join(' ')
      .trim(),
  );
  // The caller's end of each turn: the last final at each sentence's end.
  const endCpuUs = ends.map((end) => finals.filter((final) => final.audioMs === end).at(-1)?.endCpuUs ?? NaN).filter(Number.isFinite);
  return { texts, loadCpu: readyCpu, decodeCpu: lastCpu - readyCpu, endCpuUs };
}

async function main(): Promise<void> {
  const missing = speechToolsMissing();
  if (missing) throw new Error(missing);
  const english = loadQuerySplit(split).filter((query) => query.lang === 'en');
  // Every k-th English query, so the sample spans the split's topics and styles.
  const step = Math.max(1, Math.floor(english.length / count));
  const queries: LabelledQuery[] = english.filter((_, i) => i % step === 0).slice(0, count);
  const sentences: Int16Array[] = [];
  for (const query of queries) sentences.push(readWav(await speechWav([query.text, { pause: 0.5 }], { leadSeconds: 0.3 })).samples);
  const audioSeconds = sentences.reduce((sum, s) => sum + s.length, 0) / 16000;
  const Driver = loadDriver();
  const index = new KnowledgeIndex(new Driver(':memory:'), Date.now, 'main');
  index.replaceAll(demoArticles());
  const top3 = (text: string, query: LabelledQuery) => index.suggest([text], { limit: 3 }).some((hit) => query.relevant.includes(hit.articleId));
  const ceiling = queries.filter((query) => top3(query.text, query)).length;
  const helper = await ensurePsstream();
  console.log(`\n${split} split: ${queries.length} English queries spoken by Festival, ${audioSeconds.toFixed(1)} s of audio; right article in the top 3 from the written text: ${ceiling}/${queries.length}\n`);
  console.log('| setting | options | WER | right article in top 3 (recognised) | decoder CPU per s of audio | CPU finishing a turn, p50 / p95 | model load CPU |');
  console.log('|---|---|---:|---:|---:|---:|---:|');
  for (const name of chosen) {
    const options = SETTINGS[name];
    if (!options) throw new Error(`unknown setting ${name}; known: ${Object.keys(SETTINGS).join(', ')}`);
    const result = await decode(helper, options, sentences);
    let errors = 0;
    let reference = 0;
    let hits = 0;
    queries.forEach((query, i) => {
      errors += editDistance(words(query.text), words(result.texts[i]!));
      reference += words(query.text).length;
      if (top3(result.texts[i]!, query)) hits += 1;
    });
    const sorted = [...result.endCpuUs].sort((a, b) => a - b);
    const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN;
    console.log(
      `| ${name} | ${options.join(' ') || '(pocketsphinx defaults)'}${name === 'current' ? ' (the app’s DECODER_OPTIONS)' : ''} | ${((errors / reference) * 100).toFixed(1)} % | ${hits}/${queries.length} | ${((result.decodeCpu / audioSeconds) * 1000).toFixed(0)} ms | ${(at(0.5) / 1000).toFixed(0)} / ${(at(0.95) / 1000).toFixed(0)} ms | ${(result.loadCpu * 1000).toFixed(0)} ms |`,
    );
    if (process.argv.includes('--show')) queries.forEach((query, i) => console.log(`  ${query.id}: ${result.texts[i]}`));
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
