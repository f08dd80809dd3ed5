import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadDriver } from '../store/driver';
import { evaluate, loadQuerySplit } from './eval/retrievalEval';
import { demoArticles } from './kb/demoKb';
import { KnowledgeIndex } from './knowledgeIndex';
import { SemanticReranker, WordVectors } from './semanticRerank';

const vectors = WordVectors.loadShipped();

/** hit@1 on the dev split of the labelled queries, with or without the word-vector RRF. */
function devHit1(rerank: boolean): { all: number; hard: number } {
  const db = new (loadDriver())(':memory:');
  const index = new KnowledgeIndex(db, Date.now, 'main', rerank ? new SemanticReranker(vectors!) : undefined);
  index.replaceAll(demoArticles());
  const { slices } = evaluate(loadQuerySplit('dev'), (text) => index.suggest([text], { limit: 10 }).map((hit) => hit.articleId));
  db.close();
  return { all: slices.all!.hit1, hard: slices.hard!.hit1 };
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

  it('stays off in the app while it lowers hit@1 on the dev split (measured here; turn it on only if this fails)', () => {
    const without = devHit1(false);
    const withVectors = devHit1(true);
    assert.ok(withVectors.all < without.all || withVectors.hard < without.hard, `hit@1 ${withVectors.all} vs ${without.all}, hard ${withVectors.hard} vs ${without.hard}`);
  });

  it('refuses a damaged vector file with a clear error', () => {
    assert.throws(() => WordVectors.fromBuffer(Buffer.from('HLWV\u0001garbage')), /truncated or damaged|not a Hearthline/);
    assert.throws(() => WordVectors.fromBuffer(Buffer.from('PK\u0003\u0004 zip')), /not a Hearthline word-vector file/);
  });
});
