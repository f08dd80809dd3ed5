import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { callerOf, inferTopics, oneCopyPerTopic, scriptOfArticle, scriptOfSpeech, type CopyInfo } from './scriptVariants';

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

describe('inferTopics (articles published without a topic)', () => {
  it('pairs a Simplified and a Traditional article that say the same thing, not two related topics', () => {
    const topics = inferTopics([
      { id: 's-return', lang: 'zh', title: '退货和退款', body: '大部分商品可在签收后30天内申请退货，退款会在仓库收到商品后5个工作日内退回原支付方式。' },
      { id: 't-return', lang: 'zh-Hant', title: '退貨及退款', body: '大部分商品可在簽收後30天內申請退貨，退款會在倉庫收到商品後5個工作天內退回原付款方式。' },
      { id: 's-late-bag', lang: 'zh-Hans', title: '托运行李延误或丢失', body: '在机场行李服务台登记，保留行李牌，我们会在五天内联系您。' },
      { id: 't-broken-bag', lang: 'zh-Hant', title: '託運行李損壞', body: '請在機場即時報告損壞，拍照並保留行李牌，維修或賠償需要收據。' },
      { id: 'en-return', lang: 'en', title: 'Returns and refunds', body: 'Return within 30 days.' },
    ]);
    assert.equal(topics.get('s-return'), topics.get('t-return'));
    assert.ok(topics.get('s-return'));
    assert.equal(topics.get('s-late-bag'), undefined);
    assert.equal(topics.get('t-broken-bag'), undefined);
    assert.equal(topics.get('en-return'), undefined);
  });
});
