import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstToLast, median, p50p95, ratio, row } from './perfTable';

describe('perf table figures', () => {
  it('prints p50 / p95 with a decimal only below 10 ms, and – without samples', () => {
    assert.equal(p50p95([5.44, 8.61, 7]), '7.0 / 8.6 ms');
    assert.equal(p50p95([52, 84, 60, 70]), '60 / 84 ms');
    assert.equal(p50p95([]), '–');
  });

  it('divides Hearthline by the bare floor at the same percentile', () => {
    assert.equal(ratio([20, 30, 40], [10, 10, 10]), '3.0×');
    assert.equal(ratio([20, 30, 400], [10, 10, 100], 95), '4.0×');
    assert.equal(ratio([20], []), '–');
    assert.equal(ratio([20], [0]), '–');
  });

  it('shows a figure sampled through a run first → last', () => {
    assert.equal(firstToLast([12.13, 12.6, 12.44], 'MB'), '12.1 → 12.4 MB');
    assert.equal(firstToLast([0.5], '%'), '0.5 %');
    assert.equal(firstToLast([], '%'), '–');
  });

  it('prints medians and rows', () => {
    assert.equal(median([1, 3, 2], '%'), '2.0 %');
    assert.equal(median([], '%'), '–');
    assert.equal(row('a', 'b'), '| a | b |');
  });
});
