/**
 * Supervisor help through the real stack and the reference gateway, measured in the UIs: an agent sends a
 * raised hand (click on "Send request") → the request is on the supervisor's screen (SIP MESSAGE through
 * Kamailio, then main, then the UI); and the agent changes status → the team board row shows it (agent
 * main → gateway → SSE → supervisor main → UI). Prints a markdown table.
 *
 *   bash e2e/run.sh bench e2e/bench/supervisor.bench.ts     HEARTHLINE_BENCH_RUNS=10 (default)
 */
import { join } from 'node:path';
import { startGateway } from '../../gateway/server';
import { LocalStack } from '../../stack/stack';
import { HeadlessApp } from '../support/hearthline';
import { percentile } from './percentile';

const RUNS = Number(process.env.HEARTHLINE_BENCH_RUNS ?? 10);
const TOKEN = 'supervisor-bench-token-0123456789';

async function main(): Promise<void> {
  const stack = new LocalStack({ phones: [] });
  await stack.start();
  const gateway = await startGateway({ dbFile: join(stack.runDir, 'gateway.db'), token: TOKEN });
  process.env.HEARTHLINE_GATEWAY_TOKEN = TOKEN;
  const extraArgs = ['--gateway-url', gateway.url];
  const hands: number[] = [];
  const board: number[] = [];
  let agent: HeadlessApp | undefined;
  let supervisor: HeadlessApp | undefined;
  try {
    [agent, supervisor] = await Promise.all([
      HeadlessApp.startAgent(stack, { user: '1001', name: 'bench-agent', extraArgs, env: { HEARTHLINE_GATEWAY_ACCOUNT_CREDENTIAL: gateway.supervisor.issueCredential('1001') } }),
      HeadlessApp.startAgent(stack, { user: '1005', name: 'bench-supervisor', extraArgs, env: { HEARTHLINE_GATEWAY_ACCOUNT_CREDENTIAL: gateway.supervisor.issueCredential('1005') } }),
    ]);
    const desk = supervisor.ui.getByRole('region', { name: 'Supervisor desk' });
    await desk.waitFor({ timeout: 15_000 });
    const row = desk.getByRole('table').getByRole('row').filter({ has: supervisor.ui.getByRole('rowheader', { name: 'Agent (1001)' }) });
    for (let i = 0; i < RUNS; i += 1) {
      await agent.ui.getByRole('button', { name: 'Raise hand' }).click();
      const form = agent.ui.getByRole('form', { name: 'Ask a supervisor for help' });
      await form.getByRole('textbox', { name: /What do you need/ }).fill(`bench request ${i}`);
      const started = performance.now();
      await form.getByRole('button', { name: 'Send request' }).click();
      const queued = desk.getByRole('listitem', { name: 'Request from Agent (1001)' }).filter({ hasText: `bench request ${i}` });
      await queued.waitFor({ timeout: 10_000 });
      hands.push(performance.now() - started);
      await queued.getByRole('button', { name: 'Accept' }).click();
      await queued.getByRole('button', { name: 'Done' }).click();
      await queued.waitFor({ state: 'detached', timeout: 10_000 });

      const next = i % 2 === 0 ? { option: 'Lunch', shown: /Lunch/ } : { option: 'Available', shown: /^(?!.*Lunch).*Ready/ };
      await agent.ui.getByRole('button', { name: /Status/ }).click();
      const boardStarted = performance.now();
      await agent.ui.getByRole('option', { name: next.option }).click();
      await row.filter({ hasText: next.shown }).waitFor({ timeout: 10_000 });
      board.push(performance.now() - boardStarted);
    }
  } finally {
    await Promise.all([agent?.stop(), supervisor?.stop()]);
    await gateway.close();
    await stack.stop();
  }
  const line = (label: string, values: number[]) =>
    `| ${label} | ${values.length} | ${percentile(values, 50).toFixed(0)} | ${percentile(values, 95).toFixed(0)} | ${Math.max(...values).toFixed(0)} |`;
  console.log('\n### Supervisor help, end to end in the UIs (ms)\n');
  console.log('| what | runs | p50 | p95 | max |');
  console.log('|---|---:|---:|---:|---:|');
  console.log(line('raise hand: agent clicks Send → request on the supervisor’s screen', hands));
  console.log(line('team board: agent picks a status → the board row shows it', board));
  console.log('\nTarget: the board ≤ 2 s behind; a raised hand on screen well within a second.');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
