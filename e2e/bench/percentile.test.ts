import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { latencyRow, percentile } from './percentile';

describe('percentile (nearest rank)', () => {
  it('picks a value that was measured, never one between two', () => {
    const values = [40, 10, 30, 20];
    assert.equal(percentile(values, 50), 20);
    assert.equal(percentile(values, 95), 40);
    assert.equal(percentile(values, 0), 10);
    assert.equal(percentile(values, 100), 40);
  });

  it('gives the one value of a single sample and NaN for none', () => {
    assert.equal(percentile([7], 95), 7);
    assert.ok(Number.isNaN(percentile([], 50)));
  });

  it('does not reorder the caller’s list', () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    assert.deepEqual(values, [3, 1, 2]);
  });

  it('p95 of 20 samples is the 19th, so one outlier in 20 does not set it', () => {
    const values = [...Array.from({ length: 19 }, (_, i) => i + 1), 1000];
    assert.equal(percentile(values, 95), 19);
  });

  it('prints a latency row with n, p50, p95 and max', () => {
    assert.equal(latencyRow('ringing', [10, 20, 30, 40]), '| ringing | 4 | 20 | 40 | 40 |');
  });
});
