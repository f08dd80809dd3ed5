// Retrieval quality on a labelled query set (assets/eval/assist/{dev,test}/queries.jsonl): hit@1, hit@3 and
// MRR@10 overall and per slice (hard, easy, Simplified Chinese, Traditional Chinese and Cantonese, mixed),
// and the confusion rate: of the queries that name a confusable article, the share where it is ranked
// above every right article. Pure: the ranking function is passed in.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

export const LabelledQuerySchema = z.object({
  id: z.string(),
  text: z.string().min(1),
  relevant: z.array(z.string()).min(1),
  lang: z.enum(['en', 'zh-Hans', 'zh-Hant', 'yue', 'mixed']),
  hard: z.boolean(),
  confusable_with: z.string().optional(),
  /** The confusable article in every script it exists in (extra field; defaults to confusable_with). */
  confusable_ids: z.array(z.string()).optional(),
  /** The customer's turn before this one, for a follow-up that only makes sense after it (queries-turns.jsonl). */
  previous: z.string().min(1).optional(),
  /** How the turn is said (queries-turns.jsonl: two-questions, follow-up, correction, short, long, …). */
  style: z.string().optional(),
});
export type LabelledQuery = z.infer<typeof LabelledQuerySchema>;

export function parseQueries(jsonl: string): LabelledQuery[] {
  return jsonl
    .split('\n')
    .filter((line) => line.trim())
    .map((line, i) => {
      const parsed = LabelledQuerySchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`query line ${i + 1}: ${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')}`);
      return parsed.data;
    });
}

/** The project's own split (dev: tuning; test: reporting). */
export function loadQuerySplit(split: 'dev' | 'test'): LabelledQuery[] {
  return parseQueries(readFileSync(resolve(__dirname, '..', '..', '..', 'assets', 'eval', 'assist', split, 'queries.jsonl'), 'utf8'));
}

export interface SliceResult {
  n: number;
  hit1: number;
  hit3: number;
  mrr10: number;
}

export interface EvalResult {
  slices: Record<string, SliceResult>;
  /** Confusable article above every right one, over queries that name one. */
  confusion: { n: number; rate: number };
  /** Per query: the rank of the first right article (0-based), -1 when not in the top 10. */
  ranks: Map<string, number>;
  /** Per query: the first three articles shown. */
  top: Map<string, string[]>;
}

export const SLICES: Record<string, (q: LabelledQuery) => boolean> = {
  all: () => true,
  hard: (q) => q.hard,
  easy: (q) => !q.hard,
  en: (q) => q.lang === 'en',
  'zh-Hans': (q) => q.lang === 'zh-Hans',
  'zh-Hant/yue': (q) => q.lang === 'zh-Hant' || q.lang === 'yue',
  mixed: (q) => q.lang === 'mixed',
  'Chinese (all)': (q) => q.lang !== 'en',
};

/** The customer's turns a query stands for, oldest first (a follow-up comes after the turn it follows). */
export function turnsOf(q: LabelledQuery): string[] {
  return q.previous ? [q.previous, q.text] : [q.text];
}

export function evaluate(queries: readonly LabelledQuery[], rank: (text: string, q: LabelledQuery) => readonly string[]): EvalResult {
  const ranks = new Map<string, number>();
  const top = new Map<string, string[]>();
  let confused = 0;
  let confusable = 0;
  for (const q of queries) {
    const ids = rank(q.text, q).slice(0, 10);
    top.set(q.id, ids.slice(0, 3));
    const right = ids.findIndex((id) => q.relevant.includes(id));
    ranks.set(q.id, right);
    if (q.confusable_with) {
      confusable += 1;
      const wrongIds = q.confusable_ids ?? [q.confusable_with];
      const wrong = ids.findIndex((id) => wrongIds.includes(id));
      if (wrong >= 0 && (right < 0 || wrong < right)) confused += 1;
    }
  }
  const slices: Record<string, SliceResult> = {};
  for (const [name, inSlice] of Object.entries(SLICES)) {
    const members = queries.filter(inSlice);
    const n = members.length;
    const at = (k: number) => members.filter((q) => ranks.get(q.id)! >= 0 && ranks.get(q.id)! < k).length / (n || 1);
    const mrr = members.reduce((sum, q) => sum + (ranks.get(q.id)! >= 0 ? 1 / (ranks.get(q.id)! + 1) : 0), 0) / (n || 1);
    slices[name] = { n, hit1: at(1), hit3: at(3), mrr10: mrr };
  }
  return { slices, confusion: { n: confusable, rate: confused / (confusable || 1) }, ranks, top };
}

/** A markdown table of two systems side by side. */
export function comparisonTable(product: EvalResult, baseline: EvalResult, names = ['product', 'plain BM25']): string {
  const f = (value: number) => value.toFixed(2);
  const lines = [`| slice | n | ${names[0]} hit@1 / hit@3 / MRR@10 | ${names[1]} hit@1 / hit@3 / MRR@10 |`, '|---|---|---|---|'];
  for (const [name, slice] of Object.entries(product.slices)) {
    const base = baseline.slices[name]!;
    lines.push(`| ${name} | ${slice.n} | ${f(slice.hit1)} / ${f(slice.hit3)} / ${f(slice.mrr10)} | ${f(base.hit1)} / ${f(base.hit3)} / ${f(base.mrr10)} |`);
  }
  lines.push(`| confusable ranked above the right article | ${product.confusion.n} | ${(product.confusion.rate * 100).toFixed(0)} % | ${(baseline.confusion.rate * 100).toFixed(0)} % |`);
  return lines.join('\n');
}
