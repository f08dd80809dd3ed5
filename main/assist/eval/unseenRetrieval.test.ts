// Retrieval on articles the demo knowledge base does not have (assets/eval/assist/unseen/articles.jsonl:
// insurance claims, meter readings and estimated bills, airline baggage; en, zh-Hans, zh-Hant) with
// labelled spoken queries (assets/eval/assist/{dev,test}/queries-unseen.jsonl). Goals, not to be lowered
// to pass: the suggestions beat plain BM25 and find the right article in the top 3.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ArticleSchema, type Article } from '../knowledgeIndex';
import { productAndPlain } from './productVsPlain';
import { parseQueries, type EvalResult } from './retrievalEval';

const root = path.resolve(__dirname, '../../../assets/eval/assist');

function unseenArticles(): Article[] {
  return readFileSync(path.join(root, 'unseen', 'articles.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => ArticleSchema.parse({ url: 'https://kb.example/unseen', ...(JSON.parse(line) as object) }));
}

function run(split: 'dev' | 'test'): { ours: EvalResult; plain: EvalResult; ids: Set<string>; queries: ReturnType<typeof parseQueries> } {
  const articles = unseenArticles();
  const queries = parseQueries(readFileSync(path.join(root, split, 'queries-unseen.jsonl'), 'utf8'));
  return { ...productAndPlain(articles, queries), ids: new Set(articles.map((article) => article.id)), queries };
}

describe('retrieval on unseen articles', () => {
  for (const split of ['dev', 'test'] as const) {
    it(`${split}: labelled against articles that exist; beats plain BM25; right article in the top 3`, (t) => {
      const { ours, plain, ids, queries } = run(split);
      for (const q of queries) for (const id of [...q.relevant, ...(q.confusable_with ? [q.confusable_with] : [])]) assert.ok(ids.has(id), `${q.id}: ${id}`);
      const all = ours.slices.all!;
      t.diagnostic(`${split}: hit@1 ${all.hit1.toFixed(2)} hit@3 ${all.hit3.toFixed(2)} vs plain BM25 ${plain.slices.all!.hit1.toFixed(2)} / ${plain.slices.all!.hit3.toFixed(2)}; confusion ${ours.confusion.rate.toFixed(2)}`);
      assert.ok(all.hit1 > plain.slices.all!.hit1, 'beats plain BM25 at hit@1');
      assert.ok(all.hit3 >= 0.9, `hit@3 ${all.hit3}`);
      assert.ok(ours.slices['Chinese (all)']!.hit3 >= 0.85, `Chinese hit@3 ${ours.slices['Chinese (all)']!.hit3}`);
      assert.ok(ours.confusion.rate <= 0.15, `confusion ${ours.confusion.rate}`);
    });
  }
});
