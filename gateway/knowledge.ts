// The reference gateway's knowledge base: articles as the CRM's knowledge system would publish them, kept
// as a change feed. Every write (new version, or withdrawal) takes the next sequence number, so "what
// changed since cursor N" is one indexed range scan; a withdrawn article stays as a tombstone so apps
// that synced it learn it is gone. Seeded once with the demo articles (English and Chinese).
import { z } from 'zod';
import { ArticleTopicField, CustomerFacingFields, isTombstone, type KnowledgeArticle, type KnowledgeChange, type KnowledgePage } from '../common/contract/knowledge';
import demoFile from '../assets/kb/demo-articles.json';
import type { GatewayDb } from './db';

const DemoFileSchema = z.object({
  articles: z.array(z.object({ id: z.string(), lang: z.string(), title: z.string(), url: z.string(), body: z.string(), tags: z.string().default(''), ...CustomerFacingFields, ...ArticleTopicField })),
});

export type KnowledgeInput = Omit<KnowledgeArticle, 'updatedAt'>;

export class KnowledgeBase {
  constructor(
    private readonly gatewayDb: GatewayDb,
    now: Date,
  ) {
    const created = gatewayDb.db
      .prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'kb_changes'")
      .pluck()
      .get() as number;
    gatewayDb.db.exec(`
      CREATE TABLE IF NOT EXISTS kb_changes (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE,
        body TEXT NOT NULL
      );
    `);
    // Seed only when the table is new: a knowledge base emptied on purpose stays empty.
    if (!created) gatewayDb.db.transaction(() => DemoFileSchema.parse(demoFile).articles.forEach((article) => this.upsert(article, now)))();
  }

  private nextSeq(): number {
    return ((this.gatewayDb.db.prepare('SELECT max(seq) FROM kb_changes').pluck().get() as number | null) ?? 0) + 1;
  }

  private put(change: KnowledgeChange): void {
    this.gatewayDb.db.prepare('INSERT INTO kb_changes (id, seq, body) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, body = excluded.body').run(change.id, this.nextSeq(), JSON.stringify(change));
  }

  /** Publishes a new article or a new version of one. */
  upsert(article: KnowledgeInput, at: Date): void {
    this.put({ ...article, tags: article.tags ?? '', updatedAt: at.toISOString() });
  }

  /** Withdraws an article; returns false when there was none. */
  remove(id: string, at: Date): boolean {
    const existing = this.gatewayDb.db.prepare('SELECT body FROM kb_changes WHERE id = ?').pluck().get(id) as string | undefined;
    if (!existing || isTombstone(JSON.parse(existing) as KnowledgeChange)) return false;
    this.put({ id, deleted: true, updatedAt: at.toISOString() });
    return true;
  }

  /** Changes after `since` (a cursor from an earlier page; 0 = from the start), oldest first. */
  changes(since: number, limit: number): KnowledgePage {
    const rows = this.gatewayDb.db.prepare('SELECT seq, body FROM kb_changes WHERE seq > ? ORDER BY seq LIMIT ?').all(since, limit + 1) as { seq: number; body: string }[];
    const page = rows.slice(0, limit);
    // From the start, tombstones say nothing the client needs: it never had those articles.
    const changes = page.map((row) => JSON.parse(row.body) as KnowledgeChange).filter((change) => since > 0 || !isTombstone(change));
    return { changes, cursor: String(page.at(-1)?.seq ?? since), hasMore: rows.length > limit };
  }
}
