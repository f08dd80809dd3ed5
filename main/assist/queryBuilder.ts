// Pure: turns what the customer said recently into a short knowledge query. OR-ing every word of a
// rolling transcript against long articles is slow and noisy; the rarest terms (lowest document
// frequency from the index's fts5vocab) carry the topic, so at most `maxTerms` of them are kept.
// Conversation context: every term remembers the newest customer turn that said it, and counts
// `decay` ^ (turns since), never less than `minWeight` — the newest turn fully, earlier turns less — so a
// new topic wins over the last one while what the customer said they want still counts. The intent
// concepts (lexicon.ts) are kept beside the rarest terms, not in competition with them: misheard words are
// rare too.
import { isConcept } from './lexicon';
import { joinedWordTerms, retrievalTerms } from './text';

export interface QueryBuildOptions {
  /** Documents containing the term (0: unknown to the index, dropped). */
  df: (term: string) => number;
  /** Articles in the index. */
  total: number;
  maxTerms?: number;
  /** Terms in more than this share of the articles are too common to help (applied from 200 articles up). */
  maxDfRatio?: number;
  /** Weight kept per older turn (0.7: the turn before counts 0.7). */
  decay?: number;
  /** The least an older turn counts. */
  minWeight?: number;
  /** How much an intent concept's match counts against a word's (1: the same). */
  conceptWeight?: number;
  /** How many turns old each text counts as (default: its place from the end; turnFocus.ts makes a set-aside matter older). */
  ages?: readonly number[];
  /** Indexed words that stand for what was said (a misheard Chinese word's sound-alike, soundAlike.ts). */
  alternatives?: (terms: readonly string[]) => string[];
}

export interface BuiltQuery {
  terms: string[];
  /** Inverse document frequency per kept term, for confidence and passage marking. */
  idf: Record<string, number>;
  /** The terms by how recently they were said, newest first, with the weight of each group (optional: one group). */
  groups?: { terms: string[]; weight: number }[];
}

export function idfOf(df: number, total: number): number {
  return Math.log(1 + (total - df + 0.5) / (df + 0.5));
}

/** `texts` oldest first; later texts win ties, so the newest words count a little more. */
export function buildQuery(texts: readonly string[], options: QueryBuildOptions): BuiltQuery {
  const maxTerms = options.maxTerms ?? 10;
  const ratio = options.total >= 200 ? (options.maxDfRatio ?? 0.1) : 0.5;
  const decay = options.decay ?? 0.7;
  const minWeight = options.minWeight ?? 0.3;
  const seen = new Map<string, { df: number; order: number; turn: number }>();
  let order = 0;
  texts.forEach((text, turn) => {
    // Words a recogniser split ("pass word") count once joined, if the index has the joined word.
    const said = [...retrievalTerms(text), ...joinedWordTerms(text)];
    for (const term of [...said, ...(options.alternatives?.(said) ?? [])]) {
      order += 1;
      const existing = seen.get(term);
      if (existing) {
        existing.order = order;
        existing.turn = turn;
        continue;
      }
      const df = options.df(term);
      if (df <= 0 || df > Math.max(1, options.total * ratio)) continue;
      seen.set(term, { df, order, turn });
    }
  });
  const byRarity = [...seen.entries()].sort((a, b) => a[1].df - b[1].df || b[1].order - a[1].order);
  const ranked = [...byRarity.filter(([term]) => !isConcept(term)).slice(0, maxTerms), ...byRarity.filter(([term]) => isConcept(term)).slice(0, 6)];
  const idf: Record<string, number> = {};
  for (const [term, { df }] of ranked) idf[term] = idfOf(df, options.total);
  const byAge = new Map<number, string[]>();
  for (const [term, { turn }] of ranked) {
    const age = options.ages?.[turn] ?? texts.length - 1 - turn;
    byAge.set(age, [...(byAge.get(age) ?? []), term]);
  }
  const conceptWeight = options.conceptWeight ?? 1;
  const groups = [...byAge.entries()]
    .sort((a, b) => a[0] - b[0])
    .flatMap(([age, terms]) => {
      const weight = Math.max(minWeight, decay ** age);
      if (conceptWeight === 1) return [{ terms, weight }];
      // A concept stands for a whole phrase the customer used; its words alone are often common ones.
      const words = terms.filter((term) => !isConcept(term));
      const concepts = terms.filter(isConcept);
      return [...(words.length ? [{ terms: words, weight }] : []), ...(concepts.length ? [{ terms: concepts, weight: weight * conceptWeight }] : [])];
    });
  return { terms: ranked.map(([term]) => term), idf, groups };
}

/** An FTS5 MATCH expression that ORs the terms, each quoted so no term is read as an operator. */
export function matchExpression(terms: readonly string[]): string {
  return terms.map((term) => `"${term.replace(/"/g, '""')}"`).join(' OR ');
}
