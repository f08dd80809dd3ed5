// Pure: the extractive wrap-up draft made on the laptop when a call ends. Call reason from the knowledge
// article that led the suggestions (or the one the agent marked helpful), the customer's key turns,
// what the agent promised, entities (order numbers, dates, amounts, products) and a suggested
// disposition. Every input is already redacted; the agent edits the result in the wrap-up form.
import type { AssistDraft, Entity } from '../../common/contract/assist';
import type { AppLanguage } from '../../common/i18n/language';
import { reasonFromTurns } from './draft/callReason';
import { extractCallEntities, type CallTurn } from './draft/callEntities';
import { classifyDisposition, findPromises } from './draft/outcome';
import { queryTerms } from './text';

export interface DraftTurn {
  leg: 'customer' | 'agent';
  text: string;
  /** Customer turns only. */
  sentiment?: number;
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
  /** The language the agent's UI shows: the words the draft adds itself (not the customer's) are in it. */
  language?: AppLanguage;
}

const PRODUCTS = /\b(chair|chairs|sofa|table|desk|bed|wardrobe|lamp|router|phone|sim|laptop|broadband|mattress|kettle|coat|fridge|oven|washing machine)\b|(椅子|沙发|桌子|床|路由器|手机|台灯|电饭煲|冰箱|外套|凳)/giu;

const CURRENCY_SIGN: Record<string, string> = { GBP: '£', USD: '$', EUR: '€' };

/**
 * The entities of the call: the order number, the amount and the decisive date (callEntities.ts, resolved
 * against the call's day), then the products named. `text` is what the notes show, `value` normalised.
 */
export function extractEntities(turns: readonly CallTurn[], callDate: Date, promisedDay?: string): Entity[] {
  const found = extractCallEntities(turns, callDate, promisedDay);
  const entities: Entity[] = [];
  if (found.orderNumber) entities.push({ kind: 'order', text: found.orderNumber, value: found.orderNumber });
  if (found.amount) {
    const { value, currency } = found.amount;
    const shown = value % 1 === 0 ? String(value) : value.toFixed(2);
    entities.push({ kind: 'amount', text: CURRENCY_SIGN[currency] ? `${CURRENCY_SIGN[currency]}${shown}` : `${shown} ${currency}`, value: `${shown} ${currency}` });
  }
  if (found.date) entities.push({ kind: 'date', text: found.date, value: found.date });
  const products = new Set<string>();
  for (const turn of turns) for (const match of turn.text.matchAll(PRODUCTS)) products.add((match[1] ?? match[2]!).toLowerCase().replace(/s$/, ''));
  for (const product of products) entities.push({ kind: 'product', text: product });
  return entities;
}

export function draftWrapUp(input: DraftInput): AssistDraft {
  const customer = input.turns.filter((turn) => turn.leg === 'customer' && turn.text.trim());
  const agent = input.turns.filter((turn) => turn.leg === 'agent' && turn.text.trim());

  const voted = input.articles.filter((article) => article.helpful === true);
  const pool = (voted.length ? voted : input.articles.filter((article) => article.helpful !== false)).slice();
  pool.sort((a, b) => b.weight - a.weight);
  const top = pool[0];
  // Without an article the customer's most informative turn is the reason, never a greeting (callReason.ts).
  // Nothing heard, nothing claimed: an empty reason writes no line into the agent's notes.
  const reason = top?.title ?? reasonFromTurns(customer.map((turn) => turn.text), customer.length + agent.length > 0, input.language);

  // Key turns: the customer turns with the most content, cues and feeling, kept in call order.
  const scored = customer.map((turn, index) => ({
    index,
    text: turn.text,
    score: queryTerms(turn.text).length + 3 * turn.cues.length + 4 * Math.abs(turn.sentiment ?? 0),
  }));
  const keyTurns = scored
    .filter((turn) => queryTerms(turn.text).length >= 2)
    .sort((a, b) => b.score - a.score)
    .slice(0, 4)
    .sort((a, b) => a.index - b.index)
    .map((turn) => clip(turn.text, 300));

  const callDate = new Date(input.now);
  const spoken = input.turns.filter((turn) => turn.text.trim());
  const promiseDetails = findPromises(spoken, callDate).map((promise) => ({ ...promise, what: clip(promise.what, 300) }));
  const promises = promiseDetails.map((promise) => promise.what);
  const entities = extractEntities(spoken, callDate, promiseDetails.find((promise) => promise.due)?.due).slice(0, 20);
  // Without a single transcribed word there is nothing to base an outcome on: leave the choice to the agent.
  const heardAnything = customer.length > 0 || agent.length > 0;
  const disposition = heardAnything ? classifyDisposition(spoken, input.dispositions) : '';

  const moods = customer.map((turn) => turn.sentiment ?? 0);
  const lines = reason ? [`Reason: ${reason}`] : [];
  if (keyTurns.length) lines.push('Customer:', ...keyTurns.map((turn) => `- ${turn}`));
  if (promises.length) lines.push('Agent agreed:', ...promiseDetails.map((promise) => `- ${promise.what}${promise.due ? ` (by ${promise.due})` : ''}`));
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
    promiseDetails,
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
