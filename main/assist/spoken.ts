// Pure: makes a spoken customer question look like the words an article uses, before it is segmented.
//  - Traditional and Simplified Chinese are bridged with OpenCC (opencc-js, Hong Kong → mainland
//    Simplified): the index and the queries are both kept in Simplified, the articles are shown as written.
//  - Cantonese words become their Mandarin equivalents (唔 → 不, 冇 → 没有, 咗 → 了, 攞 → 拿 …), so a
//    Cantonese question finds an article written in standard Chinese in either script.
//  - Spoken filler is removed in both languages (um, you know, I was wondering; 嗯, 那个, 就是, 请问, 呢…).
import * as OpenCC from 'opencc-js/t2cn';

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2fa1f}]/u;

let converter: ((text: string) => string) | undefined;
/** Traditional (Hong Kong, Taiwan) to Simplified; text without Chinese is returned as it is. */
export function toSimplified(text: string): string {
  if (!CJK.test(text)) return text;
  converter ??= OpenCC.Converter({ from: 'hk', to: 'cn' });
  return converter(text);
}

let taiwanConverter: ((text: string) => string) | undefined;
/**
 * Taiwan words as the rest of the Chinese-speaking world writes them (OpenCC's Taiwan phrase table,
 * still in Traditional: 網路 → 網絡, 簡訊 → 短信, 訊號 → 信號, 軟體 → 軟件), so a question typed or
 * recognised in Taiwan meets an article written in Hong Kong or the mainland. Not in toSimplified: some
 * phrases change length, and toSimplified keeps positions for highlighting.
 */
function taiwanToCommonWords(text: string): string {
  taiwanConverter ??= OpenCC.Converter({ from: 'twp', to: 't' });
  return taiwanConverter(text);
}

/**
 * Mainland words for what OpenCC leaves in a regional or older form: 帐 is 账 when it means an account
 * (帐号, 帐单, 转帐 — not 帐篷).
 */
const MAINLAND_WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/(?<!蚊)帐(?!篷|幕)/gu, '账'],
];

function mainlandWords(simplified: string): string {
  let out = simplified;
  for (const [from, to] of MAINLAND_WORDS) out = out.replace(from, to);
  return out;
}

/** Cantonese → Mandarin, longest first; applied to Simplified text. */
const CANTONESE: ReadonlyArray<readonly [string, string]> = (
  [
    ['系唔系', '是不是'], ['系咪', '是不是'], ['唔系', '不是'], ['但系', '但是'], ['即系', '就是'], ['就系', '就是'],
    ['可唔可以', '可以'], ['有冇', '有没有'], ['上唔到', '上不了'], ['入唔到', '进不了'], ['开唔到', '开不了'],
    ['用唔到', '用不了'], ['收唔到', '收不到'], ['唔记得', '忘记'], ['唔见', '不见'], ['唔啱', '不合适'],
    ['唔该', ''], ['唔', '不'], ['冇', '没有'], ['咗', '了'], ['嘅', '的'], ['喺', '在'], ['俾', '给'], ['佢', '他'],
    ['哋', '们'], ['啲', '些'], ['𠮶', '那'], ['嗰', '那'], ['嚟', '来'], ['乜嘢', '什么'], ['乜', '什么'], ['睇', '看'],
    ['攞', '拿'], ['搵', '找'], ['揾', '找'], ['屋企', '家'], ['几时', '什么时候'], ['点样', '怎么'], ['点解', '为什么'],
    ['点算', '怎么办'], ['边度', '哪里'], ['咁', '这么'], ['返嚟', '回来'], ['返来', '回来'], ['整返', '修好'],
    ['退返', '退回'], ['寄返', '寄回'], ['拿返', '拿回'], ['补返', '补'], ['平过', '便宜过'], ['蚊', '块'], ['啱啱', '刚刚'],
    ['仲', '还'], ['嘢', '东西'], ['成日', '总是'], ['朝早', '早上'], ['寻晚', '昨晚'], ['下昼', '下午'], ['礼拜', '星期'],
    ['铺头', '商店'], ['雪柜', '冰箱'], ['宽频', '宽带'], ['户口', '账户'], ['电邮', '邮件'], ['速递', '快递'], ['傢俬', '家具'],
    ['家私', '家具'], ['信用咭', '信用卡'], ['张单', '账单'], ['电话费', '话费'], ['晒', ''], ['櫈', '椅子'], ['凳', '椅子'],
    ['过咗身', '去世'], ['过了身', '去世'], ['老豆', '爸爸'], ['老窦', '爸爸'], ['阿妈', '妈妈'], ['老妈子', '妈妈'],
    ['登入', '登录'], ['断咗线', '断网'], ['断了线', '断网'], ['断线', '断网'], ['整得返', '修好'], ['数据机', '光猫'], ['致电', '打电话'],
  ] as const
).slice().sort((a, b) => b[0].length - a[0].length);

/** Chinese filler and sentence particles (Mandarin and Cantonese), longest first. */
const ZH_FILLER = [
  '我想问一下', '我想问下', '想问一下', '想问下', '请问一下', '请问', '麻烦你', '麻烦', '你好', '您好', '喂', '嗯', '呃',
  '那个', '这个这个', '就是说', '就是', '然后呢', '然后', '其实', '反正', '怎么说呢', '对吧', '对不对', '好吗',
  '喇', '啦', '呀', '㗎', '囉', '啰', '咩', '嘛', '喎', '吖', '噃', '啊', '哦', '哎', '唉', '呢', '吧', '嗎', '吗',
].sort((a, b) => b.length - a.length);

/** English filler phrases (whole words, case-insensitive). */
const EN_FILLER =
  /\b(?:um+|uh+|er+m?|ah+|hmm+|you know|i mean|kind of|sort of|like i said|i was wondering(?: if)?|i'm wondering(?: if)?|i wonder if|basically|actually|honestly|literally|to be honest|anyway|so yeah|yeah so|okay so|right so|you see|hiya|hi there|hello there|good (?:morning|afternoon|evening)|excuse me|love|dear|mate)\b/gi;

function replaceAll(text: string, table: ReadonlyArray<readonly [string, string]>): string {
  let out = text;
  for (const [from, to] of table) if (out.includes(from)) out = out.split(from).join(to);
  return out;
}

/** Cantonese words in Simplified text as Mandarin. */
export function cantoneseToMandarin(simplified: string): string {
  // 呢 before a measure word is Cantonese "this"; elsewhere it is a particle (dropped with the filler).
  return replaceAll(simplified.replace(/呢(?=[个件张部条对度位])/gu, '这'), CANTONESE);
}

/** Spoken filler out: English phrases and Chinese filler words and particles. */
export function stripFillers(text: string): string {
  let out = text.replace(EN_FILLER, ' ');
  if (CJK.test(out)) {
    // 额 is a hesitation only on its own (额，我想…); inside a word it is an amount (余额, 金额, 额度).
    out = out.replace(/(^|[\s，,。！？!?、])额+(?=[\s，,。！？!?、…]|$)/gu, '$1 ');
    for (const filler of ZH_FILLER) if (out.includes(filler)) out = out.split(filler).join(' ');
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** Contractions a recogniser writes without the apostrophe ("didnt come", "cant log in"), as typed. */
const CONTRACTIONS = /\b(did|does|do|is|are|was|were|has|have|had|could|would|should|must|need|ca|wo)nt\b|\b(i)m\b|\b(i|you|we|they)(ve|re)\b|\b(there|what|that|where|who)s\b/gi;

export function restoreApostrophes(text: string): string {
  return text.replace(CONTRACTIONS, (word: string, not?: string, i?: string, subject?: string, verb?: string, pronoun?: string) => {
    if (not) return `${not}n't`;
    if (i) return `${i}'m`;
    if (subject && verb) return `${subject}'${verb}`;
    return pronoun ? `${pronoun}'s` : word;
  });
}

/** A customer's words ready for segmentation: Simplified, Mandarin, no filler, apostrophes where a recogniser dropped them. */
export function normaliseSpoken(text: string): string {
  text = restoreApostrophes(text);
  if (!CJK.test(text)) return stripFillers(text);
  return stripFillers(cantoneseToMandarin(mainlandWords(toSimplified(taiwanToCommonWords(text)))));
}

/** Article text ready for indexing: Simplified and Mandarin (articles have no filler to remove). */
export function normaliseArticle(text: string): string {
  if (!CJK.test(text)) return text;
  let normalised = normalisedArticles.get(text);
  if (normalised === undefined) {
    normalised = cantoneseToMandarin(mainlandWords(toSimplified(taiwanToCommonWords(text))));
    if (normalisedArticles.size >= 2_000) normalisedArticles.clear();
    normalisedArticles.set(text, normalised);
  }
  return normalised;
}

/** Article titles and tags are normalised again for every query that ranks them (contrast cues): kept. */
const normalisedArticles = new Map<string, string>();
