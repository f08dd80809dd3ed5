// The knowledge base index for suggestions: SQLite FTS5 with bm25 over four weighted columns (title, body,
// tags, and `syn`: the intent-lexicon concepts of the article's words, lexicon.ts), English stemmed and
// Chinese converted to Simplified Mandarin (spoken.ts) and pre-segmented with jieba (cutForSearch) into the
// indexed text, document frequencies from fts5vocab for rare-term queries, contrast cues for confusable
// articles (contrast.ts), older customer turns counting less (queryBuilder.ts), and the agents' helpful /
// not-helpful votes folded into the ranking.
//
// The database and the schema name are injected: AssistModule attaches its own SQLCipher file to the
// encrypted store's connection (the votes are the agent's data), or uses memory when there is no store.
// Articles arrive from the gateway's change feed (knowledgeSync.ts): applyChanges upserts and deletes
// them incrementally and keeps the feed's cursor in the same transaction.
import { z } from 'zod';
import type { Suggestion } from '../../common/contract/assist';
import { ArticleTopicField, CustomerFacingFields, isTombstone, type KnowledgeArticle, type KnowledgeChange } from '../../common/contract/knowledge';
import type { Db } from '../store/driver';
import { applyInSlices, yieldToLoop } from '../store/slices';
import { checkpointSlice } from '../store/wal';
import { buildQuery, idfOf, matchExpression, type BuiltQuery } from './queryBuilder';
import { loadSounds, SoundIndex, soundAlikeTerms, soundsLoaded } from './soundAlike';
import { contrastFactor } from './contrast';
import { callerOf, inferTopics, oneCopyPerTopic } from './scriptVariants';
import { focusTurns } from './turnFocus';
import type { SemanticReranker } from './semanticRerank';
import { isConcept } from './lexicon';
import { normaliseArticle, normaliseSpoken, toSimplified } from './spoken';
import { articleConcepts, articleSynonyms, detectLanguage, EN_STOP_WORDS, englishWords, hasChinese, indexText, retrievalTerms, stem } from './text';

export const ArticleSchema = z.object({
  id: z.string().min(1).max(64),
  lang: z.string().min(2).max(8),
  title: z.string().min(1).max(300),
  url: z.string().max(2048),
  body: z.string().max(200_000),
  tags: z.string().max(2000).default(''),
  ...CustomerFacingFields,
  ...ArticleTopicField,
});
export type Article = z.infer<typeof ArticleSchema>;
/** An article's customer-facing side, for the follow-up message at wrap-up (main/channelGuidance). */
export type ArticleForCustomer = Pick<Article, 'id' | 'lang' | 'title' | 'url' | 'customerSummary' | 'customerUrl' | 'followUpChannel'>;
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
${ftsSql(s)}
CREATE TABLE IF NOT EXISTS ${s}.kb_feedback (
  article_id TEXT NOT NULL,
  call_id TEXT,
  helpful INTEGER NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS ${s}.kb_feedback_article ON kb_feedback(article_id);
CREATE UNIQUE INDEX IF NOT EXISTS ${s}.kb_feedback_call ON kb_feedback(article_id, call_id) WHERE call_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS ${s}.kb_sync (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS ${s}.kb_customer_facing (id TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS ${s}.kb_topics (id TEXT PRIMARY KEY, topic TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS ${s}.kb_topics_topic ON kb_topics(topic);
`;

const ftsSql = (s: string) => `
CREATE VIRTUAL TABLE IF NOT EXISTS ${s}.kb_fts USING fts5(title, body, tags, syn, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE IF NOT EXISTS ${s}.kb_vocab USING fts5vocab(kb_fts, 'row');
`;

/**
 * What the indexed text is made of (columns, normalisation, lexicon). An index written by an earlier
 * version is rebuilt from kb_articles when the app opens it; the articles, votes and cursor stay.
 */
export const INDEX_FORMAT = '3';

/** Articles whose columns are worked out between two turns of the event loop (applyChangesInSlices). */
const INDEX_SLICE_ARTICLES = 4;

/** An article's full-text columns as this version indexes them (what indexing spends its time on). */
export interface IndexedColumns {
  title: string;
  body: string;
  tags: string;
  syn: string;
}

/** An article with its columns already worked out (the seed prebuilt at build time, kb/prebuiltSeed.ts). */
export interface IndexedArticle {
  article: Article;
  columns: IndexedColumns;
}

/** Ranking settings, chosen on the dev split of assets/eval/assist (bench/assist.bench.ts reports test). */
export const RANKING = {
  /** bm25 column weights. */
  fields: { title: 3, body: 1, tags: 1.5, syn: 2 },
  /** Contrast cues (contrast.ts): the side the customer speaks for, and the other side. */
  contrastBoost: 1.4,
  contrastPenalty: 0.6,
  /** An article in the other language than the question (found through lexicon concepts only). */
  otherLanguage: 0.5,
  /** An article written in the customer's Chinese script (both scripts match a Chinese question alike; a knowledge base without topics leans on it). */
  ownScript: 1.2,
  /** An intent concept's match against a word's (queryBuilder.ts). */
  conceptWeight: 1.3,
  /** Which of an article's English words get their WordNet synonyms indexed. */
  wordnet: 'about' as 'off' | 'about' | 'all',
};

/** Where the index stands with the gateway's change feed. */
export interface KnowledgeSyncState {
  /** The feed cursor of the last page applied; undefined: never synced (the shipped seed, if any). */
  cursor?: string;
  /** When the last page was applied (ms). */
  syncedAt?: number;
}

export class KnowledgeIndex {
  private readonly dfCache = new Map<string, number>();
  private sounds: SoundIndex | undefined;
  private total = 0;
  private votes: Map<string, { helpful: number; notHelpful: number }> | undefined;
  private readonly statements;
  /** Set while an index in an earlier format is being re-indexed (rebuildInSlices). */
  private readonly rebuilding: Promise<void> | undefined;
  /** The tables are going away (detached or closed): slices still to come are not run. */
  private closing = false;

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
    const format = db.prepare(`SELECT value FROM ${s}.kb_sync WHERE key = 'indexFormat'`).pluck().get() as string | undefined;
    // An index in an earlier format gets its full-text tables made again before anything is prepared on them.
    if (format !== INDEX_FORMAT) db.exec(`DROP TABLE IF EXISTS ${s}.kb_vocab; DROP TABLE IF EXISTS ${s}.kb_fts; ${ftsSql(s)}`);
    const fieldWeights = Object.values(RANKING.fields).join(', ');
    this.statements = {
      df: db.prepare(`SELECT doc FROM ${s}.kb_vocab WHERE term = ?`).pluck(),
      // Chinese terms (UTF-8 order is code point order): the sound-alike lookup's vocabulary.
      chineseVocabulary: db.prepare(`SELECT term AS word, doc AS df FROM ${s}.kb_vocab WHERE term >= char(13312) AND term < char(40960)`),
      count: db.prepare(`SELECT count(*) FROM ${s}.kb_articles`).pluck(),
      search: db.prepare(
        // Rank inside FTS5 first, then fetch only the few winning articles.
        `SELECT a.id, a.lang, a.title, a.url, a.body, a.tags, t.topic, m.rank
           FROM (SELECT rowid, bm25(kb_fts, ${fieldWeights}) AS rank FROM ${s}.kb_fts WHERE kb_fts MATCH ? ORDER BY rank LIMIT ?) m
           JOIN ${s}.kb_articles a ON a.rowid = m.rowid
           LEFT JOIN ${s}.kb_topics t ON t.id = a.id
          ORDER BY m.rank`,
      ),
      topicCopies: db.prepare(`SELECT a.id, a.lang, a.title, a.url, a.body, a.tags, t.topic FROM ${s}.kb_topics t JOIN ${s}.kb_articles a ON a.id = t.id WHERE t.topic = ?`),
      putTopic: db.prepare(`INSERT INTO ${s}.kb_topics (id, topic) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET topic = excluded.topic`),
      deleteTopic: db.prepare(`DELETE FROM ${s}.kb_topics WHERE id = ?`),
      votes: db.prepare(`SELECT article_id AS id, sum(helpful) AS helpful, sum(1 - helpful) AS notHelpful FROM ${s}.kb_feedback GROUP BY article_id`),
      callVotes: db.prepare(`SELECT article_id AS id, helpful FROM ${s}.kb_feedback WHERE call_id = ?`),
      vote: db.prepare(
        `INSERT INTO ${s}.kb_feedback (article_id, call_id, helpful, at) VALUES (?, ?, ?, ?)
         ON CONFLICT (article_id, call_id) WHERE call_id IS NOT NULL DO UPDATE SET helpful = excluded.helpful, at = excluded.at`,
      ),
      exists: db.prepare(`SELECT 1 FROM ${s}.kb_articles WHERE id = ?`).pluck(),
      article: db.prepare(`SELECT id, title, body FROM ${s}.kb_articles WHERE id = ?`),
      rowidOf: db.prepare(`SELECT rowid FROM ${s}.kb_articles WHERE id = ?`).pluck(),
      insertArticle: db.prepare(`INSERT INTO ${s}.kb_articles (id, lang, title, url, body, tags) VALUES (?, ?, ?, ?, ?, ?)`),
      updateArticle: db.prepare(`UPDATE ${s}.kb_articles SET lang = ?, title = ?, url = ?, body = ?, tags = ? WHERE rowid = ?`),
      deleteArticle: db.prepare(`DELETE FROM ${s}.kb_articles WHERE rowid = ?`),
      insertFts: db.prepare(`INSERT INTO ${s}.kb_fts (rowid, title, body, tags, syn) VALUES (?, ?, ?, ?, ?)`),
      deleteFts: db.prepare(`DELETE FROM ${s}.kb_fts WHERE rowid = ?`),
      clear: () => db.exec(`DELETE FROM ${s}.kb_articles; DELETE FROM ${s}.kb_customer_facing; DELETE FROM ${s}.kb_topics; INSERT INTO ${s}.kb_fts(kb_fts) VALUES('delete-all');`),
      forCustomer: db.prepare(`SELECT a.id, a.lang, a.title, a.url, c.data FROM ${s}.kb_articles a LEFT JOIN ${s}.kb_customer_facing c ON c.id = a.id WHERE a.id = ?`),
      putCustomerFacing: db.prepare(`INSERT INTO ${s}.kb_customer_facing (id, data) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data`),
      deleteCustomerFacing: db.prepare(`DELETE FROM ${s}.kb_customer_facing WHERE id = ?`),
      getSync: db.prepare(`SELECT key, value FROM ${s}.kb_sync`),
      setSync: db.prepare(`INSERT INTO ${s}.kb_sync (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`),
    };
    if (format !== INDEX_FORMAT) {
      if ((this.statements.count.get() as number) === 0) this.statements.setSync.run('indexFormat', INDEX_FORMAT);
      else {
        this.rebuilding = this.rebuildInSlices(s);
        this.rebuilding.catch(() => undefined); // reported through whenRebuilt(); a page to sync goes ahead regardless
      }
    }
    this.total = this.statements.count.get() as number;
  }

  /** Called before the tables are detached or closed: a re-index under way stops between slices (and starts again next time). */
  stopWork(): void {
    this.closing = true;
  }

  /** Resolves once an index written by an earlier version has been re-indexed (at once when it was not). */
  whenRebuilt(): Promise<void> {
    return this.rebuilding ?? Promise.resolve();
  }

  /**
   * Re-indexes every stored article in this version's format (into the full-text tables made anew)
   * after the start, never inside it: a few articles per transaction with the event loop turning
   * between them (a synced knowledge base of thousands of articles takes seconds of CPU). Until it is
   * done only the articles already re-indexed are found. The format is recorded last, so a crash or a
   * close part-way means the next start begins it again.
   */
  private async rebuildInSlices(s: string): Promise<void> {
    await yieldToLoop();
    const rowids = this.db.prepare(`SELECT rowid FROM ${s}.kb_articles ORDER BY rowid`).pluck().all() as number[];
    const read = this.db.prepare(`SELECT title, body, tags FROM ${s}.kb_articles WHERE rowid = ?`);
    const done = await applyInSlices(
      rowids,
      (slice) => {
        this.db.transaction(() => {
          for (const rowid of slice) {
            // Read now, not before: a page synced meanwhile may have changed or removed the article.
            const article = read.get(rowid) as { title: string; body: string; tags: string } | undefined;
            this.statements.deleteFts.run(rowid);
            if (article) this.indexRow(rowid, article);
          }
        })();
        checkpointSlice(this.db);
      },
      { size: INDEX_SLICE_ARTICLES, stopped: () => this.closing || !this.db.open },
    );
    if (!done.complete) return;
    this.statements.setSync.run('indexFormat', INDEX_FORMAT);
    this.changed();
  }

  private indexRow(rowid: number | bigint, article: { title: string; body: string; tags: string }, columns = indexColumns(article)): void {
    this.statements.insertFts.run(rowid, columns.title, columns.body, columns.tags, columns.syn);
  }

  count(): number {
    return this.total;
  }

  /**
   * Replaces the whole knowledge base with articles whose columns were worked out beforehand (the
   * prebuilt seed): no segmenting or stemming on the start path, only the inserts.
   */
  replaceAllIndexed(articles: readonly IndexedArticle[]): void {
    this.db.transaction(() => {
      this.statements.clear();
      for (const { article, columns } of articles) this.upsert(article, columns);
    })();
    this.changed();
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
  applyChanges(
    changes: readonly KnowledgeChange[],
    cursor: string,
    options: { replace?: boolean; /** Columns already worked out (applyChangesInSlices). */ columns?: ReadonlyMap<KnowledgeChange, IndexedColumns> } = {},
  ): { upserted: number; deleted: number } {
    let upserted = 0;
    let deleted = 0;
    try {
      this.db.transaction(() => {
        if (options.replace) this.statements.clear();
        for (const change of changes) {
          if (isTombstone(change)) deleted += this.remove(change.id) ? 1 : 0;
          else {
            this.upsert(change, options.columns?.get(change));
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

  /**
   * applyChanges for a page of the change feed without holding main's event loop for the whole page:
   * working out the articles' columns (segmenting, stemming, synonyms — nearly all of the cost, about
   * 3 µs per character) runs a few articles at a time with the loop turning between, then the page and
   * its cursor are written in one transaction exactly as applyChanges does (all of it or none of it).
   * A re-index of an older format (rebuildInSlices) finishes first.
   */
  async applyChangesInSlices(changes: readonly KnowledgeChange[], cursor: string, options: { replace?: boolean } = {}): Promise<{ upserted: number; deleted: number }> {
    await this.rebuilding?.catch(() => undefined); // one writer of the full-text rows at a time
    const columns = new Map<KnowledgeChange, IndexedColumns>();
    const articles = changes.filter((change): change is KnowledgeArticle => !isTombstone(change));
    const worked = await applyInSlices(articles, (slice) => slice.forEach((article) => columns.set(article, indexColumns({ ...article, tags: article.tags ?? '' }))), {
      size: INDEX_SLICE_ARTICLES,
      stopped: () => this.closing || !this.db.open,
    });
    if (!worked.complete) return { upserted: 0, deleted: 0 }; // the store closed: nothing written, the cursor stays
    return this.applyChanges(changes, cursor, { ...options, columns });
  }

  syncState(): KnowledgeSyncState {
    const rows = new Map((this.statements.getSync.all() as { key: string; value: string }[]).map((row) => [row.key, row.value]));
    const syncedAt = rows.get('syncedAt');
    return { cursor: rows.get('cursor'), syncedAt: syncedAt === undefined ? undefined : Number(syncedAt) };
  }

  private upsert(article: Pick<Article, 'id' | 'lang' | 'title' | 'url' | 'body' | 'tags' | 'customerSummary' | 'customerUrl' | 'followUpChannel' | 'topic'>, columns?: IndexedColumns): void {
    const tags = article.tags ?? '';
    this.putCustomerFacing(article);
    if (article.topic) this.statements.putTopic.run(article.id, article.topic);
    else this.statements.deleteTopic.run(article.id);
    const existing = this.statements.rowidOf.get(article.id) as number | undefined;
    let rowid: number | bigint;
    if (existing === undefined) rowid = this.statements.insertArticle.run(article.id, article.lang, article.title, article.url, article.body, tags).lastInsertRowid;
    else {
      rowid = existing;
      this.statements.deleteFts.run(rowid);
      this.statements.updateArticle.run(article.lang, article.title, article.url, article.body, tags, rowid);
    }
    this.indexRow(rowid, { title: article.title, body: article.body, tags }, columns);
  }

  private remove(id: string): boolean {
    const rowid = this.statements.rowidOf.get(id) as number | undefined;
    if (rowid === undefined) return false;
    this.statements.deleteFts.run(rowid);
    this.statements.deleteArticle.run(rowid);
    this.statements.deleteCustomerFacing.run(id);
    this.statements.deleteTopic.run(id);
    return true;
  }

  private putCustomerFacing({ id, customerSummary, customerUrl, followUpChannel }: Pick<Article, 'id' | 'customerSummary' | 'customerUrl' | 'followUpChannel'>): void {
    if (customerSummary === undefined && customerUrl === undefined && followUpChannel === undefined) this.statements.deleteCustomerFacing.run(id);
    else this.statements.putCustomerFacing.run(id, JSON.stringify({ customerSummary, customerUrl, followUpChannel }));
  }

  /** An article's customer-facing side (summary, help-centre link, fitting channel) when the article is indexed. */
  forCustomer(id: string): ArticleForCustomer | undefined {
    const row = this.statements.forCustomer.get(id) as { id: string; lang: string; title: string; url: string; data: string | null } | undefined;
    if (!row) return undefined;
    const { data, ...article } = row;
    return { ...article, ...(data ? (JSON.parse(data) as Pick<Article, 'customerSummary' | 'customerUrl' | 'followUpChannel'>) : {}) };
  }

  private changed(): void {
    this.dfCache.clear();
    this.sounds = undefined;
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
    const focused = focusTurns(texts);
    return buildQuery(focused.texts, { ages: focused.ages, df: (term) => this.df(term), total: this.total, maxTerms, conceptWeight: RANKING.conceptWeight, alternatives: (terms) => this.soundAlikes(terms) });
  }

  /** Indexed Chinese words that sound like misheard ones among `terms` (soundAlike.ts); built on first need. */
  private soundAlikes(terms: readonly string[]): string[] {
    if (!terms.some((term) => /[\u3400-\u9fff]/.test(term))) return [];
    if (!soundsLoaded()) {
      void loadSounds();
      return [];
    }
    this.sounds ??= new SoundIndex(this.statements.chineseVocabulary.all() as Array<{ word: string; df: number }>);
    return soundAlikeTerms(terms, (term) => this.df(term) > 0, this.sounds);
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
    const terms = [...new Set(retrievalTerms(text))].filter((term) => this.df(term) > 0).slice(0, 16);
    const idf: Record<string, number> = {};
    for (const term of terms) idf[term] = idfOf(this.df(term), this.total);
    return this.run({ terms, idf }, options, text);
  }

  /** An article's title and body, as written (for embedding re-ranking). */
  articleText(id: string): { id: string; title: string; body: string } | undefined {
    return this.statements.article.get(id) as { id: string; title: string; body: string } | undefined;
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
    const candidates = Math.max(limit * 4, 20, this.reranker && text ? this.reranker.candidates : 0);
    type Row = { id: string; lang: string; title: string; url: string; body: string; tags: string; topic: string | null; rank: number };
    // One bm25 run per group of terms said in the same turn; older turns' scores count less.
    const groups = query.groups?.length ? query.groups : [{ terms: query.terms, weight: 1 }];
    const byId = new Map<string, Row>();
    for (const group of groups) {
      for (const row of this.statements.search.all(matchExpression(group.terms), candidates) as Row[]) {
        const known = byId.get(row.id);
        if (known) known.rank += row.rank * group.weight;
        else byId.set(row.id, { ...row, rank: row.rank * group.weight });
      }
    }
    const rows = [...byId.values()];
    const spoken = text === undefined ? undefined : normaliseSpoken(text);
    const queryLanguage = text === undefined ? undefined : detectLanguage(text);
    const codeSwitched = text !== undefined && hasChinese(text) && englishWords(text).filter((word) => word.length > 1 && !EN_STOP_WORDS.has(word)).length >= 1;
    const chineseScript = text !== undefined && hasChinese(text) ? (isTraditional(text) ? 'traditional' : 'simplified') : undefined;
    const votes = this.allVotes();
    const callVotes = new Map<string, boolean>();
    if (options.callId) for (const row of this.statements.callVotes.all(options.callId) as Array<{ id: string; helpful: number }>) callVotes.set(row.id, row.helpful === 1);
    const idfTotal = Object.values(query.idf).reduce((sum, value) => sum + value, 0) || 1;
    const voteFactor = (id: string) => {
      const vote = votes.get(id);
      // Beta(½,½) prior: no votes → factor 1; mostly helpful → up to ×2; mostly not → towards ×0. The
      // lighter prior lets a few consistent votes move a strong text match (ranking now separates
      // articles more widely than plain bm25 did).
      return vote ? ((vote.helpful + 0.5) / (vote.helpful + vote.notHelpful + 1)) * 2 : 1;
    };
    const scored = rows.map((row) => {
      // Contrast cues: the side of a confusable pair the customer speaks for (contrast.ts).
      const contrast = spoken ? contrastFactor(spoken, normaliseArticle(`${row.title} ${row.tags}`), { boost: RANKING.contrastBoost, penalty: RANKING.contrastPenalty }) : 1;
      // An English question with Chinese nouns ("my 快递 never came") is in both languages; a Chinese one
      // with English words ("我想 cancel 张单") still wants the Chinese article first.
      const language = queryLanguage && !(codeSwitched && queryLanguage === 'en') && (queryLanguage === 'zh') !== hasChinese(row.title) ? RANKING.otherLanguage : 1;
      // Both scripts of an article match a Chinese question alike; the one written as the customer speaks wins.
      const script = chineseScript && hasChinese(row.title) && isTraditional(row.title) === (chineseScript === 'traditional') ? RANKING.ownScript : 1;
      return { row, score: -row.rank * voteFactor(row.id) * contrast * script * language };
    });
    scored.sort((a, b) => b.score - a.score);
    // One copy per topic, in the caller's script (scriptVariants.ts); a copy the words did not reach stands
    // in with the score of the copy that was found.
    const caller = text === undefined ? undefined : callerOf(text);
    const copiesOf = (topic: string, standIn: (typeof scored)[number]) =>
      (this.statements.topicCopies.all(topic) as Row[]).map((row) => ({ row: { ...row, rank: standIn.row.rank }, score: standIn.score }));
    // Chinese articles published without a topic: twins in the two scripts found by their text.
    const inferred = caller && rows.some((row) => !row.topic) ? inferTopics(rows.filter((row) => !row.topic)) : undefined;
    const copyInfo = (row: Row) => (row.topic || !inferred?.has(row.id) ? row : { ...row, topic: inferred.get(row.id) });
    const ordered = caller ? oneCopyPerTopic(scored, ({ row }) => copyInfo(row), caller, copiesOf, limit) : scored;
    // Passage and confidence only for the articles that will be shown (or re-ranked): they read the body.
    const hitOf = ({ row, score }: (typeof scored)[number]): SearchHit => {
      const matched = matchedTerms(`${row.title} ${row.tags} ${row.body}`, query.terms);
      const coverage = matched.reduce((sum, term) => sum + (query.idf[term] ?? 0), 0) / idfTotal;
      const own = callVotes.get(row.id);
      return {
        articleId: row.id,
        title: row.title,
        passage: bestPassage(row.body, query.terms),
        // Coverage of the query's weight, discounted when only one or two words matched.
        confidence: Math.round(Math.min(1, coverage * (1 - 0.5 ** matched.length) * voteFactor(row.id)) * 100) / 100,
        url: row.url,
        lang: row.lang,
        feedback: own === undefined ? undefined : own ? 'helpful' : 'notHelpful',
        bm25: row.rank,
        score,
      };
    };
    if (!this.reranker || !caller || !text) return ordered.slice(0, limit).map(hitOf);
    const hits = ordered.slice(0, this.reranker.candidates).map(hitOf);
    const rowsById = new Map(ordered.map(({ row }) => [row.id, row]));
    const fused = this.reranker.fuse(text, hits, (hit) => rowsById.get(hit.articleId)!).map(({ hit, score }) => ({ ...hit, score }));
    return oneCopyPerTopic(fused, (hit) => copyInfo(rowsById.get(hit.articleId)!), caller).slice(0, limit);
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

/** Whether Chinese text is written in Traditional characters (OpenCC changes it). */
function isTraditional(text: string): boolean {
  return toSimplified(text) !== text;
}

/**
 * Which of the query terms occur in the text: English compared by stem, Chinese by substring of the
 * Simplified Mandarin text, lexicon concepts by the concepts the text mentions.
 */
export function matchedTerms(text: string, terms: readonly string[]): string[] {
  const stems = new Set(englishWords(text).map(stem));
  const chinese = hasChinese(text) ? normaliseArticle(text) : '';
  let concepts: Set<string> | undefined;
  return terms.filter((term) => {
    if (isConcept(term)) return (concepts ??= new Set(articleConcepts(text))).has(term);
    return hasChinese(term) ? chinese.includes(term) : stems.has(term);
  });
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
  const chineseTerms = terms.filter((term) => hasChinese(term));
  if (chineseTerms.length > 0) marked = markChinese(marked, chineseTerms);
  return marked.length > maxLength ? `${marked.slice(0, maxLength - 1)}…` : marked;
}

/**
 * Marks the (Simplified) terms in Chinese text written in either script: positions are found in the
 * Simplified form and the original characters marked (OpenCC converts character for character here;
 * when it does not, only terms written the same way are marked).
 */
function markChinese(text: string, terms: readonly string[]): string {
  const simplified = toSimplified(text);
  if (simplified.length !== text.length) {
    let marked = text;
    for (const term of terms) marked = marked.split(term).join(`[[${term}]]`);
    return marked;
  }
  const marks = new Array<boolean>(text.length).fill(false);
  for (const term of [...terms].sort((a, b) => b.length - a.length)) {
    for (let at = simplified.indexOf(term); at >= 0; at = simplified.indexOf(term, at + term.length)) {
      if (marks.slice(at, at + term.length).some(Boolean)) continue;
      for (let i = at; i < at + term.length; i += 1) marks[i] = true;
    }
  }
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    if (marks[i] && !marks[i - 1]) out += '[[';
    out += text[i];
    if (marks[i] && !marks[i + 1]) out += ']]';
  }
  return out;
}

/** The full-text columns of an article in this version's format. */
export function indexColumns(article: { title: string; body: string; tags: string }): IndexedColumns {
  // The concepts of what the article is about (title, tags) count twice; those of its body once.
  const about = articleConcepts(`${article.title} ${article.tags}`);
  const synonyms = RANKING.wordnet === 'off' ? [] : articleSynonyms(RANKING.wordnet === 'all' ? `${article.title} ${article.tags} ${article.body}` : `${article.title} ${article.tags}`);
  const syn = [...about, ...articleConcepts(article.body), ...synonyms].join(' ');
  return { title: indexText(article.title), body: indexText(article.body), tags: indexText(article.tags), syn };
}
