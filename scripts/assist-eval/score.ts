// Pure scoring for `npm run assist:eval`: retrieval (hit@1/3, MRR@10 per slice, confusion), calls
// (disposition, each entity, promise recall, the right article within two customer turns of the
// intent) and the leak scan (a labelled sensitive item whose characters show up in any output text).
import type { EvalCall, EvalQuery, SensitiveItem } from './formats';

export interface Rate {
  n: number;
  right: number;
  rate: number;
}
const rate = (right: number, n: number): Rate => ({ n, right, rate: n ? right / n : NaN });

export interface QuerySlice {
  slice: string;
  n: number;
  hit1: number;
  hit3: number;
  mrr10: number;
  /** Share of queries with a confusable article whose look-alike ranked above every right article. */
  confused?: number;
}

export function scoreQueries(queries: readonly EvalQuery[], ranked: ReadonlyMap<string, readonly string[]>): QuerySlice[] {
  const labelled = queries.filter((query) => query.relevant && query.relevant.length > 0);
  if (labelled.length === 0) return [];
  const slices = new Map<string, EvalQuery[]>();
  const add = (name: string, query: EvalQuery) => slices.set(name, [...(slices.get(name) ?? []), query]);
  for (const query of labelled) {
    add('all', query);
    if (query.lang) add(`lang=${query.lang}`, query);
    if (query.hard !== undefined) add(query.hard ? 'hard' : 'easy', query);
  }
  return [...slices.entries()].map(([slice, list]) => {
    let hit1 = 0;
    let hit3 = 0;
    let mrr = 0;
    let confusable = 0;
    let confused = 0;
    for (const query of list) {
      const ids = ranked.get(query.id) ?? [];
      const rank = ids.slice(0, 10).findIndex((id) => query.relevant!.includes(id));
      if (rank === 0) hit1 += 1;
      if (rank >= 0 && rank < 3) hit3 += 1;
      if (rank >= 0) mrr += 1 / (rank + 1);
      if (query.confusable_with) {
        confusable += 1;
        const other = ids.indexOf(query.confusable_with);
        if (other >= 0 && (rank < 0 || other < rank)) confused += 1;
      }
    }
    const n = list.length;
    return { slice, n, hit1: hit1 / n, hit3: hit3 / n, mrr10: mrr / n, ...(confusable ? { confused: confused / confusable } : {}) };
  });
}

export interface CallOutput {
  id: string;
  /** Article ids shown (top 3) after each turn, by turn index. */
  top3ByTurn: string[][];
  disposition: string;
  orderNumber?: string;
  amount?: { value: number; currency: string };
  date?: string;
  promises: Array<{ what: string; due?: string }>;
  reasonArticleId?: string;
}

export interface CallScores {
  n: number;
  disposition: Rate;
  order_number: Rate;
  amount: Rate;
  date: Rate;
  allEntities: Rate;
  promiseRecall: Rate;
  articleWithinTwoTurns: Rate;
  reasonArticle: Rate;
}

const compact = (text: string) => text.toUpperCase().replace(/[^A-Z0-9]/g, '');

const STOP = new Set('a an the to of and or for on in at by with your you i i\'ll ill will we it is be be that this my me our us can now so just also then'.split(' '));

/** Content tokens: English words (stopwords out, plural s off, number words as digits), CJK character pairs. */
export function contentTokens(text: string): string[] {
  const lower = normaliseSpoken(text.toLowerCase());
  const words = (lower.match(/[a-z0-9]+/g) ?? []).filter((word) => !STOP.has(word)).map((word) => word.replace(/(?<=..)(s|ed|ing)$/, ''));
  const cjk: string[] = [];
  for (const run of lower.match(/[\u3400-\u9fff]+/gu) ?? []) {
    const chars = [...run];
    if (chars.length === 1) cjk.push(run);
    for (let i = 0; i + 1 < chars.length; i += 1) cjk.push(chars[i]! + chars[i + 1]!);
  }
  return [...words, ...cjk];
}

/** A labelled promise is found when one predicted promise covers at least half of its content tokens. */
export function promiseFound(expected: string, predicted: readonly string[]): boolean {
  const want = [...new Set(contentTokens(expected))];
  if (want.length === 0) return true;
  return predicted.some((text) => {
    const have = new Set(contentTokens(text));
    return want.filter((token) => have.has(token)).length / want.length >= 0.5;
  });
}

/** Index of the customer turn `k` customer turns after `from` (0 = `from` itself), or the last one. */
function customerTurnAfter(call: EvalCall, from: number, k: number): number {
  let seen = -1;
  let last = from;
  for (let i = from; i < call.turns.length; i += 1) {
    if (call.turns[i]!.speaker !== 'customer') continue;
    seen += 1;
    last = i;
    if (seen === k) return i;
  }
  return last;
}

/** Whether a shown article is the labelled one: by id, or (sameArticle) its copy in another script or language. */
export type SameArticle = (labelled: string, shown: string) => boolean;
const sameId: SameArticle = (labelled, shown) => labelled === shown;

/** Articles that share a non-empty topic are copies of one article (common/contract/knowledge.ts). */
export function sameTopic(articles: ReadonlyArray<{ id: string; topic?: string }>): SameArticle {
  const topicOf = new Map(articles.filter((article) => article.topic).map((article) => [article.id, article.topic!]));
  return (labelled, shown) => labelled === shown || (topicOf.has(labelled) && topicOf.get(labelled) === topicOf.get(shown));
}

export function scoreCalls(calls: readonly EvalCall[], outputs: ReadonlyMap<string, CallOutput>, same: SameArticle = sameId): CallScores {
  const count = { disposition: [0, 0], order_number: [0, 0], amount: [0, 0], date: [0, 0], all: [0, 0], promises: [0, 0], within: [0, 0], reason: [0, 0] };
  const tick = (key: keyof typeof count, ok: boolean) => {
    count[key][1]! += 1;
    if (ok) count[key][0]! += 1;
  };
  for (const call of calls) {
    const expect = call.expect;
    const out = outputs.get(call.id);
    if (!expect || !out) continue;
    if (expect.disposition) tick('disposition', out.disposition === expect.disposition);
    const entityResults: boolean[] = [];
    if (expect.order_number !== undefined) {
      const ok = out.orderNumber !== undefined && compact(out.orderNumber) === compact(expect.order_number);
      tick('order_number', ok);
      entityResults.push(ok);
    }
    if (expect.amount) {
      const ok = out.amount !== undefined && Math.abs(out.amount.value - expect.amount.value) < 0.005 && out.amount.currency.toUpperCase() === expect.amount.currency.toUpperCase();
      tick('amount', ok);
      entityResults.push(ok);
    }
    if (expect.date) {
      const ok = out.date === expect.date;
      tick('date', ok);
      entityResults.push(ok);
    }
    if (entityResults.length) tick('all', entityResults.every(Boolean));
    for (const promise of expect.promises ?? []) tick('promises', promiseFound(promise, out.promises.map((p) => p.what)));
    if (expect.intent_article && expect.intent_turn !== undefined) {
      const until = customerTurnAfter(call, expect.intent_turn, 1);
      const shown = out.top3ByTurn.slice(expect.intent_turn, until + 1).some((ids) => ids.some((id) => same(expect.intent_article!, id)));
      tick('within', shown);
    }
    if (expect.intent_article) tick('reason', out.reasonArticleId !== undefined && same(expect.intent_article, out.reasonArticleId));
  }
  const r = (key: keyof typeof count) => rate(count[key][0]!, count[key][1]!);
  return {
    n: calls.filter((call) => outputs.has(call.id)).length,
    disposition: r('disposition'),
    order_number: r('order_number'),
    amount: r('amount'),
    date: r('date'),
    allEntities: r('all'),
    promiseRecall: r('promises'),
    articleWithinTwoTurns: r('within'),
    reasonArticle: r('reason'),
  };
}

const DIGIT_WORDS: Record<string, string> = { zero: '0', oh: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9' };
const ZH_DIGITS: Record<string, string> = { 零: '0', 〇: '0', 一: '1', 幺: '1', 二: '2', 两: '2', 兩: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

/** Spoken digits as digits: "double four" → "44", "four" → "4", "四" → "4"; full-width folded. */
export function normaliseSpoken(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\b(double|triple)[\s-]+(zero|oh|one|two|three|four|five|six|seven|eight|nine|\d)\b/gi, (_m, times: string, digit: string) => (DIGIT_WORDS[digit.toLowerCase()] ?? digit).repeat(times.toLowerCase() === 'double' ? 2 : 3))
    .replace(/\b(zero|oh|one|two|three|four|five|six|seven|eight|nine)\b/gi, (word) => DIGIT_WORDS[word.toLowerCase()]!)
    .replace(/[零〇一幺二两兩三四五六七八九]/g, (c) => ZH_DIGITS[c]!);
}

/** The characters that identify a sensitive item: spoken digits as digits, letters lower-case, nothing else. */
export function leakKey(text: string): string {
  return normaliseSpoken(text).toLowerCase().replace(/[^a-z0-9\u3400-\u9fff]/gu, '');
}

/** Shorter keys match by chance (a PIN's "1234" in a price); they are not scanned. */
export const MIN_LEAK_KEY = 4;

export interface Leak {
  call: string;
  kind: string;
  turn: number;
  /** Output file(s) that contain it. */
  files: string[];
}

/** Every labelled sensitive item whose key occurs in the key of any output text. */
export function findLeaks(calls: readonly EvalCall[], outputs: ReadonlyMap<string, string>): { leaks: Leak[]; scanned: number; skipped: number } {
  const keyed = [...outputs.entries()].map(([file, text]) => [file, leakKey(text)] as const);
  const leaks: Leak[] = [];
  let scanned = 0;
  let skipped = 0;
  for (const call of calls) {
    for (const item of call.expect?.sensitive ?? ([] as SensitiveItem[])) {
      const key = leakKey(item.text);
      if (key.length < MIN_LEAK_KEY) {
        skipped += 1;
        continue;
      }
      scanned += 1;
      const files = keyed.filter(([, text]) => text.includes(key)).map(([file]) => file);
      if (files.length) leaks.push({ call: call.id, kind: item.kind, turn: item.turn, files });
    }
  }
  return { leaks, scanned, skipped };
}

const pct = (value: number) => (Number.isNaN(value) ? 'n/a' : `${(value * 100).toFixed(1)} %`);
const frac = (r: Rate) => `${pct(r.rate)} (${r.right}/${r.n})`;

/** Call scores for all calls and for each `lang` present. */
export function scoreCallSlices(calls: readonly EvalCall[], outputs: ReadonlyMap<string, CallOutput>, same: SameArticle = sameId): Array<{ slice: string; scores: CallScores }> {
  const langs = [...new Set(calls.map((call) => call.lang).filter((lang): lang is string => Boolean(lang)))];
  return [{ slice: 'all', scores: scoreCalls(calls, outputs, same) }, ...(langs.length > 1 ? langs.map((lang) => ({ slice: `lang=${lang}`, scores: scoreCalls(calls.filter((call) => call.lang === lang), outputs, same) })) : [])];
}

/** The printed tables (markdown). */
export function tables(
  queries: readonly QuerySlice[],
  calls: CallScores | undefined,
  leaks: { leaks: Leak[]; scanned: number; skipped: number } | undefined,
  callSlices: ReadonlyArray<{ slice: string; scores: CallScores }> = [],
): string {
  const out: string[] = [];
  if (queries.length) {
    out.push('| queries | n | hit@1 | hit@3 | MRR@10 | confusable above right |', '|---|---|---|---|---|---|');
    for (const s of queries) out.push(`| ${s.slice} | ${s.n} | ${s.hit1.toFixed(2)} | ${s.hit3.toFixed(2)} | ${s.mrr10.toFixed(2)} | ${s.confused === undefined ? '' : pct(s.confused)} |`);
    out.push('');
  }
  if (calls) {
    out.push(`| calls (n = ${calls.n}) | result |`, '|---|---|');
    out.push(`| disposition right | ${frac(calls.disposition)} |`);
    out.push(`| order number right | ${frac(calls.order_number)} |`);
    out.push(`| amount right | ${frac(calls.amount)} |`);
    out.push(`| date right | ${frac(calls.date)} |`);
    out.push(`| all labelled entities right in a call | ${frac(calls.allEntities)} |`);
    out.push(`| promises found (recall) | ${frac(calls.promiseRecall)} |`);
    out.push(`| right article in the top 3 within two customer turns of the intent | ${frac(calls.articleWithinTwoTurns)} |`);
    out.push(`| draft reason = intent article | ${frac(calls.reasonArticle)} |`);
  }
  if (leaks) out.push(`| sensitive items leaked (in any output) | ${leaks.leaks.length} of ${leaks.scanned}${leaks.skipped ? ` (${leaks.skipped} shorter than ${MIN_LEAK_KEY} characters not scanned)` : ''} |`);

  if (callSlices.length > 1) {
    out.push('', '| calls by slice | n | disposition | order number | amount | date | promises | article within 2 turns | reason article |', '|---|---|---|---|---|---|---|---|---|');
    for (const { slice, scores } of callSlices) {
      out.push(`| ${slice} | ${scores.n} | ${frac(scores.disposition)} | ${frac(scores.order_number)} | ${frac(scores.amount)} | ${frac(scores.date)} | ${frac(scores.promiseRecall)} | ${frac(scores.articleWithinTwoTurns)} | ${frac(scores.reasonArticle)} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
