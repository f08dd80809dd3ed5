import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { callerOf, oneCopyPerTopic, scriptOfArticle, scriptOfSpeech, type CopyInfo } from './scriptVariants';

describe('scriptVariants', () => {
  it('reads the caller’s script from the characters, Cantonese as Traditional', () => {
    assert.equal(scriptOfSpeech('我想退货'), 'simplified');
    assert.equal(scriptOfSpeech('我想退貨'), 'traditional');
    assert.equal(scriptOfSpeech('咁你哋可唔可以即刻停咗佢'), 'traditional');
    assert.equal(scriptOfSpeech('refund please'), undefined);
  });

  it('reads an article’s script from its language tag, else from its title', () => {
    assert.equal(scriptOfArticle('zh-Hant', '取消订单'), 'traditional');
    assert.equal(scriptOfArticle('zh-TW', 'x'), 'traditional');
    assert.equal(scriptOfArticle('zh-Hans', '取消訂單'), 'simplified');
    assert.equal(scriptOfArticle('zh', '退貨及退款'), 'traditional');
    assert.equal(scriptOfArticle('zh', '退货和退款'), 'simplified');
    assert.equal(scriptOfArticle('en', 'Returns'), undefined);
  });

  const copies: CopyInfo[] = [
    { id: 'zht-a', topic: 'a', lang: 'zh-Hant', title: '退貨' },
    { id: 'a', topic: 'a', lang: 'en', title: 'Returns' },
    { id: 'b', lang: 'en', title: 'Cancel' },
    { id: 'zh-a', topic: 'a', lang: 'zh', title: '退货' },
    { id: 'zh-c', topic: 'c', lang: 'zh', title: '发票' },
  ];
  const ids = (items: CopyInfo[]) => items.map((item) => item.id);

  it('keeps one copy per topic, the caller’s, in the place of the best-ranked copy', () => {
    assert.deepEqual(ids(oneCopyPerTopic(copies, (c) => c, callerOf('我想退货'))), ['zh-a', 'b', 'zh-c']);
    assert.deepEqual(ids(oneCopyPerTopic(copies, (c) => c, callerOf('我想退貨'))), ['zht-a', 'b', 'zh-c']);
    assert.deepEqual(ids(oneCopyPerTopic(copies, (c) => c, callerOf('I want a refund'))), ['a', 'b', 'zh-c']);
  });

  it('fetches the caller’s copy when the ranking did not reach it, and only for the places shown', () => {
    const ranked = copies.filter((c) => c.id !== 'zh-a');
    const asked: string[] = [];
    const copiesOf = (topic: string) => (asked.push(topic), copies.filter((c) => c.topic === topic));
    assert.deepEqual(ids(oneCopyPerTopic(ranked, (c) => c, callerOf('退货'), copiesOf)), ['zh-a', 'b', 'zh-c']);
    assert.deepEqual(asked, ['a']);
    asked.length = 0;
    oneCopyPerTopic(ranked, (c) => c, callerOf('退货'), copiesOf, 0);
    assert.deepEqual(asked, []);
  });
});
