// Pure: numbers as people say them, read one way for the whole of agent assist. English digit and
// number words ("oh", "double four", "a hundred and twenty", "forty-nine ninety-nine"), ordinals and month
// names; Chinese numerals in both scripts (幺 两 零 〇, 十 百 千 万 廿 卅, colloquial "两千五"), the date
// units 年/月/日/号/號; full-width digits. Two readers share these tables:
//  - findNumbers (redaction): every number in a text with the span it came from, so masking replaces what
//    was really written; pauses and separators do not break a number (card numbers are read in groups);
//  - digitOf / englishCardinal / twoDigitGroup / chineseNumber (the wrap-up draft's entities): the value
//    of a number already found (an amount, a day, an order number).

/** Digit words (teens and tens below); "oh"/"o" are zero only beside other digits, so each reader decides. */
const DIGIT_WORDS: Record<string, number> = { zero: 0, nought: 0, naught: 0, nil: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, niner: 9 };
const TEENS: Record<string, number> = { ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19 };
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const ZH_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 幺: 1, 二: 2, 两: 2, 兩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
/**
 * Inside a run of read-out digits recognisers also write 洞 (zero) and 么 (one), and people read digits
 * the radio way: 拐 (seven), 勾 (nine). Outside a run they are words (什么, 拐弯, 打勾), so only the
 * redactor reads them, and only beside other digits.
 */
const ZH_HEARD_DIGITS: Record<string, number> = { ...ZH_DIGITS, 洞: 0, 么: 1, 拐: 7, 勾: 9 };
/**
 * Characters Chinese recognisers write for a digit they misheard: 凌 (零), 伞/傘 (三), 酒/久 (九), 要 (幺),
 * 是 (四). They are everyday words, so a number takes them only inside a run of real digits, or at its
 * edge inside a date (一九八二年伞月凌五号); a run of nothing but them is a number only where the redactor
 * already expects one (redaction/asrForms.ts).
 */
export const ZH_SOUND_ALIKE_DIGITS: Readonly<Record<string, number>> = { 凌: 0, 伞: 3, 傘: 3, 酒: 9, 久: 9, 要: 1, 是: 4 };
/** Those characters as a character class's contents, and a test for one. */
export const ZH_SOUND_ALIKE_CHARS = Object.keys(ZH_SOUND_ALIKE_DIGITS).join('');
export const ZH_SOUND_ALIKE_CHAR = new RegExp(`[${ZH_SOUND_ALIKE_CHARS}]`);
const ZH_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000, 万: 10_000, 萬: 10_000 };

/** The value of a number word below twenty ("oh" is zero; the single letter "o" is not). */
function unitValue(word: string): number | undefined {
  return word === 'oh' ? 0 : (DIGIT_WORDS[word] ?? TEENS[word]);
}

export const ZH_DIGIT_CHARS = '零〇一幺二两兩三四五六七八九';
export const ZH_NUMERAL_CHARS = `${ZH_DIGIT_CHARS}十拾百佰千仟万萬廿`;

/** Full-width digits and letters to ASCII (recognisers and typed notes use both). */
export function toHalfWidth(text: string): string {
  return text.replace(/[０-９Ａ-Ｚａ-ｚ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** One spoken digit ("four", "oh", "7", "四") → "4"; undefined for anything else. */
export function digitOf(token: string): string | undefined {
  const lower = token.toLowerCase();
  if (/^\d+$/.test(lower)) return lower;
  const word = lower === 'oh' ? 0 : DIGIT_WORDS[lower];
  if (word !== undefined) return String(word);
  const zh = ZH_DIGITS[token];
  return zh === undefined ? undefined : String(zh);
}

/**
 * An English cardinal from its words: "a hundred and twenty" → 120, "four hundred and forty-nine" → 449,
 * "two thousand" → 2000. Hyphens are word breaks. undefined when any word is not part of a number.
 */
export function englishCardinal(words: readonly string[]): number | undefined {
  let total = 0;
  let current = 0;
  let any = false;
  const parts = words.flatMap((word) => word.toLowerCase().split('-')).filter(Boolean);
  for (const [i, word] of parts.entries()) {
    if (word === 'and' && any) continue;
    if (word === 'a' && (parts[i + 1] === 'hundred' || parts[i + 1] === 'thousand')) {
      current += 1;
      continue;
    }
    if (/^\d+$/.test(word)) current += Number(word);
    else if (unitValue(word) !== undefined) current += unitValue(word)!;
    else if (TENS[word] !== undefined) current += TENS[word]!;
    else if (word === 'hundred') current = (current || 1) * 100;
    else if (word === 'thousand') {
      total += (current || 1) * 1000;
      current = 0;
    } else return undefined;
    any = true;
  }
  return any ? total + current : undefined;
}

/** A two-digit spoken group: "ninety-nine" → 99, "fifty" → 50, "oh five" → 5, "fifteen" → 15. */
export function twoDigitGroup(words: readonly string[]): number | undefined {
  const parts = words.flatMap((word) => word.toLowerCase().split('-')).filter(Boolean);
  const second = parts[1] === 'o' ? 0 : unitValue(parts[1] ?? '');
  if (parts.length === 2 && (parts[0] === 'oh' || parts[0] === 'zero') && second !== undefined && second < 10) return second;
  if (parts.length === 1 && /^\d{2}$/.test(parts[0]!)) return Number(parts[0]);
  if (parts.length === 1 && TEENS[parts[0]!] !== undefined) return TEENS[parts[0]!];
  if (parts.length === 1 && TENS[parts[0]!] !== undefined) return TENS[parts[0]!];
  if (parts.length === 2 && TENS[parts[0]!] !== undefined && (DIGIT_WORDS[parts[1]!] ?? 0) > 0) return TENS[parts[0]!]! + DIGIT_WORDS[parts[1]!]!;
  return undefined;
}

/**
 * A Chinese numeral: "二百五十八" → 258, "一千二百" → 1200, "两千五" → 2500 (a trailing digit counts in the
 * next lower unit), "三零五" → 305 (read digit by digit), "廿一" → 21. undefined when it is not one.
 */
export function chineseNumber(text: string): number | undefined {
  const chars = [...text.replace(/廿/g, '二十')];
  if (chars.length === 0 || !chars.every((c) => ZH_DIGITS[c] !== undefined || ZH_UNITS[c] !== undefined || /\d/.test(c))) return undefined;
  if (chars.every((c) => ZH_DIGITS[c] !== undefined || /\d/.test(c))) return Number(chars.map((c) => ZH_DIGITS[c] ?? c).join(''));
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  let lastUnit = 0;
  let zeroSeen = false;
  for (const c of chars) {
    const d = ZH_DIGITS[c] ?? (/\d/.test(c) ? Number(c) : undefined);
    if (d !== undefined) {
      if (d === 0 && lastUnit > 0) zeroSeen = true;
      digit = d;
      continue;
    }
    const unit = ZH_UNITS[c]!;
    if (unit === 10_000) {
      total += (section + (digit ?? 0)) * unit;
      section = 0;
      lastUnit = unit;
    } else {
      section += (digit ?? 1) * unit;
      lastUnit = unit;
    }
    digit = undefined;
  }
  // "两千五" = 2500: a lone digit after a unit counts in the next lower unit.
  // "一千零五" = 1005: after 零 it is the ones again.
  if (digit !== undefined) section += lastUnit >= 100 && lastUnit !== 10_000 && !zeroSeen ? (digit * lastUnit) / 10 : digit;
  return total + section;
}

// --- Finding numbers in text (redaction) ---

export interface NumberSpan {
  start: number;
  end: number;
  /** The digits said, in order (leading zeros kept); ordinals and months add none. */
  digits: string;
  /** Contains a month name or a Chinese date unit (年/月/日/号): a date. */
  dateLike: boolean;
  /** Contains a month name or an ordinal: a date said in words. */
  hasMonth: boolean;
}

interface Token {
  start: number;
  end: number;
  raw: string;
  lower: string;
  kind: 'digits' | 'unit' | 'teen' | 'tens' | 'hundred' | 'thousand' | 'times' | 'zero' | 'weak' | 'ordinal' | 'month' | 'zh' | 'zhUnit' | 'joiner' | 'word' | 'mask';
  /** Value of the token: digits for 'digits'/'zh', the number for words. */
  value: string;
  /** Extra for 'zh' (Chinese numeral runs): positional (十/百/千) rather than a digit list. */
  single?: boolean;
  /** A day said the lunar calendar's way (初三): a date whatever surrounds it. */
  lunarDay?: boolean;
}

/** Words recognisers hear instead of a digit; they count only between other digits (or beside a value the redactor already knows is sensitive). */
export const HOMOPHONES: Readonly<Record<string, string>> = { won: '1', to: '2', too: '2', for: '4', fore: '4', ate: '8', sex: '6', tree: '3', free: '3' };
const ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, forth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10, eleventh: 11, twelfth: 12,
  thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17, eighteenth: 18, nineteenth: 19, twentieth: 20, thirtieth: 30,
};
const MONTHS = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);
/** Words allowed inside a number without breaking it (fillers and the glue of dates and years). */
const JOINERS = new Set(['and', 'the', 'of', 'um', 'uh', 'er', 'erm', 'uhm', 'hmm', 'mm', 'then', 'dash', 'hyphen', 'space', 'slash', 'stroke']);
/** "three slash five slash eighty two": a date read as it is written. */
const DATE_SEPARATORS = new Set(['slash', 'stroke']);
/** "two fives", "three sevens": a count of one digit (the English 六个八). */
const PLURAL_DIGITS: Record<string, string> = { zeros: '0', zeroes: '0', noughts: '0', ohs: '0', ones: '1', twos: '2', threes: '3', fours: '4', fives: '5', sixes: '6', sevens: '7', eights: '8', nines: '9' };
const ZH_POSITIONAL = /[十百千廿卅]/;
const ZH_NUMERAL_RUN = /[零〇洞拐勾一幺二两兩三四五六七八九十百千廿卅]+/y;
/** Fillers, and 杠 (a dash said aloud: "身份证幺幺零幺零幺杠一九九零…"), do not break a number. */
const ZH_FILLERS = /^[嗯呃啊呀哦噢杠槓]$/;
/** "六个八", "三個零": N times one digit; not a count of something ("三个八十块", "两个人"). */
export const ZH_REPEAT = /([二两兩三四五六七八九])[个個]([零〇洞一幺二两兩三四五六七八九])(?![零〇洞一幺二两兩三四五六七八九十百千万萬块塊元蚊毛角分个個])/y;
const SEPARATOR = /^[\s,.\-/()（）:：、，。…·_'"“”‘’|]*$/;

/** Folds full-width ASCII (U+FF01–FF5E) to ASCII, character for character, so offsets do not move. */
export function foldWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** The value of a Chinese numeral run: a digit list (一九八二 → 1982, 零零七 → 007) or positional (两千零二十四 → 2024). */
export function chineseNumeral(run: string): string {
  if (!ZH_POSITIONAL.test(run)) return [...run].map((ch) => String(ZH_HEARD_DIGITS[ch] ?? ZH_SOUND_ALIKE_DIGITS[ch] ?? '')).join('');
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  for (const ch of run) {
    if (ch === '廿') section += 20;
    else if (ch === '卅') section += 30;
    else if (ch === '十') {
      section += (digit ?? 1) * 10;
      digit = undefined;
    } else if (ch === '百') {
      section += (digit ?? 1) * 100;
      digit = undefined;
    } else if (ch === '千') {
      section += (digit ?? 1) * 1000;
      digit = undefined;
    } else if (ch === '零' || ch === '〇' || ch === '凌') {
      // 两千零二十四: the zero only marks a skipped place.
      continue;
    } else if ((ZH_HEARD_DIGITS[ch] ?? ZH_SOUND_ALIKE_DIGITS[ch]) !== undefined) {
      if (digit !== undefined) {
        // Two digits in a row inside a positional number (一千九八二): read the rest as a list.
        section = section * 10 + digit;
      }
      digit = ZH_HEARD_DIGITS[ch] ?? ZH_SOUND_ALIKE_DIGITS[ch];
    }
  }
  total += section + (digit ?? 0);
  return String(total);
}

const ZH_HEARD_RUN = new RegExp(`[零〇洞拐勾一幺二两兩三四五六七八九十百千廿卅${ZH_SOUND_ALIKE_CHARS}]+`, 'y');

/**
 * The number inside a run that has misheard-digit characters: they count between real digits; at the
 * run's edges only inside a date — right after 年/月 that follow a number ("年伞月", "月凌五号"), or right
 * before 月/日/号 when the run has real digits or began that way. undefined when nothing is left.
 */
function soundAlikeCore(text: string, at: number, run: string, tokens: Token[]): { start: number; end: number } | undefined {
  const chars = [...run];
  const previous = tokens[tokens.length - 1];
  const afterDateUnit = previous?.kind === 'zhUnit' && previous.end === at && /[年月]/.test(previous.raw) && tokens[tokens.length - 2]?.kind === 'zh';
  let s = 0;
  let e = chars.length;
  if (!afterDateUnit) while (s < e && ZH_SOUND_ALIKE_CHAR.test(chars[s]!)) s += 1;
  const hasDigits = chars.slice(s, e).some((ch) => !ZH_SOUND_ALIKE_CHAR.test(ch));
  const beforeDateUnit = /[月日号號]/.test(text[at + run.length] ?? '') && (hasDigits || afterDateUnit);
  if (!beforeDateUnit) while (e > s && ZH_SOUND_ALIKE_CHAR.test(chars[e - 1]!)) e -= 1;
  // A lone misheard character after a date unit must itself be followed by one (年伞月), or it is a word.
  if (s === e || (!hasDigits && !beforeDateUnit)) return undefined;
  return { start: at + s, end: at + e };
}

function tokenize(source: string): Token[] {
  const text = foldWidth(source);
  const tokens: Token[] = [];
  const push = (start: number, end: number, kind: Token['kind'], value = '') => {
    const raw = text.slice(start, end);
    tokens.push({ start, end, raw, lower: raw.toLowerCase(), kind, value });
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '[') {
      // An earlier mask ("[card number]") is opaque: never re-read as words or digits.
      const close = text.indexOf(']', i);
      if (close > i && close - i <= 40) {
        push(i, close + 1, 'mask');
        i = close + 1;
        continue;
      }
    }
    if (/\d/.test(ch)) {
      let j = i;
      while (j < text.length && /\d/.test(text[j]!)) j += 1;
      // "4th", "21st" are ordinals.
      const suffix = /^(st|nd|rd|th)\b/i.exec(text.slice(j));
      if (suffix) {
        push(i, j + suffix[0].length, 'ordinal', text.slice(i, j));
        i = j + suffix[0].length;
      } else {
        push(i, j, 'digits', text.slice(i, j));
        i = j;
      }
      continue;
    }
    if (/[A-Za-z]/.test(ch)) {
      let j = i;
      while (j < text.length && /[A-Za-z']/.test(text[j]!)) j += 1;
      const raw = text.slice(i, j).replace(/'+$/, '');
      const end = i + raw.length;
      const lower = raw.toLowerCase();
      let kind: Token['kind'] = 'word';
      let value = '';
      if (DIGIT_WORDS[lower] !== undefined) [kind, value] = ['unit', String(DIGIT_WORDS[lower])];
      else if (TEENS[lower] !== undefined) [kind, value] = ['teen', String(TEENS[lower])];
      else if (TENS[lower] !== undefined) [kind, value] = ['tens', String(TENS[lower])];
      else if (lower === 'hundred') kind = 'hundred';
      else if (lower === 'thousand') kind = 'thousand';
      else if (lower === 'double' || lower === 'triple') [kind, value] = ['times', lower === 'double' ? '2' : '3'];
      else if (lower === 'oh' || lower === 'o') [kind, value] = ['zero', '0'];
      else if (HOMOPHONES[lower] !== undefined) [kind, value] = ['weak', HOMOPHONES[lower]];
      else if (ORDINALS[lower] !== undefined) [kind, value] = ['ordinal', String(ORDINALS[lower])];
      else if (MONTHS.has(lower)) kind = 'month';
      else if (JOINERS.has(lower)) kind = 'joiner';
      push(i, end, kind, value);
      i = Math.max(end, i + 1);
      continue;
    }
    if (ch === '初') {
      // 初一…初十: the first ten days of a lunar month (农历八月初三).
      ZH_NUMERAL_RUN.lastIndex = i + 1;
      const day = ZH_NUMERAL_RUN.exec(text);
      if (day && day[0].length <= 2) {
        push(i, i + 1 + day[0].length, 'zh', chineseNumeral(day[0]));
        tokens[tokens.length - 1]!.lunarDay = true;
        i += 1 + day[0].length;
        continue;
      }
    }
    ZH_REPEAT.lastIndex = i;
    const repeat = ZH_REPEAT.exec(text);
    if (repeat) {
      // 六个八 = 888888: a count of one digit (a PIN or code said the short way).
      push(i, i + repeat[0].length, 'zh', chineseNumeral(repeat[2]!).repeat(Number(chineseNumeral(repeat[1]!))));
      i += repeat[0].length;
      continue;
    }
    ZH_HEARD_RUN.lastIndex = i;
    const heard = ZH_HEARD_RUN.exec(text);
    if (heard && ZH_SOUND_ALIKE_CHAR.test(heard[0])) {
      const core = soundAlikeCore(text, i, heard[0], tokens);
      if (!core) {
        // Only misheard-digit characters here: words (凌晨, 喝酒, 我要, 是).
        push(i, i + 1, 'word');
        i += 1;
        continue;
      }
      if (core.start > i) {
        // The verb or word before the digits (是六个八): the digits are read on the next turn of the loop.
        for (let k = i; k < core.start; k += 1) push(k, k + 1, 'word');
        i = core.start;
        continue;
      }
      push(core.start, core.end, 'zh', chineseNumeral(text.slice(core.start, core.end)));
      tokens[tokens.length - 1]!.single = core.end - core.start === 1;
      i = core.end;
      continue;
    }
    ZH_NUMERAL_RUN.lastIndex = i;
    const zh = ZH_NUMERAL_RUN.exec(text);
    if (zh) {
      push(i, i + zh[0].length, 'zh', chineseNumeral(zh[0]));
      tokens[tokens.length - 1]!.single = zh[0].length === 1;
      i += zh[0].length;
      continue;
    }
    // 那个 is said while thinking, between digit groups ("三 三 七 那個 九 零"): glue inside a number.
    if (ch === '那' && /[个個]/.test(text[i + 1] ?? '')) {
      push(i, i + 2, 'joiner');
      i += 2;
      continue;
    }
    if (/[年月日号號]/.test(ch)) push(i, i + 1, 'zhUnit');
    else if (ZH_FILLERS.test(ch)) push(i, i + 1, 'joiner');
    else if (/[\u3400-\u9fff]/.test(ch)) push(i, i + 1, 'word');
    i += 1;
  }
  for (let k = 1; k < tokens.length; k += 1) {
    const count = tokens[k - 1]!;
    const plural = PLURAL_DIGITS[tokens[k]!.lower];
    const times = Number(count.value);
    if (plural !== undefined && count.kind === 'unit' && times >= 2 && times <= 6 && /^\s+$/.test(text.slice(count.end, tokens[k]!.start))) {
      tokens.splice(k - 1, 2, { ...count, end: tokens[k]!.end, raw: text.slice(count.start, tokens[k]!.end), kind: 'digits', value: plural.repeat(times) });
    }
  }
  // "three sevens and a two": the "a" before the last digit is glue, not a word.
  for (let k = 1; k + 1 < tokens.length; k += 1) {
    if (tokens[k]!.lower === 'a' && tokens[k - 1]!.lower === 'and' && (tokens[k + 1]!.kind === 'unit' || tokens[k + 1]!.kind === 'digits')) tokens[k]!.kind = 'joiner';
  }
  // "the eleventh month": a month said by its number (an expiry, a birthday).
  for (let k = 1; k < tokens.length; k += 1) {
    const nth = tokens[k - 1]!;
    if (tokens[k]!.lower === 'month' && nth.kind === 'ordinal' && Number(nth.value) <= 12 && /^\s+$/.test(text.slice(nth.end, tokens[k]!.start))) {
      tokens.splice(k - 1, 2, { ...nth, end: tokens[k]!.end, raw: text.slice(nth.start, tokens[k]!.end), kind: 'month', lower: 'month' });
    }
  }
  // Compound ordinals: "twenty first" → 21; "thirty first".
  for (let k = 1; k < tokens.length; k += 1) {
    const a = tokens[k - 1]!;
    const b = tokens[k]!;
    if (a.kind === 'tens' && b.kind === 'ordinal' && Number(b.value) < 10 && /^\s*-?\s*$/.test(text.slice(a.end, b.start))) {
      tokens.splice(k - 1, 2, { ...b, start: a.start, raw: text.slice(a.start, b.end), value: String(Number(a.value) + Number(b.value)) });
    }
  }
  return tokens;
}

const STRONG = new Set<Token['kind']>(['digits', 'unit', 'teen', 'tens', 'hundred', 'thousand', 'zh', 'ordinal', 'month']);

/** "may" is a month only next to a number or "of"; a lone "second" or "first" is not a date. */
function isNumeric(tokens: Token[], k: number): boolean {
  const token = tokens[k]!;
  const prev = tokens[k - 1];
  const next = tokens[k + 1];
  const nearNumber = (t: Token | undefined) => t !== undefined && (t.kind === 'digits' || t.kind === 'unit' || t.kind === 'teen' || t.kind === 'tens' || t.kind === 'ordinal' || t.kind === 'zh');
  if (token.kind === 'month' && (token.lower === 'may' || token.lower === 'mar' || token.lower === 'jan' || token.lower === 'dec')) {
    return nearNumber(next) || nearNumber(prev) || (prev?.lower === 'of' && nearNumber(tokens[k - 2]));
  }
  if (token.kind === 'ordinal' && !/\d/.test(token.raw)) {
    // Spelled ordinals are dates only beside a month ("the fourth of July", "July fourth"), another
    // ordinal ("the ninth of the ninth") or a year ("the fourth nineteen eighty two").
    const around = tokens.slice(Math.max(0, k - 3), k + 4);
    if (/\s|-/.test(token.raw.trim())) return true; // "twenty first": a day of the month
    const year = next !== undefined && (next.kind === 'teen' || next.kind === 'tens' || next.kind === 'digits');
    return around.some((t) => t.kind === 'month' || (t !== token && t.kind === 'ordinal')) || year;
  }
  return STRONG.has(token.kind);
}

// A Chinese speaker's digits as an English recogniser writes them: pinyin syllables ("si wu yao er").
const PINYIN_DIGITS: Readonly<Record<string, string>> = { ling: '0', yi: '1', yao: '1', er: '2', liang: '2', san: '3', si: '4', wu: '5', liu: '6', qi: '7', ba: '8', jiu: '9' };
const PINYIN_DIGIT_WORDS = Object.keys(PINYIN_DIGITS).join('|');
export const PINYIN_DIGIT = `(?:${PINYIN_DIGIT_WORDS})`;
const PY = PINYIN_DIGIT;
/** A day or month said with 十 ("shi er" 12, "er shi san" 23, "san shi yi" 31) or as one digit. */
const PY_SMALL = `(?:(?:${PY}\\s+)?shi(?:\\s+${PY})?|${PY})`;
/**
 * Digits read one by one (three or more syllables: two could be words), or a date: a year of two to
 * four syllables before "nian", a month before "yue", a day before "hao"/"ri".
 */
const PINYIN_NUMBER = new RegExp(
  `(?<![A-Za-z'])(?:(?:${PY}\\s+){1,3}${PY}\\s+nian(?:\\s+${PY_SMALL}\\s+yue(?:\\s+${PY_SMALL}\\s+(?:hao|ri))?)?|${PY_SMALL}\\s+yue\\s+${PY_SMALL}\\s+(?:hao|ri)|${PY}(?:[\\s,]+${PY}){2,})(?![A-Za-z'])`,
  'gi',
);

const PINYIN_PAIR = new RegExp(`\\b(?:${PINYIN_DIGIT_WORDS}|shi)[\\s,]+(?:${PINYIN_DIGIT_WORDS}|shi|nian|yue)\\b`, 'i');

/** Pinyin numbers in `text` (not "er er", a filler twice). */
export function pinyinNumbers(text: string): NumberSpan[] {
  const spans: NumberSpan[] = [];
  for (const match of text.matchAll(PINYIN_NUMBER)) {
    const words = match[0].toLowerCase().split(/[\s,]+/);
    if (words.every((word) => word === 'er')) continue;
    const dateLike = words.some((word) => word === 'nian' || word === 'yue' || word === 'hao' || word === 'ri');
    spans.push({ start: match.index, end: match.index + match[0].length, digits: words.map((word) => PINYIN_DIGITS[word] ?? '').join(''), dateLike, hasMonth: words.includes('yue') });
  }
  return spans;
}

/** Every number in `text` with its source span. */
export function findNumbers(source: string): NumberSpan[] {
  const spans = findSpokenNumbers(source);
  // Most texts have no two pinyin digit syllables in a row: one cheap look before the full pattern.
  if (!PINYIN_PAIR.test(source)) return spans;
  const pinyin = pinyinNumbers(source);
  if (pinyin.length === 0) return spans;
  return [...spans.filter((span) => !pinyin.some((p) => span.start < p.end && p.start < span.end)), ...pinyin].sort((a, b) => a.start - b.start);
}

function findSpokenNumbers(source: string): NumberSpan[] {
  const text = foldWidth(source);
  const tokens = tokenize(source);
  const spans: NumberSpan[] = [];
  let group: Token[] = [];
  const flush = () => {
    // A span starts and ends with a real number word (not a joiner, "oh" or a homophone).
    while (group.length && !(STRONG.has(group[0]!.kind) || (group[0]!.kind === 'zero' && group.some((t) => STRONG.has(t.kind))) || group[0]!.kind === 'times')) group.shift();
    while (group.length && !(STRONG.has(group[group.length - 1]!.kind) || group[group.length - 1]!.kind === 'zhUnit' || group[group.length - 1]!.kind === 'zero')) group.pop();
    if (group.length && group.some((t) => STRONG.has(t.kind))) spans.push(toSpan(group));
    group = [];
  };
  tokens.forEach((token, k) => {
    const previous = group[group.length - 1];
    const gap = previous === undefined ? '' : text.slice(previous.end, token.start);
    // "今年四十二，三月五号生日": a date that starts with its month after a comma is a new number (a year
    // before it would have ended in 年).
    const monthAfterComma = previous?.kind === 'zh' && token.kind === 'zh' && /[,，、]/.test(gap) && tokens[k + 1]?.raw === '月' && tokens[k + 1]!.start === token.end;
    const gapOk = previous === undefined || (SEPARATOR.test(gap) && !monthAfterComma);
    if (!gapOk) flush();
    const inGroup = group.length > 0;
    const numeric = isNumeric(tokens, k);
    const zhSingle = token.kind === 'zh' && token.single;
    if (numeric && !zhSingle) group.push(token);
    else if (zhSingle) {
      // One Chinese numeral on its own is usually a word (一个, 一下): only beside other numbers or a date unit.
      const next = tokens[k + 1];
      // Some recognisers put a space between Chinese characters ("幺 二 三"): a digit after a space counts too.
      const nextNumeric =
        next !== undefined &&
        (((next.kind === 'zh' || next.kind === 'zhUnit' || next.kind === 'digits') && next.start === token.end) ||
          (next.kind === 'zh' && /^[ \t]+$/.test(text.slice(token.end, next.start))));
      // At the very end it may be the first digit of more to come (a partial).
      const last = token.end === text.trimEnd().length;
      if (inGroup || nextNumeric || last) group.push(token);
      else flush();
    } else if (token.kind === 'zhUnit') {
      if (inGroup) group.push(token);
    } else if (token.kind === 'zero' || token.kind === 'times') {
      group.push(token);
    } else if (token.kind === 'weak' || token.kind === 'joiner') {
      if (inGroup) group.push(token);
    } else flush();
  });
  flush();
  return spans;
}

function toSpan(tokens: Token[]): NumberSpan {
  // Chunks: each a number said as one; "twenty" can still take a unit, "four hundred" a tens and a unit.
  const chunks: Array<{ text: string; room: number }> = [];
  let times = 1;
  let dateLike = false;
  let hasMonth = false;
  let trailingWeak: Token[] = [];
  const addValue = (value: number, room: number) => {
    const last = chunks[chunks.length - 1];
    if (last && last.room > 0 && value <= last.room && value > 0) {
      const next = Number(last.text) + value;
      last.text = String(next);
      last.room = value % 10 === 0 && value >= 10 && last.room >= 99 ? 9 : 0;
      return;
    }
    chunks.push({ text: String(value), room });
  };
  for (const token of tokens) {
    if (token.kind === 'weak' || token.kind === 'joiner') {
      if (token.kind === 'weak') trailingWeak.push(token);
      if (DATE_SEPARATORS.has(token.lower)) dateLike = true;
      continue;
    }
    // A homophone between two digits was a digit ("four one for one").
    for (const weak of trailingWeak) chunks.push({ text: weak.value, room: 0 });
    trailingWeak = [];
    switch (token.kind) {
      case 'digits':
      case 'zh':
        if (token.lunarDay) dateLike = true;
        chunks.push({ text: token.value.repeat(times), room: 0 });
        times = 1;
        break;
      case 'zero':
      case 'unit':
        if (times > 1) {
          chunks.push({ text: token.value.repeat(times), room: 0 });
          times = 1;
        } else if (token.kind === 'unit') addValue(Number(token.value), 0);
        else chunks.push({ text: '0', room: 0 });
        break;
      case 'teen':
        addValue(Number(token.value), 0);
        break;
      case 'tens':
        addValue(Number(token.value), 9);
        break;
      case 'hundred': {
        const last = chunks.pop();
        chunks.push({ text: String(Number(last?.text ?? '1') * 100), room: 99 });
        break;
      }
      case 'thousand': {
        const last = chunks.pop();
        chunks.push({ text: String(Number(last?.text ?? '1') * 1000), room: 999 });
        break;
      }
      case 'times':
        times = Number(token.value);
        break;
      case 'ordinal':
        hasMonth = true;
        break;
      case 'month':
        hasMonth = true;
        dateLike = true;
        break;
      case 'zhUnit':
        dateLike = true;
        break;
      default:
        break;
    }
  }
  return { start: tokens[0]!.start, end: tokens[tokens.length - 1]!.end, digits: chunks.map((c) => c.text).join(''), dateLike, hasMonth };
}

/** The number words and digits of `text` as one digit string (for tests and the bench). */
export function spokenDigits(text: string): string {
  return findNumbers(text)
    .map((span) => span.digits)
    .join(' ');
}
