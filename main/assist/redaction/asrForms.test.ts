// What a recogniser writes that the earlier batches did not have (redaction batch 4,
// assets/eval/assist/dev/redaction-batch4.jsonl): lower case, no digits or punctuation, homophones at
// the edges of a value ("ate too niner"), spelled letters in lower case, values finished in the next
// turn, spoken e-mail addresses, ages that look like a date of birth's year, "六个八".
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findNumbers } from '../spokenNumbers';
import { ConversationRedactor, MASKS, redactText } from './redactor';

const masked = (text: string) => redactText(text).text;
const partial = (text: string) => new ConversationRedactor({ now: () => 0 }).redact('customer', text, 'partial').text;
/** Finals of a conversation through one call's redactor: [speaker, text] pairs. */
function conversation(turns: Array<['agent' | 'customer', string]>): string[] {
  const redactor = new ConversationRedactor({ now: () => 0 });
  return turns.map(([speaker, text]) => redactor.redact(speaker, text, 'final').text);
}

describe('redaction: recogniser output (batch 4)', () => {
  it('"niner" is nine', () => {
    assert.equal(findNumbers('niner for seven')[0]?.digits, '947');
    assert.equal(masked('the security code is niner for seven'), `the security code is ${MASKS.cvv}`);
  });

  it('homophones at the start or end of a sensitive value go with it; elsewhere they stay words', () => {
    assert.equal(masked('my pin is too too ate one'), `my pin is ${MASKS.pin}`);
    assert.equal(masked('the code you just texted me is for seven too nine nine one'), `the code you just texted me is ${MASKS.otp}`);
    assert.equal(masked('the cvv is nine nine won'), `the cvv is ${MASKS.cvv}`);
    // Not sensitive: the words stay as they were said.
    assert.equal(masked('i waited for two hours to get through'), 'i waited for two hours to get through');
    assert.equal(masked('order number for one two three four'), 'order number for one two three four');
  });

  it('a spelled password ("b as in bravo …") is masked to its end however long', () => {
    const text = 'the password is capital b as in bravo r as in romeo i as in india g as in golf h as in hotel t as in tango seven seven';
    assert.equal(masked(text), `the password is ${MASKS.password}`);
    assert.doesNotMatch(partial(text.replace(/ seven seven$/, '')), /tango|hotel/);
  });

  it('letters said in lower case belong to an ID after its cue, in the final and in a partial', () => {
    assert.equal(masked('national insurance number j k one two three four five six c'), `national insurance number ${MASKS.national_id}`);
    assert.doesNotMatch(partial('national insurance number j k'), /j k/);
    // "a" and "i" are words, not letters of a value, unless spelled beside another letter.
    assert.equal(masked('my id number is one two three four five six seven a and i need it back'), `my id number is ${MASKS.national_id} a and i need it back`);
  });

  it('a number value that ends a turn is continued by the numbers that open the next one', () => {
    const finals = conversation([
      ['agent', 'whats the code that just came through'],
      ['customer', 'the code is three five'],
      ['customer', 'nine two oh four'],
    ]);
    assert.deepEqual(finals.slice(1), [`the code is ${MASKS.otp}`, MASKS.otp]);
    const zh = conversation([
      ['agent', '请问您的生日是哪天'],
      ['customer', '嗯那个一九八三年'],
      ['customer', '七月十九号'],
    ]);
    assert.equal(zh[2], MASKS.dob);
    // A number after a look-alike cue in the next turn stays.
    const kept = conversation([
      ['customer', 'my pin is four four'],
      ['customer', 'and the order number is five five six seven'],
    ]);
    assert.equal(kept[1], 'and the order number is five five six seven');
  });

  it('an age is kept and does not answer the question for a date of birth', () => {
    assert.equal(masked('im forty two and ive never had a problem like this before'), 'im forty two and ive never had a problem like this before');
    const finals = conversation([
      ['agent', 'can i take your date of birth'],
      ['customer', 'sure but first my husband is sixty so he cant do the stairs'],
      ['customer', 'its the ninth of february fifty eight'],
    ]);
    assert.deepEqual(finals.slice(1), ['sure but first my husband is sixty so he cant do the stairs', `its the ${MASKS.dob}`]);
    assert.equal(masked('我今年四十二岁了'), '我今年四十二岁了');
  });

  it('a spoken e-mail address is masked, with or without its cue, in partials too', () => {
    assert.equal(masked('my email is john dot harper at gmail dot com'), `my email is ${MASKS.email}`);
    assert.doesNotMatch(partial('my email is john dot'), /john/);
    const finals = conversation([
      ['agent', 'whats the email address on the account'],
      ['customer', 'its s m i t h underscore k at outlook dot com'],
    ]);
    assert.equal(finals[1], `its ${MASKS.email}`);
    // A reply that is no address stays.
    assert.equal(conversation([['agent', 'whats the email address on the account'], ['customer', 'the same one as before']])[1], 'the same one as before');
    // An agent mentioning an e-mail asks for nothing: the customer's partials stay readable.
    const call = new ConversationRedactor({ now: () => 0 });
    call.redact('agent', 'ill send you an email with the details');
    assert.equal(call.redact('customer', 'thanks that would be', 'partial').text, 'thanks that would be');
  });

  it('homophones alone are digits where a number is due: after its cue, its question or inside a card', () => {
    assert.equal(conversation([['agent', 'whats the pin'], ['customer', 'its won won won won']])[1], `its ${MASKS.pin}`);
    const card = conversation([
      ['agent', 'can i take the long card number'],
      ['customer', 'yeah five four'],
      ['customer', 'for too'],
    ]);
    assert.equal(card[2], MASKS.card);
    // With nothing due they are words.
    assert.equal(masked('i went to to the shop for for ages'), 'i went to to the shop for for ages');
  });

  it('"the number they just texted me" is a one-time code', () => {
    assert.equal(masked('the number they just texted me is four four one two nine nine'), `the number they just texted me is ${MASKS.otp}`);
  });

  it('an e-mail address finished in the next turn ("at yahoo dot com") is masked there too', () => {
    const finals = conversation([
      ['agent', 'and what email should we send it to'],
      ['customer', 'jane underscore doe'],
      ['customer', 'at yahoo dot com'],
    ]);
    assert.deepEqual(finals.slice(1), [MASKS.email, MASKS.email]);
    assert.equal(masked('i was at home all day'), 'i was at home all day');
    assert.equal(masked('i had a look at www dot argos dot co dot uk'), 'i had a look at www dot argos dot co dot uk');
  });

  it('Chinese digits written with spaces between them ("幺 二 三") are one number', () => {
    assert.equal(findNumbers('验证码是 幺 二 三 四 五 六')[0]?.digits, '123456');
    assert.equal(masked('验证码是 幺 二 三 四 五 六'), `验证码是 ${MASKS.otp}`);
  });

  it('a password spelled over several turns stays masked while the turns are only spelling', () => {
    const finals = conversation([
      ['agent', 'can you spell your password for me'],
      ['customer', 'capital q'],
      ['customer', 'w e r t y'],
      ['customer', 'then one nine'],
      ['customer', 'and my order number is four four one two'],
    ]);
    assert.deepEqual(finals.slice(1), [MASKS.password, MASKS.password, MASKS.password, 'and my order number is four four one two']);
  });

  it('"the numbers on the back" asks for the security code', () => {
    const finals = conversation([
      ['agent', 'could you read me the numbers on the back'],
      ['customer', 'yeah its uh'],
      ['customer', 'ate five too'],
    ]);
    assert.equal(finals[2], MASKS.cvv);
  });

  it('an agent reading a card back in groups, with "yes" between them, has every group masked', () => {
    const finals = conversation([
      ['customer', 'card number four one one one two two two two three three three three four four four four'],
      ['agent', 'okay four one one one'],
      ['customer', 'yes'],
      ['agent', 'two two two two'],
      ['customer', 'mm hmm'],
      ['agent', 'three three three three'],
    ]);
    assert.deepEqual([finals[1], finals[3], finals[5]], [`okay ${MASKS.card}`, MASKS.card, MASKS.card]);
  });

  it("the last four of an ID are the ID's; a card's last four stay", () => {
    assert.equal(masked('身份证后四位是幺二三四'), `身份证后四位是${MASKS.national_id}`);
    assert.equal(masked('the last four of my social are one two three four'), `the last four of my social are ${MASKS.national_id}`);
    assert.equal(masked('卡号后四位是八八六六'), '卡号后四位是八八六六');
  });

  it('a code "in the text message" (短信里的数字, 簡訊裡的號碼) and "exp" are cues', () => {
    assert.equal(masked('短信里的数字是三八四四九幺'), `短信里的数字是${MASKS.otp}`);
    assert.equal(masked('簡訊裡的號碼是七七八九九零'), `簡訊裡的號碼是${MASKS.otp}`);
    assert.equal(masked('exp oh nine twenty seven'), `exp ${MASKS.expiry}`);
  });

  it('"too oh too oh" after a PIN cue is its digits', () => {
    assert.equal(masked('my pin is too oh too oh'), `my pin is ${MASKS.pin}`);
  });

  it('"the three digits are …" and "three digit code" ask for the security code; 杠 does not break an ID', () => {
    assert.equal(masked('the three digits are one two three'), `the three digits are ${MASKS.cvv}`);
    assert.equal(masked('the three digit code is seven four one'), `the three digit code is ${MASKS.cvv}`);
    assert.equal(masked('身份证号码是幺幺零幺零幺杠一九九零零三零五杠幺二三四'), `身份证号码是${MASKS.national_id}`);
  });

  it('two parts of one value joined by "in the year" or 然后是 are one mask, in the final and in a partial', () => {
    assert.equal(masked('my date of birth is the tenth of june in the year nineteen seventy'), `my date of birth is the ${MASKS.dob}`);
    assert.equal(masked('我的密码是abc然后是一二三'), `我的密码是${MASKS.password}`);
    assert.doesNotMatch(partial('my date of birth is the tenth of june in the year'), /year/);
    // Different kinds stay apart, with the words between them.
    assert.match(masked('my pin is one two three four and the order number is five five six seven'), /\[PIN\] and the order number is five five six seven/);
  });

  it('"六个八" is six eights', () => {
    assert.equal(findNumbers('取款密码是六个八')[0]?.digits, '888888');
    assert.equal(masked('取款密码是六个八'), `取款密码是${MASKS.pin}`);
    // A count stays a count.
    assert.equal(masked('买了三个八十块的'), '买了三个八十块的');
  });
});
