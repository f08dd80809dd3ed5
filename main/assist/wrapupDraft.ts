// Pure: the extractive wrap-up draft made on the laptop when a call ends. Call reason from the knowledge
// article that led the suggestions (or the one the agent marked helpful), the customer's key turns,
// what the agent promised, entities (order numbers, dates, amounts, products) and a suggested
// disposition. Every input is already redacted; the agent edits the result in the wrap-up form.
import type { AssistDraft, Entity } from '../../common/contract/assist';
import type { EscalationCue } from './sentiment';
import { queryTerms } from './text';

export interface DraftTurn {
  leg: 'customer' | 'agent';
  text: string;
  sentiment: number;
  cues: readonly string[];
}

export interface ArticleTally {
  articleId: string;
  title: string;
  /** Sum of confidences over the times it was suggested in the top 3. */
  weight: number;
  /** The agent's vote, if any. */
  helpful?: boolean;
}

export interface DraftInput {
  callId: string;
  turns: readonly DraftTurn[];
  articles: readonly ArticleTally[];
  /** Disposition codes the catalogue offers (the draft only suggests one of these). */
  dispositions: readonly string[];
  now: number;
}

const NUMBER_WORDS: Record<string, number> = {
  zero: 0, oh: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11,
  twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const DIGIT_WORD = /^(zero|oh|one|two|three|four|five|six|seven|eight|nine|\d+)$/i;
const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december';
const DAYS = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday';
const PRODUCTS = /\b(chair|chairs|sofa|table|desk|bed|wardrobe|lamp|router|phone|sim|laptop|broadband|mattress)\b|(椅子|沙发|桌子|床|路由器|手机)/giu;

/** "five five one two" → "5512"; digits as they are; "double four" → "44". */
export function spokenDigits(words: readonly string[]): string {
  let out = '';
  let times = 1;
  for (const word of words) {
    const lower = word.toLowerCase();
    if (lower === 'double' || lower === 'triple') {
      times = lower === 'double' ? 2 : 3;
      continue;
    }
    const digit = /^\d+$/.test(lower) ? lower : String(NUMBER_WORDS[lower] ?? '');
    out += digit.repeat(times);
    times = 1;
  }
  return out;
}

/** "one hundred and twenty" → 120 (up to the thousands); undefined when it is not a number. */
export function cardinal(words: readonly string[]): number | undefined {
  let total = 0;
  let current = 0;
  let any = false;
  for (const word of words) {
    const lower = word.toLowerCase();
    if (lower === 'and') continue;
    if (/^\d+$/.test(lower)) current += Number(lower);
    else if (NUMBER_WORDS[lower] !== undefined) current += NUMBER_WORDS[lower]!;
    else if (lower === 'hundred') current = (current || 1) * 100;
    else if (lower === 'thousand') {
      total += (current || 1) * 1000;
      current = 0;
    } else return undefined;
    any = true;
  }
  return any ? total + current : undefined;
}

export function extractEntities(text: string): Entity[] {
  const entities: Entity[] = [];
  const add = (kind: Entity['kind'], value: string) => {
    if (!entities.some((entity) => entity.kind === kind && entity.text === value)) entities.push({ kind, text: value });
  };
  for (const match of text.matchAll(/\b(?:order|reference|ref)(?: number)?(?: is| it's| was)?((?:\s+(?:double|triple|[a-z]+|\d+))+)/gi)) {
    const words = match[1]!.trim().split(/\s+/);
    const digitsOnly: string[] = [];
    for (const word of words) {
      if (DIGIT_WORD.test(word) || /^(double|triple)$/i.test(word)) digitsOnly.push(word);
      else if (digitsOnly.length) break;
      else if (!/^(number|is|it|was|my|the)$/i.test(word)) break;
    }
    const digits = spokenDigits(digitsOnly);
    if (digits.length >= 4) add('order', digits);
  }
  for (const match of text.matchAll(/\b[A-Z]{2,3}-?\d{4,10}\b/g)) add('order', match[0]);
  // Any other run of 5–9 digits (speech recognition often mishears the word "order" itself).
  if (!entities.some((entity) => entity.kind === 'order')) {
    for (const match of text.matchAll(/\b(?:(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|double|triple|\d+)\s*){5,}/gi)) {
      const digits = spokenDigits(match[0].trim().split(/\s+/));
      if (digits.length >= 5 && digits.length <= 9) add('order', digits);
    }
  }
  for (const match of text.matchAll(new RegExp(`\\b(today|tomorrow|yesterday|(?:next|last|this) (?:week|month|${DAYS})|(?:on )?(?:${DAYS})|\\d{1,2}(?:st|nd|rd|th)? of (?:${MONTHS})|(?:${MONTHS}) \\d{1,2}(?:st|nd|rd|th)?|\\d{1,2}/\\d{1,2}(?:/\\d{2,4})?)\\b`, 'gi'))) {
    add('date', match[1]!.replace(/^on /i, '').toLowerCase());
  }
  for (const match of text.matchAll(/(上周|昨天|今天|明天|下周|\d{1,2}月\d{1,2}[日号])/gu)) add('date', match[1]!);
  for (const match of text.matchAll(/([£$€¥])\s?(\d+(?:[.,]\d{1,2})?)/g)) add('amount', `${match[1]}${match[2]}`);
  for (const match of text.matchAll(/\b((?:(?:\d+|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|and)\s+)+)(pounds?|dollars?|euros?|quid)\b/gi)) {
    const value = cardinal(match[1]!.trim().split(/\s+/));
    if (value !== undefined && value > 0) add('amount', `${value} ${match[2]!.toLowerCase().replace(/s$/, '')}s`.replace(/quids$/, 'pounds'));
  }
  for (const match of text.matchAll(/(\d+(?:\.\d+)?)\s?(元|块)/gu)) add('amount', `${match[1]}${match[2]}`);
  for (const match of text.matchAll(PRODUCTS)) add('product', (match[1] ?? match[2]!).toLowerCase().replace(/s$/, ''));
  return entities;
}

const PROMISE = /\b(i(?:'ll| will| am going to|'m going to)|we(?:'ll| will| are going to)|let me)\s+(?:\w+\s+){0,3}?(send|email|e-mail|refund|arrange|call|ring|book|process|raise|log|escalate|transfer|issue|credit|replace|collect|post|organi[sz]e|sort|check)\b/i;
const ZH_PROMISE = /(我会|我们会|马上|稍后|给您)(.{0,6})(发|寄|退|安排|回电|处理|登记|转接|补偿|上门)/u;
const QUESTION = /\b(can i have|could i have|may i have|can you|could you|would you)\b/i;

export function isPromise(text: string): boolean {
  if (QUESTION.test(text) && !PROMISE.test(text.replace(QUESTION, ''))) return false;
  return PROMISE.test(text) || ZH_PROMISE.test(text);
}

function sentences(text: string): string[] {
  return (text.match(/[^.!?。！？]+[.!?。！？]?/gu) ?? [text]).map((s) => s.trim()).filter(Boolean);
}

export function suggestDisposition(turns: readonly DraftTurn[], promises: readonly string[], available: readonly string[]): string {
  const cues = new Set(turns.flatMap((turn) => turn.cues as EscalationCue[]));
  const said = promises.join(' ').toLowerCase();
  const choices: string[] = [];
  if (cues.has('legal') || cues.has('supervisor')) choices.push('escalated');
  if (cues.has('complaint')) choices.push('complaint');
  if (/\b(call|ring)\b.{0,20}\bback\b|回电/.test(said)) choices.push('callback_needed');
  if (promises.length > 0) choices.push('resolved');
  if (cues.has('cancel')) choices.push('escalated');
  choices.push('info_given', 'resolved');
  return choices.find((code) => available.includes(code)) ?? available[0] ?? '';
}

export function draftWrapUp(input: DraftInput): AssistDraft {
  const customer = input.turns.filter((turn) => turn.leg === 'customer' && turn.text.trim());
  const agent = input.turns.filter((turn) => turn.leg === 'agent' && turn.text.trim());

  const voted = input.articles.filter((article) => article.helpful === true);
  const pool = (voted.length ? voted : input.articles.filter((article) => article.helpful !== false)).slice();
  pool.sort((a, b) => b.weight - a.weight);
  const top = pool[0];
  const firstWords = customer[0]?.text.split(/\s+/).slice(0, 12).join(' ');
  // Nothing heard, nothing claimed: an empty reason writes no line into the agent's notes.
  const reason = top?.title ?? (firstWords ? `Customer said: ${firstWords}` : '');

  // Key turns: the customer turns with the most content, cues and feeling, kept in call order.
  const scored = customer.map((turn, index) => ({
    index,
    text: turn.text,
    score: queryTerms(turn.text).length + 3 * turn.cues.length + 4 * Math.abs(turn.sentiment),
  }));
  const keyTurns = scored
    .filter((turn) => queryTerms(turn.text).length >= 2)
    .sort((a, b) => b.score - a.score)
    .slice(0, 4)
    .sort((a, b) => a.index - b.index)
    .map((turn) => clip(turn.text, 300));

  const promises = agent.flatMap((turn) => sentences(turn.text)).filter(isPromise).slice(0, 6).map((text) => clip(text, 300));
  const entities = extractEntities(input.turns.map((turn) => turn.text).join('. ')).slice(0, 20);
  // Without a single transcribed word there is nothing to base an outcome on: leave the choice to the agent.
  const heardAnything = customer.length > 0 || agent.length > 0;
  const disposition = heardAnything ? suggestDisposition(input.turns, promises, input.dispositions) : '';

  const moods = customer.map((turn) => turn.sentiment);
  const lines = reason ? [`Reason: ${reason}`] : [];
  if (keyTurns.length) lines.push('Customer:', ...keyTurns.map((turn) => `- ${turn}`));
  if (promises.length) lines.push('Agent agreed:', ...promises.map((promise) => `- ${promise}`));
  if (entities.length) lines.push(`Details: ${entities.map((entity) => `${entity.kind} ${entity.text}`).join('; ')}`);
  const cues = [...new Set(input.turns.flatMap((turn) => turn.cues))];
  if (cues.length) lines.push(`Escalation cues: ${cues.join(', ')}`);
  if (moods.length >= 2) lines.push(`Customer mood: ${label(moods[0]!)} at the start, ${label(moods[moods.length - 1]!)} at the end`);

  return {
    callId: input.callId,
    reason: clip(reason, 300),
    reasonArticleId: top?.articleId,
    keyTurns,
    promises,
    entities,
    disposition,
    notes: clip(lines.join('\n'), 5000),
    generatedAt: input.now,
    source: 'extractive',
  };
}

function label(score: number): string {
  return score <= -0.2 ? 'negative' : score >= 0.2 ? 'positive' : 'neutral';
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
