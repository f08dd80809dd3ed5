// The card a Chinese caller sees first is the copy of the topic in their own script, and the other copies
// of that topic do not take the other places of the top 3 (scriptVariants.ts), on the shipped articles.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { loadDriver } from '../store/driver';
import { demoArticles } from './kb/demoKb';
import { KnowledgeIndex } from './knowledgeIndex';

const articles = demoArticles();
const topicOf = new Map(articles.map((article) => [article.id, (article as { topic?: string }).topic ?? article.id]));
const langOf = new Map(articles.map((article) => [article.id, article.lang]));

describe('suggestions in the caller’s script', () => {
  const db = new (loadDriver())(':memory:');
  const index = new KnowledgeIndex(db);
  index.replaceAll(articles);
  after(() => db.close());

  const cases: Array<{ said: string; topic: string; lang: string }> = [
    { said: '我买的东西不想要了，想退货退款', topic: 'returns-refunds', lang: 'zh' },
    { said: '我買的東西不想要了，想退貨退款', topic: 'returns-refunds', lang: 'zh-Hant' },
    { said: '我的宽带从昨晚开始就断网了', topic: 'broadband-outage', lang: 'zh' },
    { said: '我嘅寬頻由琴晚開始就斷咗線', topic: 'broadband-outage', lang: 'zh-Hant' },
    { said: '信用卡被扣了两次钱', topic: 'double-charge', lang: 'zh' },
    { said: '信用卡被扣咗兩次錢', topic: 'double-charge', lang: 'zh-Hant' },
  ];
  for (const { said, topic, lang } of cases) {
    it(`“${said}”: the ${lang} copy first, no other copy of ${topic} in the top 3`, () => {
      const top = index.suggest([said], { limit: 3 }).map((hit) => hit.articleId);
      assert.equal(topicOf.get(top[0]!), topic, `first card ${top[0]}`);
      assert.equal(langOf.get(top[0]!), lang, `first card ${top[0]} is in ${langOf.get(top[0]!)}`);
      assert.deepEqual(top.filter((id) => topicOf.get(id) === topic), [top[0]], `copies of one topic in ${top.join(', ')}`);
    });
  }

  it('an English caller gets the English copy, a topic with no copy in the caller’s script its nearest copy', () => {
    const english = index.suggest(['I was charged twice for the same order'], { limit: 3 }).map((hit) => hit.articleId);
    assert.equal(english[0], 'double-charge');
    assert.equal(english.filter((id) => topicOf.get(id) === 'double-charge').length, 1);
    // Invoices exist in English and Simplified only: a Traditional caller gets the Simplified copy.
    const invoice = index.suggest(['我想開發票報銷'], { limit: 3 }).map((hit) => hit.articleId);
    assert.equal(invoice[0], 'zh-invoice');
  });
});
