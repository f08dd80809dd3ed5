import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeDurations, planShards, UNKNOWN_FILE_SECONDS } from './e2eShards';

describe('e2e shards', () => {
  it('puts the longest files first onto the least-loaded shard, so the shards end close together', () => {
    const durations = { 'a.e2e.ts': 300, 'b.e2e.ts': 200, 'c.e2e.ts': 150, 'd.e2e.ts': 100, 'e.e2e.ts': 50 };
    const plan = planShards(Object.keys(durations).reverse(), durations, 2);
    assert.deepEqual(plan, [['a.e2e.ts', 'd.e2e.ts'], ['b.e2e.ts', 'c.e2e.ts', 'e.e2e.ts']]);
    const loads = plan.map((shard) => shard.reduce((sum, file) => sum + durations[file as keyof typeof durations], 0));
    assert.deepEqual(loads, [400, 400]);
  });

  it('runs every file exactly once, untimed files too, and never makes an empty shard', () => {
    const plan = planShards(['x.e2e.ts', 'y.e2e.ts', 'x.e2e.ts'], { 'y.e2e.ts': UNKNOWN_FILE_SECONDS + 1 }, 4);
    assert.deepEqual(plan, [['y.e2e.ts'], ['x.e2e.ts']]);
    assert.deepEqual(planShards(['only.e2e.ts'], {}, 0), [['only.e2e.ts']], 'fewer than one shard means one');
  });

  it('a finished run’s times replace the recorded ones; garbage lines are ignored', () => {
    const merged = mergeDurations([{ 'a.e2e.ts': 10, 'b.e2e.ts': 20 }, { 'b.e2e.ts': 25 }], 'a.e2e.ts\t12\nnonsense\nc.e2e.ts\tNaN\n');
    assert.deepEqual(merged, { 'a.e2e.ts': 12, 'b.e2e.ts': 25 });
  });
});
