// Calls as people talk them (the second blind call set, docs/assist.md): a corrected order number, an
// amount with its tenths after the unit, a complaint taken without the word, promises said indirectly.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FALLBACK_DISPOSITIONS } from '../../../common/contract/gateway';
import { findAmount, findDate, findOrderNumber, type CallTurn } from './callEntities';
import { classifyDisposition, findPromises } from './outcome';

const codes = FALLBACK_DISPOSITIONS.map((d) => d.code);
const agent = (text: string): CallTurn => ({ leg: 'agent', text });
const customer = (text: string): CallTurn => ({ leg: 'customer', text });
const callDate = new Date(2026, 10, 16, 12);

describe('a call as people talk it', () => {
  it('takes the order number the customer corrected to, in English, Mandarin and Cantonese', () => {
    assert.equal(findOrderNumber([agent('Can I take the order number?'), customer("It's H L five five three two zero one. Oh hang on, no, that's an old one. It's H L five five three two one zero.")]), 'HL553210');
    assert.equal(findOrderNumber([agent('请告诉我订单号。'), customer('订单号是HL三三七二零一，哦不对，是HL三三七二一零。')]), 'HL337210');
    assert.equal(findOrderNumber([agent('唔該俾個訂單號碼我。'), customer('HL四四一二零九，唔係唔係，係HL四四一二九零。')]), 'HL441290');
    // The agent reading back the second of two numbers confirms it.
    assert.equal(findOrderNumber([agent('What is the order number?'), customer('H L seven one eight four four two, or H L seven one eight four six two.'), agent('Thanks, H L seven one eight four six two.')]), 'HL718462');
  });

  it('reads a digit after 块 or 塊 as tenths, not a new number', () => {
    assert.deepEqual(findAmount([customer('三百八十八块五。')]), { value: 388.5, currency: 'CNY' });
    assert.deepEqual(findAmount([agent('三百蚊一個，好平。')]), { value: 300, currency: 'HKD' });
  });

  it('logs a complaint recorded formally and handed over for later; a call put through now is escalated', () => {
    const recorded = [customer("This is the third time I've rung and nobody gets back to me."), agent("I'm recording this formally on your account now so it's looked at properly.")];
    assert.equal(classifyDisposition(recorded, codes), 'complaint_logged');
    assert.equal(classifyDisposition([customer('每次都说会有人联系我，结果都是空话。'), agent('我现在把这个情况正式登记下来，交给上级处理。')], codes), 'complaint_logged');
    assert.equal(classifyDisposition([...recorded, agent("I'm putting you through to my team leader now.")], codes), 'escalated');
  });

  it('names the recent date the call is about when nothing lies ahead, never the same day a year on', () => {
    const afterTrip = new Date(2026, 10, 23, 12);
    assert.equal(findDate([customer('我这个月话费怎么这么高。'), customer('是啊，去日本玩了一周，十一月二号回来的。'), agent('很抱歉，这部分是正常计费。')], afterTrip), '2026-11-02');
    assert.equal(findDate([customer('I dropped it at the post office on the third of November.'), agent('Thanks, I can see it arrived.')], new Date(2026, 10, 19, 12)), '2026-11-03');
    // A day ahead still wins, and a birth date is never the call's date.
    assert.equal(findDate([customer('I sent it back on the third of November.'), agent("I'll call you on the twenty-fifth of November.")], new Date(2026, 10, 19, 12)), '2026-11-25');
    assert.equal(findDate([agent('What is your date of birth?'), customer('The third of November.')], new Date(2026, 10, 19, 12)), undefined);
  });

  it('counts the agent’s one-word "Done." as the change made', () => {
    assert.equal(classifyDisposition([customer('It needs to go to my new address.'), agent('Done. You will get a text with the new day.')], codes), 'resolved');
  });

  it('hears promises said indirectly', () => {
    const said = (text: string) => findPromises([agent(text)], callDate).map((promise) => promise.what);
    assert.deepEqual(said('The reset link is on its way to your email now.'), ['The reset link is on its way to your email now.']);
    assert.equal(said('验证通过。重置链接已经发到您的邮箱，您点开就可以设置新密码。').length, 1);
    assert.deepEqual(said('我哋聽日下晝覆你，到時會話你知進度。'), ['我哋聽日下晝覆你，到時會話你知進度。']);
    assert.equal(said('这段时间的费用我们会按天给您减免。').length, 1);
    // Policy and questions are still not promises.
    assert.deepEqual(said('Is it on its way?'), []);
  });
});
