// The baseline the suggestions are measured against: plain Okapi BM25 (k1 1.2, b 0.75) over title + body,
// lower-cased word tokens for letters and digits and overlapping character bigrams for Chinese, no stop
// words, no stemming, no synonyms. Used only by the retrieval evaluation (retrievalEval.ts).
export interface PlainArticle {
  id: string;
  title: string;
  body: string;
}

export function plainTokens(text: string): string[] {
  const out: string[] = [];
  for (const run of text.toLowerCase().match(/[a-z0-9]+|[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/gu) ?? []) {
    if (/^[a-z0-9]/.test(run)) out.push(run);
    else if (run.length === 1) out.push(run);
    else for (let i = 0; i + 1 < run.length; i += 1) out.push(run.slice(i, i + 2));
  }
  return out;
}

export class PlainBm25 {
  private readonly docs: { id: string; tf: Map<string, number>; length: number }[];
  private readonly df = new Map<string, number>();
  private readonly averageLength: number;

  constructor(articles: readonly PlainArticle[]) {
    this.docs = articles.map((article) => {
      const tokens = plainTokens(`${article.title} ${article.body}`);
      const tf = new Map<string, number>();
      for (const token of tokens) tf.set(token, (tf.get(token) ?? 0) + 1);
      for (const token of tf.keys()) this.df.set(token, (this.df.get(token) ?? 0) + 1);
      return { id: article.id, tf, length: tokens.length };
    });
    this.averageLength = this.docs.reduce((sum, doc) => sum + doc.length, 0) / Math.max(1, this.docs.length);
  }

  /** Article ids, best first, only those sharing a token with the query. */
  rank(query: string, limit = 10): string[] {
    const terms = plainTokens(query);
    const n = this.docs.length;
    const scored = this.docs.map((doc) => {
      let score = 0;
      for (const term of terms) {
        const tf = doc.tf.get(term);
        if (!tf) continue;
        const df = this.df.get(term) ?? 0;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        score += (idf * tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * doc.length) / this.averageLength));
      }
      return { id: doc.id, score };
    });
    return scored
      .filter((entry) => entry.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, limit)
      .map((entry) => entry.id);
  }
}
