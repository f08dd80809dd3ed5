// The input formats of `npm run assist:eval` (docs/assist.md): articles, queries and calls as JSON
// Lines (articles may also be the demo knowledge-base file {articles: [...]}). Unknown fields are
// ignored; a line that breaks the format is reported with its file, line number and field, and the
// run does not start — nothing is silently dropped.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const Tags = z.union([z.string(), z.array(z.string())]).optional();

export const EvalArticleSchema = z.object({
  id: z.string().min(1).max(64),
  lang: z.string().min(2).max(8).default('en'),
  title: z.string().min(1).max(300),
  body: z.string().max(200_000),
  tags: Tags,
  url: z.string().max(2048).optional(),
});
export type EvalArticle = z.infer<typeof EvalArticleSchema>;

export const EvalQuerySchema = z.object({
  id: z.string().min(1),
  text: z.string().min(1),
  relevant: z.array(z.string()).optional(),
  lang: z.string().optional(),
  hard: z.boolean().optional(),
  confusable_with: z.string().optional(),
});
export type EvalQuery = z.infer<typeof EvalQuerySchema>;

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
  const rows: T[] = [];
  const problems: string[] = [];
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

/** Articles from JSON Lines or from a knowledge-base file shaped like assets/kb/demo-articles.json. */
export function readArticles(file: string): EvalArticle[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let whole: unknown;
  try {
    whole = JSON.parse(text);
  } catch {
    // Not one JSON document: JSON Lines.
  }
  if (whole !== undefined && typeof whole === 'object' && whole !== null && !Array.isArray(whole) && 'articles' in whole) {
    const parsed = z.object({ articles: z.array(EvalArticleSchema) }).safeParse(whole);
    if (!parsed.success) throw new InputError(`${file}: ${issueText(parsed.error)}`);
    return checkUnique(file, parsed.data.articles);
  }
  return checkUnique(file, readJsonLines(file, EvalArticleSchema));
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
