/**
 * Readiness check duration end to end through the real stack: "Run the check" clicked in the agent UI →
 * verdict painted, with the two tone questions answered at once (an agent takes longer; that is their
 * time, not the check's). Compared in the same run with its floor (the echo call's fixed measuring
 * window) and with an ordinary call to the same echo extension from the dial pad (dial → connected),
 * which is what the check's overhead beyond the window should mostly be. Prints a markdown table.
 *
 *   bash e2e/run.sh bench e2e/bench/readiness.bench.ts     HEARTHLINE_BENCH_RUNS=5 (default)
 */
import { ECHO_TEST_USER, LocalStack } from '../../stack/stack';
import { DEFAULT_READINESS_OPTIONS } from '../../main/readiness/readinessService';
import { HeadlessApp } from '../support/hearthline';
import { latencyRow } from './percentile';

const RUNS = Number(process.env.HEARTHLINE_BENCH_RUNS ?? 5);

async function main(): Promise<void> {
  const stack = new LocalStack({ echoTest: true });
  await stack.start();
  const checks: number[] = [];
  const setups: number[] = [];
  let app: HeadlessApp | undefined;
  try {
    app = await HeadlessApp.startAgent(stack, { config: { wrapUpSeconds: 0 } });
    const ui = app.ui;
    const panel = ui.getByTestId('readiness-panel');
    await ui.getByTestId('readiness-open').click();
    for (let i = 0; i < RUNS; i += 1) {
      const started = performance.now();
      await panel.getByTestId('readiness-run').click();
      await panel.getByTestId('readiness-heard-speaker').click();
      await panel.getByTestId('readiness-heard-ringer').click();
      await panel.getByTestId('readiness-verdict').waitFor({ timeout: 30_000 });
      checks.push(performance.now() - started);
    }
    await panel.getByRole('button', { name: 'Close the readiness check' }).click();
    for (let i = 0; i < RUNS; i += 1) {
      const started = performance.now();
      await ui.getByTestId('dial-input').fill(ECHO_TEST_USER);
      await ui.getByTestId('dial-button').click();
      const connected = ui.locator('[data-call-state="connected"]');
      await connected.waitFor({ timeout: 10_000 });
      setups.push(performance.now() - started);
      await connected.getByTestId('hangup').click();
      await connected.waitFor({ state: 'detached', timeout: 10_000 });
    }
  } finally {
    await app?.stop();
    await stack.stop();
  }
  const windowMs = DEFAULT_READINESS_OPTIONS.networkMs;
  const row = (label: string, values: number[]) => latencyRow(label, values);
  console.log('\n### Readiness check, end to end in the agent UI (ms)\n');
  console.log('| what | runs | p50 | p95 | max |');
  console.log('|---|---:|---:|---:|---:|');
  console.log(row('readiness check: Run → verdict (tones answered at once)', checks));
  console.log(row(`… minus its fixed echo-call measuring window (${windowMs} ms)`, checks.map((value) => value - windowMs)));
  console.log(row(`peer: ordinary call to the echo extension ${ECHO_TEST_USER} from the dial pad, dial → connected`, setups));
  console.log('\nTarget: the whole check < 15 s; its overhead beyond the window ≈ one call setup plus UI round trips.');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
