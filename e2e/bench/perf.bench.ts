/**
 * The whole-app performance table: Hearthline (headless host: main under Node, the engine in its own
 * Chromium, the UI in the agent's browser) beside a bare JsSIP page on the same local stack, in the same
 * run. Prints one markdown table (docs/performance.md explains the rows); nothing is asserted.
 *
 *   npm run bench                                    (every bench, on the shipped NODE_ENV=production build)
 *   NODE_ENV=production HEARTHLINE_UI_PROFILING=1 npm run build && bash e2e/run.sh bench e2e/bench/perf.bench.ts
 *
 * Env: HEARTHLINE_BENCH_QUICK=1 (a short smoke: the small numbers in brackets below), HEARTHLINE_BENCH_STARTS
 * (5; 1), HEARTHLINE_BENCH_RELOADS (10; 2), HEARTHLINE_BENCH_CALLS (10; 2 ringing calls, each with the
 * shipped UI and again with the profiling UI), HEARTHLINE_BENCH_DRAFTS (20; 2 wrap-up drafts left open
 * before the ringing calls), HEARTHLINE_BENCH_CPU_MS (10000; 3000), HEARTHLINE_BENCH_SHIFT_CALLS (50; 20
 * calls back to back, sampled every 10).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { readWav, type Script, speechWav, TALKING_CUSTOMER } from '../../main/assist/testing/speech';
import { soakTable, soakViolations, type SoakSample } from '../../main/reliability/soakBounds';
import { REPO_ROOT } from '../../stack/audio';
import { type Baresip, LocalStack, preciseNow } from '../../stack/stack';
import { launchChromium, newPhoneContext } from '../support/browser';
import { HeadlessApp } from '../support/hearthline';
import { jsHeapMb } from '../support/jsHeap';
import { JsSipPhone, PhonePageServer } from '../support/jssip-phone';
import { backToAvailable, SoakRun } from '../support/soak';
import { engineCalls, enginePage, eventually, liveCallId, presence, sipTrace, sleep } from '../support/softphone';
import { BenchSamples, OpenThings } from './benchRun';
import { firstToLast, median, NONE, p50p95, ratio, row } from './perfTable';
import { childPids, cpuShares, loadAverage } from './processes';
import { machinePolicyFile } from '../support/policyFile';
import { RECORD_REACT_COMMITS, reactCommits } from '../support/reactCommits';

const QUICK = process.env.HEARTHLINE_BENCH_QUICK === '1';
const setting = (name: string, full: number, quick: number) => Number(process.env[`HEARTHLINE_BENCH_${name}`] ?? (QUICK ? quick : full));
const STARTS = setting('STARTS', 5, 1);
const RELOADS = setting('RELOADS', 10, 2);
const CALLS = setting('CALLS', 10, 2);
const DRAFTS = setting('DRAFTS', 20, 2);
const CPU_MS = setting('CPU_MS', 10_000, 3_000);
const SHIFT_CALLS = setting('SHIFT_CALLS', 50, 20);
/** The back-to-back calls are sampled after every this many (the issue's "every 10 calls"). */
const SHIFT_EVERY = 10;
/** Engine (and bare page) idle CPU window per back-to-back sample, as in e2e/support/soak.ts. */
const IDLE_CPU_MS = 3_000;
/** The UI's react-dom profiling build (scripts/build.mjs, HEARTHLINE_UI_PROFILING=1), for the React Profiler rows only. */
const PROFILING_UI = join(REPO_ROOT, 'dist', 'bench', 'ui-profiling.js');

const samples = new BenchSamples();
const open = new OpenThings();

/**
 * Runs in the UI page before its scripts: when the page first painted "Ready" (ms after navigation
 * start), and per ringing call when its snapshot arrived on the bridge and when the card was painted.
 * A WebSocket listener added in the constructor runs before the bridge's own onmessage handler.
 */
const UI_MARKS = `(() => {
  const marks = { readyAt: 0, snapshot: {}, painted: {}, suggestions: [] };
  window.__perfMarks = marks;
  const epoch = () => performance.timeOrigin + performance.now();
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
  /** Each change of the suggestions shown, when painted (epoch ms) and which articles. */
  suggestions: Array<{ at: number; ids: string }>;
}
const uiMarks = (page: Page) => page.evaluate(() => (window as unknown as { __perfMarks: UiMarks }).__perfMarks);

/** What dist/ holds (scripts/build.mjs writes dist/build-info.json). */
function buildInfo(): { line: string; shipped: boolean } {
  const file = join(REPO_ROOT, 'dist', 'build-info.json');
  if (!existsSync(file)) return { line: 'unknown (no dist/build-info.json: rebuild)', shipped: false };
  const info = JSON.parse(readFileSync(file, 'utf8')) as { ui: string; engine: string; main: string; uiProfilingBundle: boolean };
  const shipped = info.ui === 'production' && info.engine === 'production' && info.main === 'production';
  return { line: `UI ${info.ui}, engine ${info.engine}, main ${info.main}${info.uiProfilingBundle ? '; React Profiler rows: the profiling UI bundle' : ''}`, shipped };
}


/** A browser launched for the bench, closed at the end whatever happens; with the pids of its processes. */
async function trackedBrowser(fakeMicWav: string): Promise<{ browser: Browser; roots: number[]; close: () => Promise<void> }> {
  const before = new Set(childPids(process.pid, /chrom/i));
  const browser = await launchChromium({ fakeMicWav });
  return { browser, roots: childPids(process.pid, /chrom/i).filter((pid) => !before.has(pid)), close: open.track(browser, (it) => it.close()) };
}

// ---- bare JsSIP page: the floor ------------------------------------------------------------------

/**
 * Until the bare page hears the customer (20 ms windows). The page answers "no remote audio yet" until
 * the remote track exists; that is waited through, not taken as the moment audio came.
 */
async function remoteAudioHeard(phone: JsSipPhone, timeoutMs: number): Promise<void> {
  const deadline = preciseNow() + timeoutMs;
  for (;;) {
    try {
      await phone.waitForRemoteAudio('sound', { windowMs: 20, timeoutMs: Math.max(0, deadline - preciseNow()) });
      return;
    } catch (error) {
      if (preciseNow() > deadline || !String(error).includes('no remote audio yet')) throw error;
      await sleep(5);
    }
  }
}

/** The bare page's figures every SHIFT_EVERY calls back to back. */
const bareShift: Array<{ calls: number; heapMb: number; idleCpuPct: number }> = [];

/**
 * The bare page opens its microphone without processing; Hearthline's calls use echo cancellation, noise
 * suppression and gain control by default (the audio service runs them: 4–5 points of a core in
 * e2e/bench/engineCpu.bench.ts). The same call with one more microphone track opened with them is the
 * like-for-like floor, printed beside the bare page's own.
 */
async function bareWithProcessedMicrophone(phone: JsSipPhone, roots: number[]): Promise<number> {
  await phone.page.evaluate(async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true } });
    (window as unknown as { benchProcessed: MediaStream }).benchProcessed = stream;
  });
  try {
    await sleep(500);
    return (await cpuShares({ browser: { roots } }, CPU_MS)).browser!;
  } finally {
    await phone.page.evaluate(() => (window as unknown as { benchProcessed: MediaStream }).benchProcessed.getTracks().forEach((track) => track.stop()));
  }
}

async function bare(stack: LocalStack, server: PhonePageServer): Promise<void> {
  const account = { wsUrl: stack.wsUrl, uri: stack.uri('1003'), password: stack.password('1003') };
  for (let i = 0; i < STARTS; i += 1) {
    await samples.attempt('bare: start', async () => {
      const started = preciseNow();
      const { browser, close } = await trackedBrowser(stack.audio.agentTone);
      try {
        const phone = await JsSipPhone.open(await newPhoneContext(browser), server);
        if ((await phone.register(account)).ok) samples.record('bare start', preciseNow() - started);
        else throw new Error('the bare page did not register');
        await phone.unregisterAndStop();
      } finally {
        await close();
      }
    });
  }
  const { browser, roots, close } = await trackedBrowser(stack.audio.agentTone);
  try {
    for (let i = 0; i < RELOADS; i += 1) {
      await samples.attempt('bare: page load', async () => {
        const started = preciseNow();
        const context = await newPhoneContext(browser);
        try {
          const phone = await JsSipPhone.open(context, server);
          if ((await phone.register(account)).ok) samples.record('bare load', preciseNow() - started);
          else throw new Error('the bare page did not register');
          await phone.unregisterAndStop();
        } finally {
          await context.close();
        }
      });
    }
    const phone = await JsSipPhone.open(await newPhoneContext(browser), server);
    if (!(await phone.register(account)).ok) throw new Error('the bare page did not register for its calls');
    const customer = stack.phone('1002');
    const recover = async () => {
      await customer.hangupAll().catch(() => undefined);
      await phone.hangupAll().catch(() => undefined);
    };
    for (let i = 0; i < CALLS; i += 1) {
      const ok = await samples.attempt('bare: call', async () => {
        const since = preciseNow();
        await customer.dial('1003');
        const session = await phone.waitForEvent('newSession', { since });
        samples.record('bare ringing', session.at - since);
        await sleep(300);
        const answeredAt = preciseNow();
        await phone.answer(session.sessionId);
        await remoteAudioHeard(phone, 5_000);
        samples.record('bare rtp', preciseNow() - answeredAt);
        if (samples.values('bare cpu').length === 0) {
          samples.record('bare cpu', (await cpuShares({ browser: { roots } }, CPU_MS)).browser);
          samples.record('bare cpu processed', await bareWithProcessedMicrophone(phone, roots));
          const heap = await jsHeapMb(phone.page);
          samples.record('bare heap live', heap.live);
          samples.record('bare heap before gc', heap.beforeGc);
        }
        await customer.hangup();
        await phone.waitForEvent('ended', { since });
        await sleep(100);
        return true;
      });
      if (!ok) await recover();
    }
    // The floor of the back-to-back calls: the same number of calls into the bare page.
    for (let n = 1; n <= SHIFT_CALLS; n += 1) {
      const ok = await samples.attempt('bare: back-to-back call', async () => {
        const since = preciseNow();
        await phone.answerCallFrom(customer, '1003');
        await sleep(1_000);
        await customer.hangup();
        await phone.waitForEvent('ended', { since });
        return true;
      });
      if (!ok) await recover();
      if (n % SHIFT_EVERY === 0) {
        await samples.attempt('bare: back-to-back sample', async () => {
          await sleep(1_000);
          const heap = await jsHeapMb(phone.page);
          const idle = await cpuShares({ browser: { roots } }, IDLE_CPU_MS);
          bareShift.push({ calls: n, heapMb: heap.live, idleCpuPct: idle.browser! });
        });
      }
    }
  } finally {
    await close();
  }
}

// ---- Hearthline ------------------------------------------------------------------------------------

/**
 * The agent 1001 signed in; waits up to a minute for Ready (the machine is shared and may be busy). No
 * resource census: it wraps every timer and listener of main and the engine, which is not what ships.
 */
async function startAgent(stack: LocalStack, name: string, extraArgs: string[], uiInitScript?: string, uiBrowser?: Browser): Promise<{ app: HeadlessApp; close: () => Promise<void> }> {
  const app = await HeadlessApp.start({
    uiBrowser,
    name,
    runDir: join(stack.runDir, 'apps'),
    fakeMicWav: stack.audio.agentTone,
    config: { sip: { wsUri: stack.wsUrl, sipUri: stack.uri('1001'), password: stack.password('1001'), displayName: 'Bench (1001)' }, wrapUpSeconds: 0, alertTimeoutSeconds: 60 },
    extraArgs,
    uiInitScript,
    resourceCensus: false,
  });
  const close = open.track(app, (it) => it.stop());
  try {
    await presence(app).filter({ hasText: /^Ready$/ }).waitFor({ timeout: 60_000 });
  } catch (error) {
    await close();
    throw error;
  }
  return { app, close };
}

async function hearthlineStarts(stack: LocalStack): Promise<void> {
  for (let i = 0; i < STARTS; i += 1) {
    await samples.attempt('host start', async () => {
      const started = preciseNow();
      const { close } = await startAgent(stack, `start-${i}`, ['--policy-file', machinePolicyFile({ asrProvider: 'off' })]);
      samples.record('start', preciseNow() - started);
      await close();
    });
  }
  // As on an agent's desk: the browser already runs when the host starts, and the UI opens in a new
  // window of it (the row above also launches that browser; an Electron start has one browser process).
  const desk = await trackedBrowser(stack.audio.agentTone);
  try {
    for (let i = 0; i < STARTS; i += 1) {
      await samples.attempt('host start, browser open', async () => {
        const started = preciseNow();
        const { close } = await startAgent(stack, `start-open-${i}`, ['--policy-file', machinePolicyFile({ asrProvider: 'off' })], undefined, desk.browser);
        samples.record('start browser open', preciseNow() - started);
        await close();
      });
    }
  } finally {
    await desk.close();
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

interface MeasuredApp {
  app: HeadlessApp;
  uiRoots: number[];
  close: () => Promise<void>;
}

async function startMeasured(stack: LocalStack, name: string, policy: Record<string, unknown>, db: boolean): Promise<MeasuredApp> {
  const before = new Set(childPids(process.pid, /chrom/i));
  const extraArgs = ['--policy-file', machinePolicyFile(policy)];
  if (db) extraArgs.push('--db', join(mkdtempSync(join(os.tmpdir(), 'hl-bench-db-')), 'hearthline.db'));
  const { app, close } = await startAgent(stack, name, extraArgs, UI_MARKS);
  return { app, close, uiRoots: childPids(process.pid, /chrom/i).filter((pid) => !before.has(pid)) };
}

/** After a call that went wrong: both sides hang up and the agent is Ready again (wrap-up is 0 s here). */
async function recoverCall(stack: LocalStack, app: HeadlessApp): Promise<void> {
  await stack.phone('1002').hangupAll().catch(() => undefined);
  await presence(app).filter({ hasText: /^(Ready|Not Ready.*)$/ }).waitFor({ timeout: 30_000 }).catch(() => undefined);
  await backToAvailable(app.ui);
}

async function answerAndHangUp(stack: LocalStack, app: HeadlessApp, duringTheCall?: () => Promise<void>): Promise<void> {
  const customer = stack.phone('1002');
  const since = preciseNow();
  await app.answerCallFrom(customer, '1001');
  await duringTheCall?.();
  await customer.hangup();
  await customer.waitFor('CALL_CLOSED', { since });
  await presence(app).filter({ hasText: /^(Ready|Not Ready)$/ }).waitFor({ timeout: 10_000 });
}

/** Both pages' live heaps during a call whose own wrap-up draft is the only one (no earlier drafts open). */
async function heapsWithOwnDraftOnly(measured: MeasuredApp): Promise<void> {
  await sleep(1_000); // past the call's set-up, as in duringCall
  const [ui, engineHeap] = [await jsHeapMb(measured.app.ui), await jsHeapMb(await enginePage(measured.app))];
  samples.record('heap live first call', ui.live + engineHeap.live);
  samples.record('heap ui live first call', ui.live);
  samples.record('heap engine live first call', engineHeap.live);
}

/** CPU of each of the app's processes during a live call, and (without transcription) both pages' heaps. */
async function duringCall(measured: MeasuredApp, label: string): Promise<void> {
  const engine = await enginePage(measured.app);
  await sleep(1_000); // past the call's set-up
  const cpu = await cpuShares(await appProcesses(measured.app, measured.uiRoots), CPU_MS);
  for (const part of ['main', 'engine', 'ui']) samples.record(`cpu ${label} ${part}`, cpu[part]);
  samples.record(`cpu ${label}`, cpu.main! + cpu.engine! + cpu.ui!);
  samples.record(`cpu ${label} renderers`, cpu.engine! + cpu.ui!);
  console.log(`CPU during a call, ${label}: main ${cpu.main!.toFixed(1)} %, engine ${cpu.engine!.toFixed(1)} %, UI ${cpu.ui!.toFixed(1)} % of one core`);
  if (label !== 'without transcription') return;
  const [ui, engineHeap] = [await jsHeapMb(measured.app.ui), await jsHeapMb(engine)];
  samples.record('heap live', ui.live + engineHeap.live);
  samples.record('heap before gc', ui.beforeGc + engineHeap.beforeGc);
  samples.record('heap ui live', ui.live);
  samples.record('heap engine live', engineHeap.live);
  samples.record('heap ui before gc', ui.beforeGc);
  samples.record('heap engine before gc', engineHeap.beforeGc);
}

/**
 * One ringing call with the drafts open: the customer dials, the card rings, the agent answers, the
 * customer hangs up. `ui` says which UI build is in the page: the shipped one gives the paint, RTP, CPU and
 * heap figures; the profiling one the React Profiler's.
 */
async function ringingCall(stack: LocalStack, measured: MeasuredApp, ui: 'shipped' | 'profiling'): Promise<true> {
  const { app } = measured;
  const customer = stack.phone('1002');
  const since = preciseNow();
  await customer.dial('1001');
  const ringingCard = app.ui.locator('[data-testid="call-card"][data-call-state="ringing"]');
  await ringingCard.waitFor({ timeout: 10_000 });
  const callId = (await ringingCard.getAttribute('data-call-id')) ?? '';
  const marks = await eventually(() => uiMarks(app.ui), (value) => (value.painted[callId] ?? 0) > 0, 'ringing painted', 5_000);
  const snapshotAt = marks.snapshot[callId] ?? Number.NaN;
  if (ui === 'shipped') {
    const invite = (await sipTrace(app)).find((entry) => entry.dir === 'in' && entry.method === 'INVITE' && !entry.inDialog && entry.at >= since);
    samples.record('ringing', invite ? marks.painted[callId]! - invite.at : undefined);
    samples.record('ringing from dial', marks.painted[callId]! - since);
    samples.record('render', marks.painted[callId]! - snapshotAt);
  } else {
    // The commit that first put this ringing card in the DOM, as the React Profiler saw it.
    const [commits, timeOrigin] = await Promise.all([reactCommits(app.ui), app.ui.evaluate(() => performance.timeOrigin)]);
    const commit = commits.ringing[callId];
    samples.record('react render', commit?.ms);
    samples.record('snapshot to commit', commit ? timeOrigin + commit.at - snapshotAt : Number.NaN);
    samples.record('render profiling', marks.painted[callId]! - snapshotAt);
  }
  await sleep(300);
  const clickedAt = preciseNow();
  await ringingCard.getByTestId('answer').click();
  const engineCall = await eventually(async () => (await engineCalls(app)).find((call) => call.callId === callId), (call) => call?.firstAudioAt !== undefined, 'first audio');
  if (ui === 'shipped') samples.record('rtp', engineCall!.firstAudioAt! - clickedAt);
  await customer.waitFor('CALL_ESTABLISHED', { since });
  if (ui === 'shipped' && samples.values('cpu without transcription').length === 0) await duringCall(measured, 'without transcription');
  // The same UI page's heap in the profiling build, beside the shipped build's (what the bench used to read).
  if (ui === 'profiling' && samples.values('heap ui live profiling').length === 0) {
    const heap = await jsHeapMb(app.ui);
    samples.record('heap ui live profiling', heap.live);
    samples.record('heap ui before gc profiling', heap.beforeGc);
  }
  await customer.hangup();
  await customer.waitFor('CALL_CLOSED', { since });
  await presence(app).filter({ hasText: /^(Ready|Not Ready)$/ }).waitFor({ timeout: 10_000 });
  return true;
}

/**
 * The same app, its UI page reloaded with react-dom's profiling build in place of the shipped one (the
 * request for ui.js is answered with dist/bench/ui-profiling.js) and the Profiler hook installed. The
 * drafts live in main, so they are still open.
 */
async function swapInProfilingUi(app: HeadlessApp): Promise<boolean> {
  if (!existsSync(PROFILING_UI)) {
    console.log(`React Profiler rows skipped: no ${PROFILING_UI} (build with HEARTHLINE_UI_PROFILING=1, as npm run bench does)`);
    return false;
  }
  const context = app.ui.context();
  await context.addInitScript(RECORD_REACT_COMMITS);
  await context.route((url) => url.pathname === '/ui.js', (route) => route.fulfill({ path: PROFILING_UI, contentType: 'text/javascript; charset=utf-8' }));
  await app.ui.reload();
  await presence(app).filter({ hasText: /^Ready$/ }).waitFor({ timeout: 30_000 });
  const { commits } = await reactCommits(app.ui);
  if (!commits.some((commit) => commit.ms > 0)) throw new Error(`the profiling UI reported no Profiler durations (${commits.length} commits seen)`);
  return true;
}

async function hearthline(stack: LocalStack): Promise<void> {
  const measured = await samples.attempt('app for the call figures: start', () => startMeasured(stack, 'perf', { asrProvider: 'off' }, true));
  if (measured) {
    const { app } = measured;
    try {
      for (let i = 0; i < RELOADS; i += 1) {
        await samples.attempt('page load', async () => {
          await app.ui.reload();
          await presence(app).filter({ hasText: /^Ready$/ }).waitFor({ timeout: 20_000 });
          const marks = await eventually(() => uiMarks(app.ui), (value) => value.readyAt > 0, 'Ready painted', 5_000);
          samples.record('load', marks.readyAt);
        });
      }
      // Open, unsubmitted wrap-up drafts: every answered call leaves one.
      // The first of them is the agent's first call of the session: both heaps with only that call's own draft.
      for (let i = 0; i < DRAFTS; i += 1) {
        const firstCallHeaps = i === 0 ? () => heapsWithOwnDraftOnly(measured) : undefined;
        if (!(await samples.attempt('open a wrap-up draft', () => answerAndHangUp(stack, app, firstCallHeaps).then(() => true)))) await recoverCall(stack, app);
      }
      for (let i = 0; i < CALLS; i += 1) {
        if (!(await samples.attempt('ringing call (shipped UI)', () => ringingCall(stack, measured, 'shipped')))) await recoverCall(stack, app);
      }
      if (await samples.attempt('profiling UI: swap in', () => swapInProfilingUi(app))) {
        for (let i = 0; i < CALLS; i += 1) {
          if (!(await samples.attempt('ringing call (profiling UI)', () => ringingCall(stack, measured, 'profiling')))) await recoverCall(stack, app);
        }
      }
    } finally {
      await measured.close();
    }
  }
  // Live transcription on this computer (the default policy), one call with a talking customer measured.
  const transcribing = await samples.attempt('app with transcription: start', () => startMeasured(stack, 'perf-asr', {}, false));
  if (!transcribing) return;
  try {
    const asr = await transcribing.app.ui.evaluate(() => (window as unknown as { hearthline: { invoke: (channel: string, payload: unknown) => Promise<{ asr: { provider: string; state: string } }> } }).hearthline.invoke('assist.view', {}));
    console.log(`live transcription: ${asr.asr.provider} ${asr.asr.state}`);
    await samples.attempt('talking customer', () => talkingCustomer(stack, transcribing));
  } finally {
    await transcribing.close();
  }
}

// ---- 50 calls back to back -------------------------------------------------------------------------

/**
 * The shift's calls (e2e/support/soak.ts: a baresip customer, worked through the UI with a store and the
 * CRM gateway, a hold or a transfer every 10th) with its own stack, sampled every SHIFT_EVERY calls: the
 * engine's idle CPU, live audio nodes and tracks, main's RSS and heap, both pages' heaps after a GC. No UI
 * reload or engine restart in between (they would reset the figures being watched).
 */
async function backToBack(): Promise<SoakSample[]> {
  const shift: SoakSample[] = [];
  const run = await SoakRun.start({ talkMs: 1_000, restartEvery: Number.POSITIVE_INFINITY, log: (line) => console.log(line) });
  const close = open.track(run, (it) => it.stop());
  try {
    for (let n = 1; n <= SHIFT_CALLS; n += 1) {
      if (!(await samples.attempt('back-to-back call', () => run.call(n).then(() => true)))) await samples.attempt('back-to-back call: recover', () => run.recover());
      if (n % SHIFT_EVERY === 0) {
        const sample = await samples.attempt('back-to-back sample', () => run.sample(n));
        if (sample) shift.push(sample);
      }
    }
  } finally {
    await close();
  }
  return shift;
}

// ---- a talking customer: end of each utterance → the suggestions it brought painted ----------------

// The customer's words (TALKING_CUSTOMER, Festival voice), long pauses between them.
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

async function talkingCustomer(stack: LocalStack, measured: MeasuredApp): Promise<void> {
  const customer = stack.phone('1004');
  try {
    await talkingCall(customer, measured);
  } finally {
    await customer.hangupAll().catch(() => undefined);
  }
}

async function talkingCall(customer: Baresip, measured: MeasuredApp): Promise<void> {
  const { app } = measured;
  const spans = utterances(talkingWav);
  await app.answerCallFrom(customer, '1001');
  const callId = await liveCallId(app, '1004');
  const heard = await eventually(async () => (await engineCalls(app)).find((call) => call.callId === callId), (call) => call?.firstAudioAt !== undefined, 'first audio');
  const origin = heard!.firstAudioAt!;
  const engine = await enginePage(app);
  const batches = () => engine.evaluate(() => (window as unknown as { hearthlineEngineDebug: { assistTap: () => { batchesSent: number } } }).hearthlineEngineDebug.assistTap().batchesSent);
  const batchesBefore = await batches();
  const batchesFrom = preciseNow();
  await duringCall(measured, 'with transcription');
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
        samples.record('suggestion missed', 1);
        return console.log(`sentence ${i + 1}: ${article} never shown`);
      }
      samples.record('suggestion painted', latency);
      console.log(`sentence ${i + 1}: ${article} painted ${latency.toFixed(0)} ms after the words ended`);
    });
  }
  await customer.hangup();
  await customer.waitFor('CALL_CLOSED');
}

// ---- the table ---------------------------------------------------------------------------------------

function printTable(load: string[], shift: SoakSample[]): void {
  const v = (key: string) => samples.values(key);
  const build = buildInfo();
  const lines: string[] = [];
  const out = (line = '') => lines.push(line);
  out(`\n## Hearthline vs a bare JsSIP page (${new Date().toISOString()}${QUICK ? '; QUICK smoke, not for the results' : ''})`);
  out(`\nBuild: ${build.line}.${build.shipped ? '' : ' **Not the shipped build**: run NODE_ENV=production HEARTHLINE_UI_PROFILING=1 npm run build (npm run bench does).'}`);
  out(`Load average (1/5/15 min) at the start, after the bare floor, after Hearthline's calls, at the end: ${load.join(' → ')}. The machine is shared: read ratios.\n`);
  out(row('figure', 'goal', 'bare JsSIP', 'Hearthline', 'ratio'));
  out('|---|---|---|---|---|');
  const drafts = (offset: number) => `${DRAFTS + offset}–${DRAFTS + offset + Math.max(0, CALLS - 1)} drafts open`;
  out(row(`host start → registered and Ready (p50 / p95, n=${v('start').length}/${STARTS})`, '≤ 1.5 s', p50p95(v('bare start')), p50p95(v('start')), ratio(v('start'), v('bare start'))));
  out(row(`host start → registered and Ready, the agent's browser already open: the UI in a new window of it (p50 / p95, n=${v('start browser open').length}/${STARTS}); bare: a new page in its open browser → registered`, '≤ 1.5 s', p50p95(v('bare load')), p50p95(v('start browser open')), ratio(v('start browser open'), v('bare load'))));
  out(row(`page load → registered shown (p50 / p95, n=${v('load').length}/${RELOADS})`, 'p95 ≤ 300 ms', p50p95(v('bare load')), p50p95(v('load')), ratio(v('load'), v('bare load'), 95)));
  out(row(`customer dials → ringing card painted, ${drafts(0)} (p50 / p95, n=${v('ringing from dial').length}/${CALLS}); bare: → INVITE in the page`, 'p95 ≤ 100 ms and ≤ bare + 50', p50p95(v('bare ringing')), p50p95(v('ringing from dial')), ratio(v('ringing from dial'), v('bare ringing'), 95)));
  out(row(`INVITE on the engine's WebSocket → ringing card painted (p50 / p95)`, '—', NONE, p50p95(v('ringing')), '—'));
  out(row(`ringing snapshot at the UI → card painted (render), ${drafts(0)} (p50 / p95)`, '≤ 10 ms', NONE, p50p95(v('render')), '—'));
  out(row(`*profiling UI* (react-dom profiling build + DevTools hook, same app after a reload): ringing snapshot → card committed to the DOM, ${drafts(CALLS)} (p50 / p95, n=${v('snapshot to commit').length})`, '≤ 10 ms', NONE, p50p95(v('snapshot to commit')), '—'));
  out(row(`*profiling UI*: React Profiler render of the ringing commit (actualDuration) (p50 / p95); snapshot → painted in this build: ${p50p95(v('render profiling'))}`, '—', NONE, p50p95(v('react render')), '—'));
  out(row('renderer CPU during a call, no transcription: engine + UI browsers, all their processes (% of one core)', '≤ 8 %', median(v('bare cpu'), '%'), median(v('cpu without transcription renderers'), '%'), ratio(v('cpu without transcription renderers'), v('bare cpu'))));
  out(row('↳ per process', '', `browser ${median(v('bare cpu'), '%')}; with a microphone processed as Hearthline's (echo cancellation, noise suppression, gain control) ${median(v('bare cpu processed'), '%')}`, `main ${median(v('cpu without transcription main'), '%')}, engine ${median(v('cpu without transcription engine'), '%')}, UI ${median(v('cpu without transcription ui'), '%')}; all app processes ${median(v('cpu without transcription'), '%')}`, ''));
  out(row('CPU during a call with live transcription, a talking customer, all app processes', '≤ 35 %', NONE, median(v('cpu with transcription'), '%'), '—'));
  out(row('↳ per process', '', '', `main with its ASR helpers ${median(v('cpu with transcription main'), '%')}, engine ${median(v('cpu with transcription engine'), '%')}, UI ${median(v('cpu with transcription ui'), '%')}`, ''));
  out(row('JS heap during the first call after start (its own wrap-up draft only), UI + engine, live (CDP, after HeapProfiler.collectGarbage)', '≤ 12 MB', median(v('bare heap live'), 'MB'), `${median(v('heap live first call'), 'MB')} (UI ${median(v('heap ui live first call'), 'MB')}, engine ${median(v('heap engine live first call'), 'MB')})`, ratio(v('heap live first call'), v('bare heap live'))));
  out(row(`JS heap during a call, ${drafts(0)}, UI + engine, live (CDP, after HeapProfiler.collectGarbage)`, '≤ 12 MB', median(v('bare heap live'), 'MB'), `${median(v('heap live'), 'MB')} (UI ${median(v('heap ui live'), 'MB')}, engine ${median(v('heap engine live'), 'MB')})`, ratio(v('heap live'), v('bare heap live'))));
  out(row('JS heap during a call, UI + engine, in use before a GC (Runtime.getHeapUsage as read before)', '—', median(v('bare heap before gc'), 'MB'), `${median(v('heap before gc'), 'MB')} (UI ${median(v('heap ui before gc'), 'MB')}, engine ${median(v('heap engine before gc'), 'MB')})`, ratio(v('heap before gc'), v('bare heap before gc'))));
  out(row('*profiling UI*: UI JS heap during a call, live / before a GC (against the shipped UI in the rows above)', '—', NONE, `${median(v('heap ui live profiling'), 'MB')} / ${median(v('heap ui before gc profiling'), 'MB')}`, '—'));
  const suggestions = v('suggestion painted');
  out(row(`end of customer utterance → its article painted (p50 / p95, n=${suggestions.length} sentences, ${v('suggestion missed').length} never shown; negative = before the words ended)`, 'p95 ≤ 500 ms', NONE, `${p50p95(suggestions)}${suggestions.length ? ` (${suggestions.map((value) => value.toFixed(0)).join(', ')})` : ''}`, '—'));
  out(row('answer click → first inbound RTP (p50 / p95)', '≤ 1.2× bare', `${p50p95(v('bare rtp'))} (answer → remote audio heard, 20 ms windows)`, p50p95(v('rtp')), ratio(v('rtp'), v('bare rtp'))));
  out(shiftRow(shift));
  out();
  out(`Back-to-back calls, Hearthline every ${SHIFT_EVERY} (main/reliability/soakBounds.ts; heaps after a forced GC; engine idle CPU over ${IDLE_CPU_MS / 1000} s):\n`);
  out(shift.length ? soakTable(shift) : '(no samples)');
  out(`\nBack-to-back calls, the bare page every ${SHIFT_EVERY}: ${bareShift.map((s) => `${s.calls}: heap ${s.heapMb.toFixed(1)} MB, idle CPU ${s.idleCpuPct.toFixed(1)} %`).join('; ') || '(no samples)'}`);
  const failures = samples.failureLines();
  out(`\nFailed samples (left out of the figures above): ${failures.length ? `\n- ${failures.join('\n- ')}` : 'none'}`);
  console.log(lines.join('\n'));
}

/** The issue's "50 calls back to back … every 10 calls; all flat" row. */
function shiftRow(shift: SoakSample[]): string {
  const pick = (key: keyof SoakSample) => shift.map((sample) => sample[key]);
  const leftBehind = Math.max(0, ...shift.map((sample) => sample.audioNodes + sample.liveTracks + sample.peerConnections));
  const hearthline = shift.length
    ? `engine idle CPU ${firstToLast(pick('engineIdleCpuPct'), '%')}; audio nodes + tracks + PCs between calls, most: ${leftBehind}; main RSS ${firstToLast(pick('mainRssMb'), 'MB')}; heaps: main ${firstToLast(pick('mainHeapMb'), 'MB')}, UI ${firstToLast(pick('uiHeapMb'), 'MB')}, engine ${firstToLast(pick('engineHeapMb'), 'MB')}`
    : NONE;
  const bareFloor = bareShift.length ? `idle CPU ${firstToLast(bareShift.map((s) => s.idleCpuPct), '%')}; heap ${firstToLast(bareShift.map((s) => s.heapMb), 'MB')}` : NONE;
  const problems = shift.slice(1).flatMap((sample) => soakViolations(shift[0]!, sample));
  const verdict = shift.length < 2 ? NONE : problems.length === 0 ? 'flat ✓' : `grew: ${problems.join('; ')}`;
  return row(`${SHIFT_CALLS} calls back to back (n=${shift.length} samples, every ${SHIFT_EVERY} calls, first = warm-up)`, 'flat', bareFloor, hearthline, verdict);
}

async function main(): Promise<void> {
  const started = Date.now();
  const load = [loadAverage()];
  let shift: SoakSample[] = [];
  try {
    talkingWav = await speechWav(TALKING_SCRIPT, { rate: 48000, leadSeconds: SPEECH_LEAD_S, totalSeconds: 70 });
    // 1004 talks (Opus wideband, as in the assist tests) in the transcription call only.
    const stack = new LocalStack({ phones: ['1002', { user: '1004', micWav: talkingWav, audioCodecs: 'opus/48000/2,PCMU/8000/1' }] });
    const stopStack = open.track(stack, (it) => it.stop());
    await stack.start();
    const server = await PhonePageServer.start();
    const closeServer = open.track(server, (it) => it.close());
    process.env.HEARTHLINE_DB_KEY = randomBytes(32).toString('hex');
    await samples.attempt('bare floor', () => bare(stack, server));
    load.push(loadAverage());
    await hearthlineStarts(stack);
    await samples.attempt('Hearthline calls', () => hearthline(stack));
    load.push(loadAverage());
    await closeServer();
    await stopStack();
    // The back-to-back calls bring their own stack (e2e/support/soak.ts), so this one is stopped first.
    shift = (await samples.attempt('back-to-back calls', () => backToBack())) ?? [];
  } finally {
    const problems = await open.closeAll();
    if (problems.length) console.log(`bench: closing what was left open: ${problems.join('; ')}`);
    load.push(loadAverage());
    printTable(load, shift);
    console.log(`\n(bench took ${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
