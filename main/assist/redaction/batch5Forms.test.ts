// Forms from the blind batch 5 (assets/eval/assist/dev/redaction-batch5.jsonl): a count of one digit
// ("two fives"), dates read with "slash", radio-style Chinese digits (拐 seven, 勾 nine), corrections
// with "the" or 哎 before the right value, 不对 that is not a pair, Taiwan's 年次, and a password
// spelled straight after its cue.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findNumbers, spokenDigits } from '../spokenNumbers';
import { ConversationRedactor, MASKS, redactText } from './redactor';

const masked = (text: string) => redactText(text).text;
const partial = (text: string) => new ConversationRedactor({ now: () => 0 }).redact('customer', text, 'partial').text;

describe('redaction: spoken forms of batch 5', () => {
  it('"two fives", "three sevens and a two" are digits counted out', () => {
    assert.equal(spokenDigits('two fives, two fives'), '5555');
    assert.equal(spokenDigits('three sevens and a two'), '7772');
    assert.equal(masked('my pin is three sevens and a two'), `my pin is ${MASKS.pin}`);
    assert.equal(masked("it's a mastercard, two fives, two fives, five five five five, five five five five, four four four four"), `it's a mastercard, ${MASKS.card}`);
    // A partial that has only the count and its digit so far shows neither.
    assert.doesNotMatch(partial("it's a mastercard, two fives"), /fives/);
    // Not after a cue they are kept (two five-pound notes).
    assert.equal(masked('I paid with two fives and a ten'), 'I paid with two fives and a ten');
  });

  it('a date read with "slash" or "stroke" is one date', () => {
    assert.equal(masked('date of birth three slash five slash eighty two'), `date of birth ${MASKS.dob}`);
    assert.equal(masked('d o b nine stroke four stroke seventy'), `d o b ${MASKS.dob}`);
    assert.equal(findNumbers('three slash five slash eighty two')[0]?.dateLike, true);
    assert.doesNotMatch(partial('date of birth three slash five slash'), /slash|three|five/);
    // A delivery date said the same way is kept.
    assert.equal(masked('the parcel came on four slash six'), 'the parcel came on four slash six');
  });

  it('拐 (seven) and 勾 (nine) are digits inside a run of digits, words outside one', () => {
    assert.equal(spokenDigits('拐拐洞幺'), '7701');
    assert.equal(masked('验证码是拐拐洞幺，两三'), `验证码是${MASKS.otp}`);
    assert.equal(masked('验证码勾勾幺拐洞两'), `验证码${MASKS.otp}`);
    assert.doesNotMatch(partial('验证码是拐拐'), /拐/);
    assert.equal(masked('前面路口拐弯就到了'), '前面路口拐弯就到了');
  });

  it('a correction with "the" or 哎 before the right value joins the two into one mask', () => {
    assert.equal(masked('date of birth the fourteenth of august, no wait, the fifteenth of august nineteen sixty'), `date of birth the ${MASKS.dob}`);
    assert.equal(masked('验证码三六九，哎不对，三六八二零幺'), `验证码${MASKS.otp}`);
    // The partial may stop inside the correction word or on a lone ordinal of the right date.
    assert.doesNotMatch(partial('卡号六二五零，不对'), /不对/);
    assert.doesNotMatch(partial('验证码三六九，哎不'), /哎|不/);
    assert.doesNotMatch(partial('date of birth the fourteenth of august, no wait, the fifteenth of'), /fifteenth|no wait/);
  });

  it('不对 is not a pair (对): the corrected value keeps its cue', () => {
    assert.equal(masked('验证码三六九，不对，三六八二零幺'), `验证码${MASKS.otp}`);
    // A pair still counts things: 两对 stays.
    assert.equal(masked('我买了两对耳环'), '我买了两对耳环');
  });

  it('年次 (Taiwan: the year one was born) is a date-of-birth cue', () => {
    assert.equal(masked('我是七十年次的'), `我是${MASKS.dob}次的`);
    assert.doesNotMatch(partial('我是七十年次'), /七十/);
  });

  it('a password spelled right after its cue, with no "is"', () => {
    assert.equal(masked('password, capital b, l, u, e, at sign, seven seven'), `password, ${MASKS.password}`);
    assert.equal(masked('my password, lower case t, capital r, hash, seven'), `my password, ${MASKS.password}`);
    assert.doesNotMatch(partial('my password, lower'), /lower/);
    assert.doesNotMatch(partial('password, capital'), /capital/);
    // Talk about the password is not its value.
    assert.equal(masked('my password, I forgot it'), 'my password, I forgot it');
  });

  it('a code with letters said the radio way ("alpha bravo seven two")', () => {
    assert.equal(masked('the code is alpha bravo seven two'), `the code is ${MASKS.otp}`);
    assert.doesNotMatch(partial('the code is alpha bravo'), /alpha|bravo/);
    // Without a code cue the words stay.
    assert.equal(masked('we stayed at the hotel for two nights'), 'we stayed at the hotel for two nights');
  });

  it('有效月年 (Taiwan) and "runs to oh seven twenty seven" are expiry cues', () => {
    assert.equal(masked('有效月年是07/27'), `有效月年是${MASKS.expiry}`);
    assert.equal(masked('it runs to the end of oh seven twenty seven'), `it runs to the end of ${MASKS.expiry}`);
    // A date something else runs to is kept.
    assert.equal(masked('the offer runs until the fifth of may'), 'the offer runs until the fifth of may');
  });

  it('an HKID check digit said as 括號入面係七 goes with the ID', () => {
    assert.equal(masked('身份證號碼係 A 一 二 三 四 五 六，括號入面係七'), `身份證號碼係 ${MASKS.national_id}`);
  });

  it('"expiry month … the year is twenty seven": both parts are the expiry', () => {
    assert.equal(masked('the expiry month is july and the year is twenty seven'), `the expiry month is ${MASKS.expiry} and the year is ${MASKS.expiry}`);
  });

  it('an answer listed after a comma ("maiden name, jones"); talk after the comma stays', () => {
    assert.equal(masked("mother's maiden name, jones, j o n e s"), `mother's maiden name, ${MASKS.security_answer}`);
    assert.doesNotMatch(partial("mother's maiden name, jones"), /jones/);
    assert.equal(masked('I changed the password, then logged in'), 'I changed the password, then logged in');
    assert.equal(masked('the security question, what was it'), 'the security question, what was it');
  });

  it('a password that starts like a connector word ("thelma", "bella") is masked whole', () => {
    assert.equal(masked('my password is thelma'), `my password is ${MASKS.password}`);
    assert.equal(masked("password's bella99"), `password's ${MASKS.password}`);
    assert.equal(masked('密码是abc123'), `密码是${MASKS.password}`);
  });

  it('"the eleventh month of twenty seven" is a month and a year', () => {
    assert.equal(masked('my card expires the third month of twenty eight'), `my card expires the ${MASKS.expiry}`);
    assert.doesNotMatch(partial('expiry date, the twelfth month'), /twelfth/);
    // Months as a length of time stay.
    assert.equal(masked('I waited three months for it'), 'I waited three months for it');
  });

  it('我是八五年六月七号的 (the Chinese way to say when one was born) is a date of birth', () => {
    assert.equal(masked('我是八五年六月七号的'), `我是${MASKS.dob}的`);
    assert.equal(masked('我係八五年六月七號㗎'), `我係${MASKS.dob}㗎`);
    // The year something happened, or a member since, stays.
    assert.equal(masked('我是二零一九年的会员'), '我是二零一九年的会员');
    assert.equal(masked('我二零一九年入职的'), '我二零一九年入职的');
  });

  it('打去 / 打 … 搵我 say a phone number follows: kept', () => {
    assert.equal(masked('有事可以打去五一二三 四五六七'), '有事可以打去五一二三 四五六七');
    assert.equal(masked('你打二三四五 六七八九搵我啦'), '你打二三四五 六七八九搵我啦');
  });

  it('我八二年生的 and 我86年的 are dates of birth; a year something was born in stays', () => {
    assert.equal(masked('我八二年生的'), `我${MASKS.dob}生的`);
    assert.equal(masked('我86年的'), `我${MASKS.dob}的`);
    assert.equal(masked('我二零一九年生了孩子'), '我二零一九年生了孩子');
  });

  it('a code that came by message, said in Chinese without 验证码 ("发给我的那个码是", "短信里面那个数字")', () => {
    assert.equal(masked('你们发给我的那个码是三八六九二一'), `你们发给我的那个码是${MASKS.otp}`);
    assert.equal(masked('短信里面那个数字是三八六九二一'), `短信里面那个数字是${MASKS.otp}`);
    assert.doesNotMatch(partial('收到的码是三八六'), /三八/);
    // Other numbers stay: a phone number, a postcode. (A parcel locker's pickup code opens the locker
    // for whoever hears it: a one-time code, masked; batch6Forms.test.ts.)
    assert.equal(masked('取件码是 1234'), `取件码是 ${MASKS.otp}`);
    assert.equal(masked('我的号码是一三八一二三四五六七八'), '我的号码是一三八一二三四五六七八');
    assert.equal(masked('邮政编码是一零零零八零'), '邮政编码是一零零零八零');
  });

  it('"a 5th of March 1982 baby" is a date of birth', () => {
    assert.equal(masked("I'm a 5th of March 1982 baby"), `I'm a ${MASKS.dob} baby`);
    assert.equal(masked('the baby is due in two weeks'), 'the baby is due in two weeks');
  });

  it('a surname or a pet\'s name straight after 姓 / 叫 in the cue (我妈妈姓王, 我第一只狗叫旺财)', () => {
    assert.equal(masked('我妈妈姓王'), `我妈妈姓${MASKS.security_answer}`);
    assert.equal(masked('我阿媽姓陳'), `我阿媽姓${MASKS.security_answer}`);
    assert.equal(masked('我第一只狗叫旺财'), `我第一只狗叫${MASKS.security_answer}`);
    assert.equal(masked('我妈妈叫我打电话'), '我妈妈叫我打电话');
  });

  it('a password described before it is said ("my dog\'s name and the year, so rex nineteen ninety")', () => {
    assert.equal(masked("password is my dog's name and the year, so rex nineteen ninety"), `password is ${MASKS.password}`);
    assert.doesNotMatch(partial("password is my dog's name and the year, so rex"), /rex/);
    assert.equal(masked('my password is the same as before'), 'my password is the same as before');
  });
});
