/**
 * What the agent's UI page does during a plain call (no transcription), with and without open wrap-up
 * drafts, in figures a loaded machine does not distort: React commits and which components rendered in
 * each, the page's style recalcs and layouts (CDP Performance metrics), where its JavaScript spends its
 * time (CDP CPU profile, self-time shares), the CPU of the UI's and the engine's browsers (/proc), and the
 * JS heap of both pages before and after a full garbage collection. Prints tables; asserts nothing.
 *
 *   HEARTHLINE_UI_BUILD=production npm run build && bash e2e/run.sh bench e2e/bench/uiRender.bench.ts
 *
 * The list of components is readable only from a UI build that keeps their names (`npm run build`, or
 * esbuild's keepNames on the production one); the counts hold either way.
 *
 * Env: HEARTHLINE_BENCH_DRAFTS (20 unsubmitted drafts before the second call), HEARTHLINE_BENCH_CPU_MS
 * (10000, the window measured during each call), HEARTHLINE_BENCH_HEAP_SNAPSHOT=1 (also what the UI's live
 * heap is made of: a heap snapshot after GC, summed by type, constructor and script),
 * HEARTHLINE_BENCH_HEAP_SNAPSHOT_DIR (a folder to keep the raw snapshots in).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { LocalStack } from '../../stack/stack';
import { HeadlessApp } from '../support/hearthline';
import { jsHeapBytes } from '../support/jsHeap';
import { componentName, forgetReactCommits, reactCommits, RECORD_REACT_COMMITS } from '../support/reactCommits';
import { enginePage, presence, sleep } from '../support/softphone';
import { childPids, cpuShares, loadAverage } from './processes';
import { machinePolicyFile } from '../support/policyFile';
import { summariseHeapSnapshot, type HeapSnapshotJson, type HeapSummary } from './heapSnapshot';

const DRAFTS = Number(process.env.HEARTHLINE_BENCH_DRAFTS ?? 20);
const CPU_MS = Number(process.env.HEARTHLINE_BENCH_CPU_MS ?? 10_000);
const HEAP_SNAPSHOT = process.env.HEARTHLINE_BENCH_HEAP_SNAPSHOT === '1';
/** Where to keep the raw snapshots too (open them in DevTools' Memory panel). */
const SNAPSHOT_DIR = process.env.HEARTHLINE_BENCH_HEAP_SNAPSHOT_DIR;


interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }>;
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function (and per script) as shares of the sampled time. */
function selfTimeShares(profile: CpuProfile): { functions: Array<[string, number]>; scripts: Array<[string, number]> } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const functions = new Map<string, number>();
  const scripts = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    const frame = byId.get(id);
    if (!frame) return;
    total += delta;
    const script = frame.url ? frame.url.replace(/^.*\//, '').replace(/[?#].*$/, '') : frame.functionName || '(native)';
    const name = `${frame.functionName || '(anonymous)'} ${script}${frame.url ? `:${frame.lineNumber + 1}:${frame.columnNumber + 1}` : ''}`;
    functions.set(name, (functions.get(name) ?? 0) + delta);
    scripts.set(script, (scripts.get(script) ?? 0) + delta);
  });
  const shares = (map: Map<string, number>) => [...map].map(([key, value]): [string, number] => [key, (value / total) * 100]).sort((a, b) => b[1] - a[1]);
  return { functions: shares(functions), scripts: shares(scripts) };
}

async function metrics(session: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = (await session.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
  return Object.fromEntries(list.map(({ name, value }) => [name, value]));
}

/** The live heap (a snapshot is taken after a full GC) by type, constructor and script (heapSnapshot.ts). */
async function heapComposition(page: Page, label: string): Promise<HeapSummary> {
  const session = await page.context().newCDPSession(page);
  const chunks: string[] = [];
  session.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }: { chunk: string }) => void chunks.push(chunk));
  try {
    await session.send('HeapProfiler.enable');
    await session.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    await session.detach().catch(() => undefined);
  }
  const text = chunks.join('');
  if (SNAPSHOT_DIR) writeFileSync(join(SNAPSHOT_DIR, `${label.replace(/[^a-z0-9]+/gi, '-')}.heapsnapshot`), text);
  return summariseHeapSnapshot(JSON.parse(text) as HeapSnapshotJson);
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

async function measureCall(label: string, app: HeadlessApp, uiRoots: number[], engineRoots: number[]): Promise<void> {
  const ui = app.ui;
  const session = await ui.context().newCDPSession(ui);
  await session.send('Performance.enable');
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 500 });
  await sleep(1_000); // past the call's set-up
  await forgetReactCommits(ui);
  const before = await metrics(session);
  await session.send('Profiler.start');
  const cpu = await cpuShares({ ui: { roots: uiRoots }, engine: { roots: engineRoots } }, CPU_MS);
  const { profile } = (await session.send('Profiler.stop')) as { profile: CpuProfile };
  const after = await metrics(session);
  const { commits, why } = await reactCommits(ui);
  const domNodes = await ui.evaluate(() => document.getElementsByTagName('*').length);
  // Running CSS animations repaint every frame whatever React does.
  const animations = await ui.evaluate(() => document.getAnimations().map((animation) => (animation as CSSAnimation).animationName ?? 'transition'));
  await session.detach().catch(() => undefined);

  const seconds = CPU_MS / 1000;
  const delta = (name: string) => (after[name] ?? 0) - (before[name] ?? 0);
  const renders = new Map<string, number>();
  for (const commit of commits) for (const name of commit.rendered.map(componentName)) renders.set(name, (renders.get(name) ?? 0) + 1);
  const rendered = commits.reduce((sum, commit) => sum + commit.rendered.length, 0);
  const reactMs = commits.reduce((sum, commit) => sum + commit.ms, 0);
  const { functions, scripts } = selfTimeShares(profile);
  const share = (name: string) => (scripts.find(([script]) => script === name)?.[1] ?? 0).toFixed(1);

  console.log(`\n### ${label} (load average ${loadAverage()})\n`);
  console.log('| figure | value |');
  console.log('|---|---|');
  console.log(`| CPU of the UI's browser / the engine's browser (/proc, % of one core) | ${cpu.ui!.toFixed(1)} % / ${cpu.engine!.toFixed(1)} % |`);
  console.log(`| React commits per second | ${(commits.length / seconds).toFixed(2)} |`);
  console.log(`| components rendered per commit (mean) / per second | ${(commits.length ? rendered / commits.length : 0).toFixed(1)} / ${(rendered / seconds).toFixed(1)} |`);
  console.log(`| React render time per second (sum of actualDuration; profiling or development build only) | ${reactMs > 0 ? `${(reactMs / seconds).toFixed(2)} ms` : '–'} |`);
  console.log(`| style recalcs / layouts per second | ${(delta('RecalcStyleCount') / seconds).toFixed(1)} / ${(delta('LayoutCount') / seconds).toFixed(1)} |`);
  console.log(`| style / layout / script / task time per second (main thread) | ${((delta('RecalcStyleDuration') * 1000) / seconds).toFixed(1)} / ${((delta('LayoutDuration') * 1000) / seconds).toFixed(1)} / ${((delta('ScriptDuration') * 1000) / seconds).toFixed(1)} / ${((delta('TaskDuration') * 1000) / seconds).toFixed(1)} ms |`);
  console.log(`| UI renderer CPU (CDP ThreadTime: main thread / ProcessTime: whole process, % of one core) | ${((delta('ThreadTime') * 100) / seconds).toFixed(1)} % / ${((delta('ProcessTime') * 100) / seconds).toFixed(1)} % |`);
  console.log(`| DOM elements / DOM nodes / layout objects / JS event listeners | ${domNodes} / ${after.Nodes ?? '–'} / ${after.LayoutObjects ?? '–'} / ${after.JSEventListeners ?? '–'} |`);
  console.log(`| CSS animations running | ${animations.length}${animations.length ? ` (${animations.join(', ')})` : ''} |`);
  console.log(`| CPU profile: idle / program (style, layout, paint) / GC / ui.js / bridge-ui.js (% of samples) | ${share('(idle)')} / ${share('(program)')} / ${share('(garbage collector)')} / ${share('ui.js')} / ${share('bridge-ui.js')} |`);
  console.log(`\nComponents rendered in ${seconds} s: ${[...renders].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([name, count]) => `${name} ${count}`).join(', ')}`);
  const triggers = new Map<string, number>();
  for (const commit of commits) for (const name of new Set(commit.updaters)) triggers.set(name, (triggers.get(name) ?? 0) + 1);
  console.log(`\nCommits by the components whose state update led to them (React's updater tracking, profiling build): ${[...triggers].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([name, count]) => `${name} ${count}`).join(', ')}`);
  console.log(`\nWhy the app's own components rendered: ${Object.entries(why).filter(([name]) => /^[A-Z][A-Za-z]+$/.test(name) && !name.startsWith('$')).map(([name, reasons]) => `${name} {${Object.entries(reasons).map(([reason, count]) => `${reason}: ${count}`).join('; ')}}`).join(', ')}`);
  console.log(`\nTop self time (% of samples): ${functions.filter(([name]) => !name.startsWith('(idle)')).slice(0, 15).map(([name, value]) => `${name} ${value.toFixed(1)}`).join('; ')}`);
  const uiHeap = await jsHeapBytes(ui);
  const engineHeap = await jsHeapBytes(await enginePage(app));
  console.log(`\nJS heap, found / after a full GC: UI ${mb(uiHeap.beforeGc)} / ${mb(uiHeap.live)}, engine ${mb(engineHeap.beforeGc)} / ${mb(engineHeap.live)}, both ${mb(uiHeap.beforeGc + engineHeap.beforeGc)} / ${mb(uiHeap.live + engineHeap.live)}`);
  if (!HEAP_SNAPSHOT) return;
  for (const [name, page] of [['UI', ui], ['engine', await enginePage(app)]] as const) {
    const summary = await heapComposition(page, `${label} ${name}`);
    const kb = (bytes: number) => `${(bytes / 1e3).toFixed(0)} KB`;
    console.log(`\n${name} live heap (snapshot total ${mb(summary.total)}) by type (self size, count): ${summary.byType.map(([key, size, count]) => `${key} ${kb(size)} ×${count}`).join('; ')}`);
    console.log(`\n${name} live heap by constructor: ${summary.byConstructor.slice(0, 25).map(([key, size, count]) => `${key} ${kb(size)} ×${count}`).join('; ')}`);
    console.log(`\n${name} code by script (functions: SFIs with their bytecode, scope infos, preparse data; closures): ${summary.byScript.slice(0, 8).map((row) => `${row.script.replace(/^.*\//, '') || '(anonymous)'}: ${row.functions} functions ${kb(row.codeBytes)}, ${row.closures} closures ${kb(row.closureBytes)}`).join('; ')}`);
  }
}

/** The agent types notes into the current call's form (the first: newest first), a key every 100 ms. */
async function measureTyping(label: string, app: HeadlessApp): Promise<void> {
  const ui = app.ui;
  const text = 'Customer asked about the March bill and a refund for the broken chair.';
  const notes = ui.getByTestId('wrapup-form').first().getByRole('textbox', { name: 'Notes' });
  await notes.click();
  const session = await ui.context().newCDPSession(ui);
  await session.send('Performance.enable');
  await forgetReactCommits(ui);
  const before = await metrics(session);
  await ui.keyboard.type(text, { delay: 100 });
  await sleep(1_500); // the last autosave and the view main pushes after it
  const after = await metrics(session);
  const { commits } = await reactCommits(ui);
  await session.detach().catch(() => undefined);
  const renders = new Map<string, number>();
  for (const commit of commits) for (const name of commit.rendered.map(componentName)) renders.set(name, (renders.get(name) ?? 0) + 1);
  const rendered = commits.reduce((sum, commit) => sum + commit.rendered.length, 0);
  const perKey = (name: string) => (((after[name] ?? 0) - (before[name] ?? 0)) * 1000) / text.length;
  console.log(`\n### ${label}: ${text.length} keys typed into the call's notes (load average ${loadAverage()})\n`);
  console.log('| figure | per key typed |');
  console.log('|---|---|');
  console.log(`| React commits / components rendered | ${(commits.length / text.length).toFixed(2)} / ${(rendered / text.length).toFixed(1)} |`);
  console.log(`| UI main thread CPU (CDP ThreadTime) / script / style / layout | ${perKey('ThreadTime').toFixed(2)} / ${perKey('ScriptDuration').toFixed(2)} / ${perKey('RecalcStyleDuration').toFixed(2)} / ${perKey('LayoutDuration').toFixed(2)} ms |`);
  console.log(`\nComponents rendered while typing: ${[...renders].sort((x, y) => y[1] - x[1]).slice(0, 25).map(([name, count]) => `${name} ${count}`).join(', ')}`);
}

async function answerAndHangUp(stack: LocalStack, app: HeadlessApp, during?: () => Promise<void>): Promise<void> {
  const customer = stack.phone('1002');
  await app.answerCallFrom(customer, '1001');
  await during?.();
  await customer.hangup();
  await customer.waitFor('CALL_CLOSED');
  await presence(app).filter({ hasText: /^(Ready|Not Ready)$/ }).waitFor({ timeout: 10_000 });
}

async function ringingCommit(stack: LocalStack, app: HeadlessApp): Promise<void> {
  const customer = stack.phone('1002');
  await customer.dial('1001');
  const card = app.ui.locator('[data-testid="call-card"][data-call-state="ringing"]');
  await card.waitFor({ timeout: 10_000 });
  const callId = (await card.getAttribute('data-call-id')) ?? '';
  const commit = (await reactCommits(app.ui)).ringing[callId];
  if (commit) {
    console.log(`\nRinging commit: ${commit.rendered.length} components rendered, actualDuration ${commit.ms.toFixed(1)} ms: ${[...new Set(commit.rendered.map(componentName))].join(', ')}`);
    // The app's own components (the library's are named by the bundler) and why each rendered.
    const own = commit.rendered.map((name, i) => [componentName(name), commit.reasons[i]] as const).filter(([name]) => /^[A-Z][A-Za-z]+\d*$/.test(name));
    console.log(`Why they rendered: ${own.map(([name, reason]) => `${name} (${reason})`).join(', ')}`);
  }
  await sleep(300);
  await card.getByTestId('answer').click();
  await app.ui.locator('[data-call-state="connected"]').waitFor({ timeout: 10_000 });
  await customer.waitFor('CALL_ESTABLISHED');
}

async function main(): Promise<void> {
  const stack = new LocalStack({ phones: ['1002'] });
  await stack.start();
  process.env.HEARTHLINE_DB_KEY = randomBytes(32).toString('hex');
  const before = new Set(childPids(process.pid, /chrom/i));
  const app = await HeadlessApp.start({
    name: 'ui-render',
    runDir: join(stack.runDir, 'apps'),
    fakeMicWav: stack.audio.agentTone,
    config: { sip: { wsUri: stack.wsUrl, sipUri: stack.uri('1001'), password: stack.password('1001'), displayName: 'Bench (1001)' }, wrapUpSeconds: 0, alertTimeoutSeconds: 60 },
    extraArgs: ['--policy-file', machinePolicyFile({ asrProvider: 'off' }), '--db', join(mkdtempSync(join(os.tmpdir(), 'hl-bench-db-')), 'hearthline.db')],
    uiInitScript: RECORD_REACT_COMMITS,
  });
  try {
    await presence(app).filter({ hasText: /^Ready$/ }).waitFor({ timeout: 60_000 });
    const uiRoots = childPids(process.pid, /chrom/i).filter((pid) => !before.has(pid));
    const engine = await app.waitForEngineLaunch(1);
    const engineRoots = engine.pid ? [engine.pid] : [];
    console.log(`## The UI page during a call (${new Date().toISOString()}), ${DRAFTS} drafts`);
    await ringingCommit(stack, app);
    await measureCall('a call, its own draft only', app, uiRoots, engineRoots);
    await measureTyping('a call, its own draft only', app);
    await stack.phone('1002').hangup();
    await stack.phone('1002').waitFor('CALL_CLOSED');
    await presence(app).filter({ hasText: /^(Ready|Not Ready)$/ }).waitFor({ timeout: 10_000 });
    for (let i = 1; i < DRAFTS; i += 1) await answerAndHangUp(stack, app);
    await ringingCommit(stack, app);
    await measureCall(`a call with ${DRAFTS} earlier drafts open`, app, uiRoots, engineRoots);
    await measureTyping(`a call with ${DRAFTS} earlier drafts open`, app);
  } finally {
    await app.stop();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
