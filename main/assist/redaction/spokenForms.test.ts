// Forms people use when they say a detail that the first batches did not cover (redaction batch 3,
// assets/eval/assist/dev/redaction-batch3.jsonl): repeats cut by a pause, brand names, "runs out",
// spelled passwords that go on after "then the number", IBAN letters, lunar and ROC dates, corrections.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findNumbers } from '../spokenNumbers';
import { ConversationRedactor, MASKS, redactText } from './redactor';

const masked = (text: string) => redactText(text).text;
const partial = (text: string) => new ConversationRedactor({ now: () => 0 }).redact('customer', text, 'partial').text;

describe('redaction: spoken forms of batch 3', () => {
  it('a partial that stops at "double"/"triple" hides the digit before it', () => {
    for (const text of ["it's a visa, four triple", 'right it is four double']) {
      const out = partial(text);
      assert.doesNotMatch(out, /four|double|triple/, out);
    }
  });

  it('a card brand alone is a card cue', () => {
    assert.equal(masked("it's a mastercard, five triple two, four four one one"), `it's a mastercard, ${MASKS.card}`);
    assert.equal(masked('my visa is four double two one'), `my visa is ${MASKS.card}`);
  });

  it('"expiring" and "runs out" are expiry cues', () => {
    assert.equal(masked('expiring oh six twenty nine'), `expiring ${MASKS.expiry}`);
    assert.equal(masked('the card runs out in june twenty nine'), `the card runs out in ${MASKS.expiry}`);
  });

  it('a spelled password goes on after "then the number"; "and the date of birth" still starts a new item', () => {
    assert.equal(masked('the password is capital T, tango, R for romeo, then the number five'), `the password is ${MASKS.password}`);
    assert.match(masked('password is bluebird and the date of birth is the third of May eighty two'), /\[password\] and the date of birth is the \[date of birth\]/);
  });

  it('a partial hides the first spelled letters of an IBAN or an NI number', () => {
    assert.doesNotMatch(partial('the IBAN is G B'), /G B/);
    assert.doesNotMatch(partial('my national insurance number is Q Q'), /Q Q/);
    // Letters after no cue are words, not a value.
    assert.equal(partial('I live in the U K'), 'I live in the U K');
  });

  it('lunar days (初三) are dates, and a ROC era name goes with its year', () => {
    const [span] = findNumbers('八月初三');
    assert.equal(span?.end, 4);
    assert.equal(span?.dateLike, true);
    assert.equal(masked('我生日是农历八月初三'), `我生日是农历${MASKS.dob}`);
    assert.equal(masked('出生年月日是民國七十一年三月五日'), `出生年月日是${MASKS.dob}`);
    assert.doesNotMatch(partial('我是民國'), /民國/);
    // A delivery date with no birth cue is still kept.
    assert.equal(masked('快递说初八送到'), '快递说初八送到');
  });

  it('a correction between two groups of one value is masked with them, in the final and in a partial', () => {
    assert.equal(masked('card number four one one one, two two two two, no wait, I mean two two two three, four four four four'), `card number ${MASKS.card}`);
    assert.equal(masked('卡号是六二幺四，八三洞洞，不对，是六二幺五，八三洞洞'), `卡号是${MASKS.card}`);
    assert.doesNotMatch(partial('card number four one one one, two two two two, no wait, I'), /wait|\bI\b/);
    // Different kinds are not joined: the order number stays.
    assert.match(masked('order number four four seven one, sorry, my date of birth is the third of May eighty two'), /four four seven one/);
  });
});
