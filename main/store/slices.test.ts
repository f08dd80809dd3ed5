import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyInSlices, drainInSlices } from './slices';

describe('store jobs in slices', () => {
  it('applyInSlices applies every item once, in order, in slices of the given size, pausing only between slices', async () => {
    const events: string[] = [];
    const progress = await applyInSlices([1, 2, 3, 4, 5, 6, 7], (slice) => events.push(`apply ${slice.join(',')}`), {
      size: 3,
      pause: async () => void events.push('pause'),
    });
    assert.deepEqual(events, ['apply 1,2,3', 'pause', 'apply 4,5,6', 'pause', 'apply 7']);
    assert.deepEqual(progress, { done: 7, complete: true });
  });

  it('applyInSlices stops before the next slice when asked and says how far it got', async () => {
    const applied: number[][] = [];
    let stop = false;
    const progress = await applyInSlices([1, 2, 3, 4, 5], (slice) => applied.push([...slice]), { size: 2, pause: async () => void (stop = true), stopped: () => stop });
    assert.deepEqual(applied, [[1, 2]]);
    assert.deepEqual(progress, { done: 2, complete: false });
  });

  it('a slice that throws ends the job with its error; the slices before it were applied', async () => {
    const applied: number[][] = [];
    await assert.rejects(
      applyInSlices([1, 2, 3, 4, 5], (slice) => {
        if (slice.includes(3)) throw new Error('disk full');
        applied.push([...slice]);
      }, { size: 2, pause: async () => {} }),
      /disk full/,
    );
    assert.deepEqual(applied, [[1, 2]]);
  });

  it('drainInSlices repeats until a slice handles fewer rows than its limit', async () => {
    let left = 12;
    const limits: number[] = [];
    let pauses = 0;
    const progress = await drainInSlices(
      (limit) => {
        limits.push(limit);
        const handled = Math.min(limit, left);
        left -= handled;
        return handled;
      },
      { size: 5, pause: async () => void (pauses += 1) },
    );
    assert.deepEqual(progress, { done: 12, complete: true });
    assert.deepEqual(limits, [5, 5, 5]);
    assert.equal(pauses, 2);
  });

  it('drainInSlices with an exact multiple ends on the empty slice that finds nothing left', async () => {
    let left = 10;
    const progress = await drainInSlices((limit) => {
      const handled = Math.min(limit, left);
      left -= handled;
      return handled;
    }, { size: 5, pause: async () => {} });
    assert.deepEqual(progress, { done: 10, complete: true });
  });

  it('the default pause lets timers and I/O callbacks queued behind a slice run before the next one', async () => {
    const order: string[] = [];
    let slice = 0;
    setTimeout(() => order.push('due timer'), 0);
    await drainInSlices(() => {
      slice += 1;
      order.push(`slice ${slice}`);
      // a due timer can only run once the loop turns: it must come between the slices, not after them
      if (slice === 1) for (const end = Date.now() + 2; Date.now() < end; );
      return slice < 3 ? 1 : 0;
    }, { size: 1 });
    assert.ok(order.indexOf('due timer') > order.indexOf('slice 1') && order.indexOf('due timer') < order.indexOf('slice 3'), order.join(' → '));
  });

  it('refuses a slice size that is not a positive integer', async () => {
    await assert.rejects(applyInSlices([1], () => {}, { size: 0 }), /positive integer/);
    await assert.rejects(drainInSlices(() => 0, { size: 1.5 }), /positive integer/);
  });
});
