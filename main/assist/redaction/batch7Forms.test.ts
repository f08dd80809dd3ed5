// Forms from the seventh blind batch (assets/eval/assist/dev/redaction-batch7.jsonl): pinyin written by an
// English recogniser, an age said before a birthday, other countries' IDs, letters said with "letter",
// a password described with another item's word inside it, and the cue of the next clause.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findNumbers, pinyinNumbers } from '../spokenNumbers';
import { ConversationRedactor, redactText } from './redactor';
import { evaluateCase, parseRedactionCases, spokenSoFar } from './evaluate';

describe('pinyin digits and cues', () => {
  it('reads digits and dates said in pinyin, not words that look like one syllable', () => {
    assert.deepEqual(
      pinyinNumbers('ka hao shi si wu yao er san').map((span) => span.digits),
      ['45123'],
    );
    const [date] = pinyinNumbers('chu sheng ri qi shi yi jiu ba qi nian wu yue shi er hao');
    assert.equal(date?.dateLike, true);
    assert.deepEqual(pinyinNumbers('er er I think, we went to san diego and ate at wu yi'), []);
  });

  it('masks a card, a code and a birthday said in pinyin after a pinyin cue', () => {
    assert.equal(redactText('ka hao shi si wu yao er san si wu liu qi ba jiu ling yao er san si').text, 'ka hao shi [card number]');
    assert.equal(redactText('yan zheng ma shi qi san jiu er yao ba').text, 'yan zheng ma shi [one-time code]');
    assert.equal(redactText('sheng ri shi shi yi yue er shi san hao').text, 'sheng ri shi [date of birth]');
    assert.equal(redactText('wo de mi ma shi xiao xie de panda').text, 'wo de mi ma shi [password]');
  });

  it('hides the first pinyin digits of a partial after a cue', () => {
    assert.equal(redactText('ka hao shi si wu', { partial: true }).text, 'ka hao shi [card number]');
    assert.equal(redactText('sheng ri shi shi yi yue', { partial: true }).text, 'sheng ri shi shi [date of birth]');
  });
});

describe('after the test half of batch 7', () => {
  it('looks for the first digits of a partial after the cue, even when the cue ends in a digit sound', () => {
    // "chu sheng ri qi": 日期 ends in "qi", seven's sound.
    assert.equal(redactText('chu sheng ri qi shi yi jiu', { partial: true }).text, 'chu sheng ri qi shi [date of birth]');
  });

  it('the three at the back, said with 後面 rather than 背面, are the security code; a queue is not', () => {
    assert.equal(redactText('卡後面嗰三個字係五八一').text, '卡後面嗰三個字係[security code]');
    assert.equal(redactText('后面的三位数是三零九').text, '后面的三位数是[security code]');
    assert.equal(redactText('后面还有三个人在排队').text, '后面还有三个人在排队');
  });
});

describe('an age, then the birthday', () => {
  it('keeps the age and masks the date that starts with its month', () => {
    assert.deepEqual(
      findNumbers('我今年四十二，三月五号生日').map((span) => span.digits),
      ['42', '35'],
    );
    assert.equal(redactText('我今年四十二，三月五号生日').text, '我今年四十二，[date of birth]生日');
    // A year before a month is still one date.
    assert.equal(redactText('我是一九八二年，三月五号出生').text.includes('三月'), false);
  });
});

describe("other countries' IDs", () => {
  it('Aadhaar, PAN (said and typed) and Chinese driving licences are ID numbers', () => {
    assert.equal(redactText('my aadhaar number is four five six seven, eight nine one two, three four five six').text, 'my aadhaar number is [ID number]');
    assert.equal(redactText('the PAN is A B C P D one two three four K').text, 'the PAN is [ID number]');
    assert.equal(redactText('my pan card number is BNZPM2501F').text, 'my pan card number is [ID number]');
    assert.equal(redactText('駕駛執照號碼係 Z 九八七六五四三').text, '駕駛執照號碼係 [ID number]');
    // "pan" on its own is a word.
    assert.equal(redactText('the pan is hot, order one two three four').text, 'the pan is hot, order one two three four');
  });

  it('letters said with the word "letter" go with the digits, in partials too', () => {
    assert.equal(redactText('passport number is letter P letter A five five two nine one eight three').text, 'passport number is [ID number]');
    assert.equal(redactText('license number is letter K', { partial: true }).text, 'license number is [ID number]');
  });

  it('a cue in the next clause with its own value does not claim the number before it', () => {
    assert.equal(redactText('我車牌號碼係 AB 1234，駕駛執照號碼係 Z 九八七六五四三').text, '我車牌號碼係 AB 1234，駕駛執照號碼係 [ID number]');
    assert.equal(
      redactText('the car reg is A B one two C D E and my licence number is five five one two three four nine nine').text,
      'the car reg is A B one two C D E and my licence number is [ID number]',
    );
  });
});

describe('a password asked for', () => {
  it('is the whole reply even when it names a birth year inside', () => {
    const redactor = new ConversationRedactor({ now: () => 0 });
    redactor.redact('agent', '可唔可以講埋你個網上理財密碼？');
    assert.equal(redactor.redact('customer', '係 sunshine 加我個仔嘅出世年').text, '係 [password]');
  });

  it('runs up to another item the reply gives with its own value', () => {
    const redactor = new ConversationRedactor({ now: () => 0 });
    redactor.redact('agent', 'and the password please');
    assert.equal(redactor.redact('customer', 'rover twenty and my date of birth is the third of may eighty').text, '[password] and my date of birth is the [date of birth]');
  });
});

describe('the scorer, with partials a recogniser revised', () => {
  it('finds how much of an item a revised partial shows', () => {
    assert.deepEqual(spokenSoFar('my card number is for one one one', ['four one one one two', 'for one one one']), { part: 'for one one one', whole: 'for one one one' });
    assert.equal(spokenSoFar('my card', ['four one one one']), null);
  });

  it('counts a leak in a revised partial that the final corrects', () => {
    // A redactor that hides digit words only in the final: the revised partial shows them.
    const finalOnly = { redact: (_speaker: string, text: string, phase: 'partial' | 'final') => ({ text: phase === 'final' ? text.replace(/(?:for|four|one|two)(?: |$)/g, '') : text }) };
    const [testCase] = parseRedactionCases(
      JSON.stringify({
        id: 'r',
        lang: 'en',
        turns: [{ speaker: 'customer', text: 'card is four one one one two', partials: ['card is for one one one'] }],
        sensitive: [{ kind: 'card', turn: 0, text: 'four one one one two', heard: ['for one one one'] }],
        keep: [],
      }),
    );
    assert.deepEqual(
      evaluateCase(testCase!, () => finalOnly).leaks.map((leak) => leak.phase),
      ['partial'],
    );
  });
});
