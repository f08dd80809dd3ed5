// Pure: scores the redactor on a labelled set (assets/eval/assist/{dev,test}/redaction.jsonl).
// Each case is one text or a few turns; every text is also fed as growing partials (word by word, or a
// few characters at a time for Chinese), because partials are shown too. A sensitive item leaks when
// the output shows more of its words/digits than the rest of the input had (so "[card number]" hides
// it; "four one [card number]" leaks); a look-alike is kept when it survives verbatim in the final.
import { z } from 'zod';
import { ConversationRedactor, type Speaker } from './redactor';

const Kind = z.enum(['card', 'expiry', 'cvv', 'dob', 'password', 'password_chars', 'otp', 'pin', 'security_answer', 'national_id', 'bank_account', 'email']);
export const RedactionCaseSchema = z.union([
  z.object({
    id: z.string(),
    lang: z.string(),
    text: z.string(),
    sensitive: z.array(z.object({ kind: Kind, text: z.string() })),
    keep: z.array(z.string()),
  }),
  z.object({
    id: z.string(),
    lang: z.string(),
    // `partials`: what a recogniser really sent before the final, when it revised itself ("for one" then
    // "four one"); without them the scorer feeds growing prefixes of the final.
    turns: z.array(z.object({ speaker: z.enum(['agent', 'customer']), text: z.string(), partials: z.array(z.string()).optional() })).min(1),
    // `heard`: how the item was written in those partials before the final corrected it.
    sensitive: z.array(z.object({ kind: Kind, turn: z.number().int().min(0), text: z.string(), heard: z.array(z.string()).optional() })),
    keep: z.array(z.string()),
  }),
]);
export type RedactionCase = z.infer<typeof RedactionCaseSchema>;

export interface Leak {
  caseId: string;
  kind: string;
  item: string;
  phase: 'partial' | 'final';
  output: string;
}

export interface CaseResult {
  id: string;
  lang: string;
  items: Array<{ kind: string; leaked: boolean }>;
  keeps: Array<{ text: string; kept: boolean }>;
  leaks: Leak[];
  finals: string[];
}

/** Parses JSON Lines; a bad line names its number and the field, never its content. */
export function parseRedactionCases(jsonl: string): RedactionCase[] {
  return jsonl
    .split('\n')
    .map((line, index) => ({ line: line.trim(), index }))
    .filter(({ line }) => line !== '')
    .map(({ line, index }) => {
      const parsed = RedactionCaseSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`line ${index + 1}: ${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')}`);
      return parsed.data;
    });
}

const STOP = new Set(['and', 'the', 'a', 'is', 'it', 'its', 'of', 'um', 'uh', 'er', 'then', 'on', '和', '是', '係', '的', '嘅', '年', '月', '日', '号', '號', '，', '括', '括號']);

/** Words (Latin), digits and single CJK characters, lower-cased, without stop words. */
export function leakTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const match of text.normalize('NFKC').toLowerCase().matchAll(/[a-z']+|\d|[\u3400-\u9fff]/g)) {
    const token = match[0].replace(/'s$/, '');
    if (!STOP.has(token)) tokens.push(token);
  }
  return tokens;
}

function count(tokens: string[], token: string): number {
  return tokens.filter((t) => t === token).length;
}

/**
 * How many of the item's tokens the output shows beyond what the input had outside the item: masks
 * contain no digits, and their words ("card", "number") are excluded by comparing with the input.
 */
export function exposed(input: string, output: string, item: string): number {
  const at = input.indexOf(item);
  const outside = at < 0 ? input : input.slice(0, at) + ' ' + input.slice(at + item.length);
  const outsideTokens = leakTokens(outside);
  const outputTokens = leakTokens(output.replace(/\[[^\]]{1,40}\]/g, ' '));
  let shown = 0;
  for (const token of new Set(leakTokens(item))) {
    const extra = count(outputTokens, token) - count(outsideTokens, token);
    if (extra > 0) shown += Math.min(extra, count(leakTokens(item), token));
  }
  return shown;
}

/**
 * A leak: at least two of the item's tokens are shown (its only token, for a one-token item); for words
 * (passwords, answers, characters) any one. One digit or day of a longer number, in a partial, says
 * nothing about it.
 */
function leaks(input: string, output: string, item: string, whole = item, kind = ''): boolean {
  // Any word of a password or an answer is too much ("Okapi" of "Okapi2020").
  if (WORD_KINDS.has(kind)) return exposed(input, output, item) >= 1;
  return exposed(input, output, item) >= Math.min(2, Math.max(1, leakTokens(whole).length));
}

const WORD_KINDS = new Set(['password', 'security_answer', 'password_chars']);

/** The partials a recogniser would send for `text`: growing prefixes, word by word (or 2 CJK characters). */
export function partialsOf(text: string): string[] {
  const cuts: number[] = [];
  for (const match of text.matchAll(/[A-Za-z0-9']+|[\u3400-\u9fff\uff10-\uff19]{1,2}/g)) cuts.push(match.index + match[0].length);
  return cuts.map((cut) => text.slice(0, cut)).filter((prefix) => prefix !== text);
}

/** The longest start of one of the item's spellings that a revised partial shows, or null. */
export function spokenSoFar(partial: string, spellings: string[]): { part: string; whole: string } | null {
  let best: { part: string; whole: string } | null = null;
  for (const whole of spellings) {
    for (const part of [...partialsOf(whole), whole]) if (partial.includes(part) && (!best || part.length > best.part.length)) best = { part, whole };
  }
  return best;
}

/** What is scored: the app's call redactor, or another one to compare with. */
export interface CallRedactor {
  redact(speaker: Speaker, text: string, phase: 'partial' | 'final'): { text: string };
}

export function evaluateCase(testCase: RedactionCase, makeRedactor: () => CallRedactor = () => new ConversationRedactor({ now: () => 0 })): CaseResult {
  const turns: Array<{ speaker: Speaker; text: string; partials?: string[] }> = 'text' in testCase ? [{ speaker: 'customer', text: testCase.text }] : testCase.turns;
  const items: Array<{ kind: string; turn: number; text: string; heard?: string[] }> = 'text' in testCase ? testCase.sensitive.map((s) => ({ ...s, turn: 0 })) : testCase.sensitive;
  const redactor = makeRedactor();
  const leakList: Leak[] = [];
  const finals: string[] = [];
  turns.forEach((turn, index) => {
    const mine = items.filter((item) => item.turn === index);
    for (const partial of turn.partials ?? []) {
      const output = redactor.redact(turn.speaker, partial, 'partial').text;
      for (const item of mine) {
        const said = spokenSoFar(partial, [item.text, ...(item.heard ?? [])]);
        if (said && leaks(partial, output, said.part, said.whole, item.kind)) leakList.push({ caseId: testCase.id, kind: item.kind, item: item.text, phase: 'partial', output });
      }
    }
    for (const prefix of turn.partials ? [] : partialsOf(turn.text)) {
      const output = redactor.redact(turn.speaker, prefix, 'partial').text;
      for (const item of mine) {
        // Only the part of the item already spoken can show.
        const at = turn.text.indexOf(item.text);
        const said = at < 0 || at >= prefix.length ? '' : prefix.slice(at, Math.min(prefix.length, at + item.text.length));
        if (said && leaks(prefix, output, said, item.text, item.kind)) leakList.push({ caseId: testCase.id, kind: item.kind, item: item.text, phase: 'partial', output });
      }
    }
    const output = redactor.redact(turn.speaker, turn.text, 'final').text;
    finals.push(output);
    for (const item of mine) if (leaks(turn.text, output, item.text, item.text, item.kind)) leakList.push({ caseId: testCase.id, kind: item.kind, item: item.text, phase: 'final', output });
  });
  const joined = finals.join('\n');
  return {
    id: testCase.id,
    lang: testCase.lang,
    items: items.map((item) => ({ kind: item.kind, leaked: leakList.some((leak) => leak.item === item.text && leak.kind === item.kind) })),
    keeps: testCase.keep.map((text) => ({ text, kept: joined.includes(text) })),
    leaks: leakList,
    finals,
  };
}

export interface SliceRow {
  slice: string;
  items: number;
  leaked: number;
  keeps: number;
  kept: number;
}

/** Per kind and per language: items, leaked items, look-alikes and how many were kept. */
export function summarise(results: CaseResult[]): { byKind: SliceRow[]; byLang: SliceRow[]; total: SliceRow } {
  const rows = new Map<string, SliceRow>();
  const row = (slice: string) => rows.get(slice) ?? rows.set(slice, { slice, items: 0, leaked: 0, keeps: 0, kept: 0 }).get(slice)!;
  for (const result of results) {
    for (const item of result.items) {
      for (const slice of [`kind:${item.kind}`, `lang:${result.lang}`, 'total']) {
        row(slice).items += 1;
        if (item.leaked) row(slice).leaked += 1;
      }
    }
    for (const keep of result.keeps) {
      for (const slice of ['kind:look-alike', `lang:${result.lang}`, 'total']) {
        row(slice).keeps += 1;
        if (keep.kept) row(slice).kept += 1;
      }
    }
  }
  const pick = (prefix: string) =>
    [...rows.values()]
      .filter((r) => r.slice.startsWith(prefix))
      .map((r) => ({ ...r, slice: r.slice.slice(prefix.length) }))
      .sort((a, b) => Number(a.slice === 'look-alike') - Number(b.slice === 'look-alike'));
  return { byKind: pick('kind:'), byLang: pick('lang:'), total: rows.get('total') ?? { slice: 'total', items: 0, leaked: 0, keeps: 0, kept: 0 } };
}

/** A Markdown table for the README. */
export function formatTable(title: string, rows: SliceRow[]): string {
  const lines = [`| ${title} | sensitive items n | leaked | look-alikes n | kept |`, '|---|---|---|---|---|'];
  for (const r of rows) lines.push(`| ${r.slice} | ${r.items} | ${r.leaked} | ${r.keeps} | ${r.keeps ? `${r.kept} (${Math.round((100 * r.kept) / r.keeps)} %)` : '—'} |`);
  return lines.join('\n');
}
