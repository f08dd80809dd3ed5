import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sampleRing } from './sampleRing';

describe('sampleRing', () => {
  it('keeps only the newest samples and still reads like an array', () => {
    const ring = sampleRing(3);
    for (let i = 1; i <= 10; i += 1) ring.push(i);
    assert.deepEqual([...ring], [8, 9, 10]);
    assert.equal(ring.length, 3);
    assert.deepEqual([...ring].sort((a, b) => b - a), [10, 9, 8]);
    ring.push(11, 12);
    assert.deepEqual(ring.slice(), [10, 11, 12]);
  });
});
