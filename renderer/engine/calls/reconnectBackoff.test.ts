import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RECONNECT_CAP_MS, reconnectDelayMs } from './reconnectBackoff';

/** A seeded linear congruential generator (Numerical Recipes constants), so the fleet below is the same on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296;
}

describe('forced SIP reconnect back-off', () => {
  it('never waits longer than the cap and never less than nothing', () => {
    const random = seeded(1);
    for (let attempt = 2; attempt < 100; attempt += 1) {
      const delay = reconnectDelayMs(attempt, random);
      assert.ok(delay >= 0 && delay < RECONNECT_CAP_MS);
    }
    assert.equal(reconnectDelayMs(1_000, () => 0.999999), RECONNECT_CAP_MS - 1);
  });

  it('the window grows with each failed attempt (same draw)', () => {
    const delays = [2, 3, 4, 5, 6, 7].map((attempt) => reconnectDelayMs(attempt, () => 0.5));
    assert.deepEqual(delays, [500, 1_000, 2_000, 4_000, 5_000, 5_000]);
  });

  it('200 agents that lost the server together do not come back in lockstep: their attempts spread over the window', () => {
    const random = seeded(16);
    const connectTimeoutMs = 3_000;
    // Time of each agent's sixth attempt after the outage began.
    const sixth = Array.from({ length: 200 }, () => {
      let at = 0;
      for (let attempt = 2; attempt <= 6; attempt += 1) at += connectTimeoutMs + reconnectDelayMs(attempt, random);
      return at;
    });
    // In any one second, at most a small share of the fleet (fixed intervals put all 200 in the same instant).
    const perSecond = new Map<number, number>();
    for (const at of sixth) perSecond.set(Math.floor(at / 1000), (perSecond.get(Math.floor(at / 1000)) ?? 0) + 1);
    assert.ok(Math.max(...perSecond.values()) <= 30, `busiest second: ${Math.max(...perSecond.values())} agents`);
  });
});
