import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Role } from '../../common/contract/channels';
import type { Snapshot } from '../../common/contract/model';
import { StartTimeline, watchStart, type StartMark } from './startTimeline';

function fakeClock() {
  const clock = { at: 0, cpu: 0 };
  return { clock, timeline: new StartTimeline({ now: () => clock.at, cpuMs: () => clock.cpu }) };
}

function snapshot(registration: Snapshot['registration']['state'], presence: Snapshot['presence']): Snapshot {
  return { registration: { state: registration }, presence } as Snapshot;
}

function sources() {
  const snapshotListeners = new Set<(snapshot: Snapshot) => void>();
  const attachListeners = new Set<(role: Role) => void>();
  const helloListeners: Array<() => void> = [];
  return {
    push: (value: Snapshot) => [...snapshotListeners].forEach((listener) => listener(value)),
    attach: (role: Role) => [...attachListeners].forEach((listener) => listener(role)),
    hello: () => helloListeners.forEach((listener) => listener()),
    listening: () => snapshotListeners.size + attachListeners.size,
    ports: {
      onSnapshot: (listener: (value: Snapshot) => void) => {
        snapshotListeners.add(listener);
        return () => snapshotListeners.delete(listener);
      },
      onAttach: (listener: (role: Role) => void) => {
        attachListeners.add(listener);
        return () => attachListeners.delete(listener);
      },
      onEngineHello: (listener: () => void) => helloListeners.push(listener),
    },
  };
}

describe('start timeline', () => {
  it('keeps the first time and CPU of each step', () => {
    const { clock, timeline } = fakeClock();
    clock.at = 12.34;
    clock.cpu = 40;
    timeline.mark('hostMain');
    clock.at = 80;
    clock.cpu = 95;
    timeline.mark('hostMain');
    timeline.mark('appCreated');
    assert.deepEqual(timeline.list(), [
      { name: 'hostMain', atMs: 12.3, cpuMs: 40 },
      { name: 'appCreated', atMs: 80, cpuMs: 95 },
    ]);
  });

  it('reports once a UI is attached and Ready was pushed, in the order main saw the steps, then stops watching', () => {
    const { clock, timeline } = fakeClock();
    const source = sources();
    const reports: StartMark[][] = [];
    watchStart(timeline, source.ports, (marks) => reports.push(marks));
    const at = (ms: number) => {
      clock.at = ms;
      clock.cpu = ms / 2;
    };
    at(100);
    source.attach('engine');
    at(120);
    source.hello();
    at(130);
    source.push(snapshot('registering', 'registering'));
    at(160);
    source.push(snapshot('registered', 'ready'));
    assert.equal(reports.length, 0, 'no UI yet: the agent has not seen Ready');
    at(400);
    source.attach('ui');
    assert.deepEqual(
      reports[0]?.map((mark) => [mark.name, mark.atMs, mark.cpuMs]),
      [
        ['engineAttached', 100, 50],
        ['engineHello', 120, 60],
        ['registering', 130, 65],
        ['registered', 160, 80],
        ['readyPushed', 160, 80],
        ['uiAttached', 400, 200],
      ],
    );
    assert.equal(source.listening(), 0, 'nothing watched after the report');
    source.attach('ui');
    source.push(snapshot('registered', 'ready'));
    assert.equal(reports.length, 1);
  });

  it('does not count Not Ready as Ready', () => {
    const { timeline } = fakeClock();
    const source = sources();
    const reports: StartMark[][] = [];
    watchStart(timeline, source.ports, (marks) => reports.push(marks));
    source.attach('ui');
    source.push(snapshot('registered', 'notReady'));
    assert.equal(reports.length, 0);
    source.push(snapshot('registered', 'ready'));
    assert.equal(reports.length, 1);
  });
});
