// Pure: one copy of a topic per list of suggestions, in the caller's script. A knowledge base often has
// the same article in English, Simplified and Traditional Chinese (articles share a `topic`,
// common/contract/knowledge.ts); all copies match a Chinese question about as well, so without this the
// Traditional copy could come first for a Simplified-Chinese caller, and two or three copies of one
// topic took the places the other topics need (or filled them with a card the agent already has). The copy
// shown is the one in the caller's language and script; when the topic has none in the caller's script the
// best-matching copy is shown as written; the other copies are left out. A knowledge base without topics
// still gets its Simplified / Traditional twins paired when their texts are nearly the same (inferTopics).
import { normaliseArticle, toSimplified } from './spoken';
import { detectLanguage, hasChinese } from './text';

export type ChineseScript = 'simplified' | 'traditional';

/** Characters only written Cantonese uses (particles, pronouns, verbs): Hong Kong and Macau write it in Traditional. */
const CANTONESE_ONLY = /[咗嘅喺哋啲嗰嚟冇唔佢睇搵攞㗎囉喎嘢乜咩啱嘥氹]/u;

/** The script a customer's words are in: Traditional when OpenCC changes them or they are written Cantonese. */
export function scriptOfSpeech(text: string): ChineseScript | undefined {
  if (!hasChinese(text)) return undefined;
  return toSimplified(text) !== text || CANTONESE_ONLY.test(text) ? 'traditional' : 'simplified';
}

/** An article's script, from its language tag (zh-Hant, zh-TW, zh-HK: Traditional), else from its title. */
export function scriptOfArticle(lang: string, title: string): ChineseScript | undefined {
  const tag = lang.toLowerCase();
  if (/^(?:zh|yue)(?:-|$)/.test(tag)) {
    if (/-(?:hant|tw|hk|mo)\b/.test(tag) || tag.startsWith('yue')) return 'traditional';
    if (/-(?:hans|cn|sg|my)\b/.test(tag)) return 'simplified';
  } else if (!hasChinese(title)) return undefined;
  return toSimplified(title) !== title ? 'traditional' : 'simplified';
}

export interface Caller {
  /** Mostly Chinese words (a Chinese noun in an English sentence does not make a Chinese caller). */
  chinese: boolean;
  script?: ChineseScript;
}

export function callerOf(text: string): Caller {
  return { chinese: detectLanguage(text) === 'zh', script: scriptOfSpeech(text) };
}

export interface CopyInfo {
  id: string;
  topic?: string | null;
  lang: string;
  title: string;
}

/** 2: the caller's language and script; 1: the caller's language in the other script; 0: another language. */
export function copyFit(copy: Pick<CopyInfo, 'lang' | 'title'>, caller: Caller): number {
  const script = scriptOfArticle(copy.lang, copy.title);
  if (!caller.chinese) return script ? 0 : 2;
  if (!script) return 0;
  return !caller.script || script === caller.script ? 2 : 1;
}

/**
 * `ranked` best first, with one copy per topic kept in the place of the topic's best-ranked copy: the one
 * that fits the caller best (ties: the better ranked). The other copies are left out.
 * `copiesOf` finds copies the ranking did not reach (a copy in the caller's script that matched fewer
 * words), asked only for the first `places` topics and only when no ranked copy fits fully; the copy it
 * returns stands in at the given item's place.
 */
export function oneCopyPerTopic<T>(ranked: readonly T[], infoOf: (item: T) => CopyInfo, caller: Caller, copiesOf?: (topic: string, standIn: T) => T[], places = 3): T[] {
  const kept: T[] = [];
  const chosen = new Map<string, T>();
  for (const item of ranked) {
    const topic = infoOf(item).topic;
    if (!topic) {
      kept.push(item);
      continue;
    }
    if (chosen.has(topic)) continue;
    const group = ranked.filter((other) => infoOf(other).topic === topic);
    let best = group.reduce((a, b) => (copyFit(infoOf(b), caller) > copyFit(infoOf(a), caller) ? b : a));
    if (copyFit(infoOf(best), caller) < 2 && copiesOf && kept.length < places) {
      const ids = new Set(group.map((other) => infoOf(other).id));
      const better = copiesOf(topic, item).filter((copy) => !ids.has(infoOf(copy).id) && copyFit(infoOf(copy), caller) > copyFit(infoOf(best), caller));
      const fittest = better.sort((a, b) => copyFit(infoOf(b), caller) - copyFit(infoOf(a), caller))[0];
      if (fittest) best = fittest;
    }
    chosen.set(topic, best);
    kept.push(best);
  }
  return kept;
}

/** Character pairs of an article's Chinese text in Simplified Mandarin, kept per text (articles come back query after query). */
const bigramCache = new Map<string, Map<string, number>>();

function chineseBigrams(text: string): Map<string, number> {
  let bigrams = bigramCache.get(text);
  if (bigrams) return bigrams;
  bigrams = new Map();
  for (const run of normaliseArticle(text).match(/[\u3400-\u9fff]+/gu) ?? []) {
    for (let i = 0; i + 1 < run.length; i += 1) bigrams.set(run.slice(i, i + 2), (bigrams.get(run.slice(i, i + 2)) ?? 0) + 1);
  }
  if (bigramCache.size >= 2_000) bigramCache.clear();
  bigramCache.set(text, bigrams);
  return bigrams;
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (const [key, count] of a) {
    normA += count * count;
    dot += count * (b.get(key) ?? 0);
  }
  for (const count of b.values()) normB += count * count;
  return normA && normB ? dot / Math.sqrt(normA * normB) : 0;
}

/**
 * How alike two articles in the two Chinese scripts must be to count as one article written twice. On the
 * shipped and evaluation articles the twins written apart reach 0.26–0.88 and the nearest other topic at
 * most 0.34 (two baggage articles), so only twins this close are paired: a missed pair shows two copies,
 * a wrong pair would hide an article.
 */
export const TWIN_SIMILARITY = 0.45;

/**
 * Topics for Chinese articles that have none: a Simplified and a Traditional article are one topic when
 * each is the other's closest and their texts (in Simplified) are at least TWIN_SIMILARITY alike.
 */
export function inferTopics(articles: ReadonlyArray<{ id: string; lang: string; title: string; body: string; tags?: string }>): Map<string, string> {
  const chinese = articles
    .map((article) => ({ id: article.id, script: scriptOfArticle(article.lang, article.title), text: `${article.title} ${article.tags ?? ''} ${article.body}` }))
    .filter((article) => article.script);
  const closest = new Map<string, { id: string; similarity: number }>();
  for (const a of chinese) {
    for (const b of chinese) {
      if (a.script === b.script) continue;
      const similarity = cosine(chineseBigrams(a.text), chineseBigrams(b.text));
      if (similarity > (closest.get(a.id)?.similarity ?? 0)) closest.set(a.id, { id: b.id, similarity });
    }
  }
  const topics = new Map<string, string>();
  for (const [id, { id: twin, similarity }] of closest) {
    if (similarity >= TWIN_SIMILARITY && closest.get(twin)?.id === id) topics.set(id, `twins:${[id, twin].sort().join('+')}`);
  }
  return topics;
}
