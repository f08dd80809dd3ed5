// Labelled queries through the product's suggestions (a KnowledgeIndex in memory, as the app runs them)
// and through plain BM25 over the same articles, for the retrieval tests that compare the two.
import { loadDriver } from '../../store/driver';
import { KnowledgeIndex, type Article } from '../knowledgeIndex';
import { PlainBm25 } from './plainBm25';
import { evaluate, turnsOf, type EvalResult, type LabelledQuery } from './retrievalEval';

export function productAndPlain(articles: readonly Article[], queries: readonly LabelledQuery[]): { ours: EvalResult; plain: EvalResult } {
  const db = new (loadDriver())(':memory:');
  const index = new KnowledgeIndex(db);
  index.replaceAll([...articles]);
  const ours = evaluate(queries, (_text, q) => index.suggest(turnsOf(q), { limit: 10 }).map((hit) => hit.articleId));
  db.close();
  const bm25 = new PlainBm25([...articles]);
  return { ours, plain: evaluate(queries, (_text, q) => bm25.rank(turnsOf(q).join(' '))) };
}
