import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cadenceFor } from './ringer';

describe('ring cadence', () => {
  it('rings twice per cycle at the familiar 400+450 Hz, and beeps once, quieter, for call waiting', () => {
    const ring = cadenceFor('ring');
    const waiting = cadenceFor('waiting');
    assert.deepEqual(ring.frequencies, [400, 450]);
    assert.equal(ring.bursts.length, 2);
    assert.equal(waiting.bursts.length, 1);
    assert.ok(waiting.gain < ring.gain);
  });

  it('keeps every burst inside its cycle with silence at the end', () => {
    for (const cadence of [cadenceFor('ring'), cadenceFor('waiting')]) {
      const last = cadence.bursts.at(-1)!;
      assert.ok(last.start + last.duration < cadence.cycle - 1, 'a pause before the next cycle');
      cadence.bursts.forEach((burst, index) => {
        const next = cadence.bursts[index + 1];
        if (next) assert.ok(burst.start + burst.duration < next.start);
      });
    }
  });
});
