// The fresh and the fourth (turns) blind sets for the assist benchmark (bench/assist.bench.ts): suggestions
// beside plain BM25 on their test splits, script fit of Chinese questions, and the CPU one suggestion
// costs over every labelled query of every set (process CPU time, so the machine's load does not change
// it), against the demo, unseen and fresh articles.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { allEvalArticles, freshQueries } from '../main/assist/eval/freshSet';
import { productAndPlain } from '../main/assist/eval/productVsPlain';
import { comparisonTable, loadQuerySplit, parseQueries } from '../main/assist/eval/retrievalEval';
import { scriptFit } from '../main/assist/eval/scriptFit';
import { turnsQueries } from '../main/assist/eval/turnsSet';
import { KnowledgeIndex } from '../main/assist/knowledgeIndex';
import { loadDriver } from '../main/store/driver';

const evalRoot = join(__dirname, '..', 'assets', 'eval', 'assist');

function everyLabelledQuery(): string[] {
  const texts: string[] = [];
  for (const split of ['dev', 'test']) {
    for (const file of readdirSync(join(evalRoot, split)).filter((name) => name.startsWith('queries'))) {
      for (const line of readFileSync(join(evalRoot, split, file), 'utf8').split('\n')) if (line.trim()) texts.push((JSON.parse(line) as { text: string }).text);
    }
  }
  return texts;
}

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

export function freshSetReport(): { rows: Array<[string, string, string]>; table: string } {
  const articles = allEvalArticles();
  const queries = freshQueries('test');
  const { ours, plain } = productAndPlain(articles, queries);
  const table = `\n### Suggestions on the fresh blind set, test split (${queries.length} spoken queries, ${articles.length} demo, unseen and fresh articles)\n\n${comparisonTable(ours, plain, ['suggestions', 'plain BM25 (title+body, word tokens, CJK bigrams)'])}`;
  const db = new (loadDriver())(':memory:');
  const index = new KnowledgeIndex(db);
  let started = process.cpuUsage();
  index.replaceAll(articles);
  const buildMs = cpuMs(process.cpuUsage(started));
  const texts = everyLabelledQuery();
  for (const text of texts) index.suggest([text], { limit: 3 }); // segmenter, converters and caches warm
  const rounds = 5;
  started = process.cpuUsage();
  for (let round = 0; round < rounds; round += 1) for (let i = 1; i < texts.length; i += 1) index.suggest([texts[i - 1]!, texts[i]!], { limit: 3 });
  const perQuery = cpuMs(process.cpuUsage(started)) / (rounds * (texts.length - 1));
  const kib = ((db.prepare('PRAGMA page_count').pluck().get() as number) * (db.prepare('PRAGMA page_size').pluck().get() as number)) / 1024;
  db.close();
  return {
    rows: [
      ['KB suggestion CPU per query, two-turn windows of every labelled query', `${perQuery.toFixed(2)} ms`, `${texts.length} queries × ${rounds}, ${articles.length} articles; process CPU time (load-insensitive)`],
      ['KB index over the demo, unseen and fresh articles: build CPU / size', `${buildMs.toFixed(0)} ms / ${kib.toFixed(0)} KiB`, 'in memory, incl. the full-text tables'],
    ],
    table,
  };
}

/** The fourth blind set (turns) on its test split, and script fit over every labelled set's test split. */
export function turnsSetReport(): { rows: Array<[string, string, string]>; table: string } {
  const articles = allEvalArticles();
  const langs = new Map(articles.map((article) => [article.id, article.lang]));
  const turns = turnsQueries('test');
  const { ours, plain } = productAndPlain(articles, turns);
  const table = `\n### Suggestions on the fourth blind set (turns), test split (${turns.length} spoken turns, ${articles.length} articles)\n\n${comparisonTable(ours, plain, ['suggestions', 'plain BM25 (title+body, word tokens, CJK bigrams)'])}`;
  const named = (name: string) => parseQueries(readFileSync(join(evalRoot, 'test', `queries-${name}.jsonl`), 'utf8'));
  const every = [...loadQuerySplit('test'), ...freshQueries('test'), ...named('unseen'), ...named('asr'), ...turns];
  const fit = scriptFit(every, productAndPlain(articles, every).ours, (id) => langs.get(id));
  const pct = (value: number) => `${Math.round(value * 100)} %`;
  return {
    rows: [
      [
        'script fit: Chinese questions whose first card is right and in their script / two copies of one topic in the top 3',
        `${pct(fit.firstInScript)} / ${pct(fit.crowded)}`,
        `${fit.n} test-split questions of every labelled set with an article in their script; right in any script ${pct(fit.firstRight)} (before one copy per topic: 69 % / 62 %, right 86 %)`,
      ],
    ],
    table,
  };
}
