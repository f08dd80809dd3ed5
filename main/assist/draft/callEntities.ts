// Pure: the facts a wrap-up note needs, read from a whole (already redacted) call: the order number
// (spelt letter by letter or read in digit groups, in English or Chinese), the amount with its currency
// (words → numbers), and the decisive date resolved against the call date with chrono-node — never a
// date of birth or anything said while identity or payment details were asked for.
import * as chrono from 'chrono-node';
import { chineseNumber, digitOf, englishCardinal, toHalfWidth, twoDigitGroup, ZH_NUMERAL_CHARS } from '../spokenNumbers';

export interface CallTurn {
  leg: 'customer' | 'agent';
  text: string;
}

export interface Amount {
  value: number;
  currency: string;
}

export interface CallEntities {
  /** Upper-case letters and digits, e.g. "HL204518". */
  orderNumber?: string;
  amount?: Amount;
  /** YYYY-MM-DD in the agent's time zone. */
  date?: string;
}

const ORDER_CUE = /\b(order|reference|ref|job|booking|tracking|parcel|invoice)\b|订单|訂單|单号|單號|编号|編號|参考号/i;
/** Talk about identity or payment: digits near these are not order numbers, dates near them not the call's date. */
const PRIVATE_CUE =
  /\b(card|expiry|expires|security (?:code|number)|cvv|cvc|pin|passcode|password|memorable|code|birth|born|dob|postcode|sort code|account number|national insurance|digits)\b|卡号|卡號|張卡|有效期|验证码|驗證碼|密码|密碼|出生|出世|生日|身份证|身份證|邮编|安全码/i;
const BIRTH_CUE = /\b(birth|born|dob|birthday)\b|出生|出世|生日/i;
const ZH_CHAR = /[\u3400-\u9fff]/;
const CANTONESE = /[係咗嘅唔喇哋冇嗰咩啲俾晒]|蚊|港/;

/** A turn's tokens for digit runs: words, single CJK characters, letters; punctuation splits nothing but is dropped. */
function tokens(text: string): string[] {
  return toHalfWidth(text).match(/[A-Za-z]+(?:'[a-z]+)?|\d+|[\u3400-\u9fff]/g) ?? [];
}

const isLetterToken = (token: string | undefined) => token !== undefined && /^[A-Za-z]$/.test(token);
const isDigitToken = (token: string | undefined) => token !== undefined && digitOf(token) !== undefined;

/**
 * What a token adds to an order number: digits, a spelt letter ("H", or "h" from a recogniser), or nothing
 * (it breaks the run). A lone "a" or "I" before an ordinary word is the word, not a letter.
 */
function orderPiece(token: string, previous: string | undefined, next: string | undefined): string | undefined {
  const digit = digitOf(token);
  if (digit !== undefined) return digit;
  if (isLetterToken(token)) {
    const spelt = isLetterToken(next) || isDigitToken(next) || isLetterToken(previous);
    if (!spelt || (/^[aAiI]$/.test(token) && !isLetterToken(next) && !isLetterToken(previous))) return undefined;
    return token.toUpperCase();
  }
  // Typed or recognised as one word: "HL204518", "ABC123".
  if (/^[A-Z]{1,4}\d{3,10}$/i.test(token)) return token.toUpperCase();
  // A written prefix before digits said as words: "HL" in "HL三三七二一零".
  if (/^[A-Z]{2,4}$/.test(token) && isDigitToken(next)) return token;
  return undefined;
}

interface OrderMention {
  value: string;
  /** Token positions: the run is tokens [start, end). */
  start: number;
  end: number;
}

function orderMentions(list: readonly string[]): OrderMention[] {
  const found: OrderMention[] = [];
  let run: string[] = [];
  let runStart = 0;
  let times = 1;
  const flush = (at: number) => {
    const value = run.join('');
    run = [];
    const after = list[at];
    // A year ("一九九二年"), a month or a day is a date, not a reference.
    if (after && /^[年月日号號]$/.test(after)) return;
    const digits = value.replace(/\D/g, '').length;
    if (value.length >= 4 && value.length <= 12 && digits >= 3) found.push({ value, start: runStart, end: at });
  };
  for (const [i, token] of list.entries()) {
    const lower = token.toLowerCase();
    if (lower === 'double' || lower === 'triple') {
      times = lower === 'double' ? 2 : 3;
      continue;
    }
    const piece = orderPiece(token, list[i - 1], list[i + 1]);
    if (piece === undefined) {
      if (run.length) flush(i);
      times = 1;
      continue;
    }
    if (!run.length) runStart = i;
    run.push(piece.repeat(times));
    times = 1;
  }
  if (run.length) flush(list.length);
  return found;
}

function orderCandidates(text: string): string[] {
  return orderMentions(tokens(text)).map((mention) => mention.value);
}

/** Numbers a turn takes back: each one followed, before the next number, by "no, sorry", "不对", "唔係". */
function takenBackIn(text: string): string[] {
  const list = tokens(text);
  const mentions = orderMentions(list);
  const words = (from: number, to: number) => list.slice(from, to).map((token) => (ZH_CHAR.test(token) ? token : ` ${token} `)).join('');
  return mentions.filter((mention, k) => k + 1 < mentions.length && mentions[k + 1]!.value !== mention.value && CORRECTION.test(words(mention.end, mentions[k + 1]!.start))).map((mention) => mention.value);
}

const GIVES_DETAILS =
  /\b(?:card number|long number|expiry|security code|date of birth|postcode|password|passcode|pin|memorable word|one-time code|code)\s+(?:is|it's|was)\b|卡号是|卡號係|密码是|密碼係|验证码是|驗證碼係|出生日期是|出世日期係/i;

/**
 * Whether a turn only identifies the caller or gives details (an order number, "my card number is …"):
 * such a turn is not where the call's reason is said.
 */
export function givesDetails(text: string): boolean {
  return GIVES_DETAILS.test(text) || orderCandidates(text).length > 0;
}

/** Words that take back a number just said: "no, sorry, it's …", "哦不对，是 …", "唔係，係 …". */
const CORRECTION = /\b(?:no|sorry|actually|i mean|wait|hang on|hold on|not that|wrong|old one)\b|不对|不對|不是|唔係|唔啱|讲错|講錯|说错|說錯|搞错|搞錯/i;

/**
 * The order or reference number of the call: cued ("order number …", asked for just before) beats uncued;
 * of equals the one said last (a read-back confirms it); one taken back in the same turn ("H L … oh no,
 * that's an old one, it's H L …") is not the call's.
 */
export function findOrderNumber(turns: readonly CallTurn[]): string | undefined {
  let best: { value: string; score: number } | undefined;
  const takenBack = new Set(turns.flatMap((turn) => takenBackIn(turn.text)));
  turns.forEach((turn, i) => {
    const previous = turns[i - 1]?.text ?? '';
    const asked = ORDER_CUE.test(turns.slice(Math.max(0, i - 2), i).map((t) => t.text).join(' '));
    // Asked only for card, code or birth details: digits in the answer are those, unless it names the order.
    const askedPrivate = PRIVATE_CUE.test(previous) && !ORDER_CUE.test(previous);
    for (const sentence of turn.text.match(/[^.!?。！？]+[.!?。！？]?/gu) ?? [turn.text]) {
      const named = ORDER_CUE.test(sentence);
      if (!named && (PRIVATE_CUE.test(sentence) || askedPrivate)) continue;
      for (const value of orderCandidates(sentence)) {
        // Uncued runs count too (recognisers mishear the word "order"), below any cued one.
        if (takenBack.has(value)) continue;
        const score = (named ? 3 : 0) + (asked ? 2 : 0) + (/[A-Z]/.test(value) ? 1 : 0) + (value.length >= 5 ? 1 : 0);
        if (score >= 1 && (!best || score >= best.score)) best = { value, score };
      }
    }
  });
  return best?.value;
}

const CURRENCY_WORDS: Array<[RegExp, string]> = [
  [/^(pounds?|quid|gbp|sterling)$/i, 'GBP'],
  [/^(dollars?|usd|bucks)$/i, 'USD'],
  [/^(euros?|eur)$/i, 'EUR'],
  [/^(yuan|rmb|cny|renminbi)$/i, 'CNY'],
  [/^(hkd)$/i, 'HKD'],
];
const SYMBOLS: Record<string, string> = { '£': 'GBP', $: 'USD', '€': 'EUR', '¥': 'CNY', '￥': 'CNY' };
const MONEY_CUE = /\b(refund\w*|back|charge[sd]?|paid|pay|price|cost|total|money|credit|worth|taken|amount|payments?|each)\b|退款|退咗款|退返|退给|扣|钱|錢|[元块塊蚊]/i;
const NUMBER_WORD = /^(?:\d+|a|and|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?$/i;
const TENS_WORD = /^(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)$/i;

/** "forty-nine ninety-nine" → 49.99: a two-digit group of pounds (20–99) then one of pence (10–99). */
function poundsAndPence(group: readonly string[]): number | undefined {
  const parts = group.flatMap((word) => word.toLowerCase().split('-')).filter(Boolean);
  for (let split = 1; split < parts.length; split += 1) {
    const pounds = twoDigitGroup(parts.slice(0, split));
    const pence = twoDigitGroup(parts.slice(split));
    if (pounds !== undefined && pence !== undefined && pounds >= 20 && pence >= 10 && TENS_WORD.test(parts[0]!)) return pounds + pence / 100;
  }
  return undefined;
}

function englishAmounts(text: string, defaultCurrency: string): Amount[] {
  const found: Amount[] = [];
  const clean = toHalfWidth(text);
  for (const match of clean.matchAll(/(HK\$|[£$€¥￥])\s?(\d{1,3}(?:,\d{3})*(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)/gi)) {
    found.push({ value: Number(match[2]!.replace(/,/g, '')), currency: /^HK/i.test(match[1]!) ? 'HKD' : SYMBOLS[match[1]!]! });
  }
  for (const match of clean.matchAll(/(?<![\d.£$€¥])(\d+\.\d{2})(?![\d%])/g)) {
    if (MONEY_CUE.test(clean) && !/(GBP|USD|EUR|HKD|CNY|RMB|pounds?|dollars?|euros?)/i.test(clean.slice(match.index! + match[0].length, match.index! + match[0].length + 8))) found.push({ value: Number(match[1]), currency: defaultCurrency });
  }
  for (const match of clean.matchAll(/(\d+(?:\.\d{1,2})?)\s?(GBP|USD|EUR|HKD|CNY|RMB)\b/gi)) {
    found.push({ value: Number(match[1]), currency: match[2]!.toUpperCase().replace('RMB', 'CNY') });
  }
  for (const sentence of clean.split(/[.!?;]+/)) {
    const words = sentence.split(/[\s,]+/).filter(Boolean);
    for (let i = 0; i < words.length; i += 1) {
      if (!NUMBER_WORD.test(words[i]!) || (i > 0 && NUMBER_WORD.test(words[i - 1]!))) continue;
      let end = i;
      while (end < words.length && NUMBER_WORD.test(words[end]!)) end += 1;
      const group = words.slice(i, end).filter((word, k, all) => !(word.toLowerCase() === 'and' && k === all.length - 1));
      const after = words[end]?.toLowerCase() ?? '';
      const currency = CURRENCY_WORDS.find(([pattern]) => pattern.test(after))?.[1];
      if (currency) {
        const whole = englishCardinal(group);
        if (whole === undefined || whole === 0) continue;
        // "eighty-nine pounds fifty", "forty nine pounds ninety nine": pence after the currency word.
        let pence: number | undefined;
        let penceEnd = end + 1;
        while (penceEnd < words.length && penceEnd < end + 3 && NUMBER_WORD.test(words[penceEnd]!) && words[penceEnd]!.toLowerCase() !== 'and') penceEnd += 1;
        for (let take = penceEnd - end - 1; take >= 1 && pence === undefined; take -= 1) pence = twoDigitGroup(words.slice(end + 1, end + 1 + take));
        found.push({ value: pence !== undefined ? whole + pence / 100 : whole, currency });
        continue;
      }
      // "forty-nine ninety-nine" / "forty nine ninety nine" with a money word in the sentence: pounds
      // and pence in the local currency.
      const price = MONEY_CUE.test(sentence) ? poundsAndPence(group) : undefined;
      if (price !== undefined) found.push({ value: price, currency: defaultCurrency });
    }
  }
  return found;
}

function chineseAmounts(text: string): Amount[] {
  const found: Amount[] = [];
  const clean = toHalfWidth(text);
  const hk = CANTONESE.test(clean);
  const numeral = `[${ZH_NUMERAL_CHARS}\\d.]+`;
  // "三百八十八块五": one digit after the unit, ending the phrase, is tenths (角/毛).
  const pattern = new RegExp(`(港幣|港币|港元|人民币|人民幣)?\\s?(${numeral})\\s?(港元|港幣|港币|元|块|塊|蚊|圓)(?:([一二三四五六七八九])(?:毛|角)?(?=[\\s，。,.!?！？、]|$))?`, 'gu');
  for (const match of clean.matchAll(pattern)) {
    const raw = match[2]!;
    const whole = /^[\d.]+$/.test(raw) ? Number(raw) : chineseNumber(raw);
    if (whole === undefined || whole === 0) continue;
    const value = match[4] ? Math.round((whole + chineseNumber(match[4])! / 10) * 100) / 100 : whole;
    const prefix = match[1] ?? '';
    const unit = match[3]!;
    const currency = /港/.test(prefix + unit) || unit === '蚊' ? 'HKD' : /人民/.test(prefix) ? 'CNY' : hk ? 'HKD' : 'CNY';
    found.push({ value, currency });
  }
  return found;
}

/** The call's amount: said by the agent (the action) beats said by the customer; repeated beats once; then the last. */
export function findAmount(turns: readonly CallTurn[]): Amount | undefined {
  const english = turns.filter((turn) => !ZH_CHAR.test(turn.text)).length >= turns.length / 2;
  const tally = new Map<string, { amount: Amount; score: number; last: number }>();
  turns.forEach((turn, i) => {
    if (PRIVATE_CUE.test(turn.text) && !MONEY_CUE.test(turn.text)) return;
    const amounts = ZH_CHAR.test(turn.text) ? chineseAmounts(turn.text) : englishAmounts(turn.text, english ? 'GBP' : 'CNY');
    for (const amount of amounts) {
      const key = `${amount.value} ${amount.currency}`;
      const entry = tally.get(key) ?? { amount, score: 0, last: 0 };
      entry.score += turn.leg === 'agent' ? 2 : 1;
      entry.last = i;
      tally.set(key, entry);
    }
  });
  return [...tally.values()].sort((a, b) => b.score - a.score || b.last - a.last)[0]?.amount;
}

/** Cantonese day words chrono does not know, to their Mandarin forms. */
function forChrono(text: string): string {
  return text.replace(/聽日|听日/g, '明天').replace(/今日/g, '今天').replace(/琴日|尋日|寻日/g, '昨天');
}

const pad = (n: number) => String(n).padStart(2, '0');
export function isoDay(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const ORDINAL_DAYS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10, eleventh: 11, twelfth: 12,
  thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17, eighteenth: 18, nineteenth: 19, twentieth: 20,
  'twenty-first': 21, 'twenty-second': 22, 'twenty-third': 23, 'twenty-fourth': 24, 'twenty-fifth': 25, 'twenty-sixth': 26,
  'twenty-seventh': 27, 'twenty-eighth': 28, 'twenty-ninth': 29, thirtieth: 30, 'thirty-first': 31,
};

/** The next day after the call whose day of the month is `day` ("on the 14th", "三号之前"). */
function nextDayOfMonth(day: number, callDate: Date): Date | undefined {
  if (day < 1 || day > 31) return undefined;
  for (let months = 0; months < 3; months += 1) {
    const candidate = new Date(callDate.getFullYear(), callDate.getMonth() + months, day, 12);
    if (candidate.getDate() === day && isoDay(candidate) > isoDay(callDate)) return candidate;
  }
  return undefined;
}

/** What chrono leaves out: the day after tomorrow, and a day of the month without its month. */
function datesChronoMisses(text: string, callDate: Date): Date[] {
  const found: Date[] = [];
  if (/大后天|大後天/.test(text)) found.push(new Date(callDate.getFullYear(), callDate.getMonth(), callDate.getDate() + 3, 12));
  else if (/后天|後天|後日|后日|\bday after tomorrow\b/i.test(text)) found.push(new Date(callDate.getFullYear(), callDate.getMonth(), callDate.getDate() + 2, 12));
  for (const match of text.matchAll(/(?<![月\d])([0-9]{1,2}|[一二三四五六七八九十廿]{1,3})\s?[号號日](?!子)/gu)) {
    const day = /\d/.test(match[1]!) ? Number(match[1]) : chineseNumber(match[1]!);
    const date = day === undefined ? undefined : nextDayOfMonth(day, callDate);
    if (date) found.push(date);
  }
  for (const match of text.matchAll(/\b(?:on|by|before|until|till|from|for) the (\d{1,2})(?:st|nd|rd|th)\b(?! of)|\b(?:on|by|before|until|till|from|for) the ((?:twenty-|thirty-)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth))\b(?! of)/gi)) {
    const day = match[1] ? Number(match[1]) : ORDINAL_DAYS[match[2]!.toLowerCase()];
    const date = day === undefined ? undefined : nextDayOfMonth(day, callDate);
    if (date) found.push(date);
  }
  return found;
}

const ZH_WEEKDAY = '(?:星期|礼拜|禮拜|周|週)[一二三四五六日天]';
const ZH_PART_OF_DAY = '(?:上午|下午|中午|早上|早晨|晚上|傍晚|夜晚|夜晚黑|上晝|下晝|晏晝|朝早|夜晚|晚黑|夜间|夜間)';
/** A weekday alone, with nothing that moves it a week ("next", "下", "this"). */
const BARE_WEEKDAY = new RegExp(`^(?:(?:on )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?: (?:morning|afternoon|evening|night))?|${ZH_WEEKDAY})$`, 'i');

/**
 * chrono's Chinese parser reads a weekday followed by a part of day ("星期四上午") as the call's own day;
 * the day is what decides, so the part of day is dropped after a weekday.
 */
function weekdayWithoutPartOfDay(text: string): string {
  return text.replace(new RegExp(`(${ZH_WEEKDAY})\\s?${ZH_PART_OF_DAY}`, 'gu'), '$1');
}

const HALF_YEAR_MS = 183 * 24 * 3600 * 1000;
const RECENT_PAST_MS = 92 * 24 * 3600 * 1000;

/**
 * Calendar dates said with their month ("the third of November", "十一月十八號") that fall before the call,
 * within the last three months: when the order was placed, sent back or charged.
 */
export function pastDates(text: string, callDate: Date): string[] {
  const clean = forChrono(toHalfWidth(text));
  const parser = ZH_CHAR.test(clean) ? chrono.zh : chrono.en;
  const today = isoDay(callDate);
  const dates: string[] = [];
  for (const result of parser.parse(clean, callDate, { forwardDate: false })) {
    if (!result.start.isCertain('month') || !result.start.isCertain('day')) continue;
    let date = result.start.date();
    if (!result.start.isCertain('year') && isoDay(date) > today) date = new Date(date.getFullYear() - 1, date.getMonth(), date.getDate(), 12);
    if (isoDay(date) < today && callDate.getTime() - date.getTime() <= RECENT_PAST_MS) dates.push(isoDay(date));
  }
  return dates;
}

/** Future dates said in a text (after the call's day), as YYYY-MM-DD, in the order said. */
export function futureDates(text: string, callDate: Date): string[] {
  const clean = weekdayWithoutPartOfDay(forChrono(toHalfWidth(text)));
  const parser = ZH_CHAR.test(clean) ? chrono.zh : chrono.en;
  const today = isoDay(callDate);
  const dates: string[] = [];
  const results = parser.parse(clean, callDate, { forwardDate: true });
  for (const result of results) {
    // "nineteen ninety", "一九九二年": a year that old is a birth date or history, not the call's date.
    if (result.start.isCertain('year') && result.start.get('year')! < callDate.getFullYear()) continue;
    if (/^(now|today|tonight|this (morning|afternoon|evening))$/i.test(result.text.trim())) continue;
    let date = result.start.date();
    // "十一月二号回来的" said on the 23rd: a month and day with no year, read forward, lands almost a year
    // ahead; it was the one just past (pastDates), not a future one.
    if (!result.start.isCertain('year') && date.getTime() - callDate.getTime() > HALF_YEAR_MS) continue;
    // A bare weekday said on that weekday ("I'll ring you Thursday", said on a Thursday) is next week's.
    if (isoDay(date) === today && BARE_WEEKDAY.test(result.text.trim())) date = new Date(date.getFullYear(), date.getMonth(), date.getDate() + 7, 12);
    const day = isoDay(date);
    if (day > today) dates.push(day);
  }
  // Only when chrono found nothing: its own reading of a full date wins over these partial ones.
  if (results.length === 0) for (const date of datesChronoMisses(clean, callDate)) dates.push(isoDay(date));
  return dates;
}

/**
 * The decisive date: the first future date the agent gives (delivery, refund, visit, callback), else the
 * customer's; never one said while identity was checked, never a date of birth.
 */
export function findDate(turns: readonly CallTurn[], callDate: Date, promisedDay?: string): string | undefined {
  // The day the agent committed to (a delivery, a callback) is the call's date.
  if (promisedDay) return promisedDay;
  const candidates: Array<{ day: string; agent: boolean; index: number }> = [];
  // Masks ("[date of birth]") are not words anyone said: a turn after a masked birth date is not about it.
  const words = (turn: CallTurn | undefined) => (turn?.text ?? '').replace(/\[[^\]\n]{1,40}\]/g, ' ');
  // A turn naming a birth date, or the customer's answer to a question about one or a card (the agent's
  // next words are their own), says no date of the call.
  const aboutPrivateDetails = (i: number) => {
    const previous = words(turns[i - 1]);
    return BIRTH_CUE.test(words(turns[i])) || (turns[i]!.leg === 'customer' && (BIRTH_CUE.test(previous) || PRIVATE_CUE.test(previous)));
  };
  turns.forEach((turn, i) => {
    if (aboutPrivateDetails(i)) return;
    for (const day of futureDates(turn.text, callDate)) candidates.push({ day, agent: turn.leg === 'agent', index: i });
  });
  const future = (candidates.find((c) => c.agent) ?? candidates[0])?.day;
  if (future) return future;
  // Nothing ahead: the date the call is about is the one it names in the recent past (the order, the
  // return, the charge), the last one said, checked the same way.
  let past: string | undefined;
  turns.forEach((turn, i) => {
    if (aboutPrivateDetails(i)) return;
    for (const day of pastDates(words(turn), callDate)) past = day;
  });
  return past;
}

/** `promisedDay`: the first day the agent promised something for (outcome.ts findPromises), if any. */
export function extractCallEntities(turns: readonly CallTurn[], callDate: Date, promisedDay?: string): CallEntities {
  return { orderNumber: findOrderNumber(turns), amount: findAmount(turns), date: findDate(turns, callDate, promisedDay) };
}

