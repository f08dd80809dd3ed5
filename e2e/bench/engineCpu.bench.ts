/**
 * Where the call engine's CPU goes during a call without transcription, against a bare JsSIP page on the
 * same stack and codec in the same run: CPU per kind of Chromium process (/proc: browser, renderer, GPU,
 * audio and network services), the page's own JavaScript by function (CDP Profiler self time), and the
 * engine page's live heap by constructor (a heap snapshot). Calls alternate bare / engine so both sides
 * see the same load. Nothing is asserted; docs/performance.md explains what it showed.
 *
 *   npm run build && bash e2e/run.sh bench e2e/bench/engineCpu.bench.ts
 *
 * Env: HEARTHLINE_BENCH_ROUNDS (3: calls per side), HEARTHLINE_BENCH_CPU_MS (6000: each window),
 * HEARTHLINE_BENCH_HEAP (1: print the heap by constructor; 0 skips the snapshots).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { REPO_ROOT } from '../../stack/audio';
import { LocalStack, preciseNow } from '../../stack/stack';
import { launchChromium, newPhoneContext } from '../support/browser';
import { HeadlessApp } from '../support/hearthline';
import { jsHeapMb } from '../support/jsHeap';
import { JsSipPhone, PhonePageServer } from '../support/jssip-phone';
import { machinePolicyFile } from '../support/policyFile';
import { enginePage, presence, sleep } from '../support/softphone';
import { OpenThings } from './benchRun';
import { childPids, loadAverage, treeCpuMs } from './processes';

const ROUNDS = Number(process.env.HEARTHLINE_BENCH_ROUNDS ?? 3);
const CPU_MS = Number(process.env.HEARTHLINE_BENCH_CPU_MS ?? 6_000);
const HEAP = process.env.HEARTHLINE_BENCH_HEAP !== '0';
const open = new OpenThings();

type Shares = Record<string, number>;
interface Side {
  cpu: Shares[];
  /** Self time per "function url" as a share of the window, summed over the calls. */
  selfMs: Map<string, number>;
  profiledMs: number;
}
const newSide = (): Side => ({ cpu: [], selfMs: new Map(), profiledMs: 0 });
/**
 * The two pages as they are, and each with one thing added for the same call (the next window): the bare
 * page with a second microphone track opened with the processing Hearthline uses by default (echo
 * cancellation, noise suppression, gain control: the bare page opens its microphone without), the engine
 * with one more running, silent AudioContext (what the ringer kept running between rings before), and
 * with a second call-quality poll (getStats and its summary once a second: what the engine's own costs).
 */
const sides = {
  bareIdle: newSide(),
  engineIdle: newSide(),
  bare: newSide(),
  bareProcessed: newSide(),
  engine: newSide(),
  engineIdleContext: newSide(),
  engineSecondPoll: newSide(),
};

const OPEN_PROCESSED_MICROPHONE = async () => {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true } });
  (window as unknown as { benchExtra: () => void }).benchExtra = () => stream.getTracks().forEach((track) => track.stop());
};
const OPEN_IDLE_CONTEXT = async () => {
  const context = new AudioContext({ latencyHint: 'interactive' });
  const gain = context.createGain();
  gain.gain.value = 0;
  gain.connect(context.destination);
  await context.resume();
  (window as unknown as { benchExtra: () => void }).benchExtra = () => void context.close();
};
const SECOND_QUALITY_POLL = () => {
  const debug = (window as unknown as { hearthlineEngineDebug: { calls: () => Promise<unknown> } }).hearthlineEngineDebug;
  const timer = window.setInterval(() => void debug.calls(), 1_000);
  (window as unknown as { benchExtra: () => void }).benchExtra = () => window.clearInterval(timer);
};
const CLOSE_EXTRA = () => (window as unknown as { benchExtra: () => void }).benchExtra();

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** CPU per process kind of the trees over the window (% of one core), with the page's CDP profile. */
async function measure(side: Side, roots: number[], page: Page): Promise<void> {
  const session = await page.context().newCDPSession(page);
  try {
    await session.send('Profiler.enable');
    await session.send('Profiler.setSamplingInterval', { interval: 1_000 });
    await session.send('Profiler.start');
    const before = treeCpuMs(roots);
    const started = preciseNow();
    await sleep(CPU_MS);
    const after = treeCpuMs(roots);
    const seconds = (preciseNow() - started) / 1000;
    const { profile } = (await session.send('Profiler.stop')) as { profile: Profile };
    const shares: Shares = {};
    for (const [kind, ms] of Object.entries(after)) shares[kind] = ((ms - (before[kind] ?? 0)) / 1000 / seconds) * 100;
    side.cpu.push(shares);
    addSelfTime(side, profile);
  } finally {
    await session.detach().catch(() => undefined);
  }
}

function addSelfTime(side: Side, profile: Profile): void {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  for (let i = 0; i < profile.samples.length; i += 1) {
    const node = byId.get(profile.samples[i]!)!;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url ? url.split('/').pop()!.split('?')[0] : '';
    const key = `${functionName || '(anonymous)'} ${file}${file ? `:${lineNumber + 1}` : ''}`;
    side.selfMs.set(key, (side.selfMs.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  side.profiledMs += (profile.endTime - profile.startTime) / 1000;
}

/** The live heap after a GC by constructor (self size, MB), the largest first. */
async function heapByConstructor(page: Page): Promise<{ totalMb: number; rows: Array<[string, number, number]> }> {
  const session: CDPSession = await page.context().newCDPSession(page);
  try {
    const chunks: string[] = [];
    session.on('HeapProfiler.addHeapSnapshotChunk', (event: { chunk: string }) => chunks.push(event.chunk));
    await session.send('HeapProfiler.collectGarbage');
    await session.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    const snapshot = JSON.parse(chunks.join('')) as {
      snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
      nodes: number[];
      strings: string[];
    };
    const fields = snapshot.snapshot.meta.node_fields;
    const types = snapshot.snapshot.meta.node_types[0];
    const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((field) => fields.indexOf(field)) as [number, number, number];
    const sums = new Map<string, { bytes: number; count: number }>();
    let total = 0;
    for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
      const type = types[snapshot.nodes[i + typeAt]!]!;
      const name = snapshot.strings[snapshot.nodes[i + nameAt]!]!;
      const size = snapshot.nodes[i + sizeAt]!;
      total += size;
      // Objects by constructor; strings, code, closures and arrays by kind.
      const key = type === 'object' || type === 'native' ? name : `(${type})`;
      const sum = sums.get(key) ?? { bytes: 0, count: 0 };
      sum.bytes += size;
      sum.count += 1;
      sums.set(key, sum);
    }
    const rows = [...sums].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, 25).map(([key, sum]): [string, number, number] => [key, sum.bytes / 1e6, sum.count]);
    return { totalMb: total / 1e6, rows };
  } finally {
    await session.detach().catch(() => undefined);
  }
}


/**
 * What the engine page's two scripts keep once evaluated, on a blank page: the bridge (the contract's
 * schemas for both roles and the transport) and then the engine bundle (its own copy of the contract,
 * JsSIP, the engine; it stops at its first use of the missing bridge API, after every module ran).
 */
async function scriptShares(browser: Awaited<ReturnType<typeof launchChromium>>): Promise<void> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    page.on('pageerror', () => undefined);
    const blank = (await jsHeapMb(page)).live;
    await page.addScriptTag({ content: readFileSync(join(REPO_ROOT, 'dist', 'renderer', 'bridge-engine.js'), 'utf8') }).catch(() => undefined);
    const bridge = (await jsHeapMb(page)).live;
    await page.addScriptTag({ content: readFileSync(join(REPO_ROOT, 'dist', 'renderer', 'engine.js'), 'utf8') }).catch(() => undefined);
    const engine = (await jsHeapMb(page)).live;
    console.log(`\nlive heap on a blank page: ${blank.toFixed(2)} MB; + bridge-engine.js (zod, the engine role's contract and the bridge) ${(bridge - blank).toFixed(2)} MB; + engine.js (evaluated up to the missing bridge API) ${(engine - bridge).toFixed(2)} MB`);
  } finally {
    await context.close();
  }
}

function mean(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN;
}

function printSide(name: string, side: Side): void {
  const kinds = [...new Set(side.cpu.flatMap((shares) => Object.keys(shares)))].sort();
  console.log(`\n${name}: CPU per process kind, % of one core (mean of ${side.cpu.length} calls; each call: ${side.cpu.map((shares) => shares.total!.toFixed(1)).join(' / ')})`);
  for (const kind of kinds) console.log(`  ${kind.padEnd(28)} ${mean(side.cpu.map((shares) => shares[kind] ?? 0)).toFixed(2)}`);
  const rows = [...side.selfMs].sort((a, b) => b[1] - a[1]).slice(0, 20);
  console.log(`${name}: page JS self time, ms per second of call (CDP Profiler, ${(side.profiledMs / 1000).toFixed(0)} s profiled)`);
  for (const [key, ms] of rows) console.log(`  ${((ms / side.profiledMs) * 1000).toFixed(2).padStart(7)}  ${key}`);
}

async function main(): Promise<void> {
  const load = [loadAverage()];
  try {
    const stack = new LocalStack({ phones: ['1002'] });
    open.track(stack, (it) => it.stop());
    await stack.start();
    const server = await PhonePageServer.start();
    open.track(server, (it) => it.close());
    const before = new Set(childPids(process.pid, /chrom/i));
    const browser = await launchChromium({ fakeMicWav: stack.audio.agentTone });
    open.track(browser, (it) => it.close());
    const bareRoots = childPids(process.pid, /chrom/i).filter((pid) => !before.has(pid));
    const phone = await JsSipPhone.open(await newPhoneContext(browser), server);
    if (!(await phone.register({ wsUrl: stack.wsUrl, uri: stack.uri('1003'), password: stack.password('1003') })).ok) throw new Error('the bare page did not register');

    const app = await HeadlessApp.start({
      name: 'engine-cpu',
      runDir: join(stack.runDir, 'apps'),
      fakeMicWav: stack.audio.agentTone,
      config: { sip: { wsUri: stack.wsUrl, sipUri: stack.uri('1001'), password: stack.password('1001'), displayName: 'Bench (1001)' }, wrapUpSeconds: 0, alertTimeoutSeconds: 60 },
      extraArgs: ['--policy-file', machinePolicyFile({ asrProvider: 'off' })],
      resourceCensus: false,
    });
    open.track(app, (it) => it.stop());
    await presence(app).filter({ hasText: /^Ready$/ }).waitFor({ timeout: 60_000 });
    const engineLaunch = await app.waitForEngineLaunch(app.engineLaunchCount);
    const engineRoots = engineLaunch.pid ? [engineLaunch.pid] : [];
    const engine = await enginePage(app);
    const customer = stack.phone('1002');
    await sleep(3_000); // past the start's work
    // Between calls (registered, nothing ringing): what a shift's idle minutes cost.
    await measure(sides.bareIdle, bareRoots, phone.page);
    await measure(sides.engineIdle, engineRoots, engine);

    for (let round = 0; round < ROUNDS; round += 1) {
      // Bare page.
      let since = preciseNow();
      await phone.answerCallFrom(customer, '1003');
      await sleep(1_500);
      await measure(sides.bare, bareRoots, phone.page);
      await phone.page.evaluate(OPEN_PROCESSED_MICROPHONE);
      await sleep(500);
      await measure(sides.bareProcessed, bareRoots, phone.page);
      await phone.page.evaluate(CLOSE_EXTRA);
      await customer.hangup();
      await phone.waitForEvent('ended', { since });
      await sleep(500);
      // Hearthline's engine.
      since = preciseNow();
      await app.answerCallFrom(customer, '1001');
      await sleep(1_500);
      await measure(sides.engine, engineRoots, engine);
      console.log(`engine ringer during the call: ${JSON.stringify(await engine.evaluate(() => (window as unknown as { hearthlineEngineDebug: { ringer: () => unknown } }).hearthlineEngineDebug.ringer()))}`);
      await engine.evaluate(OPEN_IDLE_CONTEXT);
      await sleep(500);
      await measure(sides.engineIdleContext, engineRoots, engine);
      await engine.evaluate(CLOSE_EXTRA);
      await engine.evaluate(SECOND_QUALITY_POLL);
      await measure(sides.engineSecondPoll, engineRoots, engine);
      await engine.evaluate(CLOSE_EXTRA);
      await customer.hangup();
      await customer.waitFor('CALL_CLOSED', { since });
      await presence(app).filter({ hasText: /^(Ready|Not Ready)$/ }).waitFor({ timeout: 10_000 });
      await sleep(500);
    }
    load.push(loadAverage());
    printSide('bare JsSIP page, idle (registered, before any call)', sides.bareIdle);
    printSide('Hearthline engine, idle (registered, before any call)', sides.engineIdle);
    printSide('bare JsSIP page (its whole browser)', sides.bare);
    printSide('bare JsSIP page + a microphone track with echo cancellation, noise suppression and gain control (same calls, next window)', sides.bareProcessed);
    printSide('Hearthline engine (its whole browser)', sides.engine);
    printSide('Hearthline engine + one running silent AudioContext (same calls, next window)', sides.engineIdleContext);
    printSide('Hearthline engine + a second quality poll, getStats once a second (same calls, next window)', sides.engineSecondPoll);

    if (HEAP) {
      // Both heaps during a call, by constructor.
      let since = preciseNow();
      await phone.answerCallFrom(customer, '1003');
      const bareHeap = await heapByConstructor(phone.page);
      await customer.hangup();
      await phone.waitForEvent('ended', { since });
      since = preciseNow();
      await app.answerCallFrom(customer, '1001');
      const engineHeap = await heapByConstructor(engine);
      await customer.hangup();
      await customer.waitFor('CALL_CLOSED', { since });
      await scriptShares(browser);
      for (const [name, heap] of [['bare page', bareHeap], ['engine page', engineHeap]] as const) {
        console.log(`\n${name}: live heap during a call by constructor / kind (snapshot self sizes, total ${heap.totalMb.toFixed(2)} MB)`);
        for (const [key, mb, count] of heap.rows) console.log(`  ${mb.toFixed(3).padStart(7)} MB ${String(count).padStart(7)}  ${key.slice(0, 90)}`);
      }
    }
  } finally {
    const problems = await open.closeAll();
    if (problems.length) console.log(`bench: closing what was left open: ${problems.join('; ')}`);
    load.push(loadAverage());
    console.log(`\nload average: ${load.join(' → ')}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
