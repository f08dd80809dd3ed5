import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ArticleForCustomer } from '../assist/knowledgeIndex';
import { messageLanguage, prefillMessage } from './prefill';

const returns: ArticleForCustomer = {
  id: 'returns-refunds',
  lang: 'en',
  title: 'Returns and refunds',
  url: 'https://kb.example.com/en/returns-refunds',
  customerSummary: 'You can return most items within 30 days of delivery for a full refund.',
  customerUrl: 'https://help.example.com/en/returns-refunds',
  followUpChannel: 'email',
};
const callbackAt = Date.UTC(2026, 11, 9, 14, 30);

describe('follow-up message prefill', () => {
  it("carries the article's customer-facing summary and link, never its agent-facing body or internal page", () => {
    const message = prefillMessage({ channel: 'sms', language: 'en', article: returns, promises: [] });
    assert.equal(message.body, `${returns.customerSummary}\n${returns.customerUrl}`);
    assert.equal(message.link, returns.customerUrl);
    assert.equal(message.subject, 'Following up on your call: Returns and refunds');
    assert.doesNotMatch(message.body, /kb\.example\.com/);
  });

  it("adds the agent's promise: the callback time from the wrap-up and what the agent said they would do", () => {
    const message = prefillMessage({ channel: 'email', language: 'en', article: returns, callbackAt, promises: ["I'll send you a returns label"], timeZone: 'UTC' });
    assert.match(message.body, /We will call you back on Wednesday, 9 December 2026 at 14:30\./);
    assert.match(message.body, /As promised: I'll send you a returns label/);
  });

  it('falls back gracefully: an article without a customer summary → its title and link; no article → the promise alone', () => {
    const bare = { id: 'spare-parts', lang: 'en', title: 'Spare parts', url: 'https://kb.example.com/en/spare-parts' };
    const fromTitle = prefillMessage({ channel: 'sms', language: 'en', article: bare, promises: [] });
    assert.equal(fromTitle.body, 'Here is the information about "Spare parts" we talked about.');
    assert.equal(fromTitle.link, undefined, 'the internal knowledge page is never sent to a customer');
    const promiseOnly = prefillMessage({ channel: 'sms', language: 'en', callbackAt, promises: [], timeZone: 'UTC' });
    assert.match(promiseOnly.body, /^We will call you back on/);
    assert.equal(prefillMessage({ channel: 'sms', language: 'en', promises: [] }).body, 'Thank you for calling us.');
  });

  it('a chat link is the self-service page, said as such', () => {
    const message = prefillMessage({ channel: 'chat', language: 'en', article: returns, selfServiceUrl: 'https://app.example.com/refunds', promises: [] });
    assert.equal(message.link, 'https://app.example.com/refunds');
    assert.match(message.body, /do this yourself in our app or on our website: https:\/\/app\.example\.com\/refunds$/);
  });

  it("is written in the customer's language: Simplified and Traditional Chinese", () => {
    const hans = prefillMessage({ channel: 'sms', language: 'zh-Hans', article: { ...returns, customerSummary: undefined, title: '退货和退款' }, callbackAt, promises: [], timeZone: 'Asia/Shanghai' });
    assert.match(hans.body, /这是我们通话中提到的“退货和退款”的相关信息。/);
    assert.match(hans.body, /我们将于2026年12月9日星期三 22:30给您回电。/);
    const hant = prefillMessage({ channel: 'sms', language: 'zh-Hant', promises: [] });
    assert.equal(hant.body, '感謝您的來電。');
    assert.equal(messageLanguage('zh'), 'zh-Hans');
    assert.equal(messageLanguage('zh-TW'), 'zh-Hant');
    assert.equal(messageLanguage('zh-Hant'), 'zh-Hant');
    assert.equal(messageLanguage('fr'), 'en');
    assert.equal(messageLanguage(undefined), 'en');
  });
});
