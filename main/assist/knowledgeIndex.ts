// The knowledge base index for suggestions: SQLite FTS5 with bm25 (title weighted 3×), English stemmed
// and Chinese pre-segmented with jieba (cutForSearch) into the indexed text, document frequencies from
// fts5vocab for rare-term queries, and the agents' helpful / not-helpful votes folded into the ranking.
//
// The database and the schema name are injected: AssistModule attaches its own SQLCipher file to the
// encrypted store's connection (the votes are the agent's data), or uses memory when there is no store.
// Articles arrive from the gateway's change feed (knowledgeSync.ts): applyChanges upserts and deletes
// them incrementally and keeps the feed's cursor in the same transaction.
import { z } from 'zod';
import type { Suggestion } from '../../common/contract/assist';
import { isTombstone, type KnowledgeChange } from '../../common/contract/knowledge';
import type { Db } from '../store/driver';
import { buildQuery, idfOf, matchExpression, type BuiltQuery } from './queryBuilder';
import type { SemanticReranker } from './semanticRerank';
import { englishWords, hasChinese, indexText, queryTerms, stem } from './text';

export const ArticleSchema = z.object({
  id: z.string().min(1).max(64),
  lang: z.string().min(2).max(8),
  title: z.string().min(1).max(300),
  url: z.string().max(2048),
  body: z.string().max(200_000),
  tags: z.string().max(2000).default(''),
});
export type Article = z.infer<typeof ArticleSchema>;
export const ArticleFileSchema = z.object({ version: z.literal(1), articles: z.array(ArticleSchema) });

export interface SearchHit extends Suggestion {
  /** Raw bm25 (lower is better) and the final score used for ordering (higher is better). */
  bm25: number;
  score: number;
}

export interface SearchOptions {
  limit?: number;
  /** The call the search is for: its votes are shown on the cards. */
  callId?: string;
}

/** The tables, created in schema `s` (main, or an attached database). */
const schemaSql = (s: string) => `
CREATE TABLE IF NOT EXISTS ${s}.kb_articles (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  lang TEXT NOT NULL,
  title TEXT NOT NULL,
  url TEXT NOT NULL,
  body TEXT NOT NULL,
  tags TEXT NOT NULL DEFAULT ''
);
CREATE VIRTUAL TABLE IF NOT EXISTS ${s}.kb_fts USING fts5(title, body, tags, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE IF NOT EXISTS ${s}.kb_vocab USING fts5vocab(kb_fts, 'row');
CREATE TABLE IF NOT EXISTS ${s}.kb_feedback (
  article_id TEXT NOT NULL,
  call_id TEXT,
  helpful INTEGER NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS ${s}.kb_feedback_article ON kb_feedback(article_id);
CREATE UNIQUE INDEX IF NOT EXISTS ${s}.kb_feedback_call ON kb_feedback(article_id, call_id) WHERE call_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS ${s}.kb_sync (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

/** Where the index stands with the gateway's change feed. */
export interface KnowledgeSyncState {
  /** The feed cursor of the last page applied; undefined: never synced (the shipped seed, if any). */
  cursor?: string;
  /** When the last page was applied (ms). */
  syncedAt?: number;
}

export class KnowledgeIndex {
  private readonly dfCache = new Map<string, number>();
  private total = 0;
  private votes: Map<string, { helpful: number; notHelpful: number }> | undefined;
  private readonly statements;

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
    /** The schema holding the tables: 'main', or the name an attached database was given. */
    schema = 'main',
    /** Re-orders the BM25 candidates by word-vector similarity (RRF); off when left out. */
    private readonly reranker?: SemanticReranker,
  ) {
    const s = schema;
    db.exec(schemaSql(s));
    this.statements = {
      df: db.prepare(`SELECT doc FROM ${s}.kb_vocab WHERE term = ?`).pluck(),
      count: db.prepare(`SELECT count(*) FROM ${s}.kb_articles`).pluck(),
      search: db.prepare(
        // Rank inside FTS5 first, then fetch only the few winning articles.
        `SELECT a.id, a.lang, a.title, a.url, a.body, m.rank
           FROM (SELECT rowid, bm25(kb_fts, 3.0, 1.0, 1.5) AS rank FROM ${s}.kb_fts WHERE kb_fts MATCH ? ORDER BY rank LIMIT ?) m
           JOIN ${s}.kb_articles a ON a.rowid = m.rowid
          ORDER BY m.rank`,
      ),
      votes: db.prepare(`SELECT article_id AS id, sum(helpful) AS helpful, sum(1 - helpful) AS notHelpful FROM ${s}.kb_feedback GROUP BY article_id`),
      callVotes: db.prepare(`SELECT article_id AS id, helpful FROM ${s}.kb_feedback WHERE call_id = ?`),
      vote: db.prepare(
        `INSERT INTO ${s}.kb_feedback (article_id, call_id, helpful, at) VALUES (?, ?, ?, ?)
         ON CONFLICT (article_id, call_id) WHERE call_id IS NOT NULL DO UPDATE SET helpful = excluded.helpful, at = excluded.at`,
      ),
      exists: db.prepare(`SELECT 1 FROM ${s}.kb_articles WHERE id = ?`).pluck(),
      rowidOf: db.prepare(`SELECT rowid FROM ${s}.kb_articles WHERE id = ?`).pluck(),
      insertArticle: db.prepare(`INSERT INTO ${s}.kb_articles (id, lang, title, url, body, tags) VALUES (?, ?, ?, ?, ?, ?)`),
      updateArticle: db.prepare(`UPDATE ${s}.kb_articles SET lang = ?, title = ?, url = ?, body = ?, tags = ? WHERE rowid = ?`),
      deleteArticle: db.prepare(`DELETE FROM ${s}.kb_articles WHERE rowid = ?`),
      insertFts: db.prepare(`INSERT INTO ${s}.kb_fts (rowid, title, body, tags) VALUES (?, ?, ?, ?)`),
      deleteFts: db.prepare(`DELETE FROM ${s}.kb_fts WHERE rowid = ?`),
      clear: () => db.exec(`DELETE FROM ${s}.kb_articles; INSERT INTO ${s}.kb_fts(kb_fts) VALUES('delete-all');`),
      getSync: db.prepare(`SELECT key, value FROM ${s}.kb_sync`),
      setSync: db.prepare(`INSERT INTO ${s}.kb_sync (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`),
    };
    this.total = this.statements.count.get() as number;
  }

  count(): number {
    return this.total;
  }

  /** Replaces the whole knowledge base with `articles` (one transaction). */
  replaceAll(articles: readonly Article[]): void {
    this.db.transaction(() => {
      this.statements.clear();
      for (const article of articles) this.upsert(article);
    })();
    this.changed();
  }

  /**
   * Applies one page of the gateway's change feed and its cursor in one transaction: all of it or, if
   * anything fails, none of it. `replace` drops every article first (the first sync replaces the seed).
   */
  applyChanges(changes: readonly KnowledgeChange[], cursor: string, options: { replace?: boolean } = {}): { upserted: number; deleted: number } {
    let upserted = 0;
    let deleted = 0;
    try {
      this.db.transaction(() => {
        if (options.replace) this.statements.clear();
        for (const change of changes) {
          if (isTombstone(change)) deleted += this.remove(change.id) ? 1 : 0;
          else {
            this.upsert(change);
            upserted += 1;
          }
        }
        this.statements.setSync.run('cursor', cursor);
        this.statements.setSync.run('syncedAt', String(this.now()));
      })();
    } finally {
      this.changed();
    }
    return { upserted, deleted };
  }

  syncState(): KnowledgeSyncState {
    const rows = new Map((this.statements.getSync.all() as { key: string; value: string }[]).map((row) => [row.key, row.value]));
    const syncedAt = rows.get('syncedAt');
    return { cursor: rows.get('cursor'), syncedAt: syncedAt === undefined ? undefined : Number(syncedAt) };
  }

  private upsert(article: Pick<Article, 'id' | 'lang' | 'title' | 'url' | 'body' | 'tags'>): void {
    const tags = article.tags ?? '';
    const existing = this.statements.rowidOf.get(article.id) as number | undefined;
    let rowid: number | bigint;
    if (existing === undefined) rowid = this.statements.insertArticle.run(article.id, article.lang, article.title, article.url, article.body, tags).lastInsertRowid;
    else {
      rowid = existing;
      this.statements.deleteFts.run(rowid);
      this.statements.updateArticle.run(article.lang, article.title, article.url, article.body, tags, rowid);
    }
    this.statements.insertFts.run(rowid, indexText(article.title), indexText(article.body), indexText(tags));
  }

  private remove(id: string): boolean {
    const rowid = this.statements.rowidOf.get(id) as number | undefined;
    if (rowid === undefined) return false;
    this.statements.deleteFts.run(rowid);
    this.statements.deleteArticle.run(rowid);
    return true;
  }

  private changed(): void {
    this.dfCache.clear();
    this.reranker?.forget();
    this.total = this.statements.count.get() as number;
  }

  /** Articles containing `term` (an indexed, stemmed or segmented term). */
  df(term: string): number {
    let value = this.dfCache.get(term);
    if (value === undefined) {
      value = (this.statements.df.get(term) as number | undefined) ?? 0;
      if (this.dfCache.size > 50_000) this.dfCache.clear();
      this.dfCache.set(term, value);
    }
    return value;
  }

  /** The query that would be run for these texts (oldest first). */
  buildQuery(texts: readonly string[], maxTerms = 10): BuiltQuery {
    return buildQuery(texts, { df: (term) => this.df(term), total: this.total, maxTerms });
  }

  /** Suggestions from what the customer said recently (oldest first). */
  suggest(texts: readonly string[], options: SearchOptions = {}): SearchHit[] {
    return this.run(this.buildQuery(texts), options, texts.join(' '));
  }

  /** Suggestions for a query built with buildQuery (callers that compare queries build them once). */
  suggestFor(query: BuiltQuery, options: SearchOptions = {}, text?: string): SearchHit[] {
    return this.run(query, options, text);
  }

  /** The agent's own search: every content word counts, not only the rare ones. */
  search(text: string, options: SearchOptions = {}): SearchHit[] {
    const terms = [...new Set(queryTerms(text))].filter((term) => this.df(term) > 0).slice(0, 16);
    const idf: Record<string, number> = {};
    for (const term of terms) idf[term] = idfOf(this.df(term), this.total);
    return this.run({ terms, idf }, options, text);
  }

  recordFeedback(articleId: string, helpful: boolean, callId?: string): boolean {
    if (!this.statements.exists.get(articleId)) return false;
    this.statements.vote.run(articleId, callId ?? null, helpful ? 1 : 0, this.now());
    this.votes = undefined;
    return true;
  }

  private run(query: BuiltQuery, options: SearchOptions, text?: string): SearchHit[] {
    const limit = options.limit ?? 3;
    if (query.terms.length === 0 || this.total === 0) return [];
    const candidates = Math.max(limit * 4, 12, this.reranker && text ? this.reranker.candidates : 0);
    const rows = this.statements.search.all(matchExpression(query.terms), candidates) as Array<{
      id: string;
      lang: string;
      title: string;
      url: string;
      body: string;
      rank: number;
    }>;
    const votes = this.allVotes();
    const callVotes = new Map<string, boolean>();
    if (options.callId) for (const row of this.statements.callVotes.all(options.callId) as Array<{ id: string; helpful: number }>) callVotes.set(row.id, row.helpful === 1);
    const idfTotal = Object.values(query.idf).reduce((sum, value) => sum + value, 0) || 1;
    const hits = rows.map((row) => {
      const vote = votes.get(row.id);
      // Beta(1,1) prior: no votes → factor 1; mostly helpful → up to ×2; mostly not → towards ×0.
      const factor = vote ? ((vote.helpful + 1) / (vote.helpful + vote.notHelpful + 2)) * 2 : 1;
      const matched = matchedTerms(`${row.title} ${row.body}`, query.terms);
      const coverage = matched.reduce((sum, term) => sum + (query.idf[term] ?? 0), 0) / idfTotal;
      const score = -row.rank * factor;
      const own = callVotes.get(row.id);
      const hit: SearchHit = {
        articleId: row.id,
        title: row.title,
        passage: bestPassage(row.body, query.terms),
        // Coverage of the query's weight, discounted when only one or two words matched.
        confidence: Math.round(Math.min(1, coverage * (1 - 0.5 ** matched.length) * factor) * 100) / 100,
        url: row.url,
        lang: row.lang,
        feedback: own === undefined ? undefined : own ? 'helpful' : 'notHelpful',
        bm25: row.rank,
        score,
      };
      return hit;
    });
    hits.sort((a, b) => b.score - a.score);
    if (!this.reranker || !text) return hits.slice(0, limit);
    const rowsById = new Map(rows.map((row) => [row.id, row]));
    return this.reranker
      .fuse(text, hits, (hit) => rowsById.get(hit.articleId)!)
      .slice(0, limit)
      .map(({ hit, score }) => ({ ...hit, score }));
  }

  private allVotes(): Map<string, { helpful: number; notHelpful: number }> {
    if (!this.votes) {
      this.votes = new Map();
      for (const row of this.statements.votes.all() as Array<{ id: string; helpful: number; notHelpful: number }>) {
        this.votes.set(row.id, { helpful: row.helpful, notHelpful: row.notHelpful });
      }
    }
    return this.votes;
  }
}

/** Which of the query terms occur in the text (English compared by stem, Chinese by substring). */
export function matchedTerms(text: string, terms: readonly string[]): string[] {
  const stems = new Set(englishWords(text).map(stem));
  return terms.filter((term) => (hasChinese(term) ? text.includes(term) : stems.has(term)));
}

/** The sentence that matches most query terms, with the matching words marked [[like this]]. */
export function bestPassage(body: string, terms: readonly string[], maxLength = 300): string {
  const sentences = body.match(/[^.!?。！？]+[.!?。！？]?/gu) ?? [body];
  let best = sentences[0] ?? '';
  let bestCount = -1;
  for (const sentence of sentences) {
    const count = matchedTerms(sentence, terms).length;
    if (count > bestCount) {
      best = sentence;
      bestCount = count;
    }
  }
  const termSet = new Set(terms);
  let marked = best.trim().replace(/[A-Za-z0-9]+(?:'[a-z]+)?/g, (word) => (termSet.has(stem(word.toLowerCase())) ? `[[${word}]]` : word));
  for (const term of terms) if (hasChinese(term)) marked = marked.split(term).join(`[[${term}]]`);
  return marked.length > maxLength ? `${marked.slice(0, maxLength - 1)}…` : marked;
}
