import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadDriver } from '../store/driver';
import { demoArticles, labelledQueries } from './kb/demoKb';
import { KnowledgeIndex } from './knowledgeIndex';
import { SemanticReranker, WordVectors } from './semanticRerank';

const vectors = WordVectors.loadShipped();

function quality(rerank: boolean): { hit3: number; mrr: number } {
  const index = new KnowledgeIndex(new (loadDriver())(':memory:'), Date.now, 'main', rerank ? new SemanticReranker(vectors!) : undefined);
  index.replaceAll(demoArticles());
  const queries = labelledQueries();
  let hit3 = 0;
  let mrr = 0;
  for (const query of queries) {
    const rank = index.suggest([query.query], { limit: 10 }).findIndex((hit) => query.relevant.includes(hit.articleId));
    if (rank >= 0 && rank < 3) hit3 += 1;
    if (rank >= 0) mrr += 1 / (rank + 1);
  }
  return { hit3: hit3 / queries.length, mrr: mrr / queries.length };
}

describe('word-vector re-ranking', () => {
  it('ships its vectors, covering the knowledge base words', () => {
    assert.ok(vectors, 'assets/kb/word-vectors.bin is there (scripts/build-word-vectors.ts)');
    for (const word of ['refund', 'broken', 'parcel', 'invoice', 'password']) assert.notEqual(vectors.rank(word), undefined, word);
  });

  it('finds the article that means the same thing closer, even without shared words; Chinese keeps the BM25 order', () => {
    const reranker = new SemanticReranker(vectors!);
    const cosine = (a: Float32Array, b: Float32Array) => a.reduce((total, value, d) => total + value * b[d]!, 0);
    const query = reranker.embed('I want my money back')!;
    const refund = reranker.embed('Refunds. We reimburse the payment to the original card.')!;
    const password = reranker.embed('Reset a password. Sign in help: reset the password from the login page.')!;
    assert.ok(cosine(query, refund) > cosine(query, password));
    const articles = [
      { articleId: 'password', title: 'Reset a password', body: 'Sign in help.' },
      { articleId: 'refund', title: 'Refunds', body: 'We reimburse the payment.' },
    ];
    assert.equal(reranker.embed('我想退货'), undefined);
    assert.deepEqual(reranker.fuse('我想退货', articles, (hit) => ({ id: hit.articleId, title: hit.title, body: hit.body })).map((f) => f.hit.articleId), ['password', 'refund']);
  });

  it('does not make retrieval worse on the labelled queries (it stays on only while this holds)', () => {
    const without = quality(false);
    const withVectors = quality(true);
    assert.ok(withVectors.hit3 >= without.hit3, `hit@3 ${withVectors.hit3} vs ${without.hit3}`);
    assert.ok(withVectors.mrr >= without.mrr, `MRR ${withVectors.mrr} vs ${without.mrr}`);
  });

  it('refuses a damaged vector file with a clear error', () => {
    assert.throws(() => WordVectors.fromBuffer(Buffer.from('HLWV\u0001garbage')), /truncated or damaged|not a Hearthline/);
    assert.throws(() => WordVectors.fromBuffer(Buffer.from('PK\u0003\u0004 zip')), /not a Hearthline word-vector file/);
  });
});
