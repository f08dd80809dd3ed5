/**
 * What live transcription costs during a call, like for like: the same talking Opus customer (the perf
 * bench's: six sentences 5 s apart, Festival's voice, Opus wideband) answered by an app with live
 * transcription off by policy and by one with it on (pocketsphinx), alternating, over the same stretch of
 * the same recording. CPU per process from /proc (main with its recogniser helpers, the engine's browser
 * by kind of process, the UI's browser): load-insensitive, so the difference between the two sides is the
 * tap and the recognisers, and the Opus decode/encode is in both. Nothing is asserted.
 *
 *   npm run build && bash e2e/run.sh bench e2e/bench/transcriptionCpu.bench.ts
 *
 * Env: HEARTHLINE_BENCH_ROUNDS (2: calls per side), HEARTHLINE_BENCH_CPU_MS (20000: each window, from 1 s
 * after the call's first audio), HEARTHLINE_BENCH_REACT_COMMITS=1 (also the UI's React commits and the
 * components they rendered a second, and which ones: e2e/support/reactCommits.ts; its walk of each
 * commit costs the UI a little CPU, so the CPU rows of such a run are not the plain app's).
 */
import { join } from 'node:path';
import { speechWav, TALKING_SCRIPT } from '../../main/assist/testing/speech';
import { LocalStack, preciseNow } from '../../stack/stack';
import { HeadlessApp } from '../support/hearthline';
import { machinePolicyFile } from '../support/policyFile';
import { engineCalls, enginePage, eventually, liveCallId, presence, sleep } from '../support/softphone';
import { OpenThings } from './benchRun';
import { childPids, loadAverage, treeCpuMs } from './processes';
import { componentName, forgetReactCommits, reactCommits, RECORD_REACT_COMMITS } from '../support/reactCommits';

const ROUNDS = Number(process.env.HEARTHLINE_BENCH_ROUNDS ?? 2);
const CPU_MS = Number(process.env.HEARTHLINE_BENCH_CPU_MS ?? 20_000);
const REACT_COMMITS = process.env.HEARTHLINE_BENCH_REACT_COMMITS === '1';
const open = new OpenThings();
/** Per side: how often each component rendered in the windows, over all calls. */
const renderedBy = new Map<string, Map<string, number>>();

const SIDES = [
  { name: 'transcription off', tag: 'off', policy: { asrProvider: 'off' } },
  { name: 'transcription on', tag: 'on', policy: {} },
] as const;
type SideName = (typeof SIDES)[number]['name'];

/** Per side, per call: % of one core by part ("main", "ui", "engine <process kind>"), and tap messages a second. */
const results = new Map<SideName, Array<Record<string, number>>>();

async function oneCall(stack: LocalStack, side: (typeof SIDES)[number], round: number): Promise<void> {
  const before = new Set(childPids(process.pid, /chrom/i));
  const app = await HeadlessApp.start({
    name: `asr-ab-${round}-${side.tag}`,
    runDir: join(stack.runDir, 'apps'),
    fakeMicWav: stack.audio.agentTone,
    config: { sip: { wsUri: stack.wsUrl, sipUri: stack.uri('1001'), password: stack.password('1001'), displayName: 'Bench (1001)' }, wrapUpSeconds: 0, alertTimeoutSeconds: 60 },
    extraArgs: ['--policy-file', machinePolicyFile(side.policy)],
    resourceCensus: false,
    ...(REACT_COMMITS ? { uiInitScript: RECORD_REACT_COMMITS } : {}),
  });
  const close = open.track(app, (it) => it.stop());
  const customer = stack.phone('1004');
  try {
    await presence(app).filter({ hasText: /^Ready$/ }).waitFor({ timeout: 60_000 });
    const uiRoots = childPids(process.pid, /chrom/i).filter((pid) => !before.has(pid));
    const engineLaunch = await app.waitForEngineLaunch(app.engineLaunchCount);
    const engineRoots = engineLaunch.pid ? [engineLaunch.pid] : [];
    await app.answerCallFrom(customer, '1001');
    const callId = await liveCallId(app, '1004');
    await eventually(async () => (await engineCalls(app)).find((call) => call.callId === callId), (call) => call?.firstAudioAt !== undefined, 'first audio');
    const engine = await enginePage(app);
    const batches = () => engine.evaluate(() => (window as unknown as { hearthlineEngineDebug: { assistTap: () => { batchesSent: number } } }).hearthlineEngineDebug.assistTap().batchesSent);
    await sleep(1_000);
    const read = () => ({
      main: treeCpuMs(app.hostPid ? [app.hostPid] : [], engineRoots).total!,
      ui: treeCpuMs(uiRoots).total!,
      engine: treeCpuMs(engineRoots),
    });
    if (REACT_COMMITS) await forgetReactCommits(app.ui);
    const [startCpu, startBatches, started] = [read(), await batches(), preciseNow()];
    await sleep(CPU_MS);
    const [endCpu, endBatches, seconds] = [read(), await batches(), (preciseNow() - started) / 1000];
    const commits = REACT_COMMITS ? (await reactCommits(app.ui)).commits : [];
    const share = (ms: number) => (ms / 1000 / seconds) * 100;
    const row: Record<string, number> = { main: share(endCpu.main - startCpu.main), ui: share(endCpu.ui - startCpu.ui), 'tap messages a second': (endBatches - startBatches) / seconds };
    for (const [kind, ms] of Object.entries(endCpu.engine)) row[`engine ${kind}`] = share(ms - (startCpu.engine[kind] ?? 0));
    row.all = row.main! + row.ui! + row['engine total']!;
    if (REACT_COMMITS) {
      row['UI React commits a second'] = commits.length / seconds;
      row['UI components rendered a second'] = commits.reduce((sum, commit) => sum + commit.rendered.length, 0) / seconds;
      const counts = renderedBy.get(side.name) ?? new Map<string, number>();
      for (const name of commits.flatMap((commit) => commit.rendered).map(componentName)) counts.set(name, (counts.get(name) ?? 0) + 1);
      renderedBy.set(side.name, counts);
    }
    results.set(side.name, [...(results.get(side.name) ?? []), row]);
    console.log(`${side.name}, call ${round + 1} (load ${loadAverage()}): ${Object.entries(row).map(([key, value]) => `${key} ${value.toFixed(1)}`).join(', ')}`);
    await customer.hangup();
    await customer.waitFor('CALL_CLOSED');
  } finally {
    await customer.hangupAll().catch(() => undefined);
    await close();
  }
}

function printTable(): void {
  const keys = [...new Set([...results.values()].flat().flatMap((row) => Object.keys(row)))].sort((a, b) => (a === 'all' ? -1 : b === 'all' ? 1 : a.localeCompare(b)));
  const mean = (rows: Array<Record<string, number>> | undefined, key: string) => (rows?.length ? rows.reduce((sum, row) => sum + (row[key] ?? 0), 0) / rows.length : Number.NaN);
  console.log(`\n| % of one core (mean of ${ROUNDS} calls, ${CPU_MS / 1000} s windows) | ${SIDES.map((side) => side.name).join(' | ')} | on − off |`);
  console.log('|---|---:|---:|---:|');
  for (const key of keys) {
    const [off, on] = SIDES.map((side) => mean(results.get(side.name), key)) as [number, number];
    console.log(`| ${key} | ${off.toFixed(1)} | ${on.toFixed(1)} | ${(on - off).toFixed(1)} |`);
  }
  for (const [side, counts] of renderedBy) {
    const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 15);
    console.log(`\n${side}: components rendered most in the windows (all calls): ${top.map(([name, n]) => `${name} ${n}`).join(', ')}`);
  }
}

async function main(): Promise<void> {
  console.log(`load average at the start: ${loadAverage()}`);
  try {
    const talkingWav = await speechWav(TALKING_SCRIPT, { rate: 48000, leadSeconds: 1.5, totalSeconds: 70 });
    const stack = new LocalStack({ phones: [{ user: '1004', micWav: talkingWav, audioCodecs: 'opus/48000/2,PCMU/8000/1' }] });
    open.track(stack, (it) => it.stop());
    await stack.start();
    for (let round = 0; round < ROUNDS; round += 1) {
      // Off then on, then on then off: neither side always has the warmer machine.
      const order = round % 2 === 0 ? SIDES : [...SIDES].reverse();
      for (const side of order) await oneCall(stack, side, round);
    }
  } finally {
    const problems = await open.closeAll();
    if (problems.length) console.log(`bench: closing what was left open: ${problems.join('; ')}`);
    printTable();
    console.log(`load average at the end: ${loadAverage()}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
