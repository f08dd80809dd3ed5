// The long shift: `npm run soak` (default 500 calls, a sample every 50; HEARTHLINE_SOAK_CALLS and
// HEARTHLINE_SOAK_EVERY change them). Same driver and bounds as the CI variant (e2e/soak.e2e.ts); prints
// the table as it goes and writes it to .run/soak-table.md, then exits non-zero if a bound was broken.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { soakTable, soakViolations, type SoakSample } from '../../main/reliability/soakBounds';
import { RUNS_DIR } from '../../stack/stack';
import { SoakRun } from '../support/soak';

const CALLS = Number(process.env.HEARTHLINE_SOAK_CALLS ?? 500);
const EVERY = Number(process.env.HEARTHLINE_SOAK_EVERY ?? 50);
const TALK_MS = Number(process.env.HEARTHLINE_SOAK_TALK_MS ?? 2_000);

async function main(): Promise<void> {
  const started = Date.now();
  const run = await SoakRun.start({ talkMs: TALK_MS, log: (line) => console.log(line) });
  const samples: SoakSample[] = [];
  const failedCalls: number[] = [];
  const tableFile = join(RUNS_DIR, 'soak-table.md');
  mkdirSync(RUNS_DIR, { recursive: true });
  try {
    // The first sample after 10 calls is the warm-up (JIT, caches, the store's first pages).
    for (let n = 1; n <= CALLS; n += 1) {
      try {
        await run.call(n);
      } catch (error) {
        // One call that went wrong under load does not end a 500-call run: it is counted and reported.
        failedCalls.push(n);
        // What the agent saw, and Playwright's own account of the wait (what covered the button, …).
        const screenshot = join(RUNS_DIR, `soak-call-${n}.png`);
        await run.app.ui.screenshot({ path: screenshot }).catch(() => undefined);
        console.log(`call ${n} failed (screen: ${screenshot}): ${String(error).split('\n').slice(0, 12).join('\n')}`);
        await run.recover();
      }
      if (n === 10 || n % EVERY === 0) {
        samples.push(await run.sample(n));
        const minutes = ((Date.now() - started) / 60_000).toFixed(1);
        writeFileSync(tableFile, `${soakTable(samples)}\n\n${n} calls in ${minutes} min, ${TALK_MS} ms talk per call, failed calls: ${failedCalls.join(', ') || 'none'}\n`);
        console.log(`${n} calls after ${minutes} min`);
      }
    }
  } finally {
    await run.stop();
  }
  console.log(soakTable(samples));
  const problems = samples.slice(1).flatMap((sample) => soakViolations(samples[0]!, sample));
  if (failedCalls.length > 0) problems.push(`calls that failed and were recovered: ${failedCalls.join(', ')}`);
  console.log(problems.length === 0 ? `soak: ${CALLS} calls within the bounds` : `soak: bounds broken:\n${problems.join('\n')}`);
  if (problems.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
