import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { initialBackoff, markUp, type BackoffState } from '../time/backoff';
import { UI_RELOAD_POLICY, uiReloadDecision } from './uiReload';

describe('UI reload after the renderer dies', () => {
  it('a UI that crashes while loading is reloaded ever more slowly (capped), not in a tight loop', () => {
    let state: BackoffState = initialBackoff;
    let now = 0;
    const delays: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      state = markUp(state, now); // it loaded …
      now += 500; // … and crashed half a second later
      const decision = uiReloadDecision(state, now, 'crashed');
      assert.equal(decision.action, 'reload');
      if (decision.action !== 'reload') return;
      delays.push(decision.delayMs);
      state = decision.state;
      now += decision.delayMs;
    }
    assert.deepEqual(delays.slice(0, 4), [250, 500, 1_000, 2_000]);
    assert.equal(delays.at(-1), UI_RELOAD_POLICY.maxDelayMs);
    assert.ok(delays.every((delay, i) => i === 0 || delay >= delays[i - 1]!));
  });

  it('after a stable stretch the next crash reloads at once again; a clean exit is not reloaded', () => {
    let state: BackoffState = { crashes: 8, upSince: undefined };
    state = markUp(state, 0);
    const later = uiReloadDecision(state, UI_RELOAD_POLICY.stableAfterMs + 1, 'oom');
    assert.ok(later.action === 'reload' && later.delayMs === UI_RELOAD_POLICY.baseDelayMs);
    assert.equal(uiReloadDecision(state, 10, 'clean-exit').action, 'none');
  });
});
