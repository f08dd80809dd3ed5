// Pure text helpers shared by retrieval, sentiment and the wrap-up draft: language routing, English
// tokens with stop words removed, and Chinese segmentation with jieba (cutForSearch for indexing, cut
// for queries).
// jieba-wasm (jieba-rs compiled to WebAssembly) rather than a native addon: the same dictionary and
// results on every platform, with nothing to rebuild for Electron.
import { cut, cut_for_search } from 'jieba-wasm';
import { MASK_PATTERN } from './redaction/redactor';

export interface Segmenter {
  cut(text: string, hmm: boolean): string[];
  cutForSearch(text: string, hmm: boolean): string[];
}

const jieba: Segmenter = { cut, cutForSearch: cut_for_search };
/** One segmenter per process; the dictionary loads with the module. */
export function segmenter(): Segmenter {
  return jieba;
}

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;
const CJK_GLOBAL = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/gu;

/** 'zh' when a meaningful share of the characters are Chinese, else 'en'. */
export function detectLanguage(text: string): 'zh' | 'en' {
  const cjk = text.match(CJK_GLOBAL)?.length ?? 0;
  const letters = text.match(/[A-Za-z]/g)?.length ?? 0;
  return cjk > 0 && cjk * 3 >= letters ? 'zh' : 'en';
}

export function hasChinese(text: string): boolean {
  return CJK.test(text);
}

export const EN_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both but by can ' +
    'could did do does doing down during each few for from further had has have having he her here hers herself him himself his how ' +
    'i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves out over ' +
    'own same she should so some such than that the their theirs them themselves then there these they this those through to too under ' +
    'until up very was we were what when where which while who whom why will with would you your yours yourself yourselves ' +
    "i'm i've i'd i'll you're it's that's don't didn't can't won't isn't wasn't hello hi yes yeah okay ok please thank thanks " +
    'want would like get got just also really well um uh hmm oh right sure let know think need one ' +
    // Conversation filler that is rare in articles but says nothing about the topic.
    'week weeks last month months day days today yesterday tomorrow ago bought buy number calling call called speak talk told said go going sorry ' +
    // Spoken digits and amounts carry numbers, not topics (entities are read separately for the draft).
    'zero oh two three four five six seven eight nine ten hundred thousand double triple'
  ).split(/\s+/),
);

export const ZH_STOP_WORDS: ReadonlySet<string> = new Set(
  '的 了 是 我 你 他 她 它 们 我们 你们 在 有 和 就 不 也 都 这 那 要 想 会 吗 呢 吧 啊 一个 一下 什么 怎么 可以 请 您 好 个 把 被 给 还 没有 很 对 上 下'.split(' '),
);

/** Lower-cased English word tokens (letters, digits, apostrophes), stop words kept. */
export function englishWords(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? [];
}

/** Light English stemmer (plural and -ing/-ed endings), enough to let "refunds" find "refund". */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('ing') && word.length > 5) return word.slice(0, -3);
  if (word.endsWith('ed') && word.length > 4 && !word.endsWith('eed')) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us')) return word.slice(0, -1);
  return word;
}

/** Content terms for retrieval from any text: English stems without stop words, Chinese jieba words. */
export function queryTerms(text: string): string[] {
  // Redaction masks ([card number], [email], …) are not words the customer said.
  text = text.replace(MASK_PATTERN, ' ');
  const out: string[] = [];
  if (hasChinese(text)) {
    for (const word of segmenter().cut(text, false)) {
      const w = word.trim().toLowerCase();
      if (!w || ZH_STOP_WORDS.has(w)) continue;
      if (CJK.test(w)) out.push(w);
      else for (const en of englishWords(w)) if (!EN_STOP_WORDS.has(en)) out.push(stem(en));
    }
    return out;
  }
  for (const word of englishWords(text)) if (!EN_STOP_WORDS.has(word) && word.length > 1) out.push(stem(word));
  return out;
}

/** Text as the index stores it: English stems and Chinese cutForSearch words, space separated. */
export function indexText(text: string): string {
  const out: string[] = [];
  const parts = text.split(/([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)/u);
  for (const part of parts) {
    if (!part) continue;
    if (CJK.test(part)) out.push(...segmenter().cutForSearch(part, true).filter((w) => w.trim() && !/^\p{P}+$/u.test(w)));
    else out.push(...englishWords(part).map(stem));
  }
  return out.join(' ');
}
