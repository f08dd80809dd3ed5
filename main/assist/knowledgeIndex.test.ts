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

  it('finds Chinese articles in either script for Traditional, Simplified and Cantonese questions', () => {
    const index = demoIndex();
    const ids = (text: string) => index.suggest([text], { limit: 3 }).map((hit) => hit.articleId);
    assert.ok(ids('我想退貨').slice(0, 2).includes('zht-returns-refunds'), ids('我想退貨').join());
    assert.equal(index.search('我想退貨')[0]?.articleId, 'zht-returns-refunds', 'the article in the script the customer uses first');
    assert.equal(index.search('我想退货')[0]?.articleId, 'zh-returns-refunds');
    assert.ok(ids('寬頻斷咗線，幾時整得返').some((id) => id === 'zh-broadband' || id === 'zht-broadband'), ids('寬頻斷咗線，幾時整得返').join());
    const passage = index.search('退款')[0]!;
    assert.match(passage.passage, /\[\[退款\]\]/);
  });

  it('tells a confusable pair apart by what the customer says (before / after a trip)', () => {
    const index = demoIndex();
    assert.equal(index.suggest(["we fly to Spain on Friday, what do I need to switch on before I go"])[0]?.articleId, 'roaming');
    assert.equal(index.suggest(['I just got back from Spain and my bill is enormous'])[0]?.articleId, 'roaming-charges');
  });

  it('follows the conversation: the newest turn wins, earlier turns still help', () => {
    const index = demoIndex();
    assert.equal(index.suggest(['my broadband keeps dropping', 'actually forget that, I was charged twice for my order'])[0]?.articleId, 'double-charge');
    assert.equal(index.suggest(['the wardrobe came today', 'the door is split right down the middle'])[0]?.articleId, 'damaged-on-arrival');
  });

  it('re-indexes an index written by an earlier version when it opens it (after the start, in slices), keeping articles and votes', async () => {
    const Driver = loadDriver();
    const db = new Driver(':memory:');
    db.exec(`CREATE TABLE kb_articles (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, lang TEXT NOT NULL, title TEXT NOT NULL, url TEXT NOT NULL, body TEXT NOT NULL, tags TEXT NOT NULL DEFAULT '');
      CREATE VIRTUAL TABLE kb_fts USING fts5(title, body, tags, content='', contentless_delete=1);
      INSERT INTO kb_articles (id, lang, title, url, body, tags) VALUES ('r', 'en', 'Returns and refunds', 'https://kb.example.com/r', 'Send it back for a refund.', 'refund');
      INSERT INTO kb_fts (rowid, title, body, tags) VALUES (1, 'return and refund', 'send it back for a refund', 'refund');`);
    const index = new KnowledgeIndex(db);
    assert.equal(index.count(), 1);
    await index.whenRebuilt();
    assert.equal(index.suggest(['I want my money back'])[0]?.articleId, 'r');
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
