import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AttemptOutcome } from '../gateway/gatewayClient';
import { decide, DEFAULT_RETRY_POLICY, fullJitterDelay, parseRetryAfter } from './retryPolicy';

const policy = { ...DEFAULT_RETRY_POLICY, baseMs: 1000, capMs: 60_000 };
const NOW = Date.UTC(2026, 0, 5, 9, 0, 0);
const run = (outcome: AttemptOutcome, failures = 1, random = () => 0.5, createdAt = NOW) => decide({ outcome, failures, createdAt, now: NOW }, policy, random);

describe('fullJitterDelay', () => {
  it('spans the whole window from 0 up to base·2^(n-1)', () => {
    assert.equal(fullJitterDelay(1, policy, () => 0), 0);
    assert.equal(fullJitterDelay(1, policy, () => 0.999_999), 999);
    assert.equal(fullJitterDelay(3, policy, () => 0.5), 2000);
  });
  it('never exceeds the cap, however many failures', () => {
    assert.equal(fullJitterDelay(7, policy, () => 0.999_999), 59_999);
    assert.equal(fullJitterDelay(10_000, policy, () => 0.999_999), 59_999);
  });
  it('grows with the number of failures for the same random draw', () => {
    const delays = [1, 2, 3, 4, 5].map((n) => fullJitterDelay(n, policy, () => 0.7));
    assert.deepEqual(delays, [...delays].sort((a, b) => a - b));
    assert.ok(delays[4]! > delays[0]! * 10);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates', () => {
    assert.equal(parseRetryAfter('120', NOW), 120_000);
    assert.equal(parseRetryAfter(new Date(NOW + 30_000).toUTCString(), NOW), 30_000);
  });
  it('ignores missing or unreadable values', () => {
    assert.equal(parseRetryAfter(undefined, NOW), undefined);
    assert.equal(parseRetryAfter('soon', NOW), undefined);
  });
});

describe('decide', () => {
  it('2xx means sent', () => {
    assert.deepEqual(run({ kind: 'response', status: 201 }), { action: 'sent' });
  });
  it('parks a record the gateway refuses (422) with its reason', () => {
    assert.deepEqual(run({ kind: 'response', status: 422, errorMessage: 'account closed' }), { action: 'park', reason: 'account closed', status: 422 });
  });
  it('retries network failures, 5xx, 408 and 429 with backoff', () => {
    for (const outcome of [{ kind: 'networkError', message: 'ECONNREFUSED' }, { kind: 'response', status: 503 }, { kind: 'response', status: 408 }, { kind: 'response', status: 429 }] as AttemptOutcome[]) {
      const decision = run(outcome, 2);
      assert.equal(decision.action, 'retry', JSON.stringify(outcome));
      assert.equal(decision.action === 'retry' && decision.delayMs, 1000);
      assert.equal(decision.action === 'retry' && decision.gateway, outcome.kind === 'networkError' ? 'unreachable' : 'busy');
    }
  });
  it('waits at least as long as Retry-After asks, within reason', () => {
    const decision = run({ kind: 'response', status: 429, retryAfter: '30' }, 1, () => 0.1);
    assert.equal(decision.action === 'retry' && decision.delayMs, 30_000);
    const absurd = run({ kind: 'response', status: 503, retryAfter: '999999' }, 1);
    assert.equal(absurd.action === 'retry' && absurd.delayMs, policy.maxRetryAfterMs);
  });
  it('keeps records queued on 401/403 and reports the gateway as refusing', () => {
    const decision = run({ kind: 'response', status: 401 });
    assert.equal(decision.action, 'retry');
    assert.equal(decision.action === 'retry' && decision.gateway, 'refused');
  });
  it('parks a record that has failed for longer than the give-up window', () => {
    const decision = run({ kind: 'networkError', message: 'ECONNREFUSED' }, 40, () => 0.5, NOW - policy.giveUpAfterMs);
    assert.equal(decision.action, 'park');
  });
});
