// The shipped knowledge seed, indexed at build time (scripts/build-knowledge-seed.ts writes it next to
// the bundled main) so that no start spends its first second segmenting and stemming articles. The file
// carries a fingerprint of the articles and of the index format: a stale or missing file is ignored and
// the seed is indexed after the start instead (AssistModule).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { ArticleSchema, INDEX_FORMAT, RANKING, indexColumns, type Article, type IndexedArticle } from '../knowledgeIndex';

export const KNOWLEDGE_SEED_FILE = 'knowledge-seed.json';

const SeedFileSchema = z.object({
  fingerprint: z.string(),
  articles: z.array(
    z.object({
      article: ArticleSchema,
      columns: z.object({ title: z.string(), body: z.string(), tags: z.string(), syn: z.string() }),
    }),
  ),
});
export type SeedFile = z.infer<typeof SeedFileSchema>;

/** Changes whenever the articles, the index format or the ranking settings that shape the columns do. */
export function seedFingerprint(articles: readonly Article[]): string {
  return createHash('sha256').update(JSON.stringify({ format: INDEX_FORMAT, wordnet: RANKING.wordnet, articles })).digest('hex');
}

/** Indexes the articles now (build time). */
export function buildSeed(articles: readonly Article[]): SeedFile {
  return { fingerprint: seedFingerprint(articles), articles: articles.map((article) => ({ article, columns: indexColumns(article) })) };
}

/** The prebuilt seed for exactly these articles, or undefined if the file is missing, unreadable or stale. */
export function loadPrebuiltSeed(file: string, articles: readonly Article[]): IndexedArticle[] | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const seed = SeedFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    return seed.fingerprint === seedFingerprint(articles) ? seed.articles : undefined;
  } catch {
    return undefined;
  }
}
