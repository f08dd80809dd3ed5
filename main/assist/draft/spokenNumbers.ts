// Pure: numbers as people say them, for the wrap-up draft's entities. English digit and number words
// ("oh", "double four", "a hundred and twenty", "forty-nine ninety-nine") and Chinese numerals in both
// scripts (幺 两 零 〇, 十 百 千 万, colloquial "两千五"), plus full-width digits.

const UNITS: Record<string, number> = {
  zero: 0, oh: 0, o: 0, nought: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const DIGIT_WORDS: Record<string, string> = { zero: '0', oh: '0', o: '0', nought: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9' };
const ZH_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 幺: 1, 二: 2, 两: 2, 兩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const ZH_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000, 万: 10_000, 萬: 10_000 };

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
  if (DIGIT_WORDS[lower] !== undefined && lower !== 'o') return DIGIT_WORDS[lower];
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
    else if (UNITS[word] !== undefined && word !== 'o') current += UNITS[word]!;
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
  if (parts.length === 2 && (parts[0] === 'oh' || parts[0] === 'zero') && UNITS[parts[1]!] !== undefined && UNITS[parts[1]!]! < 10) return UNITS[parts[1]!]!;
  if (parts.length === 1 && /^\d{2}$/.test(parts[0]!)) return Number(parts[0]);
  if (parts.length === 1 && UNITS[parts[0]!] !== undefined && UNITS[parts[0]!]! >= 10) return UNITS[parts[0]!];
  if (parts.length === 1 && TENS[parts[0]!] !== undefined) return TENS[parts[0]!];
  if (parts.length === 2 && TENS[parts[0]!] !== undefined && UNITS[parts[1]!] !== undefined && UNITS[parts[1]!]! > 0 && UNITS[parts[1]!]! < 10) return TENS[parts[0]!]! + UNITS[parts[1]!]!;
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
