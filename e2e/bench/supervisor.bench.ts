/**
 * Supervisor help through the real stack and the reference gateway, measured in the UIs: an agent sends a
 * raised hand (click on "Send request") → the request is on the supervisor's screen (SIP MESSAGE through
 * Kamailio, then main, then the UI); and the agent changes status → the team board row shows it (agent
 * main → gateway → SSE → supervisor main → UI); and, with a customer on the line, Monitor clicked in the
 * agent's board row → "Monitoring" on the supervisor's screen and → the agent's banner (who may join comes
 * from the gateway's team here; e2e/bench/monitoring.bench.ts measures the same join with machine policy,
 * and the whisper switch). Prints a markdown table.
 *
 *   bash e2e/run.sh bench e2e/bench/supervisor.bench.ts     HEARTHLINE_BENCH_RUNS=10 (default)
 */
import { join } from 'node:path';
import { startGateway } from '../../gateway/server';
import { LocalStack } from '../../stack/stack';
import { HeadlessApp } from '../support/hearthline';
import { latencyRow } from './percentile';

const RUNS = Number(process.env.HEARTHLINE_BENCH_RUNS ?? 10);
const TOKEN = 'supervisor-bench-token-0123456789';

async function main(): Promise<void> {
  const stack = new LocalStack({ phones: ['1002'] });
  await stack.start();
  const gateway = await startGateway({ dbFile: join(stack.runDir, 'gateway.db'), token: TOKEN });
  process.env.HEARTHLINE_GATEWAY_TOKEN = TOKEN;
  const extraArgs = ['--gateway-url', gateway.url];
  const hands: number[] = [];
  const board: number[] = [];
  const joinShown: number[] = [];
  const joinAgentSees: number[] = [];
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

    await agent.ui.getByRole('button', { name: /Status/ }).click();
    await agent.ui.getByRole('option', { name: 'Available' }).click();
    await row.filter({ hasText: /^(?!.*Lunch).*Ready/ }).waitFor({ timeout: 10_000 });
    await agent.answerCallFrom(stack.phone('1002'), '1001');
    const join = row.getByRole('region', { name: 'Join Agent (1001)’s call' });
    const banner = agent.ui.getByTestId('listener-banner');
    for (let i = 0; i < RUNS; i += 1) {
      const clickedAt = performance.now();
      await join.getByRole('button', { name: 'Monitor' }).click();
      const agentSees = banner.filter({ hasText: 'is listening to this call' }).waitFor({ timeout: 20_000 }).then(() => performance.now());
      await join.getByRole('status').filter({ hasText: 'Monitoring 1001’s call' }).waitFor({ timeout: 20_000 });
      joinShown.push(performance.now() - clickedAt);
      joinAgentSees.push((await agentSees) - clickedAt);
      await join.getByRole('button', { name: 'Leave' }).click();
      await banner.waitFor({ state: 'detached', timeout: 20_000 });
    }
    await stack.phone('1002').hangupAll();
  } finally {
    await Promise.all([agent?.stop(), supervisor?.stop()]);
    await gateway.close();
    await stack.stop();
  }
  const line = (label: string, values: number[]) => latencyRow(label, values);
  console.log('\n### Supervisor help, end to end in the UIs (ms)\n');
  console.log('| what | runs | p50 | p95 | max |');
  console.log('|---|---:|---:|---:|---:|');
  console.log(line('raise hand: agent clicks Send → request on the supervisor’s screen', hands));
  console.log(line('team board: agent picks a status → the board row shows it', board));
  console.log(line('board row: Monitor clicked → "Monitoring" on the supervisor’s screen', joinShown));
  console.log(line('board row: Monitor clicked → the agent’s banner shows the listener', joinAgentSees));
  console.log('\nTarget: the board ≤ 2 s behind; a raised hand on screen well within a second.');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
