// `npm run assist:eval` through the product's real path: the reference gateway (gateway/) on loopback
// publishes the articles on its change feed; the app's KnowledgeSync pulls them into the knowledge index
// attached to a real SQLCipher store (temp folder); each call is replayed turn by turn, with speaker
// labels, through a text-driven recogniser (main/assist/asr/textTranscriber.ts) into AssistModule —
// redaction, sentiment, suggestions and the wrap-up draft run exactly as on a live call, and the draft
// lands in the wrap-up form (WrapUpModule) as in the app. Everything the run stored, showed or logged is
// written out and scanned for the calls' labelled sensitive items.
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { startGateway } from '../../gateway/server';
import type { AssistDraft } from '../../common/contract/assist';
import type { Call } from '../../common/contract/model';
import { PocketsphinxTranscriber } from '../../main/assist/asr/pocketsphinx';
import { energyVad, TextTranscriber, type TextStream } from '../../main/assist/asr/textTranscriber';
import { AssistModule } from '../../main/assist/module';
import { GatewayClient } from '../../main/gateway/gatewayClient';
import { redact, redactText } from '../../main/assist/redaction';
import { loadSounds } from '../../main/assist/soundAlike';
import { readWav, speechToolsMissing, speechWav } from '../../main/assist/testing/speech';
import { sileroVad } from '../../main/assist/vad';
import { EventHub } from '../../main/ipc/hub';
import { IpcRouter } from '../../main/ipc/router';
import { createLogger, LOG_FILE_NAME } from '../../main/log/logger';
import { OutboxModule } from '../../main/outbox/module';
import { AppState } from '../../main/session/state';
import { openEncryptedStore } from '../../main/store/store';
import { systemScheduler } from '../../main/time/scheduler';
import { WrapUpModule } from '../../main/wrapup/module';
import { readArticles, readJsonLines, readQueries, tagText, EvalCallSchema, type EvalCall, type EvalQuery } from './formats';
import { findLeaks, sameTopic, scoreCalls, scoreCallSlices, scoreQueries, tables, type CallOutput, type CallScores, type Leak, type QuerySlice } from './score';

export interface EvalOptions {
  articles: string;
  queries?: string;
  calls?: string;
  out: string;
  /**
   * Synthetic speech instead of text: English calls are spoken by Festival (main/assist/testing/speech.ts)
   * and recognised by the real pocketsphinx recogniser with Silero VAD; other calls are skipped.
   */
  speech?: boolean;
  /** Progress lines (default: stderr). */
  progress?: (line: string) => void;
}

export interface EvalSummary {
  articles: number;
  queries: QuerySlice[];
  calls?: CallScores;
  /** The same per call language (when the calls say theirs). */
  callSlices: Array<{ slice: string; scores: CallScores }>;
  leaks?: { leaks: Leak[]; scanned: number; skipped: number };
  /** The printed tables. */
  table: string;
}

const TOKEN = 'assist-eval-token';
/** Simulated speaking pace: the service's clock moves on with every word and pause (windows are time-based). */
const WORD_MS = 320;
const PAUSE_MS = 700;

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function pcmFrame(callId: string, leg: 'customer' | 'agent', seq: number, loud: boolean | Int16Array) {
  const pcm = typeof loud === 'boolean' ? new Int16Array(1600).fill(loud ? 1000 : 0) : loud;
  return { callId, leg, seq, sampleRate: 16000 as const, pcm: Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength).toString('base64') };
}

const CJK = /[\u3400-\u9fff]/;

async function until<T>(read: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined || Date.now() > end) return value;
    await delay(10);
  }
}

/** Local noon of the call's day: relative dates ("next Thursday") resolve against it. */
function callDay(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, 12).getTime();
}

export async function runAssistEval(options: EvalOptions): Promise<EvalSummary> {
  const progress = options.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
  // Read and check every input before anything starts: a bad line stops the run with its place named.
  const articles = readArticles(options.articles);
  const queries: EvalQuery[] = options.queries ? readQueries(options.queries, articles) : [];
  const calls: EvalCall[] = options.calls ? readJsonLines(options.calls, EvalCallSchema) : [];

  const out = options.out;
  mkdirSync(out, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'assist-eval-'));
  const logDir = join(work, 'log');
  const log = createLogger({ dir: logDir, level: 'debug' });
  let clock = Date.now();
  const now = () => clock;

  const gateway = await startGateway({ dbFile: join(work, 'gateway.db'), token: TOKEN, port: 0, host: '127.0.0.1' });
  const shown: string[] = [];
  let assist: AssistModule | undefined;
  let wrapup: WrapUpModule | undefined;
  let outbox: OutboxModule | undefined;
  try {
    // The feed carries exactly the given articles: the gateway's demo seed is withdrawn first.
    const published = new Date();
    const given = new Set(articles.map((article) => article.id));
    for (const change of gateway.knowledge.changes(0, 100_000).changes) if (!given.has(change.id)) gateway.knowledge.remove(change.id, published);
    for (const article of articles) {
      gateway.knowledge.upsert({ id: article.id, lang: article.lang, title: article.title, url: article.url ?? `https://kb.example/${encodeURIComponent(article.id)}`, body: article.body, tags: tagText(article.tags), topic: article.topic }, published);
    }

    mkdirSync(join(work, 'store'));
    const store = openEncryptedStore({ file: join(work, 'store', 'hearthline.db'), key: randomBytes(32), log: log.child({ component: 'store' }) });
    const state = new AppState();
    const hub = new EventHub(log);
    hub.attach('ui', (channel, payload) => {
      if (channel === 'assist.changed' || channel === 'wrapup.changed') shown.push(JSON.stringify({ channel, payload }));
    });
    const router = new IpcRouter(log);
    const crm = GatewayClient.from({ url: gateway.url, token: TOKEN });
    outbox = new OutboxModule({ db: store.db, client: crm, scheduler: systemScheduler, log: log.child({ component: 'outbox' }), normaliseNumber: (number) => number });
    outbox.start();
    wrapup = new WrapUpModule({ db: store.db, storage: store.status, outbox, gateway: crm, state, hub, log: log.child({ component: 'wrapup' }), redactNotes: redactText });
    const transcriber = new TextTranscriber();
    const recogniser = options.speech ? new PocketsphinxTranscriber() : transcriber;
    const wrap = wrapup;
    assist = new AssistModule(
      { state, hub, router, log: log.child({ component: 'assist' }), policy: () => ({ asrProvider: 'cloud' }), dispositions: () => wrap.dispositionList().map((d) => d.code), store, gateway: crm },
      { transcriber: recogniser, vad: options.speech ? sileroVad() : energyVad, now, knowledgeSyncIntervalMs: 24 * 3600_000 },
    );
    const drafts = new Map<string, AssistDraft>();
    assist.service.onDraft((draft, replaces) => {
      drafts.set(draft.callId, draft);
      wrap.prefill(draft.callId, { ...draft, replacesNotes: replaces?.notes });
    });
    wrapup.start();
    await assist.start();
    const status = await assist.knowledgeSync.syncNow();
    if (status.state !== 'synced') {
      throw new Error(`the knowledge sync from the gateway did not complete: ${JSON.stringify(status)}`);
    }
    progress(`synced ${assist.index.count()} articles from the gateway feed into the encrypted index`);
    // The outcome list comes from the gateway (GET /v1/dispositions) and is cached in the store.
    await until(() => (store.db.prepare("SELECT 1 FROM settings WHERE key = 'dispositions'").get() ? true : undefined), 5000);

    // Queries: the suggestion path of a customer utterance (redacted, rare-term query, re-ranked), top 10.
    const ranked = new Map<string, string[]>();
    const queryLines: string[] = [];
    // In a call the first Chinese partial loads the pinyin reader for the ones after it; each query here stands for such a later one.
    if (queries.length) await loadSounds();
    for (const query of queries) {
      const clean = redact(query.text).text;
      const hits = assist.index.suggestFor(assist.index.buildQuery([clean]), { limit: 10 }, clean);
      ranked.set(query.id, hits.map((hit) => hit.articleId));
      queryLines.push(JSON.stringify({ id: query.id, ranked: ranked.get(query.id) }));
    }
    writeFileSync(join(out, 'queries.ranked.jsonl'), queryLines.join('\n') + (queryLines.length ? '\n' : ''));
    if (queries.length) progress(`ranked ${queries.length} queries`);

    // Calls: turn by turn through the recogniser interface.
    const outputs = new Map<string, CallOutput>();
    const turnLines: string[] = [];
    const draftLines: string[] = [];
    const transcriptLines: string[] = [];
    if (options.speech) {
      const missing = speechToolsMissing();
      if (missing) throw new Error(`--speech needs Festival and sox: ${missing}`);
    }
    for (const [index, script] of calls.entries()) {
      if (options.speech && script.turns.some((turn) => CJK.test(turn.text))) {
        progress(`call ${index + 1}/${calls.length} ${script.id}: skipped (synthetic speech is English only)`);
        continue;
      }
      clock = callDay(script.call_date) + index * 60_000;
      const callId = `eval-${index + 1}`;
      const call: Call = { id: callId, direction: 'inbound', state: 'connected', remoteNumber: script.customer_number || 'unknown', startedAt: clock, connectedAt: clock, onHold: false, muted: false };
      state.upsertCall(call);
      await until(() => (assist!.service.view().calls.some((c) => c.callId === callId) ? true : undefined), 2000);
      const streams = new Map<'customer' | 'agent', TextStream>();
      const seq = { customer: 0, agent: 0 };
      const top3ByTurn: string[][] = [];
      for (const [turnIndex, turn] of script.turns.entries()) {
        const leg = turn.speaker;
        if (!streams.has(leg) && !options.speech) {
          // The leg's first frame opens its recognition stream (synchronously), silent so it says nothing.
          assist.service.ingest(pcmFrame(callId, leg, seq[leg]++, false));
          streams.set(leg, transcriber.lastOpened!);
        }
        if (options.speech) {
          // Festival speaks the turn; the frames go in as the engine would send them, then a second of silence.
          const { samples } = readWav(await speechWav([turn.text]));
          const before = assist.service.view().calls.find((c) => c.callId === callId)?.turns.length ?? 0;
          for (let i = 0; i < samples.length; i += 1600) {
            clock += 100;
            assist.service.ingest(pcmFrame(callId, leg, seq[leg]++, samples.slice(i, i + 1600)));
            if (i % 16000 === 0) await delay(5);
          }
          for (let i = 0; i < 12; i += 1) {
            clock += 100;
            assist.service.ingest(pcmFrame(callId, leg, seq[leg]++, new Int16Array(1600)));
          }
          await until(() => ((assist!.service.view().calls.find((c) => c.callId === callId)?.turns.length ?? 0) > before ? true : undefined), 8000);
        } else {
          const stream = streams.get(leg)!;
          stream.say(turn.text);
          const final = stream.nextFinal();
          for (let word = 0; word < stream.wordCount; word += 1) {
            clock += WORD_MS;
            assist.service.ingest(pcmFrame(callId, leg, seq[leg]++, true));
            await delay(0);
          }
          clock += PAUSE_MS;
          assist.service.ingest(pcmFrame(callId, leg, seq[leg]++, false));
          await Promise.race([final, delay(5000)]);
        }
        const view = assist.service.view().calls.find((c) => c.callId === callId);
        const top3 = (view?.suggestions ?? []).slice(0, 3).map((s) => s.articleId);
        top3ByTurn.push(top3);
        turnLines.push(JSON.stringify({ call: script.id, turn: turnIndex, speaker: leg, top3 }));
      }
      const view = assist.service.view().calls.find((c) => c.callId === callId);
      clock += 2000;
      state.upsertCall({ ...call, state: 'ended', endedAt: clock, endReason: 'hungUpRemote' });
      const draft = await until(() => drafts.get(callId), 10_000);
      transcriptLines.push(JSON.stringify({ call: script.id, turns: (view?.turns ?? []).map((t) => ({ speaker: t.leg, text: t.text })) }));
      const entity = (kind: string) => draft?.entities.find((e) => e.kind === kind)?.value;
      const amountValue = entity('amount');
      const output: CallOutput = {
        id: script.id,
        top3ByTurn,
        disposition: draft?.disposition ?? '',
        orderNumber: entity('order'),
        amount: amountValue ? { value: Number(amountValue.split(' ')[0]), currency: amountValue.split(' ')[1] ?? '' } : undefined,
        date: entity('date'),
        promises: draft?.promiseDetails ?? (draft?.promises ?? []).map((what) => ({ what })),
        reasonArticleId: draft?.reasonArticleId,
      };
      outputs.set(script.id, output);
      draftLines.push(
        JSON.stringify({
          call: script.id,
          disposition: output.disposition,
          order_number: output.orderNumber ?? null,
          amount: output.amount ?? null,
          date: output.date ?? null,
          promises: output.promises,
          reason_article: output.reasonArticleId ?? null,
          reason: draft?.reason ?? null,
          notes: draft?.notes ?? null,
        }),
      );
      progress(`call ${index + 1}/${calls.length} ${script.id}: ${output.disposition || '(no draft)'}`);
    }
    writeFileSync(join(out, 'calls.top3.jsonl'), turnLines.join('\n') + (turnLines.length ? '\n' : ''));
    writeFileSync(join(out, 'drafts.jsonl'), draftLines.join('\n') + (draftLines.length ? '\n' : ''));
    writeFileSync(join(out, 'transcripts.jsonl'), transcriptLines.join('\n') + (transcriptLines.length ? '\n' : ''));

    await delay(300);
    // Everything the run stored: every row of every table of the store and of the knowledge index file.
    writeFileSync(join(out, 'stored.jsonl'), dumpStore(store.db));

    const querySlices = scoreQueries(queries, ranked);
    // A copy of the labelled article in the caller's script (same topic) is the right article shown.
    const same = sameTopic(articles);
    const callScores = calls.some((call) => call.expect) ? scoreCalls(calls, outputs, same) : undefined;
    const callSlices = callScores ? scoreCallSlices(calls, outputs, same) : [];
    await assist.dispose();
    assist = undefined;
    await wrapup.dispose();
    wrapup = undefined;
    await outbox.dispose();
    outbox = undefined;
    store.close();
    writeFileSync(join(out, 'shown.jsonl'), shown.join('\n') + (shown.length ? '\n' : ''));
    await delay(100);
    if (existsSync(join(logDir, LOG_FILE_NAME))) cpSync(join(logDir, LOG_FILE_NAME), join(out, 'logged.jsonl'));
    else writeFileSync(join(out, 'logged.jsonl'), '');

    const leaks = calls.length ? findLeaks(calls, outputTexts(out)) : undefined;
    const summary: EvalSummary = { articles: articles.length, queries: querySlices, calls: callScores, callSlices, leaks, table: tables(querySlices, callScores, leaks, callSlices) };
    writeFileSync(join(out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
    return summary;
  } finally {
    await assist?.dispose().catch(() => undefined);
    await wrapup?.dispose().catch(() => undefined);
    await outbox?.dispose().catch(() => undefined);
    await gateway.close();
    log.flush?.();
    rmSync(work, { recursive: true, force: true });
  }
}

interface DumpDb {
  prepare(sql: string): { all(...args: unknown[]): unknown[] };
}

/** All rows of all ordinary tables (FTS shadow tables hold the same text again), as JSON Lines. */
export function dumpStore(db: DumpDb): string {
  const lines: string[] = [];
  const schemas = (db.prepare('PRAGMA database_list').all() as Array<{ name: string }>).map((row) => row.name).filter((name) => name !== 'temp');
  for (const schema of schemas) {
    const tablesIn = db.prepare(`SELECT name FROM "${schema}".sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'`).all() as Array<{ name: string }>;
    for (const { name } of tablesIn) {
      if (/_(data|idx|docsize|config|content)$/.test(name) || name.startsWith('sqlite_')) continue;
      for (const row of db.prepare(`SELECT * FROM "${schema}"."${name}"`).all()) lines.push(JSON.stringify({ table: `${schema}.${name}`, row }, (_key, value: unknown) => (Buffer.isBuffer(value) ? `<${value.length} bytes>` : value)));
    }
  }
  return lines.join('\n') + (lines.length ? '\n' : '');
}

/** Every output file's text (the summary holds no call text and is written after the scan). */
export function outputTexts(dir: string): Map<string, string> {
  const texts = new Map<string, string>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const file = join(folder, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name !== 'summary.json') texts.set(relative(dir, file), readFileSync(file, 'utf8'));
    }
  };
  walk(dir);
  return texts;
}
