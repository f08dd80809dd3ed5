/**
 * How fast a supervisor joins a call, end to end through the real stack: Monitor clicked in the
 * supervisor's UI → "Monitoring" shown there, and → the agent's banner shown; Whisper clicked (the mode
 * switched in the same dialog, an INFO) → "Whispering" shown, and → the agent's banner saying so.
 * Leave between runs. Prints a markdown table (p50/p95); nothing is asserted.
 *
 *   bash e2e/run.sh bench e2e/bench/monitoring.bench.ts     HEARTHLINE_BENCH_RUNS=10 (default)
 */
import { LocalStack } from '../../stack/stack';
import type { HeadlessApp } from '../support/hearthline';
import { customerCallsAgent, joinControls, startAgentAndSupervisor } from '../support/monitoring';
import { latencyRow } from './percentile';

const RUNS = Number(process.env.HEARTHLINE_BENCH_RUNS ?? 10);

async function main(): Promise<void> {
  const stack = new LocalStack({ phones: ['1002'] });
  await stack.start();
  const marks = { monitorShown: [] as number[], monitorAgentSees: [] as number[], whisperShown: [] as number[], whisperAgentSees: [] as number[] };
  let apps: HeadlessApp[] = [];
  try {
    const { ada, sam } = await startAgentAndSupervisor(stack, { adaSupervisors: ['1003'], samMicWav: stack.audio.agentTone });
    apps = [ada, sam];
    await customerCallsAgent(stack, ada, '1002', '1001');
    const controls = joinControls(sam, '1001');
    const status = controls.getByRole('status');
    const banner = ada.ui.getByTestId('listener-banner');
    for (let i = 0; i < RUNS; i += 1) {
      const monitorAt = performance.now();
      await controls.getByRole('button', { name: 'Monitor' }).click();
      const agentSeesMonitor = banner.filter({ hasText: 'is listening to this call' }).waitFor({ timeout: 10_000 }).then(() => performance.now());
      await status.filter({ hasText: 'Monitoring 1001’s call' }).waitFor({ timeout: 10_000 });
      marks.monitorShown.push(performance.now() - monitorAt);
      marks.monitorAgentSees.push((await agentSeesMonitor) - monitorAt);

      const whisperAt = performance.now();
      await controls.getByRole('button', { name: 'Whisper' }).click();
      const agentSeesWhisper = banner.filter({ hasText: 'is whispering to you' }).waitFor({ timeout: 10_000 }).then(() => performance.now());
      await status.filter({ hasText: 'Whispering to 1001' }).waitFor({ timeout: 10_000 });
      marks.whisperShown.push(performance.now() - whisperAt);
      marks.whisperAgentSees.push((await agentSeesWhisper) - whisperAt);

      await controls.getByRole('button', { name: 'Leave' }).click();
      await status.filter({ hasText: 'You left 1001’s call.' }).waitFor({ timeout: 10_000 });
      await banner.waitFor({ state: 'detached', timeout: 10_000 });
    }
  } finally {
    await Promise.all(apps.map((app) => app.stop()));
    await stack.stop();
  }
  const row = (label: string, values: number[]) => latencyRow(label, values);
  console.log('\n### Supervisor joining a call, end to end (ms)\n');
  console.log('| what | runs | p50 | p95 | max |');
  console.log('|---|---:|---:|---:|---:|');
  console.log(row('monitor: click → "Monitoring" on the supervisor’s screen (INVITE, verify, answer, ACK)', marks.monitorShown));
  console.log(row('monitor: click → the agent’s banner shows the listener', marks.monitorAgentSees));
  console.log(row('whisper: click → "Whispering" on the supervisor’s screen (in-dialog INFO)', marks.whisperShown));
  console.log(row('whisper: click → the agent’s banner says whispering', marks.whisperAgentSees));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
