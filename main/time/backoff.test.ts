import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { afterCrash, initialBackoff, markUp, type BackoffPolicy, type BackoffState } from './backoff';

const policy: BackoffPolicy = { baseDelayMs: 500, maxDelayMs: 15_000, stableAfterMs: 60_000 };

function crashLoop(times: number, upFor: number): number[] {
  let state: BackoffState = initialBackoff;
  let now = 0;
  const delays: number[] = [];
  for (let i = 0; i < times; i += 1) {
    state = markUp(state, now);
    now += upFor;
    const next = afterCrash(state, now, policy);
    delays.push(next.delayMs);
    state = next.state;
    now += next.delayMs;
  }
  return delays;
}

describe('restart back-off', () => {
  it('crashing right after each start waits longer each time, up to the cap', () => {
    assert.deepEqual(crashLoop(7, 1_000), [500, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000]);
  });

  it('after a stable run the next crash restarts fast again (five crashes early in a shift do not cost 15 s forever)', () => {
    let state: BackoffState = initialBackoff;
    for (let i = 0; i < 5; i += 1) state = afterCrash(markUp(state, i * 1_000), i * 1_000 + 10, policy).state;
    const late = afterCrash(markUp(state, 100_000), 100_000 + 2 * 3600_000, policy);
    assert.equal(late.delayMs, 500);
    assert.equal(late.state.crashes, 1);
  });

  it('a crash before it ever came up does not count as stable', () => {
    const first = afterCrash(initialBackoff, 10_000_000, policy);
    const second = afterCrash(first.state, 20_000_000, policy);
    assert.equal(second.delayMs, 1_000);
  });
});
