import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadDriver } from '../store/driver';
import { demoArticles, labelledQueries } from './kb/demoKb';
import { KnowledgeIndex, bestPassage } from './knowledgeIndex';

function demoIndex(): KnowledgeIndex {
  const Driver = loadDriver();
  const index = new KnowledgeIndex(new Driver(':memory:'));
  index.replaceAll(demoArticles());
  return index;
}

describe('knowledge index', () => {
  it('suggests "Returns and refunds" from a customer describing a broken chair', () => {
    const index = demoIndex();
    const hits = index.suggest(['hello I bought a chair from you last week', 'it arrived broken and I want to return it and get a refund']);
    const titles = hits.map((hit) => hit.title);
    assert.ok(titles.slice(0, 3).includes('Returns and refunds'), titles.join(' | '));
    const card = hits.find((hit) => hit.title === 'Returns and refunds')!;
    assert.match(card.passage, /\[\[refund/i);
    assert.ok(card.confidence > 0 && card.confidence <= 1);
    assert.match(card.url, /^https:\/\/kb\.example\.com\//);
  });

  it('finds the Chinese returns article for 我想退货', () => {
    const hits = demoIndex().search('我想退货');
    assert.equal(hits[0]?.title, '退货和退款');
    assert.match(hits[0]!.passage, /\[\[退货\]\]/);
  });

  it('answers most labelled queries in the top 3', () => {
    const index = demoIndex();
    const queries = labelledQueries();
    const hits = queries.filter((q) => index.search(q.query).slice(0, 3).some((hit) => q.relevant.includes(hit.articleId))).length;
    assert.ok(hits / queries.length >= 0.7, `hit@3 ${hits}/${queries.length}`);
  });

  it('moves an article down after "not helpful" votes and shows the vote on the call', () => {
    const index = demoIndex();
    const query = 'the chair arrived broken';
    const before = index.search(query, { limit: 5 }).map((hit) => hit.articleId);
    const top = before[0]!;
    for (let i = 0; i < 4; i += 1) index.recordFeedback(top, false, `call-${i}`);
    const after = index.search(query, { limit: 5, callId: 'call-1' });
    assert.notEqual(after[0]?.articleId, top);
    assert.equal(after.find((hit) => hit.articleId === top)?.feedback, 'notHelpful');
    assert.equal(index.recordFeedback('no-such-article', true), false);
  });

  it('returns nothing for a query with no known words', () => {
    assert.deepEqual(demoIndex().search('zzzz qqqq'), []);
  });

  it('marks matching words in the passage', () => {
    assert.equal(bestPassage('Nothing here. Refunds take five days.', ['refund']), '[[Refunds]] take five days.');
  });
});
