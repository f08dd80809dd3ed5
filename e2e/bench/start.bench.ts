/**
 * Where a start goes: from HeadlessApp.start (the host process spawned, the agent's browser launched
 * beside it, as e2e/bench/perf.bench.ts's "host start" row counts it) to "Ready" painted in the UI.
 * Prints each step's wall time after the spawn and main's CPU time by then (main's own timeline,
 * main/diagnostics/startTimeline.ts), both pages' navigation timing (script evaluation =
 * responseEnd → domInteractive, the pages' scripts being synchronous), and the CPU time each process
 * tree had used when Ready was painted (by kind of process), and, alternating with those starts, a bare
 * JsSIP page's launch → registered with its browser's CPU (the floor). Wall times say how busy the
 * machine was; CPU times do not.
 *
 *   npm run build && bash e2e/run.sh bench e2e/bench/start.bench.ts
 *
 * Env: HEARTHLINE_BENCH_STARTS (5); HEARTHLINE_BENCH_CPU_PROF=<dir> writes main's V8 CPU profile of each
 * start there (node --cpu-prof; open in Chrome DevTools); HEARTHLINE_BENCH_BROWSER_OPEN=1: the agent's
 * browser is launched once before the starts and each start opens the UI in a new window of it (the perf
 * bench's second start row); the UI browser's CPU is then what it used during that start.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { LocalStack, preciseNow } from '../../stack/stack';
import { launchChromium, newPhoneContext } from '../support/browser';
import { HeadlessApp } from '../support/hearthline';
import { JsSipPhone, PhonePageServer } from '../support/jssip-phone';
import { presence } from '../support/softphone';
import { percentile } from './percentile';
import { childPids, loadAverage, treeCpuMs } from './processes';
import { machinePolicyFile } from '../support/policyFile';

const STARTS = Number(process.env.HEARTHLINE_BENCH_STARTS ?? 5);
const CPU_PROF_DIR = process.env.HEARTHLINE_BENCH_CPU_PROF && resolve(process.env.HEARTHLINE_BENCH_CPU_PROF);
const BROWSER_OPEN = process.env.HEARTHLINE_BENCH_BROWSER_OPEN === '1';

/** The agent's browser, already running (HEARTHLINE_BENCH_BROWSER_OPEN=1), and its process trees. */
interface OpenBrowser {
  browser: Browser;
  roots: number[];
}

/** CPU per kind of process used between two readings of the same trees. */
function cpuSince(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(after).map(([kind, ms]) => [kind, ms - (before[kind] ?? 0)]));
}

/** Runs in the UI page before its scripts: when "Ready" was first painted (epoch ms, the frame after). */
const READY_PAINTED = `(() => {
  window.__readyPainted = 0;
  new MutationObserver(() => {
    const status = document.querySelector('[data-testid="presence"]');
    if (!window.__readyPainted && status && status.textContent === 'Ready') requestAnimationFrame(() => { window.__readyPainted = window.__readyPainted || performance.timeOrigin + performance.now(); });
  }).observe(document, { subtree: true, childList: true, characterData: true });
})();`;

interface PageTiming {
  /** Epoch ms of the navigation's start. */
  origin: number;
  responseEnd: number;
  domInteractive: number;
  loadEventEnd: number;
  readyPainted: number;
}

const pageTiming = (page: Page): Promise<PageTiming> =>
  page.evaluate(() => {
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return {
      origin: performance.timeOrigin,
      responseEnd: navigation.responseEnd,
      domInteractive: navigation.domInteractive,
      loadEventEnd: navigation.loadEventEnd,
      readyPainted: (window as unknown as { __readyPainted?: number }).__readyPainted ?? 0,
    };
  });

const samples = new Map<string, number[]>();
const order: string[] = [];
function record(key: string, value: number | undefined): void {
  if (value === undefined || !Number.isFinite(value)) return;
  if (!samples.has(key)) order.push(key);
  samples.set(key, [...(samples.get(key) ?? []), value]);
}

/** A tree's total, then each kind of process in it (browser, renderer, gpu-process, utility network, …). */
function recordCpu(label: string, byKind: Record<string, number>): void {
  record(label, byKind.total);
  for (const [kind, ms] of Object.entries(byKind)) if (kind !== 'total') record(`${label}: ${kind}`, ms);
}

/** The floor, in the same run: a bare JsSIP page in a new browser, from launch to REGISTER answered 200. */
async function bareStart(stack: LocalStack, server: PhonePageServer): Promise<void> {
  const browsersBefore = new Set(childPids(process.pid, /chrom/i));
  const started = preciseNow();
  const browser = await launchChromium({ fakeMicWav: stack.audio.agentTone });
  try {
    const phone = await JsSipPhone.open(await newPhoneContext(browser), server);
    const result = await phone.register({ wsUrl: stack.wsUrl, uri: stack.uri('1003'), password: stack.password('1003') });
    if (!result.ok) return;
    record('bare JsSIP page: launch → registered', preciseNow() - started);
    recordCpu('bare JsSIP page: CPU at registered', treeCpuMs(childPids(process.pid, /chrom/i).filter((pid) => !browsersBefore.has(pid))));
    await phone.unregisterAndStop();
  } finally {
    await browser.close();
  }
}


async function oneStart(stack: LocalStack, index: number, open?: OpenBrowser): Promise<void> {
  const browsersBefore = new Set(childPids(process.pid, /chrom/i));
  const openBrowserBefore = open && treeCpuMs(open.roots);
  const spawnedAt = Date.now();
  const started = preciseNow();
  const env: Record<string, string> = CPU_PROF_DIR ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${CPU_PROF_DIR} --cpu-prof-name=start-${index}.cpuprofile` } : {};
  const app = await HeadlessApp.start({
    name: `start-${index}`,
    runDir: join(stack.runDir, 'apps'),
    fakeMicWav: stack.audio.agentTone,
    config: { sip: { wsUri: stack.wsUrl, sipUri: stack.uri('1001'), password: stack.password('1001'), displayName: 'Bench (1001)' }, wrapUpSeconds: 0 },
    extraArgs: ['--policy-file', machinePolicyFile({ asrProvider: 'off' })],
    uiInitScript: READY_PAINTED,
    env,
    uiBrowser: open?.browser,
  });
  try {
    await presence(app).filter({ hasText: /^Ready$/ }).waitFor({ timeout: 60_000 });
    record('total: spawn → Ready shown (as perf.bench.ts counts it)', preciseNow() - started);
    // CPU first, before DevTools connections add their own.
    const engineRoot = (await app.waitForEngineLaunch(1)).pid;
    const uiRoots = childPids(process.pid, /chrom/i).filter((pid) => !browsersBefore.has(pid));
    const hostPid = app.hostPid;
    const cpu = {
      main: hostPid ? treeCpuMs([hostPid], engineRoot ? [engineRoot] : []) : {},
      engine: engineRoot ? treeCpuMs([engineRoot]) : {},
      ui: open && openBrowserBefore ? cpuSince(openBrowserBefore, treeCpuMs(open.roots)) : treeCpuMs(uiRoots),
    };
    const ui = await pageTiming(app.ui);
    const engine = await pageTiming(await app.engine());
    for (let attempt = 0; attempt < 20 && !app.startTimeline; attempt += 1) await new Promise((done) => setTimeout(done, 100));
    const timeline = app.startTimeline;
    const after = (epoch: number) => epoch - spawnedAt;
    if (timeline) {
      record('host process started (spawn → Node running)', after(timeline.timeOrigin));
      record('main: Node bootstrapped', after(timeline.timeOrigin) + timeline.nodeBootstrapMs);
      for (const mark of timeline.marks) {
        record(`main: ${mark.name}`, after(timeline.timeOrigin) + mark.atMs);
        record(`main CPU by ${mark.name}`, mark.cpuMs);
      }
    }
    record('engine page: navigation start', after(engine.origin));
    record('engine page: response end', after(engine.origin + engine.responseEnd));
    record('engine page: scripts evaluated (domInteractive)', after(engine.origin + engine.domInteractive));
    record('engine page: script evaluation (responseEnd → domInteractive)', engine.domInteractive - engine.responseEnd);
    record('UI page: navigation start', after(ui.origin));
    record('UI page: response end', after(ui.origin + ui.responseEnd));
    record('UI page: scripts evaluated (domInteractive)', after(ui.origin + ui.domInteractive));
    record('UI page: script evaluation (responseEnd → domInteractive)', ui.domInteractive - ui.responseEnd);
    record('UI page: load event end', after(ui.origin + ui.loadEventEnd));
    record('UI page: Ready painted', ui.readyPainted ? after(ui.readyPainted) : undefined);
    recordCpu('CPU at Ready: main (Node, without the engine browser)', cpu.main);
    recordCpu('CPU at Ready: engine browser', cpu.engine);
    recordCpu('CPU at Ready: UI browser', cpu.ui);
    record('CPU at Ready: all three', (cpu.main.total ?? 0) + (cpu.engine.total ?? 0) + (cpu.ui.total ?? 0));
  } finally {
    await app.stop();
  }
}

function printTable(load: string[]): void {
  const browser = BROWSER_OPEN ? "; the agent's browser already open, the UI in a new window of it" : '';
  console.log(`\n#### Start timeline (${new Date().toISOString()}, n=${STARTS}${browser}; load average ${load.join(' → ')})\n`);
  console.log('Wall rows: ms after HeadlessApp.start spawned the host. CPU rows: ms of CPU time.\n');
  console.log('| step | p50 | p95 | min |');
  console.log('|---|---:|---:|---:|');
  for (const key of order) {
    const values = samples.get(key)!;
    console.log(`| ${key} | ${percentile(values, 50).toFixed(0)} | ${percentile(values, 95).toFixed(0)} | ${Math.min(...values).toFixed(0)} |`);
  }
}

async function main(): Promise<void> {
  if (CPU_PROF_DIR) mkdirSync(CPU_PROF_DIR, { recursive: true });
  const load = [loadAverage()];
  const stack = new LocalStack();
  await stack.start();
  const server = await PhonePageServer.start();
  const browsersBefore = new Set(childPids(process.pid, /chrom/i));
  const open = BROWSER_OPEN ? await launchChromium({ fakeMicWav: stack.audio.agentTone }) : undefined;
  const openBrowser = open && { browser: open, roots: childPids(process.pid, /chrom/i).filter((pid) => !browsersBefore.has(pid)) };
  try {
    // Side by side, so both see the same load.
    for (let i = 0; i < STARTS; i += 1) {
      await bareStart(stack, server);
      await oneStart(stack, i, openBrowser);
    }
    load.push(loadAverage());
    printTable(load);
    if (CPU_PROF_DIR) console.log(`\nmain's CPU profiles: ${CPU_PROF_DIR}`);
  } finally {
    await open?.close().catch(() => undefined);
    await server.close();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
