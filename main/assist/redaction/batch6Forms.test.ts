// Forms from the blind batch 6 (assets/eval/assist/dev/redaction-batch6.jsonl): Chinese recognisers'
// misheard digits (凌 伞 酒 要 是), cue words run together or with a recogniser's "s" for "is", codes
// whose letters and digits take turns ("bravo one two x ray seven"), a Chinese ID's check digit said
// 艾克斯, pickup codes, other countries' personal numbers, and e-mail addresses said with no cue or
// with Chinese joiners.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findNumbers, spokenDigits } from '../spokenNumbers';
import { zhSoundAlikeRuns } from './asrForms';
import { ConversationRedactor, MASKS, redactText } from './redactor';

const masked = (text: string) => redactText(text).text;
const partial = (text: string) => new ConversationRedactor({ now: () => 0 }).redact('customer', text, 'partial').text;
/** The finals of a conversation, agent and customer turns in order. */
function call(...turns: Array<['agent' | 'customer', string]>): string[] {
  const redactor = new ConversationRedactor({ now: () => 0 });
  return turns.map(([speaker, text]) => redactor.redact(speaker, text, 'final').text);
}

describe('redaction: spoken forms of batch 6', () => {
  it('misheard Chinese digits count inside a run of digits and at a date’s edges, not as words', () => {
    assert.equal(spokenDigits('银联卡号是六二二八四八凌凌伞伞幺二七七六五凌幺五'), '6228480033127765015');
    assert.equal(spokenDigits('出生日期是一酒八二年伞月凌五号'), '1982305');
    assert.equal(findNumbers('出生日期是一酒八二年伞月凌五号')[0]?.dateLike, true);
    assert.equal(spokenDigits('密码是幺伞酒是凌八'), '139408');
    // Words stay words: 凌晨, 喝酒, 我要, and the verb 是 before a number.
    assert.deepEqual(findNumbers('凌晨三点'), []);
    assert.deepEqual(findNumbers('他喝酒喝了很久'), []);
    assert.equal(spokenDigits('订单号是三七八二是吧'), '3782');
    assert.equal(spokenDigits('二零二六年要去'), '2026');
    // 是 before 六个八 leaves the repeat to be read as one (888888).
    assert.equal(masked('取款密码是六个八'), `取款密码是${MASKS.pin}`);
    assert.equal(masked('我的银联卡号是六二二八四八凌凌伞伞幺二七七六五凌幺五'), `我的银联卡号是${MASKS.card}`);
    assert.equal(masked('出生日期是一酒八二年伞月凌五号'), `出生日期是${MASKS.dob}`);
  });

  it('a run of nothing but misheard digits is a value only where one is due', () => {
    assert.deepEqual(
      zhSoundAlikeRuns('簡訊驗證碼是 酒傘是要凌七').map((run) => run.digits),
      ['934107'],
    );
    assert.equal(masked('簡訊驗證碼是 酒傘是要凌七'), `簡訊驗證碼是 ${MASKS.otp}`);
    // The agent asked for the three digits on the back: the answer is them, and so is the agent's read-back.
    assert.deepEqual(call(['agent', '卡背面三位数麻烦说一下'], ['customer', '伞酒要'], ['agent', '好的 伞酒要 对吗']), ['卡背面三位数麻烦说一下', MASKS.cvv, `好的 ${MASKS.cvv} 对吗`]);
    // A partial that stops inside the value hides what it has ("酒要" of "酒要伞").
    const redactor = new ConversationRedactor({ now: () => 0 });
    redactor.redact('agent', '卡背面三位数是？', 'final');
    assert.doesNotMatch(redactor.redact('customer', '酒要', 'partial').text, /酒|要/);
    // 那个 said while thinking, between digit groups, does not end the value.
    assert.equal(masked('驗證碼 呃 三 三 七 那個 九 零'), `驗證碼 呃 ${MASKS.otp}`);
    assert.equal(masked('动态码是 幺伞 那个 酒酒 二'), `动态码是 ${MASKS.otp}`);
    assert.equal(masked('我买了三个那个杯子'), '我买了三个那个杯子');
    // With nothing asked they are words.
    assert.equal(masked('他酒要少喝'), '他酒要少喝');
  });

  it('cue words run together, or with "s" for "is", still say what follows', () => {
    assert.equal(masked('mycardnumbers five four oh nine one one two two three three four four five five six seven'), `mycardnumbers ${MASKS.card}`);
    assert.equal(masked('dateofbirth nineteenth of may nineteen eighty won'), `dateofbirth ${MASKS.dob}`);
    assert.equal(masked('accountnumber three one nine two six six five eight'), `accountnumber ${MASKS.bank_account}`);
    assert.equal(masked('the security codes ate to won'), `the security codes ${MASKS.cvv}`);
    assert.equal(masked('yeah my passwords tango four four hotel'), `yeah my passwords ${MASKS.password}`);
    assert.doesNotMatch(partial('emails jsmith82 at'), /jsmith|82/);
    // A plural is still a plural: two cards and fifteen years are counts.
    assert.equal(masked("I've been with you fifteen years and I've got two cards with you"), "I've been with you fifteen years and I've got two cards with you");
    assert.equal(masked('the codes expired so i asked for another one'), 'the codes expired so i asked for another one');
  });

  it('a code whose letters and digits take turns is masked whole', () => {
    assert.equal(masked('the verification code is bravo one two x ray seven'), `the verification code is ${MASKS.otp}`);
    assert.equal(masked('the one time code is x ray four alpha nine two'), `the one time code is ${MASKS.otp}`);
    // An NI number's letters, and the words after it stay.
    assert.equal(masked('my national insurance number is q q one two three four five six c is that right'), `my national insurance number is ${MASKS.national_id} is that right`);
  });

  it('a Chinese ID’s check digit said 艾克斯 or 叉 goes with it, in a partial too', () => {
    assert.equal(masked('身份证号码幺幺零幺零八幺九八七幺幺三零幺零幺艾克斯'), `身份证号码${MASKS.national_id}`);
    assert.equal(masked('身份证 三幺零幺幺五幺九六幺零六幺二幺零八 爱克斯'), `身份证 ${MASKS.national_id}`);
    assert.doesNotMatch(partial('身份证号码幺幺零幺零八幺九八七幺幺三零幺零幺艾克'), /艾|克/);
  });

  it('pickup codes, other countries’ personal numbers and ID-bearing cards; policy and claim numbers and plates are kept', () => {
    assert.equal(masked('快递柜取件码是 六二 呃 四七 八三'), `快递柜取件码是 ${MASKS.otp}`);
    assert.equal(masked('取貨碼是 五五 傘九 二一'), `取貨碼是 ${MASKS.otp}`);
    assert.equal(masked('social insurance number is five four six two two one nine eight seven'), `social insurance number is ${MASKS.national_id}`);
    assert.deepEqual(redactText('社保卡号是三二零五八三一九九零零一零一一零三叉').kinds, ['national_id']);
    assert.deepEqual(redactText('我的健保卡號是 零零零零一二三四五六七八').kinds, ['national_id']);
    // A passport's letter written straight before its digits goes with them; an order code's stays.
    assert.equal(masked('护照号是E一二三四五六七八'), `护照号是${MASKS.national_id}`);
    assert.equal(masked('订单号是A一二三四五六'), '订单号是A一二三四五六');
    assert.equal(masked('the policy number is p o l seven seven one two three four five six'), 'the policy number is p o l seven seven one two three four five six');
    assert.equal(masked('车牌号是京A幺二三四五'), '车牌号是京A幺二三四五');
  });

  it('an address said with no cue is hidden while a partial is inside it; Chinese joiners belong to it', () => {
    assert.doesNotMatch(partial('yeah its tom underscore'), /tom|underscore/);
    assert.doesNotMatch(partial('send it to anna dot k dot price at outlook dot'), /anna|price|outlook/);
    assert.equal(masked('yeah its tom underscore baker at yahoo dot com'), `yeah its ${MASKS.email}`);
    assert.equal(masked('邮箱 li 点 ming 下划线 88 艾特 qq 点 com'), `邮箱 ${MASKS.email}`);
    assert.equal(masked('電郵 chen 底線 wei 艾特 gmail 點 com'), `電郵 ${MASKS.email}`);
    assert.doesNotMatch(partial('邮箱 zhang 下划'), /zhang/);
    // A username is not in the policy's list; "email me at home" is no address.
    assert.equal(masked('my username is tom underscore baker'), 'my username is tom underscore baker');
    assert.equal(masked('email me at home'), 'email me at home');
    assert.equal(masked('i sent two emails at nine this morning'), 'i sent two emails at nine this morning');
  });
});
