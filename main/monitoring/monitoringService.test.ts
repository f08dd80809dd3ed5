import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MonitoringCommand, MonitoringView } from '../../common/contract/monitoring';
import { ServiceError } from '../ipc/errors';
import { MonitoringService } from './monitoringService';
import { PolicyMonitoringDirectory, type PolicyLists } from './policyDirectory';

function setup(policy: PolicyLists, ownUser: string | null = '1001') {
  const commands: MonitoringCommand[] = [];
  const views: MonitoringView[] = [];
  let current = policy;
  const service = new MonitoringService({
    directory: new PolicyMonitoringDirectory(() => current),
    ownUser: () => ownUser ?? undefined,
    command: (command) => commands.push(command),
    onChange: (view) => views.push(view),
    now: () => 42,
  });
  return { service, commands, views, setPolicy: (next: PolicyLists) => (current = next) };
}

describe('MonitoringService', () => {
  it('answers the engine with this agent’s supervisors as policy says at the moment of asking', () => {
    const { service, setPolicy } = setup({ supervisorSipUsers: ['2001'] });
    assert.deepEqual(service.supervisors(), ['2001']);
    setPolicy({ supervisorSipUsers: ['2002', '2003'] });
    assert.deepEqual(service.supervisors(), ['2002', '2003']);
    setPolicy({});
    assert.deepEqual(service.supervisors(), [], 'no list: nobody may join');
  });

  it('names nobody before an account is configured', () => {
    const { service } = setup({ supervisorSipUsers: ['2001'], supervisedAgentSipUsers: ['1001'] }, null);
    assert.deepEqual(service.supervisors(), []);
    assert.deepEqual(service.view().agents, []);
  });

  it('offers the agents policy lists, never this app’s own user', () => {
    const { service } = setup({ supervisedAgentSipUsers: ['1001', '1005'] }, '1001');
    assert.deepEqual(service.view(), { listeners: [], session: null, agents: ['1005'], now: 42 });
  });

  it('joins, switches mode in the same join, and leaves', () => {
    const { service, commands, views } = setup({ supervisedAgentSipUsers: ['1005'] }, '2001');
    service.join('1005', 'monitor');
    assert.deepEqual(commands.at(-1), { type: 'join', agent: '1005', mode: 'monitor' });
    assert.equal(views.at(-1)?.session?.state, 'joining');
    assert.throws(() => service.join('1005', 'whisper'), (error: unknown) => error instanceof ServiceError && error.code === 'conflict', 'not while still joining');
    service.onReport({ type: 'session', session: { agent: '1005', mode: 'monitor', state: 'joined' } });
    service.join('1005', 'whisper');
    assert.deepEqual(commands.at(-1), { type: 'setMode', mode: 'whisper' });
    assert.throws(() => service.join('1007', 'monitor'), (error: unknown) => error instanceof ServiceError && error.code === 'conflict', 'one agent at a time');
    service.leave();
    assert.deepEqual(commands.at(-1), { type: 'leave' });
    service.onReport({ type: 'session', session: { agent: '1005', mode: 'whisper', state: 'ended', reason: 'left' } });
    service.join('1007', 'barge');
    assert.deepEqual(commands.at(-1), { type: 'join', agent: '1007', mode: 'barge' }, 'a new join after the last one ended');
  });

  it('refuses joining this app’s own call', () => {
    const { service, commands } = setup({}, '1001');
    assert.throws(() => service.join('1001', 'monitor'), ServiceError);
    assert.equal(commands.length, 0);
  });

  it('shows the agent who is listening, and clears everything when the engine is lost', () => {
    const { service, views } = setup({}, '1001');
    service.onReport({ type: 'listeners', listeners: [{ supervisor: '2001', mode: 'whisper', since: 1 }] });
    assert.deepEqual(views.at(-1)?.listeners, [{ supervisor: '2001', mode: 'whisper', since: 1 }]);
    service.engineLost();
    assert.deepEqual(views.at(-1)?.listeners, []);
  });

  it('ends the supervisor’s own join as failed when the engine is lost', () => {
    const { service, views } = setup({}, '2001');
    service.join('1001', 'monitor');
    service.engineLost();
    assert.deepEqual(views.at(-1)?.session, { agent: '1001', mode: 'monitor', state: 'ended', reason: 'failed' });
  });
});
