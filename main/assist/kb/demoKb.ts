// The demo knowledge base shipped with the app (English and Chinese) and its labelled query set for
// retrieval quality (hit@3, MRR in bench/assist.bench.ts). Real deployments load articles from the gateway.
import articlesFile from './demo-articles.json';
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
