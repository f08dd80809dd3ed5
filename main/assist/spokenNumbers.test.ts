import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chineseNumber, chineseNumeral, digitOf, englishCardinal, findNumbers, foldWidth, spokenDigits, twoDigitGroup } from './spokenNumbers';

const spans = (text: string) => findNumbers(text).map((span) => ({ said: text.slice(span.start, span.end), digits: span.digits, date: span.dateLike }));

describe('spoken numbers: finding them in text (redaction)', () => {
  it('reads English digit words, "oh"/"nought", double/triple, and keeps leading zeros', () => {
    assert.equal(spokenDigits('four one one one'), '4111');
    assert.equal(spokenDigits('oh seven seven double nine one two'), '0779912');
    assert.equal(spokenDigits('triple zero nought five'), '00005');
    assert.equal(spokenDigits('five five double five'), '5555');
  });

  it('reads teens, tens, pairs, hundreds, thousands and spoken years', () => {
    assert.equal(spokenDigits('forty one eleven'), '4111');
    assert.equal(spokenDigits('nineteen eighty two'), '1982');
    assert.equal(spokenDigits('one hundred and twenty nine'), '129');
    assert.equal(spokenDigits('two thousand and one'), '2001');
    assert.equal(spokenDigits('two thousand twenty four'), '2024');
    assert.equal(spokenDigits('twenty twenty seven'), '2027');
  });

  it('joins groups read over pauses, fillers and separators into one number whose span covers them all', () => {
    const text = 'it is four one one one, um, one one one one. one one one one - one one one one thanks';
    const [span] = spans(text);
    assert.equal(span?.digits, '4111111111111111');
    assert.equal(span?.said, 'four one one one, um, one one one one. one one one one - one one one one');
  });

  it('reads Chinese numerals: digit lists with 幺/两/零/〇, positional 十/百/千/廿, full-width digits', () => {
    assert.equal(chineseNumeral('一九八二'), '1982');
    assert.equal(chineseNumeral('零零七'), '007');
    assert.equal(chineseNumeral('幺三八'), '138');
    assert.equal(chineseNumeral('两千零二十四'), '2024');
    assert.equal(chineseNumeral('二〇二四'), '2024');
    assert.equal(chineseNumeral('廿三'), '23');
    assert.equal(chineseNumeral('三百九十九'), '399');
    assert.equal(foldWidth('１２３４'), '1234');
    assert.deepEqual(spans('卡号６２２２ ０２１２'), [{ said: '６２２２ ０２１２', digits: '62220212', date: false }]);
    assert.deepEqual(spans('卡号四一一一，一一一一'), [{ said: '四一一一，一一一一', digits: '41111111', date: false }]);
  });

  it('marks dates: month names with ordinals, Chinese 年/月/日/号/號', () => {
    assert.deepEqual(spans('born on the fourth of July nineteen eighty two'), [{ said: 'fourth of July nineteen eighty two', digits: '1982', date: true }]);
    assert.deepEqual(spans('一九八二年七月四号出生'), [{ said: '一九八二年七月四号', digits: '198274', date: true }]);
    assert.deepEqual(spans('我係八二年三月十五號出世'), [{ said: '八二年三月十五號', digits: '82315', date: true }]);
  });

  it('does not read ordinary words as numbers', () => {
    assert.deepEqual(spans('just a second please, I want to go for a walk'), []);
    assert.deepEqual(spans('may I ask you something'), []);
    assert.deepEqual(spans('我要一个，等一下'), []);
    assert.deepEqual(spans('the first thing I did'), []);
  });

  it('never reads an earlier mask as words', () => {
    assert.deepEqual(spans('[card number] thanks'), []);
  });
});

describe('spoken numbers: their values (the wrap-up draft)', () => {
  it('reads English cardinals and two-digit groups', () => {
    assert.equal(englishCardinal(['a', 'hundred', 'and', 'twenty']), 120);
    assert.equal(englishCardinal(['four', 'hundred', 'and', 'forty-nine']), 449);
    assert.equal(englishCardinal(['two', 'thousand', 'five', 'hundred']), 2500);
    assert.equal(englishCardinal(['blue']), undefined);
    assert.equal(twoDigitGroup(['ninety-nine']), 99);
    assert.equal(twoDigitGroup(['oh', 'five']), 5);
    assert.equal(twoDigitGroup(['fifteen']), 15);
    assert.equal(twoDigitGroup(['forty', 'one']), 41);
  });

  it('reads one spoken digit, but not the letter o or a word', () => {
    assert.equal(digitOf('four'), '4');
    assert.equal(digitOf('oh'), '0');
    assert.equal(digitOf('四'), '4');
    assert.equal(digitOf('o'), undefined);
    assert.equal(digitOf('么'), undefined, '么 is read only inside a run of digits (redaction), never as a word of its own');
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
