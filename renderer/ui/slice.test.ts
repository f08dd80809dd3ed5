import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sliceReader } from './slice';

describe('sliceReader', () => {
  it('gives the same slice for the same source and selector without running the selector again', () => {
    const read = sliceReader<{ a: number }, { double: number }>();
    let runs = 0;
    const select = (source: { a: number }) => {
      runs += 1;
      return { double: source.a * 2 };
    };
    const source = { a: 2 };
    const first = read(source, select);
    assert.equal(read(source, select), first);
    assert.equal(runs, 1);
  });

  it('keeps the earlier slice when a new source gives an equal one, also from a new selector', () => {
    const read = sliceReader<{ a: number; b: number }, { a: number }>();
    const first = read({ a: 1, b: 1 }, (source) => ({ a: source.a }));
    assert.equal(read({ a: 1, b: 2 }, (source) => ({ a: source.a })), first, 'b changed, the slice did not');
    const changed = read({ a: 3, b: 2 }, (source) => ({ a: source.a }));
    assert.notEqual(changed, first);
    assert.deepEqual(changed, { a: 3 });
  });

  it('runs a new selector on the same source (it may close over other values)', () => {
    const read = sliceReader<number, number>();
    assert.equal(read(1, (n) => n + 1), 2);
    assert.equal(read(1, (n) => n + 10), 11);
  });
});
