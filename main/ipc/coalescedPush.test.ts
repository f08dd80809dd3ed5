import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coalescedPush } from './coalescedPush';

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('coalescedPush', () => {
  it('pushes once per burst, again for the next burst, never after dispose, and reports a failing push', async () => {
    let pushes = 0;
    const errors: unknown[] = [];
    let fail = false;
    const push = coalescedPush(() => {
      pushes += 1;
      if (fail) throw new Error('hub gone');
    }, (error) => errors.push(error));
    push.request();
    push.request();
    push.request();
    await turn();
    assert.equal(pushes, 1);
    push.request();
    await turn();
    assert.equal(pushes, 2);
    fail = true;
    push.request();
    await turn();
    assert.equal(errors.length, 1);
    push.request();
    push.dispose();
    await turn();
    assert.equal(pushes, 3);
  });
});
