// Retrieval on questions as a recogniser writes them (assets/eval/assist/{dev,test}/queries-asr.jsonl:
// homophones, words split in two, missing words, no punctuation; en, zh-Hans, zh-Hant, yue, mixed)
// over the demo knowledge base and the unseen articles together. Goals, not to be lowered to pass: the
// suggestions beat plain BM25 and find the right article in the top 3.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { demoArticles } from '../kb/demoKb';
import { ArticleSchema, type Article } from '../knowledgeIndex';
import { loadSounds } from '../soundAlike';
import { productAndPlain } from './productVsPlain';
import { comparisonTable, parseQueries } from './retrievalEval';

const root = path.resolve(__dirname, '../../../assets/eval/assist');

function articles(): Article[] {
  const unseen = readFileSync(path.join(root, 'unseen', 'articles.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => ArticleSchema.parse({ url: 'https://kb.example/unseen', ...(JSON.parse(line) as object) }));
  return [...demoArticles(), ...unseen];
}

describe('retrieval on recogniser output', () => {
  // The pinyin reader loads on first need in the app; here before the first query.
  before(() => loadSounds());

  for (const split of ['dev', 'test'] as const) {
    it(`${split}: labelled against articles that exist; beats plain BM25; right article in the top 3`, (t) => {
      const all = articles();
      const ids = new Set(all.map((article) => article.id));
      const queries = parseQueries(readFileSync(path.join(root, split, 'queries-asr.jsonl'), 'utf8'));
      for (const q of queries) for (const id of [...q.relevant, ...(q.confusable_with ? [q.confusable_with] : [])]) assert.ok(ids.has(id), `${q.id}: ${id}`);
      const { ours, plain } = productAndPlain(all, queries);
      t.diagnostic(`\n${comparisonTable(ours, plain)}`);
      assert.ok(ours.slices.all!.hit1 > plain.slices.all!.hit1, 'beats plain BM25 at hit@1');
      assert.ok(ours.slices.all!.hit3 >= 0.85, `hit@3 ${ours.slices.all!.hit3}`);
      assert.ok(ours.slices['Chinese (all)']!.hit3 >= 0.8, `Chinese hit@3 ${ours.slices['Chinese (all)']!.hit3}`);
    });
  }
});
