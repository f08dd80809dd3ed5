import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GatewayTeam } from '../../common/contract/supervisor';
import type { SupervisorDirectory } from '../supervisor/directory';
import type { Scheduler } from '../time/scheduler';
import { TEAM_REFRESH_MS, TeamJoinDirectory } from './teamJoinDirectory';

function manualScheduler() {
  let now = 0;
  const timers: { at: number; fn: () => void }[] = [];
  const scheduler: Scheduler = {
    now: () => now,
    monotonic: () => now,
    setTimer: (delay, fn) => {
      const timer = { at: now + delay, fn };
      timers.push(timer);
      return () => timers.splice(timers.indexOf(timer) >>> 0, 1);
    },
  };
  return { scheduler, advance: (ms: number) => (now += ms) };
}

const policy = { supervisorsOf: () => ['1009'], agentsSupervisedBy: () => [] };
const north: GatewayTeam = { team: 'north', supervisors: ['1005'], agents: ['1001', '1003'] };

test("an agent's supervisors from the gateway team are accepted beside policy's, once fetched", async () => {
  const { scheduler } = manualScheduler();
  let changes = 0;
  const teams: SupervisorDirectory = { supervisorsOf: async () => ['1005'], teamOf: async () => undefined };
  const directory = new TeamJoinDirectory({ policy, teams, ownUser: () => '1001', scheduler, changed: () => changes++, log: { warn: () => {} } });
  await directory.refresh('1001');
  assert.deepEqual([...directory.supervisorsOf('1001')].sort(), ['1005', '1009']);
  assert.equal(changes, 1);
  directory.dispose();
});

test("a supervisor is offered the agents of the team the gateway says they lead", async () => {
  const { scheduler } = manualScheduler();
  const teams: SupervisorDirectory = { supervisorsOf: async () => [], teamOf: async (user) => (user === '1005' ? north : undefined) };
  const directory = new TeamJoinDirectory({ policy, teams, ownUser: () => '1005', scheduler, changed: () => {}, log: { warn: () => {} } });
  await directory.refresh('1005');
  assert.deepEqual(directory.agentsSupervisedBy('1005'), ['1001', '1003']);
  directory.dispose();
});

test('a gateway failure leaves policy answering and is asked again at the next question', async () => {
  const { scheduler } = manualScheduler();
  let calls = 0;
  const warnings: unknown[] = [];
  const teams: SupervisorDirectory = {
    supervisorsOf: async () => {
      calls++;
      throw new Error('gateway down');
    },
    teamOf: async () => undefined,
  };
  const directory = new TeamJoinDirectory({ policy, teams, ownUser: () => undefined, scheduler, changed: () => {}, log: { warn: (entry: unknown) => warnings.push(entry) } });
  await directory.refresh('1001');
  assert.deepEqual(directory.supervisorsOf('1001'), ['1009']);
  await directory.refresh('1001');
  assert.equal(calls, 2);
  assert.ok(warnings.length >= 2);
  directory.dispose();
});

test('a fresh answer is not asked again within the refresh period', async () => {
  const { scheduler, advance } = manualScheduler();
  let calls = 0;
  const teams: SupervisorDirectory = { supervisorsOf: async () => (calls++, ['1005']), teamOf: async () => undefined };
  const directory = new TeamJoinDirectory({ policy, teams, ownUser: () => undefined, scheduler, changed: () => {}, log: { warn: () => {} } });
  await directory.refresh('1001');
  await directory.refresh('1001');
  assert.equal(calls, 1);
  advance(TEAM_REFRESH_MS);
  await directory.refresh('1001');
  assert.equal(calls, 2);
  directory.dispose();
});
