/**
 * The whole-app performance table: Hearthline (headless host: main under Node, the engine in its own
 * Chromium, the UI in the agent's browser) beside a bare JsSIP page on the same local stack, in the same
 * run. Prints one markdown table (docs/performance.md explains the rows); nothing is asserted.
 *
 *   npm run bench                                    (every bench; UI in the production build by default)
 *   npm run build && bash e2e/run.sh bench e2e/bench/perf.bench.ts
 *
 * Env: HEARTHLINE_BENCH_STARTS (5), HEARTHLINE_BENCH_RELOADS (10), HEARTHLINE_BENCH_CALLS (10),
 * HEARTHLINE_BENCH_DRAFTS (20 wrap-up drafts left open before the ringing calls), HEARTHLINE_BENCH_CPU_MS (10000).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { readWav, type Script, speechWav } from '../../main/assist/testing/speech';
import { REPO_ROOT } from '../../stack/audio';
import { LocalStack, preciseNow } from '../../stack/stack';
import { launchChromium, newPhoneContext } from '../support/browser';
import { HeadlessApp } from '../support/hearthline';
import { JsSipPhone, PhonePageServer } from '../support/jssip-phone';
import { engineCalls, enginePage, eventually, liveCallId, presence, sipTrace, sleep } from '../support/softphone';
import { percentile } from './percentile';
import { childPids, cpuShares, loadAverage } from './processes';

const STARTS = Number(process.env.HEARTHLINE_BENCH_STARTS ?? 5);
const RELOADS = Number(process.env.HEARTHLINE_BENCH_RELOADS ?? 10);
const CALLS = Number(process.env.HEARTHLINE_BENCH_CALLS ?? 10);
const DRAFTS = Number(process.env.HEARTHLINE_BENCH_DRAFTS ?? 20);
const CPU_MS = Number(process.env.HEARTHLINE_BENCH_CPU_MS ?? 10_000);

/**
 * Runs in the UI page before its scripts: when the page first painted "Ready" (ms after navigation
 * start), and per ringing call when its snapshot arrived on the bridge and when the card was painted.
 * A WebSocket listener added in the constructor runs before the bridge's own onmessage handler.
 */
const UI_MARKS = `(() => {
  const marks = { readyAt: 0, snapshot: {}, painted: {}, committed: {}, renderMs: {}, suggestions: [] };
  window.__perfMarks = marks;
  const epoch = () => performance.timeOrigin + performance.now();
  // The React Profiler's figures, read the way React DevTools reads them: react-dom's profiling build
  // (the bench's UI build, scripts/build.mjs) reports every commit to this hook with the time React spent
  // rendering it (the root fiber's actualDuration). The commit that first puts a ringing card in the DOM
  // is that call's ringing render.
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    isDisabled: false,
    renderers: new Map(),
    inject(renderer) { const id = this.renderers.size + 1; this.renderers.set(id, renderer); return id; },
    checkDCE() {},
    onScheduleFiberRoot() {},
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
    onCommitFiberRoot(_id, root) {
      const at = epoch();
      for (const element of document.querySelectorAll('[data-testid="call-card"][data-call-state="ringing"]')) {
        const id = element.dataset.callId;
        if (!id || id in marks.committed) continue;
        marks.committed[id] = at;
        marks.renderMs[id] = root.current.actualDuration;
      }
    },
  };
  let shownSuggestions = '';
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        if (typeof event.data !== 'string' || !event.data.includes('app.snapshot')) return;
        try {
          const message = JSON.parse(event.data);
          if (message.channel !== 'app.snapshot') return;
          for (const call of message.payload.calls) if (call.state === 'ringing' && !(call.id in marks.snapshot)) marks.snapshot[call.id] = epoch();
        } catch {}
      });
    }
  };
  new MutationObserver(() => {
    const status = document.querySelector('[data-testid="presence"]');
    if (!marks.readyAt && status && status.textContent === 'Ready') requestAnimationFrame(() => { marks.readyAt = marks.readyAt || performance.now(); });
    for (const element of document.querySelectorAll('[data-testid="call-card"][data-call-state="ringing"]')) {
      const id = element.dataset.callId;
      if (!id || id in marks.painted) continue;
      marks.painted[id] = 0;
      requestAnimationFrame(() => { marks.painted[id] = epoch(); });
    }
    const suggestions = [...document.querySelectorAll('[data-testid="suggestion"]')].map((element) => element.dataset.articleId).join(',');
    if (suggestions !== shownSuggestions) {
      shownSuggestions = suggestions;
      requestAnimationFrame(() => marks.suggestions.push({ at: epoch(), ids: suggestions }));
    }
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-call-state'] });
})();`;

interface UiMarks {
  readyAt: number;
  snapshot: Record<string, number>;
  painted: Record<string, number>;
  /** When React committed the ringing card (epoch ms) and how long it rendered (React Profiler, ms). */
  committed: Record<string, number>;
  renderMs: Record<string, number>;
  /** Each change of the suggestions shown, when painted (epoch ms) and which articles. */
  suggestions: Array<{ at: number; ids: string }>;
}
const uiMarks = (page: Page) => page.evaluate(() => (window as unknown as { __perfMarks: UiMarks }).__perfMarks);

const samples = new Map<string, number[]>();
function record(key: string, value: number | undefined): void {
  if (value === undefined || !Number.isFinite(value)) return;
  samples.set(key, [...(samples.get(key) ?? []), value]);
}
const values = (key: string) => samples.get(key) ?? [];

/** JS heap in use by a page (CDP Runtime.getHeapUsage), bytes. */
async function jsHeap(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page);
  try {
    const { usedSize } = (await session.send('Runtime.getHeapUsage')) as { usedSize: number };
    return usedSize;
  } finally {
    await session.detach().catch(() => undefined);
  }
}

function uiBuildMode(): string {
  const bundle = readFileSync(join(REPO_ROOT, 'dist', 'renderer', 'ui.js'), 'utf8');
  return bundle.includes('react-dom.development') ? 'development build (run NODE_ENV=production npm run build for shipped figures)' : 'production build';
}

function policyFile(policy: Record<string, unknown>): string {
  const dir = mkdtempSync(join(os.tmpdir(), 'hl-bench-policy-'));
  chmodSync(dir, 0o755);
  const file = join(dir, 'policy.json');
  writeFileSync(file, JSON.stringify(policy), { mode: 0o644 });
  return file;
}

// ---- bare JsSIP page: the floor ------------------------------------------------------------------

async function bare(stack: LocalStack, server: PhonePageServer): Promise<void> {
  const account = { wsUrl: stack.wsUrl, uri: stack.uri('1003'), password: stack.password('1003') };
  for (let i = 0; i < STARTS; i += 1) {
    const started = preciseNow();
    const browser = await launchChromium({ fakeMicWav: stack.audio.agentTone });
    const phone = await JsSipPhone.open(await newPhoneContext(browser), server);
    const result = await phone.register(account);
    if (result.ok) record('bare start', preciseNow() - started);
    await phone.unregisterAndStop();
    await browser.close();
  }
  const before = new Set(childPids(process.pid, /chrom/i));
  const browser = await launchChromium({ fakeMicWav: stack.audio.agentTone });
  try {
    for (let i = 0; i < RELOADS; i += 1) {
      const started = preciseNow();
      const context = await newPhoneContext(browser);
      const phone = await JsSipPhone.open(context, server);
      if ((await phone.register(account)).ok) record('bare load', preciseNow() - started);
      await phone.unregisterAndStop();
      await context.close();
    }
    const phone = await JsSipPhone.open(await newPhoneContext(browser), server);
    await phone.register(account);
    const customer = stack.phone('1002');
    for (let i = 0; i < CALLS; i += 1) {
      const since = preciseNow();
      await customer.dial('1003');
      const session = await phone.waitForEvent('newSession', { since });
      record('bare ringing', session.at - since);
      await sleep(300);
      const answeredAt = preciseNow();
      await phone.answer(session.sessionId);
      await phone.waitForRemoteAudio('sound', { windowMs: 20, timeoutMs: 5_000 }).catch(() => undefined);
      record('bare rtp', preciseNow() - answeredAt);
      if (i === 0) {
        const browserRoot = childPids(process.pid, /chrom/i).filter((pid) => !before.has(pid));
        const cpu = await cpuShares({ browser: { roots: browserRoot } }, CPU_MS);
        record('bare cpu', cpu.browser);
        record('bare heap', (await jsHeap(phone.page)) / 1e6);
      }
      await customer.hangup();
      await phone.waitForEvent('ended', { since }).catch(() => undefined);
      await sleep(100);
    }
  } finally {
    await browser.close();
  }
}

// ---- Hearthline ------------------------------------------------------------------------------------

/** The agent 1001 signed in; waits up to a minute for Ready (the machine is shared and may be busy). */
async function startAgent(stack: LocalStack, name: string, extraArgs: string[], uiInitScript?: string): Promise<HeadlessApp> {
  const app = await HeadlessApp.start({
    name,
    runDir: join(stack.runDir, 'apps'),
    fakeMicWav: stack.audio.agentTone,
    config: { sip: { wsUri: stack.wsUrl, sipUri: stack.uri('1001'), password: stack.password('1001'), displayName: 'Bench (1001)' }, wrapUpSeconds: 0, alertTimeoutSeconds: 60 },
    extraArgs,
    uiInitScript,
  });
  try {
    await presence(app).filter({ hasText: /^Ready$/ }).waitFor({ timeout: 60_000 });
  } catch (error) {
    await app.stop();
    throw error;
  }
  return app;
}

async function hearthlineStarts(stack: LocalStack): Promise<void> {
  for (let i = 0; i < STARTS; i += 1) {
    const started = preciseNow();
    const app = await startAgent(stack, `start-${i}`, ['--policy-file', policyFile({ asrProvider: 'off' })]);
    record('start', preciseNow() - started);
    await app.stop();
  }
}

/** The app's process trees: main (Node), the engine's browser, the agent's browser (UI). */
async function appProcesses(app: HeadlessApp, uiRoots: number[]): Promise<Record<string, { roots: number[]; exclude?: number[] }>> {
  const engine = await app.waitForEngineLaunch(app.engineLaunchCount);
  const engineRoots = engine.pid ? [engine.pid] : [];
  return {
    main: { roots: app.hostPid ? [app.hostPid] : [], exclude: engineRoots },
    engine: { roots: engineRoots },
    ui: { roots: uiRoots },
  };
}

async function startMeasured(stack: LocalStack, name: string, policy: Record<string, unknown>, db: boolean): Promise<{ app: HeadlessApp; uiRoots: number[] }> {
  const before = new Set(childPids(process.pid, /chrom/i));
  const extraArgs = ['--policy-file', policyFile(policy)];
  if (db) extraArgs.push('--db', join(mkdtempSync(join(os.tmpdir(), 'hl-bench-db-')), 'hearthline.db'));
  const app = await startAgent(stack, name, extraArgs, UI_MARKS);
  return { app, uiRoots: childPids(process.pid, /chrom/i).filter((pid) => !before.has(pid)) };
}

async function answerAndHangUp(stack: LocalStack, app: HeadlessApp, during?: () => Promise<void>): Promise<void> {
  const customer = stack.phone('1002');
  const since = preciseNow();
  await app.answerCallFrom(customer, '1001');
  await during?.();
  await customer.hangup();
  await customer.waitFor('CALL_CLOSED', { since });
  await presence(app).filter({ hasText: /^(Ready|Not Ready)$/ }).waitFor({ timeout: 10_000 });
}

async function duringCall(app: HeadlessApp, uiRoots: number[], label: string): Promise<void> {
  const engine = await enginePage(app);
  await sleep(1_000); // past the call's set-up
  const cpu = await cpuShares(await appProcesses(app, uiRoots), CPU_MS);
  record(`cpu ${label}`, cpu.main! + cpu.engine! + cpu.ui!);
  record(`cpu ${label} renderers`, cpu.engine! + cpu.ui!);
  console.log(`CPU during a call, ${label}: main ${cpu.main!.toFixed(1)} %, engine ${cpu.engine!.toFixed(1)} %, UI ${cpu.ui!.toFixed(1)} % of one core`);
  if (label === 'without transcription') record('heap', ((await jsHeap(app.ui)) + (await jsHeap(engine))) / 1e6);
}

async function hearthline(stack: LocalStack): Promise<void> {
  const { app, uiRoots } = await startMeasured(stack, 'perf', { asrProvider: 'off' }, true);
  try {
    for (let i = 0; i < RELOADS; i += 1) {
      await app.ui.reload();
      await presence(app).filter({ hasText: /^Ready$/ }).waitFor({ timeout: 20_000 });
      const marks = await eventually(() => uiMarks(app.ui), (value) => value.readyAt > 0, 'Ready painted', 5_000);
      record('load', marks.readyAt);
    }
    // Open, unsubmitted wrap-up drafts: every answered call leaves one.
    for (let i = 0; i < DRAFTS; i += 1) await answerAndHangUp(stack, app);
    const customer = stack.phone('1002');
    for (let i = 0; i < CALLS; i += 1) {
      const since = preciseNow();
      await customer.dial('1001');
      const ringingCard = app.ui.locator('[data-testid="call-card"][data-call-state="ringing"]');
      await ringingCard.waitFor({ timeout: 10_000 });
      const callId = (await ringingCard.getAttribute('data-call-id')) ?? '';
      const marks = await eventually(() => uiMarks(app.ui), (value) => (value.painted[callId] ?? 0) > 0, 'ringing painted', 5_000);
      const invite = (await sipTrace(app)).find((entry) => entry.dir === 'in' && entry.method === 'INVITE' && !entry.inDialog && entry.at >= since);
      record('ringing', invite ? marks.painted[callId]! - invite.at : undefined);
      record('ringing from dial', marks.painted[callId]! - since);
      record('render', marks.painted[callId]! - (marks.snapshot[callId] ?? Number.NaN));
      record('react render', marks.renderMs[callId]);
      record('snapshot to commit', (marks.committed[callId] ?? Number.NaN) - (marks.snapshot[callId] ?? Number.NaN));
      await sleep(300);
      const clickedAt = preciseNow();
      await ringingCard.getByTestId('answer').click();
      const engineCall = await eventually(async () => (await engineCalls(app)).find((call) => call.callId === callId), (call) => call?.firstAudioAt !== undefined, 'first audio');
      record('rtp', engineCall!.firstAudioAt! - clickedAt);
      await customer.waitFor('CALL_ESTABLISHED', { since });
      if (i === 0) await duringCall(app, uiRoots, 'without transcription');
      await customer.hangup();
      await customer.waitFor('CALL_CLOSED', { since });
      await presence(app).filter({ hasText: /^(Ready|Not Ready)$/ }).waitFor({ timeout: 10_000 });
    }
  } finally {
    await app.stop();
  }
  // Live transcription on this computer (the default policy), one call with a talking customer measured.
  const transcribing = await startMeasured(stack, 'perf-asr', {}, false);
  try {
    const asr = await transcribing.app.ui.evaluate(() => (window as unknown as { hearthline: { invoke: (channel: string, payload: unknown) => Promise<{ asr: { provider: string; state: string } }> } }).hearthline.invoke('assist.view', {}));
    console.log(`live transcription: ${asr.asr.provider} ${asr.asr.state}`);
    await talkingCustomer(stack, transcribing.app, transcribing.uiRoots);
  } finally {
    await transcribing.app.stop();
  }
}

// ---- a talking customer: end of each utterance → the suggestions it brought painted ----------------

/**
 * The customer's words (Festival voice, the assist tests' tools), one topic per sentence, long pauses, each
 * with the shipped article (assets/kb/demo-articles.json) that answers it.
 */
const TALKING_CUSTOMER: ReadonlyArray<{ say: string; article: string }> = [
  { say: 'Hello, I bought a chair from you last week and it arrived broken.', article: 'damaged-on-arrival' },
  { say: 'I want to return it and get a refund.', article: 'returns-refunds' },
  { say: 'My parcel has not arrived and the delivery is late. Can you track my order?', article: 'track-order' },
  { say: 'My broadband is very slow and the router keeps dropping.', article: 'slow-broadband' },
  { say: 'I was charged twice for one order.', article: 'double-charge' },
  { say: 'I need to cancel my order please.', article: 'cancel-order' },
];
const TALKING_SCRIPT: Script = TALKING_CUSTOMER.flatMap(({ say }) => [say, { pause: 5 }]);
const SPEECH_LEAD_S = 1.5;
/** The talking customer's recording (made in main() before the stack starts). */
let talkingWav = '';

/** Where the speech is in the customer's recording: 20 ms windows above a floor, gaps under 0.8 s joined. */
function utterances(wav: string): Array<{ start: number; end: number }> {
  const { rate, samples } = readWav(wav);
  const window = Math.round(rate / 50);
  const spans: Array<{ start: number; end: number }> = [];
  for (let i = 0; i + window <= samples.length; i += window) {
    let energy = 0;
    for (let j = i; j < i + window; j += 1) energy += samples[j]! * samples[j]!;
    if (Math.sqrt(energy / window) < 300) continue;
    const at = i / rate;
    const last = spans.at(-1);
    if (last && at - last.end < 0.8) last.end = at + window / rate;
    else spans.push({ start: at, end: at + window / rate });
  }
  return spans;
}

/**
 * End of each sentence → its article painted: from the end of the words (`origin`, the call's first
 * inbound RTP packet stamped by the engine, plus where the sentence ends in the recording) to the first
 * painted suggestion list holding the sentence's article. A sentence whose article was already shown when
 * it began is not counted; one whose article never showed is a miss (undefined). Negative: painted from
 * the partial transcript before the words ended.
 */
function articleLatencies(
  spans: ReadonlyArray<{ start: number; end: number }>,
  articles: readonly string[],
  painted: ReadonlyArray<{ at: number; ids: string }>,
  origin: number,
): Array<{ article: string; latency?: number; alreadyShown?: boolean }> {
  return spans.map((span, i) => {
    const article = articles[i]!;
    const shows = (change: { ids: string }) => change.ids.split(',').includes(article);
    const before = painted.filter((change) => change.at < origin + span.start * 1000).at(-1);
    if (before && shows(before)) return { article, alreadyShown: true };
    const first = painted.find((change) => change.at >= origin + span.start * 1000 && shows(change));
    return { article, latency: first ? first.at - (origin + span.end * 1000) : undefined };
  });
}

async function talkingCustomer(stack: LocalStack, app: HeadlessApp, uiRoots: number[]): Promise<void> {
  const customer = stack.phone('1004');
  const spans = utterances(talkingWav);
  await app.answerCallFrom(customer, '1001');
  const callId = await liveCallId(app, '1004');
  const heard = await eventually(async () => (await engineCalls(app)).find((call) => call.callId === callId), (call) => call?.firstAudioAt !== undefined, 'first audio');
  const origin = heard!.firstAudioAt!;
  const engine = await enginePage(app);
  const batches = () => engine.evaluate(() => (window as unknown as { hearthlineEngineDebug: { assistTap: () => { batchesSent: number } } }).hearthlineEngineDebug.assistTap().batchesSent);
  const batchesBefore = await batches();
  const batchesFrom = preciseNow();
  await duringCall(app, uiRoots, 'with transcription');
  console.log(`tap messages to main while talking: ${(((await batches()) - batchesBefore) / ((preciseNow() - batchesFrom) / 1000)).toFixed(1)} per second`);
  const over = origin + (spans.at(-1)!.end + 5) * 1000;
  while (preciseNow() < over) await sleep(250);
  const { suggestions } = await uiMarks(app.ui);
  console.log(`utterances (s into the call): ${spans.map((span) => `${span.start.toFixed(1)}–${span.end.toFixed(1)}`).join(', ')}`);
  console.log(`suggestion lists painted (s into the call): ${suggestions.map((change) => `${((change.at - origin) / 1000).toFixed(2)} [${change.ids}]`).join(', ')}`);
  if (spans.length !== TALKING_CUSTOMER.length) {
    console.log(`the recording's ${spans.length} utterances do not match the ${TALKING_CUSTOMER.length} sentences: no suggestion figures`);
  } else {
    articleLatencies(spans, TALKING_CUSTOMER.map(({ article }) => article), suggestions, origin).forEach(({ article, latency, alreadyShown }, i) => {
      if (alreadyShown) return console.log(`sentence ${i + 1}: ${article} was already shown`);
      if (latency === undefined) {
        record('suggestion missed', 1);
        return console.log(`sentence ${i + 1}: ${article} never shown`);
      }
      record('suggestion painted', latency);
      console.log(`sentence ${i + 1}: ${article} painted ${latency.toFixed(0)} ms after the words ended`);
    });
  }
  await customer.hangup();
  await customer.waitFor('CALL_CLOSED');
}

// ---- the table ---------------------------------------------------------------------------------------

function printTable(load: string[]): void {
  const ms = (list: number[], p: number) => (list.length === 0 ? '–' : `${percentile(list, p).toFixed(p === 50 && Math.abs(percentile(list, p)) < 10 ? 1 : 0)}`);
  const p50p95 = (key: string) => (values(key).length === 0 ? '–' : `${ms(values(key), 50)} / ${ms(values(key), 95)} ms`);
  const median = (key: string, unit: string, digits = 1) => (values(key).length === 0 ? '–' : `${percentile(values(key), 50).toFixed(digits)} ${unit}`);
  const ratio = (a: string, b: string, p = 50) => (values(a).length && values(b).length ? `${(percentile(values(a), p) / percentile(values(b), p)).toFixed(1)}×` : '–');
  console.log(`\n## Hearthline vs a bare JsSIP page (${new Date().toISOString()}; UI: ${uiBuildMode()})`);
  console.log(`\nLoad average (1/5/15 min) at the start, middle and end of the run: ${load.join(' → ')}. The machine is shared: read ratios.\n`);
  console.log('| figure | goal | bare JsSIP | Hearthline | ratio |');
  console.log('|---|---|---|---|---|');
  console.log(`| host start → registered and Ready (p50 / p95, n=${STARTS}) | ≤ 1.5 s | ${p50p95('bare start')} | ${p50p95('start')} | ${ratio('start', 'bare start')} |`);
  console.log(`| page load → registered shown (p50 / p95, n=${RELOADS}) | p95 ≤ 300 ms | ${p50p95('bare load')} | ${p50p95('load')} | ${ratio('load', 'bare load', 95)} |`);
  console.log(`| customer dials → ringing card painted, ${DRAFTS} drafts open (p50 / p95, n=${CALLS}); bare: → INVITE in the page | p95 ≤ 100 ms and ≤ bare + 50 | ${p50p95('bare ringing')} | ${p50p95('ringing from dial')} | ${ratio('ringing from dial', 'bare ringing', 95)} |`);
  console.log(`| INVITE on the engine's WebSocket → ringing card painted (p50 / p95) | — | — | ${p50p95('ringing')} | — |`);
  console.log(`| ringing snapshot at the UI → card painted (render), ${DRAFTS} drafts open (p50 / p95) | ≤ 10 ms | — | ${p50p95('render')} | — |`);
  console.log(`| ringing snapshot at the UI → card committed to the DOM (React DevTools hook), ${DRAFTS} drafts open (p50 / p95) | ≤ 10 ms | — | ${p50p95('snapshot to commit')} | — |`);
  console.log(`| React Profiler: render of the ringing commit (actualDuration), ${DRAFTS} drafts open (p50 / p95) | — | — | ${p50p95('react render')} | — |`);
  console.log(`| CPU during a call, no transcription, all app processes (% of a core) | ≤ 8 % renderers | ${median('bare cpu', '%')} | ${median('cpu without transcription', '%')} (renderers ${median('cpu without transcription renderers', '%')}) | ${ratio('cpu without transcription renderers', 'bare cpu')} |`);
  console.log(`| CPU during a call with live transcription, all app processes | ≤ 35 % | — | ${median('cpu with transcription', '%')} | — |`);
  console.log(`| JS heap during a call, UI + engine | ≤ 12 MB | ${median('bare heap', 'MB')} | ${median('heap', 'MB')} | ${ratio('heap', 'bare heap')} |`);
  const suggestions = values('suggestion painted');
  console.log(`| end of customer utterance → its article painted (p50 / p95, n=${suggestions.length} sentences, ${values('suggestion missed').length} never shown; negative = before the words ended) | p95 ≤ 500 ms | — | ${p50p95('suggestion painted')} (${suggestions.map((value) => value.toFixed(0)).join(', ')}) | — |`);
  console.log(`| answer click → first inbound RTP (p50 / p95) | ≤ 1.2× bare | ${p50p95('bare rtp')} (answer → remote audio heard, 20 ms windows) | ${p50p95('rtp')} | ${ratio('rtp', 'bare rtp')} |`);
}

async function main(): Promise<void> {
  const started = Date.now();
  const load = [loadAverage()];
  talkingWav = await speechWav(TALKING_SCRIPT, { rate: 48000, leadSeconds: SPEECH_LEAD_S, totalSeconds: 70 });
  // 1004 talks (Opus wideband, as in the assist tests) in the transcription call only.
  const stack = new LocalStack({ phones: ['1002', { user: '1004', micWav: talkingWav, audioCodecs: 'opus/48000/2,PCMU/8000/1' }] });
  await stack.start();
  const server = await PhonePageServer.start();
  process.env.HEARTHLINE_DB_KEY = randomBytes(32).toString('hex');
  try {
    await bare(stack, server);
    load.push(loadAverage());
    await hearthlineStarts(stack);
    await hearthline(stack);
    load.push(loadAverage());
    printTable(load);
    console.log(`\n(bench took ${((Date.now() - started) / 1000).toFixed(0)} s)`);
  } finally {
    await server.close();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
