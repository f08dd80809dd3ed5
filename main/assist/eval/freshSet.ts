// The third blind set (assets/eval/assist/fresh/articles.jsonl and {dev,test}/queries-fresh.jsonl): articles
// on topics neither the demo knowledge base nor the unseen articles cover, searched together with both,
// so the old topics stay in the way as confusable neighbours.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { demoArticles } from '../kb/demoKb';
import { ArticleSchema, type Article } from '../knowledgeIndex';
import { parseQueries, type LabelledQuery } from './retrievalEval';

const root = path.resolve(__dirname, '../../../assets/eval/assist');

function articleFile(folder: string): Article[] {
  return readFileSync(path.join(root, folder, 'articles.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => ArticleSchema.parse({ url: `https://kb.example/${folder}`, ...(JSON.parse(line) as object) }));
}

/** Demo, unseen and fresh articles in one knowledge base. */
export function allEvalArticles(): Article[] {
  return [...demoArticles(), ...articleFile('unseen'), ...articleFile('fresh')];
}

export function freshQueries(split: 'dev' | 'test'): LabelledQuery[] {
  return parseQueries(readFileSync(path.join(root, split, 'queries-fresh.jsonl'), 'utf8'));
}
