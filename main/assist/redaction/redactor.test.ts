import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConversationRedactor, MASKS, redactText } from './redactor';

const masked = (text: string) => redactText(text).text;

describe('redactor: one text', () => {
  it('masks dates of birth in every rendering, in English, Mandarin and Cantonese', () => {
    assert.equal(masked('I was born on the fourth of July nineteen eighty two'), `I was born on the ${MASKS.dob}`);
    assert.equal(masked('DOB 04/07/82'), `DOB ${MASKS.dob}`);
    assert.equal(masked('一九八二年七月四号出生'), `${MASKS.dob}出生`);
    assert.equal(masked('我生日係一九八二年七月四號'), `我生日係${MASKS.dob}`);
  });

  it('keeps other dates (deliveries, orders) where no birth is mentioned', () => {
    for (const text of ['it should have been delivered on the fifth of May', '本来说十二月五号送货', '佢話十二月五號送貨']) assert.equal(masked(text), text);
  });

  it('masks card numbers read in groups, with words, Chinese numerals or full-width digits, and keeps a last four', () => {
    assert.equal(masked('the long number is four five three nine, one four eight eight, oh three four three, six four six seven'), `the long number is ${MASKS.card}`);
    assert.equal(masked('卡号是四五三九 一四八八 零三四三 六四六七'), `卡号是${MASKS.card}`);
    assert.equal(masked('卡號：４９２９ １２３４ ５６７８ ９０１２'), `卡號：${MASKS.card}`);
    assert.equal(masked('the card ending in four two four two'), 'the card ending in four two four two');
    assert.equal(masked('尾号四二四二的那张卡'), '尾号四二四二的那张卡');
  });

  it('masks expiry, CVV, PIN and one-time codes after their cues in both languages', () => {
    assert.equal(masked('it expires oh four twenty seven'), `it expires ${MASKS.expiry}`);
    assert.equal(masked('the three numbers on the back are seven three one'), `the three numbers on the back are ${MASKS.cvv}`);
    assert.equal(masked('背面三位数是七三一'), `背面三位数是${MASKS.cvv}`);
    assert.equal(masked('安全碼係七三一'), `安全碼係${MASKS.cvv}`);
    assert.equal(masked('my PIN is one two three four'), `my PIN is ${MASKS.pin}`);
    assert.equal(masked('the code we just texted is four eight two nine one six'), `the code we just texted is ${MASKS.otp}`);
    assert.equal(masked('验证码是四八二九一六'), `验证码是${MASKS.otp}`);
  });

  it('masks passwords, password characters and security answers said after "is"/"是"/"係", not complaints about them', () => {
    assert.equal(masked('my password is hunter2'), `my password is ${MASKS.password}`);
    assert.equal(masked('the second and fifth characters are B and 7'), `the second and fifth characters are ${MASKS.password_chars}`);
    assert.equal(masked('第二位是B，第五位是7'), `第二位是${MASKS.password_chars}，第五位是${MASKS.password_chars}`);
    assert.equal(masked('密碼係 tiger八八'), `密碼係 ${MASKS.password}`);
    assert.equal(masked("my mother's maiden name is Fairweather"), `my mother's maiden name is ${MASKS.security_answer}`);
    assert.equal(masked('my password is not working'), 'my password is not working');
  });

  it('masks national IDs and bank numbers (SSN, NI, 身份证, 香港身份證, sort code, IBAN)', () => {
    for (const text of ['social security number is 123-45-6789', 'national insurance number QQ 12 34 56 C', '身份证号码是11010519491231002X', '香港身份證 A123456(7)', 'sort code twenty, thirty two, oh six', 'IBAN GB29 NWBK 6016 1331 9268 19']) {
      assert.doesNotMatch(masked(text), /\d|twenty|thirty|QQ|A123/, text);
    }
  });

  it('keeps look-alikes: order and reference numbers, phone numbers, prices', () => {
    for (const text of ['my order number is 5 5 1 2 3 9 8', 'you can call me back on 07700 900123', 'it cost one hundred and twenty nine pounds ninety nine', '我的订单号是五五一二三九八', '我手機係六一二三 四五六七', '总共三百九十九元']) {
      assert.equal(masked(text), text);
    }
  });

  it('is idempotent', () => {
    const once = masked('card 4111 1111 1111 1111, DOB 4/7/82, password is hunter2');
    assert.equal(masked(once), once);
  });
});

describe('redactor: a conversation', () => {
  it('a date after "can I take your date of birth" is a date of birth; later dates are not', () => {
    const call = new ConversationRedactor({ now: () => 0 });
    call.redact('agent', 'can I take your date of birth please');
    assert.equal(call.redact('customer', 'yeah the ninth of the ninth sixty four').text, `yeah the ${MASKS.dob}`);
    call.redact('agent', 'thank you, how can I help you today?');
    assert.equal(call.redact('customer', 'my parcel was meant to come on the second of June').text, 'my parcel was meant to come on the second of June');
  });

  it('remembers a card number read in short turns, in partials too, until it is complete', () => {
    const call = new ConversationRedactor({ now: () => 0 });
    call.redact('agent', 'and the long number on the card?');
    assert.equal(call.redact('customer', 'four five', 'partial').text, MASKS.card);
    for (const group of ['four five three nine', 'one four eight eight', 'oh three four three', 'six four six seven']) assert.equal(call.redact('customer', group).text, MASKS.card);
    assert.equal(call.cardOpen, false, 'sixteen digits: the card is complete');
    assert.equal(call.redact('customer', 'and my order number is seven seven four one two').text, 'and my order number is seven seven four one two');
  });

  it('a word the recogniser heard inside a card ("nine month") does not make its digits a look-alike', () => {
    const call = new ConversationRedactor({ now: () => 0 });
    call.redact('agent', 'and the long number on the card');
    // "for" at the edge of a card's digits is the recogniser's "four": it goes with them.
    assert.equal(call.redact('customer', 'for five three nine month', 'partial').text, '[card number] month');
    call.redact('agent', 'I have sent you a code, can you read it out');
    assert.equal(call.redact('customer', 'it is for eighty nine months', 'partial').text, 'it is [one-time code] months');
  });

  it('a price word the recogniser heard after digits read one by one ("six cents" for "six seven") does not keep a card', () => {
    const call = new ConversationRedactor({ now: () => 0 });
    call.redact('agent', 'and the long number on the card');
    call.redact('customer', 'four five three nine one four eight eight');
    assert.equal(call.redact('customer', 'but three for three six for six cents', 'partial').text, `but ${MASKS.card} cents`);
    // Without a card or code being read, an amount stays: "I paid forty six cents".
    assert.equal(new ConversationRedactor({ now: () => 0 }).redact('customer', 'I was charged forty six cents twice').text, 'I was charged forty six cents twice');
  });

  it('a partial never changes what the call expects', () => {
    const call = new ConversationRedactor({ now: () => 0 });
    call.redact('customer', 'my date of birth is', 'partial');
    assert.equal(call.redact('customer', 'I ordered it on the fifth of May').text, 'I ordered it on the fifth of May');
  });

  it('the answer to a password or security question is masked whole', () => {
    const call = new ConversationRedactor({ now: () => 0 });
    call.redact('agent', 'could you give me the second and fifth characters of your password');
    assert.equal(call.redact('customer', 'yes B and seven').text, `yes ${MASKS.password_chars}`);
    call.redact('agent', '你阿媽嘅姓係咩呀？');
    assert.equal(call.redact('customer', '姓黃').text, MASKS.security_answer);
  });

  it('what the agent asked for expires', () => {
    let now = 0;
    const call = new ConversationRedactor({ now: () => now, expectMs: 60_000 });
    call.redact('agent', 'can I take your date of birth please');
    now = 120_000;
    assert.equal(call.redact('customer', 'it came on the fourth of July').text, 'it came on the fourth of July');
  });

  it('partials hide a number that has no cue yet; the final keeps it when it is a look-alike', () => {
    const call = new ConversationRedactor({ now: () => 0 });
    assert.equal(call.redact('customer', 'four one one one one', 'partial').text, MASKS.number);
    assert.equal(call.redact('customer', 'four one one one one is my order number').text, 'four one one one one is my order number');
  });
});

describe('redactor: a pending answer belongs to the customer', () => {
  it('masks only the password after its cue in a reply that also gives the order number, and leaves the agent’s next turn alone', () => {
    const cantonese = new ConversationRedactor({ now: () => 0 });
    cantonese.redact('agent', '唔該講低張單號碼同埋登入密碼。');
    assert.equal(cantonese.redact('customer', '單號係 P Q 四八一六，密碼係 siuwai 七零九。').text, `單號係 P Q 四八一六，密碼係 ${MASKS.password}。`);
    assert.equal(cantonese.redact('agent', '好，已經幫你取消咗張單，三百一十蚊會退返俾你。').text, '好，已經幫你取消咗張單，三百一十蚊會退返俾你。');

    const mandarin = new ConversationRedactor({ now: () => 0 });
    mandarin.redact('agent', '请告诉我您的登录密码。');
    assert.equal(mandarin.redact('customer', '订单号是 G D 五二七三，密码是 laoli 四四零。').text, `订单号是 G D 五二七三，密码是 ${MASKS.password}。`);
    assert.equal(mandarin.redact('agent', '好的，已经帮您退款了，二百六十元三天内到账。').text, '好的，已经帮您退款了，二百六十元三天内到账。');

    const english = new ConversationRedactor({ now: () => 0 });
    english.redact('agent', 'What is the answer to your security question?');
    assert.equal(english.redact('customer', 'Marmalade.').text, `${MASKS.security_answer}.`);
    assert.equal(english.redact('agent', "Thanks, I've refunded the twelve pounds to your card.").text, "Thanks, I've refunded the twelve pounds to your card.");
  });
});
