// The fourth blind set ({dev,test}/queries-turns.jsonl): spoken turns over the existing articles (demo,
// unseen and fresh together) in styles the earlier sets lack: two questions in one turn, follow-ups that
// need the turn before (`previous`), corrections, very short and very long turns, recogniser noise, Taiwan
// and Hong Kong words, Cantonese particles, English with Chinese nouns and the reverse.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseQueries, type LabelledQuery } from './retrievalEval';

const root = path.resolve(__dirname, '../../../assets/eval/assist');

export function turnsQueries(split: 'dev' | 'test'): LabelledQuery[] {
  return parseQueries(readFileSync(path.join(root, split, 'queries-turns.jsonl'), 'utf8'));
}
