import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chineseNumber, englishCardinal, twoDigitGroup } from './spokenNumbers';

describe('spoken numbers', () => {
  it('reads English cardinals and two-digit groups', () => {
    assert.equal(englishCardinal(['a', 'hundred', 'and', 'twenty']), 120);
    assert.equal(englishCardinal(['four', 'hundred', 'and', 'forty-nine']), 449);
    assert.equal(englishCardinal(['two', 'thousand', 'five', 'hundred']), 2500);
    assert.equal(englishCardinal(['blue']), undefined);
    assert.equal(twoDigitGroup(['ninety-nine']), 99);
    assert.equal(twoDigitGroup(['oh', 'five']), 5);
  });

  it('reads Chinese numerals as people say them', () => {
    assert.equal(chineseNumber('二百五十八'), 258);
    assert.equal(chineseNumber('一千二百'), 1200);
    assert.equal(chineseNumber('两千五'), 2500);
    assert.equal(chineseNumber('一千零五'), 1005);
    assert.equal(chineseNumber('三零五'), 305);
    assert.equal(chineseNumber('廿一'), 21);
    assert.equal(chineseNumber('十五'), 15);
    assert.equal(chineseNumber('一万二千'), 12000);
    assert.equal(chineseNumber('好'), undefined);
  });
});
