// The input formats of `npm run assist:eval` (docs/assist.md): articles, queries and calls as JSON
// Lines (articles may also be the demo knowledge-base file {articles: [...]}). Unknown fields are
// ignored; a line that breaks the format is reported with its file, line number and field, and the
// run does not start — nothing is silently dropped.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const Tags = z.union([z.string(), z.array(z.string())]).optional();

/** Field names other tools use for the same thing, tried in order when the documented name is absent. */
const ARTICLE_ALIASES: Record<string, string[]> = {
  id: ['article_id', 'articleId', 'doc_id', 'docId', '_id', 'slug', 'key'],
  lang: ['language', 'locale', 'lng'],
  title: ['name', 'heading', 'subject', 'question'],
  body: ['content', 'text', 'body_text', 'answer', 'description', 'html'],
  tags: ['keywords', 'tag', 'labels', 'categories', 'category'],
  url: ['link', 'href'],
  topic: ['family', 'group', 'translation_of', 'translationOf', 'translation_group', 'translationGroup', 'canonical_id', 'canonicalId'],
};
const QUERY_ALIASES: Record<string, string[]> = {
  id: ['query_id', 'queryId', 'qid', 'key'],
  text: ['query', 'question', 'utterance', 'q', 'transcript'],
  relevant: ['relevant_ids', 'relevantIds', 'relevant_articles', 'relevant_id', 'answer_ids', 'answers', 'answer', 'article_ids', 'article_id', 'article', 'gold', 'labels', 'label', 'target'],
  lang: ['language', 'locale'],
  hard: ['difficult', 'difficulty'],
  confusable_with: ['confusable', 'confusableWith', 'distractor'],
};

/**
 * Language tags as other sets write them, to the ones the tables slice by: zh-CN/zh_cn/cmn/zh →
 * zh-Hans, zh-TW/zh-HK/zh-Hant-TW → zh-Hant, zh-yue/yue-HK → yue, en-GB → en.
 */
export function normaliseLang(tag: string): string {
  const t = tag.trim().replace(/_/g, '-').toLowerCase();
  if (/^(?:yue|zh-yue|cantonese)(?:-|$)/.test(t)) return 'yue';
  if (/^zh-hant|^zh-(?:tw|hk|mo)$|^(?:traditional|繁)/.test(t)) return 'zh-Hant';
  if (/^(?:zh|cmn|chinese|mandarin)(?:-hans)?(?:-|$)|^zh-(?:cn|sg)$|^(?:simplified|简)/.test(t)) return 'zh-Hans';
  if (/^en(?:-|$)|^english$/.test(t)) return 'en';
  if (/^(?:mixed|code-?switch)/.test(t)) return 'mixed';
  return tag.trim();
}

/** Renames aliased fields, turns numeric ids into strings and a lone id into a list where one is wanted. */
function canonical(raw: unknown, aliases: Record<string, string[]>, lists: string[] = []): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const record: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  for (const [field, names] of Object.entries(aliases)) {
    if (record[field] !== undefined) continue;
    const alias = names.find((name) => record[name] !== undefined);
    if (alias !== undefined) record[field] = record[alias];
  }
  if (typeof record.id === 'number') record.id = String(record.id);
  if (typeof record.lang === 'string') record.lang = normaliseLang(record.lang);
  if (typeof record.hard === 'string') record.hard = /^(?:true|yes|1|hard)$/i.test(record.hard.trim());
  if (typeof record.hard === 'number') record.hard = record.hard > 0;
  for (const field of lists) {
    const value = record[field];
    if (typeof value === 'string' || typeof value === 'number') record[field] = String(value).split(/\s*[,;|]\s*/).filter(Boolean);
    else if (Array.isArray(value)) record[field] = value.map((item) => (typeof item === 'number' ? String(item) : item));
  }
  if (typeof record.confusable_with === 'number') record.confusable_with = String(record.confusable_with);
  return record;
}

export const EvalArticleSchema = z.object({
  id: z.string().min(1).max(64),
  lang: z.string().min(2).max(8).default('en'),
  title: z.string().min(1).max(300),
  body: z.string().max(200_000),
  tags: Tags,
  url: z.string().max(2048).optional(),
  /** Shared by the copies of one article in other languages and scripts (common/contract/knowledge.ts). */
  topic: z.union([z.string(), z.number()]).transform((value) => String(value).trim().slice(0, 200) || undefined).optional(),
});
export type EvalArticle = z.infer<typeof EvalArticleSchema>;
/** An article as other tools write one (aliased field names, numeric ids, locale tags); body may be missing. */
export const LooseArticleSchema = z.preprocess((raw) => {
  const record = canonical(raw, ARTICLE_ALIASES);
  if (typeof record === 'object' && record !== null && !Array.isArray(record) && (record as { body?: unknown }).body === undefined) return { ...record, body: '' };
  return record;
}, EvalArticleSchema);

export const EvalQuerySchema = z.object({
  id: z.string().min(1),
  text: z.string().min(1),
  relevant: z.array(z.string()).optional(),
  lang: z.string().optional(),
  hard: z.boolean().optional(),
  confusable_with: z.string().optional(),
});
export type EvalQuery = z.infer<typeof EvalQuerySchema>;
/** A query as other sets write one: `query`/`question` for text, one relevant id or a list, zh-TW, "true". */
export const LooseQuerySchema = z.preprocess((raw) => canonical(raw, QUERY_ALIASES, ['relevant']), EvalQuerySchema);

const SensitiveSchema = z.object({ kind: z.string(), turn: z.number().int().min(0), text: z.string().min(1) });
export type SensitiveItem = z.infer<typeof SensitiveSchema>;

export const EvalCallSchema = z.object({
  id: z.string().min(1),
  call_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'),
  customer_number: z.string().default(''),
  lang: z.string().optional(),
  turns: z.array(z.object({ speaker: z.enum(['agent', 'customer']), text: z.string() })).min(1),
  expect: z
    .object({
      intent_article: z.string().optional(),
      intent_turn: z.number().int().min(0).optional(),
      disposition: z.string().optional(),
      order_number: z.string().optional(),
      amount: z.object({ value: z.number(), currency: z.string() }).optional(),
      date: z.string().optional(),
      promises: z.array(z.string()).optional(),
      sensitive: z.array(SensitiveSchema).optional(),
    })
    .optional(),
});
export type EvalCall = z.infer<typeof EvalCallSchema>;

export class InputError extends Error {}

function issueText(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(line)'}: ${issue.message}`).join('; ');
}

/** Reads JSON Lines, checking every line; throws InputError naming each bad line (all of them). */
export function readJsonLines<T>(file: string, schema: z.ZodType<T>): T[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  text = text.replace(/^\uFEFF/, '');
  const rows: T[] = [];
  const problems: string[] = [];
  const document = wholeDocument(text);
  if (document) {
    // One JSON document: an array of records, or an object holding one ({"queries": [...]}).
    document.records.forEach((value, index) => {
      const parsed = schema.safeParse(value);
      if (parsed.success) rows.push(parsed.data);
      else problems.push(`${file}: ${document.field}[${index}]: ${issueText(parsed.error)}`);
    });
    if (problems.length) throw new InputError(problems.join('\n'));
    return rows;
  }
  text.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      problems.push(`${file}:${index + 1}: not valid JSON`);
      return;
    }
    const parsed = schema.safeParse(value);
    if (parsed.success) rows.push(parsed.data);
    else problems.push(`${file}:${index + 1}: ${issueText(parsed.error)}`);
  });
  if (problems.length) throw new InputError(problems.join('\n'));
  return rows;
}

/** A file that is one JSON array, or one object whose records are in an array field; undefined for JSON Lines. */
function wholeDocument(text: string): { field: string; records: unknown[] } | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('[') && !trimmed.startsWith('{')) return undefined;
  let whole: unknown;
  try {
    whole = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  if (Array.isArray(whole)) return { field: '(array)', records: whole };
  if (typeof whole !== 'object' || whole === null) return undefined;
  const arrays = Object.entries(whole as Record<string, unknown>).filter(([, value]) => Array.isArray(value) && value.every((item) => typeof item === 'object' && item !== null));
  // Only a field named for a collection: a one-line JSON Lines file is an object too (a call has "turns").
  const preferred = arrays.find(([key]) => /^(?:articles|queries|calls|items|data|records|docs|documents|rows)$/i.test(key));
  return preferred ? { field: preferred[0], records: preferred[1] as unknown[] } : undefined;
}

/** Articles from JSON Lines or from a knowledge-base file shaped like assets/kb/demo-articles.json. */
export function readArticles(file: string): EvalArticle[] {
  const articles = checkUnique(file, readJsonLines(file, LooseArticleSchema));
  if (articles.length === 0) throw new InputError(`${file}: no articles`);
  return articles;
}

/** Queries in any of the accepted shapes; ids must be unique and labels must name articles that exist. */
export function readQueries(file: string, articles: readonly EvalArticle[]): EvalQuery[] {
  const queries = readJsonLines(file, LooseQuerySchema);
  const ids = new Set(articles.map((article) => article.id));
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const query of queries) {
    if (seen.has(query.id)) problems.push(`${file}: query id ${query.id} used twice`);
    seen.add(query.id);
    const unknown = [...(query.relevant ?? []), ...(query.confusable_with ? [query.confusable_with] : [])].filter((id) => !ids.has(id));
    if (unknown.length) problems.push(`${file}: query ${query.id} names articles not in the article file: ${unknown.join(', ')}`);
  }
  if (queries.length === 0) problems.push(`${file}: no queries`);
  if (problems.length) throw new InputError(problems.join('\n'));
  return queries;
}

function checkUnique(file: string, articles: EvalArticle[]): EvalArticle[] {
  const seen = new Set<string>();
  const repeated = articles.filter((article) => (seen.has(article.id) ? true : (seen.add(article.id), false))).map((article) => article.id);
  if (repeated.length) throw new InputError(`${file}: article ids used twice: ${[...new Set(repeated)].join(', ')}`);
  return articles;
}

/** Tags as one space-separated string, as the gateway's feed carries them. */
export function tagText(tags: EvalArticle['tags']): string {
  return Array.isArray(tags) ? tags.join(' ') : (tags ?? '');
}
