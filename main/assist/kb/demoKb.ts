// The knowledge base shipped with the app (English and Chinese) and its labelled query set for retrieval
// quality (hit@3, MRR in bench/assist.bench.ts). The articles are only a first-run seed: the index is
// filled from them while the app has never synced with the gateway (knowledgeSync.ts); the first sync
// replaces them. The reference gateway serves the same file as its demo knowledge base.
import articlesFile from '../../../assets/kb/demo-articles.json';
import queriesFile from './labelled-queries.json';
import { ArticleFileSchema, type Article } from '../knowledgeIndex';

export function demoArticles(): Article[] {
  return ArticleFileSchema.parse(articlesFile).articles;
}

export interface LabelledQuery {
  query: string;
  /** Article ids that answer it. */
  relevant: string[];
}

export function labelledQueries(): LabelledQuery[] {
  return queriesFile.queries;
}
