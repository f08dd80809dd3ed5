// Pocketsphinx's search settings, A/B on spoken customer questions: the labelled English queries
// (assets/eval/assist/<split>/queries.jsonl) spoken in every condition of the spoken set
// (bench/spokenSet.ts: Festival and espeak-ng voices at varied rates and pitch, some over noise), each a
// VAD-sized turn (300 ms before, 500 ms after), fed to one helper per setting and condition as main
// feeds a call leg (100 ms frames, then the end of the turn). Per setting: word error rate, the right
// article first and in the suggestions' top 3 from what was recognised (from the written text: the
// ceiling), the decoder's CPU per second of audio, and the CPU it spends finishing each turn (its second
// passes), which the suggestion after the last words waits for. CPU is read from /proc: load-insensitive,
// so helpers may run side by side (--jobs). Choose on dev; report test once.
// --codecs codes every turn as a call would (CALL_CODECS in main/assist/testing/callCodecs.ts: Opus at
// 8 and 16 kbit/s, G.711 µ-law; `all` for every one, default `clean`, the set as spoken); --sensitive N
// adds the split's first-spoken English redaction turns (cards, dates, codes read out as words, every
// k-th of them). Then each setting also reports how many of the key words (card, number, order, …) and
// spoken digits the references say were recognised, over queries and sensitive turns together; WER and
// the articles stay over the queries alone.
//   node --import tsx bench/asrSearch.bench.ts [--split dev|test] [--n 36] [--settings current,fast] [--codecs all] [--sensitive 12] [--jobs 2] [--show]
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { DECODER_OPTIONS } from '../main/assist/asr/pocketsphinx';
import { defaultModel, ensurePsstream } from '../main/assist/asr/psstreamBuild';
import { loadQuerySplit, type LabelledQuery } from '../main/assist/eval/retrievalEval';
import { demoArticles } from '../main/assist/kb/demoKb';
import { KnowledgeIndex } from '../main/assist/knowledgeIndex';
import { CALL_CODECS, DIGIT_WORDS, KEY_WORDS, wordRecall, type CallCodec } from '../main/assist/testing/callCodecs';
import { SPOKEN_CONDITIONS, wordErrorRate, type SpokenCondition } from '../main/assist/testing/spokenVariants';
import { loadDriver } from '../main/store/driver';
import { codecToolsMissing, codedTurn, inParallel, spokenTurn, spokenToolsMissing } from './spokenSet';

/** Candidates, fixed before the dev run: the app's settings, and each of them changed one way. */
const ONE_PASS = ['-fwdflat', 'no', '-bestpath', 'no'];
const SETTINGS: Record<string, readonly string[]> = {
  defaults: [],
  current: DECODER_OPTIONS,
  /** Three passes, 2 Gaussians per senone, the full beam (the app's before -maxhmmpf 3000: see DECODER_OPTIONS). */
  topn2: ['-topn', '2'],
  fast: ['-topn', '2', ...ONE_PASS],
  noflat: ['-topn', '2', '-fwdflat', 'no'],
  pl10: ['-topn', '2', '-pl_window', '10'],
  hmm3000: ['-topn', '2', '-maxhmmpf', '3000'],
  beam40: ['-topn', '2', '-beam', '1e-40', '-pbeam', '1e-40', '-wbeam', '1e-24'],
  ds2: ['-topn', '2', '-ds', '2'],
  'fast-pl10': ['-topn', '2', ...ONE_PASS, '-pl_window', '10'],
  'fast-hmm3000': ['-topn', '2', ...ONE_PASS, '-maxhmmpf', '3000'],
};

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const split = (arg('--split') ?? 'dev') as 'dev' | 'test';
const count = Number(arg('--n') ?? 36);
const jobs = Number(arg('--jobs') ?? 2);
const chosen = (arg('--settings') ?? Object.keys(SETTINGS).join(',')).split(',');
const conditionNames = arg('--conditions')?.split(',');
const codecNames = arg('--codecs') === 'all' ? CALL_CODECS.map((codec) => codec.name) : (arg('--codecs') ?? 'clean').split(',');
const sensitiveCount = Number(arg('--sensitive') ?? 0);

/** The split's English redaction turns written as people say them (no numerals), every k-th up to `n`. */
function sensitiveTurns(n: number): string[] {
  if (n <= 0) return [];
  const rows = readFileSync(resolve(__dirname, '..', 'assets', 'eval', 'assist', split, 'redaction.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as { lang: string; text?: string })
    .filter((row): row is { lang: string; text: string } => row.lang === 'en' && typeof row.text === 'string' && !/[0-9]/.test(row.text)); // one-turn rows only
  const step = Math.max(1, Math.floor(rows.length / n));
  return rows.filter((_, i) => i % step === 0).slice(0, n).map((row) => row.text);
}

/** CPU seconds (user + system) of a process so far, from /proc. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

interface Final {
  text: string;
  audioMs: number;
  endCpuUs: number;
}

interface Decoded {
  /** Per turn, the words of every final that ended inside it. */
  texts: string[];
  loadCpu: number;
  decodeCpu: number;
  /** CPU the decoder spent finishing each turn the caller ended, µs. */
  endCpuUs: number[];
}

/** Helpers still running, stopped if the bench is interrupted (they would go on decoding what they were sent). */
const helpers = new Set<ChildProcess>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const child of helpers) child.kill('SIGKILL');
    process.exit(130);
  });
}

async function decode(helper: string, options: readonly string[], turns: readonly Int16Array[]): Promise<Decoded> {
  const model = defaultModel();
  const child = spawn(helper, [model.hmm, model.lm, model.dict, ...options], { stdio: ['pipe', 'pipe', 'ignore'] });
  helpers.add(child);
  child.stdin!.on('error', () => undefined); // a helper that stopped early shows as missing words, not a crash
  child.once('close', () => helpers.delete(child));
  const finals: Final[] = [];
  let readyCpu = NaN;
  let lastCpu = NaN;
  const ready = new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const message = JSON.parse(line) as { type: string; text?: string; audioMs?: number; endCpuUs?: number; message?: string };
      lastCpu = cpuSeconds(child.pid!);
      if (message.type === 'error') reject(new Error(`${options.join(' ')}: ${message.message}`));
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
  for (const samples of turns) {
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
  // Each turn's last final: its second passes are what the suggestion after the last words waits for
  // (the turn ends in the decoder's own silence detection or at the caller's end, whichever is first).
  const endCpuUs = ends
    .map((end, i) => finals.filter((final) => final.audioMs <= end && final.audioMs > (ends[i - 1] ?? -1) && final.text).at(-1)?.endCpuUs ?? NaN)
    .filter(Number.isFinite);
  return { texts, loadCpu: readyCpu, decodeCpu: lastCpu - readyCpu, endCpuUs };
}

interface Scored {
  wer: number;
  keyWords: { said: number; heard: number };
  digits: { said: number; heard: number };
  hit1: number;
  hit3: number;
  audioSeconds: number;
  decodeCpu: number;
  loadCpu: number;
  endCpuUs: number[];
}

const percent = (value: number) => `${(value * 100).toFixed(1)} %`;

async function main(): Promise<void> {
  const codecs: readonly CallCodec[] = codecNames.map((name) => {
    const codec = CALL_CODECS.find((known) => known.name === name);
    if (!codec) throw new Error(`unknown codec ${name}; known: ${CALL_CODECS.map((known) => known.name).join(', ')}, all`);
    return codec;
  });
  const missing = spokenToolsMissing() ?? (codecs.some((codec) => codec.kind === 'opus') ? codecToolsMissing() : undefined);
  if (missing) throw new Error(missing);
  const english = loadQuerySplit(split).filter((query) => query.lang === 'en');
  // Every k-th English query, so the sample spans the split's topics and styles.
  const step = Math.max(1, Math.floor(english.length / count));
  const queries: LabelledQuery[] = english.filter((_, i) => i % step === 0).slice(0, count);
  const conditions: readonly SpokenCondition[] = conditionNames ? SPOKEN_CONDITIONS.filter((c) => conditionNames.includes(c.name)) : SPOKEN_CONDITIONS;
  // Each turn's reference: the queries first (WER and articles are scored on them), then the sensitive turns.
  const references: string[] = [...queries.map((query) => query.text), ...sensitiveTurns(sensitiveCount)];
  const groups = conditions.flatMap((condition) => codecs.map((codec) => ({ condition, codec, name: `${condition.name}/${codec.name}` })));
  const spoken = new Map<string, Int16Array[]>();
  for (const group of groups) {
    spoken.set(group.name, await inParallel(references, jobs, async (text) => codedTurn(await spokenTurn(text, group.condition), group.codec)));
  }
  const audioSeconds = (name: string) => spoken.get(name)!.reduce((sum, s) => sum + s.length, 0) / 16000;
  const totalAudio = groups.reduce((sum, group) => sum + audioSeconds(group.name), 0);

  const Driver = loadDriver();
  const index = new KnowledgeIndex(new Driver(':memory:'), Date.now, 'main');
  index.replaceAll(demoArticles());
  const rankOf = (text: string, query: LabelledQuery) => index.suggest([text], { limit: 3 }).findIndex((hit) => query.relevant.includes(hit.articleId));
  const ceiling1 = queries.filter((query) => rankOf(query.text, query) === 0).length;
  const ceiling3 = queries.filter((query) => rankOf(query.text, query) >= 0).length;
  const helper = await ensurePsstream();
  console.log(
    `\n${split} split: ${queries.length} English queries and ${references.length - queries.length} sensitive turns × ${conditions.length} spoken conditions (${conditions.map((c) => c.name).join(', ')}) × ${codecs.length} codecs (${codecs.map((c) => c.name).join(', ')}) = ${references.length * groups.length} turns, ${totalAudio.toFixed(0)} s of audio; from the written text: right article first ${ceiling1}/${queries.length}, in the top 3 ${ceiling3}/${queries.length}; load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}\n`,
  );

  // Group by group, every setting on each: a run cut short still compares the settings on the same turns.
  const tasks = groups.flatMap((group) => chosen.map((name) => ({ name, group })));
  for (const { name } of tasks) if (!SETTINGS[name]) throw new Error(`unknown setting ${name}; known: ${Object.keys(SETTINGS).join(', ')}`);
  const perSetting = new Map<string, Scored[]>();
  const results = await inParallel(tasks, jobs, async ({ name, group }): Promise<Scored & { name: string; condition: string; codec: string; texts: string[] }> => {
    const result = await decode(helper, SETTINGS[name]!, spoken.get(group.name)!);
    const ranks = queries.map((query, i) => rankOf(result.texts[i]!, query));
    const all = references.map((reference, i) => ({ reference, hypothesis: result.texts[i]! }));
    const keyWords = wordRecall(all, KEY_WORDS);
    const digits = wordRecall(all, DIGIT_WORDS);
    console.log(`  done ${name} ${group.name}: WER ${percent(wordErrorRate(all.slice(0, queries.length)))}, top 3 ${ranks.filter((rank) => rank >= 0).length}/${queries.length}, key words ${keyWords.heard}/${keyWords.said}, digits ${digits.heard}/${digits.said}, ${((result.decodeCpu / audioSeconds(group.name)) * 1000).toFixed(0)} ms CPU per s`);
    return {
      name,
      condition: group.condition.name,
      codec: group.codec.name,
      texts: result.texts,
      wer: wordErrorRate(queries.map((query, i) => ({ reference: query.text, hypothesis: result.texts[i]! }))),
      keyWords,
      digits,
      hit1: ranks.filter((rank) => rank === 0).length,
      hit3: ranks.filter((rank) => rank >= 0).length,
      audioSeconds: audioSeconds(group.name),
      decodeCpu: result.decodeCpu,
      loadCpu: result.loadCpu,
      endCpuUs: result.endCpuUs,
    };
  });

  const turns = queries.length * groups.length;
  const recall = (rows: Scored[], pick: (row: Scored) => { said: number; heard: number }) => {
    const said = rows.reduce((sum, row) => sum + pick(row).said, 0);
    return said ? `${rows.reduce((sum, row) => sum + pick(row).heard, 0)}/${said}` : '–';
  };
  console.log('| setting | options | WER | right article first | in the top 3 | key words heard | digits heard | decoder CPU per s of audio | CPU finishing a turn, p50 / p95 | model load CPU |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const name of chosen) {
    const rows = results.filter((row) => row.name === name);
    const pairs = rows.flatMap((row) => queries.map((query, i) => ({ reference: query.text, hypothesis: row.texts[i]! })));
    perSetting.set(name, rows);
    const sorted = rows.flatMap((row) => row.endCpuUs).sort((a, b) => a - b);
    const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN;
    const cpu = rows.reduce((sum, row) => sum + row.decodeCpu, 0) / rows.reduce((sum, row) => sum + row.audioSeconds, 0);
    const load = rows.reduce((sum, row) => sum + row.loadCpu, 0) / rows.length;
    console.log(
      `| ${name} | ${SETTINGS[name]!.join(' ') || '(pocketsphinx defaults)'}${name === 'current' ? ' (the app’s DECODER_OPTIONS)' : ''} | ${percent(wordErrorRate(pairs))} | ${rows.reduce((s, r) => s + r.hit1, 0)}/${turns} | ${rows.reduce((s, r) => s + r.hit3, 0)}/${turns} | ${recall(rows, (r) => r.keyWords)} | ${recall(rows, (r) => r.digits)} | ${(cpu * 1000).toFixed(0)} ms | ${(at(0.5) / 1000).toFixed(0)} / ${(at(0.95) / 1000).toFixed(0)} ms | ${(load * 1000).toFixed(0)} ms |`,
    );
  }
  const breakdown = (title: string, keys: readonly string[], of: (row: (typeof results)[number]) => string) => {
    console.log(`\nPer ${title} (WER, in the top 3, key words, digits, decoder CPU per s of audio):\n`);
    console.log(`| setting | ${keys.join(' | ')} |`);
    console.log(`|---|${keys.map(() => '---:').join('|')}|`);
    for (const name of chosen) {
      const cells = keys.map((key) => {
        const rows = results.filter((r) => r.name === name && of(r) === key);
        const wer = wordErrorRate(rows.flatMap((row) => queries.map((query, i) => ({ reference: query.text, hypothesis: row.texts[i]! }))));
        const cpu = rows.reduce((sum, row) => sum + row.decodeCpu, 0) / rows.reduce((sum, row) => sum + row.audioSeconds, 0);
        return `${percent(wer)}, ${rows.reduce((s, r) => s + r.hit3, 0)}/${queries.length * rows.length}, ${recall(rows, (r) => r.keyWords)}, ${recall(rows, (r) => r.digits)}, ${(cpu * 1000).toFixed(0)} ms`;
      });
      console.log(`| ${name} | ${cells.join(' | ')} |`);
    }
  };
  breakdown('condition', conditions.map((c) => c.name), (row) => row.condition);
  if (codecs.length > 1) breakdown('codec', codecs.map((c) => c.name), (row) => row.codec);
  if (process.argv.includes('--show')) {
    for (const row of results) references.forEach((reference, i) => console.log(`  ${row.name} ${row.condition}/${row.codec} ${queries[i]?.id ?? `sensitive-${i - queries.length + 1}`}: ${row.texts[i]}`));
  }
  console.log(`\nload average at the end: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
