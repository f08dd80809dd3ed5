import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { focusTurns, pointsBack, SET_ASIDE_AGE, turnParts } from './turnFocus';

describe('turnFocus', () => {
  it('splits a turn where the customer sets one matter aside or starts the question', () => {
    assert.deepEqual(turnParts("The new SIM's sorted now, what I actually need is a copy of my invoice"), ["The new SIM's sorted now,", 'what I actually need is a copy of my invoice']);
    assert.deepEqual(turnParts('Is my area down? Never mind that, the speed is awful'), ['Is my area down? Never mind that,', 'the speed is awful']);
    assert.deepEqual(turnParts('物流的事已经解决了，我想问一下怎么开发票'), ['物流的事已经解决了，', '我想问一下怎么开发票']);
    assert.deepEqual(turnParts('唔係退貨，係退款仲未到'), ['唔係退貨，係', '退款仲未到']);
  });

  it('leaves a turn with one matter whole', () => {
    assert.deepEqual(turnParts('My parcel says delivered but it never came'), ['My parcel says delivered but it never came']);
    assert.deepEqual(turnParts('我想问一下发票'), ['我想问一下发票']);
    assert.deepEqual(turnParts('that worked'), ['that worked']);
  });

  it('reads a short turn that points back together with the turn before', () => {
    assert.ok(pointsBack('and how long does that take?'));
    assert.ok(pointsBack('咁幾時搞得掂佢？'));
    assert.ok(!pointsBack('my router keeps dropping the connection every night'));
    assert.deepEqual(focusTurns(['My case of wine arrived smashed', 'how long does that take?']), { texts: ['My case of wine arrived smashed how long does that take?'], ages: [0] });
  });

  it('makes the matter set aside older than the question after it', () => {
    const { texts, ages } = focusTurns(['my bill is high', 'Forget that, my router is dead']);
    assert.deepEqual(texts, ['my bill is high', 'Forget that,', 'my router is dead']);
    assert.deepEqual(ages, [1, SET_ASIDE_AGE, 0]);
  });
});
