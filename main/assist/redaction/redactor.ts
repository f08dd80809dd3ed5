// Pure: decides what in a text is sensitive from the cue words near it, the shape of the number and
// what the conversation expects (the agent just asked for a date of birth; a card number is half read),
// and masks it in the original text. `ConversationRedactor` keeps that state per call; `redactText`
// is one text on its own (typed notes, search, logs).
import { findCues, isSensitive, type Cue, type CueKind, type SensitiveKind } from './cues';
import { findNumbers, foldWidth, PINYIN_DIGIT, type NumberSpan } from '../spokenNumbers';
import { ADDRESS_CONTINUED, ADDRESS_JOINED, homophoneRuns, PENDING_ADDRESS, zhSoundAlikeRuns, LOOKS_LIKE_ADDRESS, PENDING_LETTERS, SPELLING_TURN, spokenEmailSpans, withHomophones, withLetters } from './asrForms';

export type MaskKind = SensitiveKind | 'number';

export const MASKS: Record<MaskKind, string> = {
  card: '[card number]',
  expiry: '[expiry date]',
  cvv: '[security code]',
  dob: '[date of birth]',
  password: '[password]',
  password_chars: '[password characters]',
  otp: '[one-time code]',
  pin: '[PIN]',
  security_answer: '[security answer]',
  national_id: '[ID number]',
  bank_account: '[bank number]',
  email: '[email]',
  number: '[number]',
};

/** Matches any mask this module writes (they are not the speaker's words: search and drafts skip them). */
export const MASK_PATTERN = /\[(?:card number|expiry date|security code|date of birth|password|password characters|one-time code|PIN|security answer|ID number|bank number|email|number)\]/g;

export interface Redaction {
  text: string;
  /** What was masked, in order (never the values). */
  kinds: MaskKind[];
}

export interface RedactContext {
  /** What the conversation is waiting for (the agent asked for it, or the speaker announced it). */
  expect?: CueKind;
  /** A card number is being read and is not complete yet: every number continues it. */
  cardOpen?: boolean;
  /** A partial result: numbers of four or more digits with no look-alike cue are masked until the final decides. */
  partial?: boolean;
  /** The speaker's last turn ended on a value of this kind: numbers opening this turn go on with it. */
  continues?: SensitiveKind;
  /**
   * `expect` is what the speaker just heard the other side give (an agent reading a detail back), not an
   * answer to a question: numbers may be that detail, but the whole turn is never taken for it.
   */
  readBack?: boolean;
}

interface Span {
  start: number;
  end: number;
  kind: MaskKind;
  digits?: number;
}

/** What a text did to the conversation, for the stateful redactor. */
export interface RedactionDetail extends Redaction {
  spans: Span[];
  numbers: NumberSpan[];
  cues: Cue[];
  /** A sensitive cue with no value after it yet ("my card number is"): the next words are that. */
  dangling?: SensitiveKind;
}

export function luhnValid(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const BEFORE_WINDOW = 60;
const AFTER_WINDOW = 24;
/** Kinds whose value is a number (homophones alone may be its digits). */
const NUMBER_VALUED = new Set<CueKind>(['card', 'expiry', 'cvv', 'dob', 'otp', 'pin', 'national_id', 'bank_account']);
/** Kinds whose value is words, not a number: the rest of the clause after "is" is masked. */
const WORD_VALUE_KINDS = new Set<SensitiveKind>(['password', 'password_chars', 'security_answer']);
/** Number-valued kinds that may also be said with letters (an ID, a code). */
const LETTERED_KINDS = new Set<SensitiveKind>(['otp', 'pin', 'national_id']);
// English connectors are whole words: "is thelma" must not read "the" as one and leave "the" showing.
const CONNECTOR = /^[\s,:=\-–—]*(?:(?:(?:'s|’s|they|they're|those|these|that|it|is|are|was|were|it's|its|it is|that's|that is|would be|will be|should be|be|called|named|just|um|uh|er|erm|like|the|as|shi)(?![A-Za-z0-9'’])|就是|就係|是|係|系|叫做|叫|为|為|嘅|的|系咪|呢|啊|呀|嗯|:|：|=)[\s,，:：]*)+/i;
const DIRECT_VALUE = /^[\s,:：=]*(?=(?:[A-Za-z0-9]|zero|one|two|three|four|five|six|seven|eight|nine|capital|upper(?: ?case)?|lower(?: ?case)?|small)\b|[\u3400-\u9fff])/i;
/** "password, capital b, l, u, e": a spelled value right after its cue, with no "is" between. */
const SPELLING_START = /^[\s,:：=]*(?:(?:capital|upper(?: ?case)?|lower(?: ?case)?|small|big)(?![A-Za-z])|[a-z](?:[\s,]+[a-z])+(?![A-Za-z']))/i;
/**
 * "mother's maiden name, jones": a comma, then a word that is no part of a sentence about the value
 * (not "I", "it", "what", "please", a filler …), is the value itself.
 */
const LISTED_VALUE = /^\s*,\s*(?!(?:i|i'm|i've|i'd|it|it's|is|was|my|your|the|a|an|we|you|you'll|that|this|there|they|he|she|please|can|could|would|will|do|does|did|sorry|again|so|and|but|or|what|which|how|why|where|when|who|ok|okay|yes|yeah|no|not|um|uh|er|erm|hmm|well|oh|right|just|if|because|as|for|to|on|in|at|of|with|let|hang|hold|wait|then|now|after|before|still|though|anyway|since|too|also|which|they|them|those|these|some|any|every|all|one)(?![A-Za-z']))[A-Za-z]/i;
/** A password described before it is said ("my dog's name and the year, so …"). */
const DESCRIBED_VALUE = /^(?:my|the|his|her|our|their)\b[^.?!]{0,30}?\b(?:name|birthday|year|number|date|word|initials)\b/i;
const NOT_A_VALUE = /^(?:(?:not|n't|wrong|incorrect|locked|expired|blocked|working|broken|the same|same|too|being|been|reset|changed|forgotten|a problem|different|weak|strong|case|correct|right|fine|ok|okay|why|what|this|that|how|where|when|asking|needed|required|valid|invalid|on (?:the|your)|in (?:the|your)|for (?:the|your))(?![A-Za-z0-9])|不对|不對|錯|错|唔啱|唔記得|忘|锁|鎖|过期|過期|什么|什麼|咩|多少|幾多|几|乜|边|邊|唔係|不是|改|重设|重設|正确|正確|对吗|啱唔啱)/i;
// "…, then the number five" goes on spelling the same value; "and the date of birth is" starts another.
const CLAUSE_END = /[.?!。？！;；\n]|\s(?:and|but|so|then|also|plus) (?:my|the(?! (?:numbers?|digits?|letters?|symbols?|capital)\b)|your|i|i'm|it|its|it's|that|this|we|can|could|please)\b|，(?:我|你|请|請|麻烦|麻煩|同埋|还有|還有|然后|然後)|(?:还有|還有|同埋|然后|然後)/i;
/** Nothing said yet after the cue but "is": the value comes in the next words. */
const DANGLING_TAIL = /^[\s,:：]*(?:(?:is|are|was|it's|it is|是|係|系|為|为)?[\s,:：]*)$/i;
/** Words a speaker opens a turn with before going on with the value of the last one. */
const OPENING_FILLER = /^[\s,.，。]*(?:(?:and|then|um|uh|er|erm|yeah|yes|ok|okay|sorry|so|right|its|it's|the rest is|呃|嗯|啊|那个|那個|然后|然後|跟住|仲有|再|係|是)[\s,.，。]*)*$/i;
const ACK = /^\s*(?:(?:yes|yeah|yep|yup|sure|ok|okay|right|so|um|uh|er|erm|hmm|oh|well|it's|it is|its|that's|that is|that would be|that'd be|i think|let me see|my answer is|the answer is|好|好的|係|是|嗯|哦|啊|呃|噢|我諗|我想|应该是|應該係|系)[\s,.，。:：]*)+/i;
/** The words that lead into the next item ("… and my", ", the"): not part of the value before it. */
const ITEM_LEAD_IN = /[\s,，、]*(?:(?:and|but|also|plus|then|oh|my|the|your|our|和|同埋|还有|還有|然后|然後|我的|我嘅|我)[\s,，、]*)*$/i;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}|\b[a-z0-9]+(?: dot [a-z0-9]+)* at (?!www\b)[a-z0-9]+(?: dot [a-z0-9]+)*? dot (?:com|net|org|co|uk|cn|hk|io)\b/gi;

/** Typed shapes that need no cue: IBAN, SSN, UK NI, Chinese and Hong Kong ID, sort codes. */
function shapeSpans(text: string, bankCue: boolean): Span[] {
  const spans: Span[] = [];
  const add = (re: RegExp, kind: MaskKind) => {
    for (const match of text.matchAll(re)) spans.push({ start: match.index, end: match.index + match[0].length, kind });
  };
  add(EMAIL, 'email');
  for (const span of spokenEmailSpans(text)) spans.push({ ...span, kind: 'email' });
  // IBAN; cut short (a partial) only after a bank cue, since order codes look like its start (AB2023…).
  // The shortest IBAN (Norway) has 15 characters; shorter ones are order codes.
  add(/\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b(?<=(?:[A-Z0-9][ ]?){15,})/g, 'bank_account');
  if (bankCue) add(/\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{1,4}){1,8}\b/g, 'bank_account');
  add(/\b\d{3}-\d{2}-\d{4}\b/g, 'national_id');
  add(/\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]?\b/g, 'national_id');
  add(/(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g, 'national_id');
  add(/(?<![A-Za-z])[A-Z]{1,2}\s?\d{6}\s?[(（]\s?[\dA]\s?[)）]/g, 'national_id');
  // India's PAN: five letters (the fourth says who holds it: P a person, C a company …), four digits, a letter.
  add(/\b[A-Z]{3}[ABCFGHJLPT][A-Z]\d{4}[A-Z]\b/g, 'national_id');
  add(/\b\d{2}-\d{2}-\d{2}\b(?=[^.]{0,40}\baccount)/gi, 'bank_account');
  return spans;
}

/** A number that looks like a phone number (kept: the agent needs it and it is not secret). */
function phoneShaped(digits: string, raw: string): boolean {
  if (/^\+/.test(raw.trim())) return digits.length >= 8 && digits.length <= 15;
  return /^0\d{9,10}$/.test(digits) || /^1[3-9]\d{9}$/.test(digits) || /^(?:44|86|852|1)\d{9,11}$/.test(digits);
}

/** Keep cues that only hint (a time word, a count): a sensitive cue whose value has not come yet wins over them. */
const WEAK_KEEP = new Set<CueKind>(['other_date', 'quantity']);

function nearestCue(cues: Cue[], span: { start: number; end: number }, text: string, numbers: NumberSpan[]): Cue | undefined {
  const best = nearestOf(cues, span, text, numbers);
  if (best?.kind === 'last_four') {
    // Only a card's last four are a look-alike: "身份证后四位", "social security number, last four" are the ID's.
    const owner = [...cues].reverse().find((cue) => cue.end <= best.start);
    if (owner && isSensitive(owner.kind) && owner.kind !== 'card' && best.start - owner.end <= 12) return owner;
  }
  if (!best || !WEAK_KEEP.has(best.kind)) return best;
  // "the code that came through is 4471": "came" is nearer, but the code's value is this number, unless
  // another number came between the cue and this one ("DOB 1964 and the parcel was due on the 12th").
  const pending = [...cues].reverse().find((cue) => isSensitive(cue.kind) && cue.end <= span.start && span.start - cue.end <= BEFORE_WINDOW);
  if (pending && !numbers.some((n) => n.start >= pending.end && n.end <= span.start) && !/[.?!。？！]/.test(text.slice(pending.end, span.start))) return pending;
  return best;
}

function nearestOf(cues: Cue[], span: { start: number; end: number }, text: string, numbers: NumberSpan[]): Cue | undefined {
  let best: Cue | undefined;
  let bestDistance = Infinity;
  for (const cue of cues) {
    // "email" says what the words after it are, never what a number is ("I emailed about order 4471").
    if (cue.kind === 'email') continue;
    // A count word ("張", "件") loses a tie to a cue that says what the number is ("張單，四百二十蚊").
    const weak = WEAK_KEEP.has(cue.kind) ? 1 : 0;
    if (cue.end <= span.start) {
      const distance = span.start - cue.end + weak;
      // A sentence end between the cue and the number weakens it a lot (it is about something else).
      const penalty = /[.?!。？！]\s/.test(text.slice(cue.end, span.start)) ? 30 : 0;
      if (distance <= BEFORE_WINDOW && distance + penalty < bestDistance) [best, bestDistance] = [cue, distance + penalty];
    } else if (cue.start >= span.end) {
      // A password or answer is said after its cue; one starting a new clause after this number
      // ("order H K 2291, password is …") is about what follows, not this number.
      if (isSensitive(cue.kind) && WORD_VALUE_KINDS.has(cue.kind) && /[,，;；、]/.test(text.slice(span.end, cue.start))) continue;
      // Nor is a cue in the next clause that has its own value ("車牌 AB 1234，駕駛執照號碼係 Z …", "… and my licence number is …").
      if (isSensitive(cue.kind) && (/[,，;；、]/.test(text.slice(span.end, cue.start)) || CLAUSE_END.test(text.slice(span.end, cue.start + 1))) && givesOwnValue(text, cue, numbers)) continue;
      const distance = cue.start - span.end + weak;
      if (distance <= AFTER_WINDOW && distance + 2 < bestDistance) [best, bestDistance] = [cue, distance + 2];
    }
  }
  return best;
}

function numberKind(span: NumberSpan, raw: string, nearest: Cue | undefined, given: RedactContext, cardIsOpen: boolean, amountOrDate = false, endsPartial = false): MaskKind | undefined {
  const n = span.digits.length;
  // An age is one small number ("I'm forty two"); a date or a long number after "I'm" is not one.
  let cue = nearest?.kind === 'age' && (n > 3 || span.dateLike || span.hasMonth) ? undefined : nearest;
  if (n >= 13 && n <= 19 && luhnValid(span.digits)) return 'card';
  // An amount or a calendar date ("每次三百六十八块五", "十一月十八號", "fifty nine pounds") is never a
  // card's digits, whether a card is open, asked for or named nearby.
  let context = given;
  let cardOpen = cardIsOpen;
  if (amountOrDate) {
    cardOpen = false;
    if (cue?.kind === 'card') cue = undefined;
    if (context.expect === 'card') context = { ...context, expect: undefined };
  }
  // A partial may hold only the first digit of what is coming: after a cue, one digit is enough to hide.
  const least = context.partial ? 1 : 2;
  const meaningful = (kind: CueKind) =>
    kind === 'dob' || kind === 'expiry' ? span.dateLike || span.hasMonth || n >= least : kind === 'password_chars' || kind === 'password' || kind === 'security_answer' ? n >= 1 : n >= least;
  if (cue && isSensitive(cue.kind) && meaningful(cue.kind)) return cue.kind;
  // A time word or a count ("nine months") does not make a number a look-alike while a card is being
  // read or the agent asked for something sensitive: recognisers hear such words inside digit strings.
  // Nor does a price word after digits read one by one ("three four three six four six cents": the
  // recogniser's "six seven"): nobody says an amount digit by digit.
  const heardAfterDigits = cue?.kind === 'price' && cue.start >= span.end && n >= 4 && !/\b(?:hundred|thousand|and|point)\b|[.,]\d/i.test(raw);
  const weakKeep = cue !== undefined && (WEAK_KEEP.has(cue.kind) || heardAfterDigits) && (cardOpen || (context.expect !== undefined && isSensitive(context.expect)));
  if (cue && !isSensitive(cue.kind) && !weakKeep) {
    // A look-alike: kept, unless it is far too long for one (a whole card read after "order").
    if (cue.kind === 'last_four' && n > 4 && !span.dateLike) return 'card';
    // A partial that stops after the last four may be stopping inside a longer number: hidden until the final.
    if (cue.kind === 'last_four' && endsPartial && !span.dateLike) return 'number';
    return undefined;
  }
  if (cardOpen && n >= 1 && !span.dateLike) return 'card';
  const expect = context.expect;
  if (expect && isSensitive(expect) && meaningful(expect)) return expect;
  // Asked for the last four, the speaker reads more: a card, as after the cue itself (above).
  if (expect === 'last_four' && n > 4 && !span.dateLike && !span.hasMonth) return 'card';
  if (expect === 'last_four' && endsPartial && !span.dateLike && !span.hasMonth) return 'number';
  if (expect && !isSensitive(expect)) return undefined;
  // A partial date may be a date of birth whose cue comes after ("July 4, 1982 is my date of birth"):
  // hidden until the final decides.
  if (context.partial && ((span.dateLike && n >= 2) || (span.hasMonth && (n >= 1 || /\d|first|second|third|th\b/i.test(raw))))) return 'number';
  if (span.dateLike || span.hasMonth) return undefined;
  if (phoneShaped(span.digits, raw)) return undefined;
  if (n >= 8) return 'number';
  if (context.partial && n >= 2) return 'number';
  return undefined;
}

/** The value after a word-valued cue ("password is X", "密码是X"): from after the connector to the clause end. */
function clauseValue(text: string, cue: Cue, cues: Cue[]): { start: number; end: number } | undefined {
  // "emails jsmith at …": a recogniser's "email's"; the "s" is the "is" (cues.ts reads the cue without it).
  const contracted = /^s(?=\s)/.test(text.slice(cue.end));
  const after = contracted ? `:${text.slice(cue.end + 1)}` : text.slice(cue.end);
  let connector = CONNECTOR.exec(after);
  let offset = connector ? connector[0].length : -1;
  if (!connector) {
    // "maiden name of my mum was X", "password for the online account is X", "妈妈娘家姓是X".
    const later = /^(?:[^.?!。？！,，]{1,32}?\s(?=(?:is|was|are|were)\s)|[^.?!。？！\s]{1,10}?(?=[是係]))/i.exec(after);
    if (later) {
      connector = CONNECTOR.exec(after.slice(later[0].length));
      if (connector) offset = later[0].length + connector[0].length;
    }
  }
  if (offset < 0) {
    // "second character B", "pw: hunter2": a direct value only for characters and typed labels, a
    // spelled password, and a value listed after a comma ("maiden name, jones").
    const direct = DIRECT_VALUE.exec(after);
    const spelled = cue.kind === 'password' && SPELLING_START.test(after);
    const listed = (cue.kind === 'password' || cue.kind === 'security_answer') && LISTED_VALUE.test(after);
    // "我妈妈姓王", "我第一只狗叫旺财": the cue ends in its own verb (姓, 叫, 名), the value follows it.
    const verbInCue = cue.kind === 'security_answer' && /[姓叫名]$/.test(text.slice(cue.start, cue.end)) && /^[\u3400-\u9fff]/.test(after);
    if (listed) offset = /^\s*,\s*/.exec(after)![0].length;
    else if (verbInCue) offset = 0;
    else if (cue.kind === 'email' && ADDRESS_JOINED.test(after.slice(0, 40))) offset = /^[\s,:：=]*/.exec(after)![0].length;
    else if (!direct || !(cue.kind === 'password_chars' || /[:：=]/.test(direct[0]) || spelled)) return undefined;
    else offset = direct[0].length;
  }
  const rest = after.slice(offset);
  if (!rest.trim() || NOT_A_VALUE.test(rest) || /^\[/.test(rest)) return undefined;
  const stop = CLAUSE_END.exec(rest);
  let length = stop ? stop.index : rest.length;
  // "my dog's name and the year, so rex nineteen ninety": a value that starts by describing itself goes
  // on to the end of the sentence, where the real value is said.
  if (cue.kind === 'password' && DESCRIBED_VALUE.test(rest)) length = /[.?!。？！;；\n]/.exec(rest)?.index ?? rest.length;
  // Another cue starts a new item ("… and my date of birth is").
  // Only a cue that starts its own item ("… and my date of birth is …"); "the name plus a birthday" is
  // still describing this value.
  const nextCue = cues.find(
    (c) => c.start > cue.end + offset && c.start < cue.end + offset + length && c !== cue && isSensitive(c.kind) && CONNECTOR.test(text.slice(c.end)),
  );
  if (nextCue) length = nextCue.start - (cue.end + offset);
  // A value spelled out ("b as in bravo r as in romeo …") is long in words but still one value.
  length = Math.min(length, /\b[a-z] (?:as in|for|like) [a-z]+/i.test(rest.slice(0, length)) ? 240 : 80);
  // Never stop inside a word.
  while (length < rest.length && /[A-Za-z0-9]/.test(rest[length - 1] ?? '') && /[A-Za-z0-9]/.test(rest[length]!)) length += 1;
  const value = rest.slice(0, length).replace(/[\s,，、]+$/, '');
  if (!value) return undefined;
  return { start: cue.end + offset, end: cue.end + offset + value.length };
}

/**
 * Whether a cue is followed by its own value ("… and my date of birth is 1982"), rather than named
 * inside a described one ("sunshine 加我個仔嘅出世年": my son's birth year, part of a password).
 */
function givesOwnValue(text: string, cue: Cue, numbers: NumberSpan[]): boolean {
  if (numbers.some((n) => n.start >= cue.end && n.start - cue.end <= 8)) return true;
  const after = text.slice(cue.end);
  const connector = CONNECTOR.exec(after);
  return connector !== null && after.slice(connector[0].length).trim() !== '';
}

/** Units that make a number an amount or a calendar date (see `numberKind`). */
const AMOUNT_OR_DATE_UNIT = /^\s*(?:块|塊|元|蚊|毛|角|镑|鎊|英镑|英鎊|美元|港币|港幣|港元|人民币|人民幣|月|號|号|日|(?:pounds?|quid|dollars?|euros?|pence|cents?|bucks|rmb|yuan|hkd)(?![A-Za-z]))/i;
/** Nobody says an amount digit by digit: four or more digits with no place value stay a card's. */
const PLACE_VALUE = /hundred|thousand|\band\b|point|ty\b|teen|[十百千万萬]|[.,]\d/i;

function isAmountOrDate(text: string, span: NumberSpan): boolean {
  const raw = text.slice(span.start, span.end);
  if (span.digits.length >= 4 && !PLACE_VALUE.test(raw)) return false;
  return span.hasMonth || (span.dateLike && /[月號号日]/.test(raw)) || AMOUNT_OR_DATE_UNIT.test(text.slice(span.end)) || /[£$€¥]\s*$/.test(text.slice(0, span.start));
}

/** "this one", "which one", "no one", "one of", "one more": the English word, not a digit. */
// One describing word may come between ("the blue one", "that old one").
const ONE_AS_WORD_BEFORE = /\b(?:this|that|the|which|no|any|each|every|another|other|some|a|an|my|your|his|her|our|their)\s+(?:[a-z]+\s+)?$/i;
const ONE_AS_WORD_AFTER = /^\s+(?:of|more|another|else)\b/i;

function oneAsWord(text: string, span: NumberSpan): boolean {
  return /^one$/i.test(text.slice(span.start, span.end)) && (ONE_AS_WORD_BEFORE.test(text.slice(Math.max(0, span.start - 24), span.start)) || ONE_AS_WORD_AFTER.test(text.slice(span.end, span.end + 10)));
}

/** How many digits make a value of this kind, once the final is heard (a partial may hold only its first digit). */
function plausibleValue(kind: SensitiveKind, span: NumberSpan, partial: boolean): boolean {
  const n = span.digits.length;
  if (partial) return n >= 1 || span.dateLike || span.hasMonth;
  if (kind === 'dob' || kind === 'expiry') return span.dateLike || span.hasMonth || n >= 3;
  if (kind === 'cvv') return n === 3 || n === 4;
  return n >= 4;
}

/** Masks `text` given the conversation's state; the detail feeds the stateful redactor. */
export function redactDetail(source: string, context: RedactContext = {}): RedactionDetail {
  const text = foldWidth(source);
  // Cues are looked for with earlier masks blanked out ("[card number]" is not someone saying "card number").
  const blanked = text.replace(MASK_PATTERN, (mask) => ' '.repeat(mask.length));
  const cues = findCues(blanked);
  const inCue = (start: number, end: number) => cues.some((cue) => start < cue.end && cue.start < end);
  const numbers = findNumbers(source).filter((span) => (!inCue(span.start, span.end) || span.digits.length >= 4) && !oneAsWord(text, span));
  const spans: Span[] = shapeSpans(text, cues.some((cue) => cue.kind === 'bank_account'));
  let cardOpen = context.cardOpen ?? false;

  // Word-valued items first: passwords, characters, security answers ("… is X").
  let dangling: SensitiveKind | undefined;
  for (const cue of cues) {
    if (!isSensitive(cue.kind)) continue;
    const tail = blanked.slice(cue.end);
    const numberAfter = numbers.some((n) => n.start >= cue.end && n.start - cue.end <= BEFORE_WINDOW);
    if (cue.kind === 'email') {
      // "my email is john dot …": a partial hides the words until the final shows they are an address.
      const value = clauseValue(text, cue, cues);
      // After "emails" (a recogniser's "email's", or a plural: "two emails at nine") only joiners make an address.
      const looks = /^s\s/.test(text.slice(cue.end)) ? ADDRESS_JOINED : LOOKS_LIKE_ADDRESS;
      if (value && (context.partial || looks.test(text.slice(value.start, value.end)))) spans.push({ ...value, kind: 'email' });
      else if (!value && DANGLING_TAIL.test(tail)) dangling = 'email';
    } else if (WORD_VALUE_KINDS.has(cue.kind)) {
      const value = clauseValue(text, cue, cues);
      if (value) spans.push({ ...value, kind: cue.kind });
      else if (DANGLING_TAIL.test(tail)) dangling = cue.kind;
    } else if (!numberAfter) {
      // A code or ID said with letters ("it is A B C 1 2"): the value after "is"; else the item was
      // announced but not said yet ("I'll pay by card. Here's the number:"): the next words are it.
      const value = LETTERED_KINDS.has(cue.kind) ? clauseValue(text, cue, cues) : undefined;
      if (value && /\d|\b[A-Za-z]\b/.test(text.slice(value.start, value.end))) spans.push({ ...value, kind: cue.kind });
      else if (!spans.some((span) => span.start >= cue.end)) dangling = cue.kind;
    }
  }

  // The agent asked for a password, answer or characters: the whole reply is the value, unless the reply
  // names it itself ("order H K 2291, password is …"): then only what follows that cue is, and the
  // order number before it stays.
  const namesItsValue = spans.some((span) => span.kind === context.expect);
  // Another item with its own value ("rover twenty and my date of birth is …"): the reply is the asked-for
  // value up to where that item starts.
  const otherItem = cues.find((cue) => isSensitive(cue.kind) && cue.kind !== context.expect && givesOwnValue(blanked, cue, numbers));
  if (
    !context.readBack &&
    !namesItsValue &&
    context.expect &&
    (context.expect === 'password' || context.expect === 'password_chars' || context.expect === 'security_answer' || context.expect === 'email')
  ) {
    const ack = ACK.exec(blanked);
    const start = ack ? ack[0].length : 0;
    const reply = otherItem ? text.slice(start, otherItem.start).replace(ITEM_LEAD_IN, '') : text.slice(start);
    const body = reply.replace(/[\s.?!。？！]+$/, '');
    // An e-mail reply is the value only once it sounds like an address ("the same one as before" is not).
    const isValue = context.expect !== 'email' || context.partial || LOOKS_LIKE_ADDRESS.test(body);
    if (isValue && body.trim() && !MASK_PATTERN.test(body)) spans.push({ start, end: start + body.length, kind: context.expect });
    MASK_PATTERN.lastIndex = 0;
  }

  const overlaps = (span: { start: number; end: number }) => spans.some((s) => span.start < s.end && s.start < span.end);
  const decide = (span: NumberSpan) => {
    const cue = nearestCue(cues, span, blanked, numbers);
    return { span, cue, kind: numberKind(span, text.slice(span.start, span.end), cue, context, cardOpen, isAmountOrDate(text, span), context.partial === true && /^[\s,.]*$/.test(text.slice(span.end))) };
  };
  // A number-valued cue with no number in its own clause ("could you take the card number to pay the
  // difference? It's five one six two …") stays open through the turn: the next digit group is its value,
  // unless a look-alike cue in that group's own clause says what it is.
  const clauseEndAfter = (at: number) => {
    const stop = CLAUSE_END.exec(blanked.slice(at));
    return stop ? at + stop.index : blanked.length;
  };
  const openCues = cues.filter((cue) => isSensitive(cue.kind) && NUMBER_VALUED.has(cue.kind) && !numbers.some((n) => n.start >= cue.end && n.start < clauseEndAfter(cue.end)));
  const openCueFor = (span: NumberSpan, cue: Cue | undefined): SensitiveKind | undefined => {
    if (cue && (isSensitive(cue.kind) || !CLAUSE_END.test(blanked.slice(Math.min(cue.end, span.end), Math.max(cue.start, span.start))))) return undefined;
    const open = [...openCues].reverse().find((c) => c.end <= span.start);
    if (!open || numbers.some((n) => n.start >= open.end && n.end <= span.start) || cues.some((c) => c !== open && isSensitive(c.kind) && c.start >= open.end && c.end <= span.start)) return undefined;
    const kind = open.kind as SensitiveKind;
    if (!plausibleValue(kind, span, context.partial ?? false) || (kind === 'card' && isAmountOrDate(text, span))) return undefined;
    return kind;
  };
  for (const [index, found] of numbers.entries()) {
    if (overlaps(found)) continue;
    // Homophones at the edges ("ate too | niner") are digits once the value is sensitive.
    const edged = withHomophones(text, found);
    const wide = edged === found || overlaps(edged) ? undefined : decide(edged);
    const decided = wide?.kind && wide.kind !== 'number' ? wide : decide(found);
    const { span, cue } = decided;
    let kind = decided.kind;
    if (!kind || kind === 'number') kind = openCueFor(span, cue) ?? kind;
    // The last turn ended on a value ("the code is three five"): a number opening this one goes on with it.
    if (context.continues && index === 0 && (!kind || kind === 'number') && (!cue || isSensitive(cue.kind)) && OPENING_FILLER.test(text.slice(0, span.start))) {
      kind = context.continues;
    }
    if (!kind) continue;
    const widened = kind === 'national_id' || kind === 'bank_account' || kind === 'pin' || kind === 'otp' ? withLetters(text, span) : span;
    spans.push({ start: widened.start, end: widened.end, kind, digits: span.digits.length });
    if (kind === 'card') cardOpen = span.digits.length < 16;
  }
  // Only homophones ("its won won won won", "for too") or misheard Chinese digits ("酒要伞" after
  // "背面三位数"), where a number value is due: its digits. A Chinese run may take in digits already found.
  const soundAlike = [...homophoneRuns(text).map((run) => ({ ...run, skip: overlaps(run) })), ...zhSoundAlikeRuns(text).map((run) => ({ ...run, skip: spans.some((s) => s.start <= run.start && s.end >= run.end) }))];
  for (const run of soundAlike) {
    if (run.skip) continue;
    const cue = [...cues].reverse().find((c) => NUMBER_VALUED.has(c.kind) && c.end <= run.start && run.start - c.end <= BEFORE_WINDOW);
    const due = context.expect && NUMBER_VALUED.has(context.expect) ? (context.expect as SensitiveKind) : context.continues;
    const kind = (cue?.kind as SensitiveKind | undefined) ?? (cardOpen ? 'card' : due);
    if (kind) spans.push({ start: run.start, end: run.end, kind, digits: run.digits.length });
  }
  // The last turn ended inside an e-mail address: "at yahoo dot com" goes on with it.
  const address = context.continues === 'email' ? ADDRESS_CONTINUED.exec(text) : null;
  if (address && address[0].trim()) spans.push({ start: 0, end: address[0].replace(/\s+$/, '').length, kind: 'email' });
  // The last turn ended inside a spelled password: a turn of nothing but spelling goes on with it.
  if (context.continues === 'password' && text.trim() && SPELLING_TURN.test(text)) spans.push({ start: 0, end: text.replace(/[\s.,]+$/, '').length, kind: 'password' });
  if (context.partial) hidePendingTail(text, spans, cues, numbers, context, cardOpen);
  bridgeCorrections(text, spans);
  return { ...applyMasks(source, spans), spans, numbers, cues, dangling };
}

/** Kinds a person may spell with letters (an IBAN's country, an NI number's prefix, a code). */
const SPELLED_KINDS = new Set<CueKind>(['bank_account', 'national_id', 'otp', 'pin', 'password']);

/**
 * A partial ends where the speaker paused, often inside the value: the last words may be the start of
 * a number ("it expires oh", "卡号是四", "民國"), a digit about to repeat ("four double") or the first
 * spelled letters of an IBAN or ID ("IBAN is G B"). They are hidden until the final decides.
 */
function hidePendingTail(text: string, spans: Span[], cues: Cue[], numbers: NumberSpan[], context: RedactContext, cardOpen: boolean): void {
  const coveredTo = (end: number) => spans.some((s) => s.end >= end);
  const lastSensitiveBefore = (at: number) => [...cues].reverse().find((c) => isSensitive(c.kind) && c.end <= at && at - c.end <= BEFORE_WINDOW);
  const kindAt = (at: number): MaskKind => (cardOpen ? 'card' : ((lastSensitiveBefore(at)?.kind as SensitiveKind | undefined) ?? (context.expect && isSensitive(context.expect) ? context.expect : 'number')));
  // "four double", "five triple": at least three digits are coming, whatever the cue.
  const repeat = /(?:double|triple)\s*$/i.exec(text);
  if (repeat) {
    const before = [...numbers].reverse().find((n) => n.end <= repeat.index && SEPARATOR_ONLY.test(text.slice(n.end, repeat.index)));
    const start = before ? before.start : repeat.index;
    if (!coveredTo(text.length) || before) spans.push({ start, end: repeat.index + repeat[0].trimEnd().length, kind: kindAt(start) });
  }
  const letters = PENDING_LETTERS.exec(text);
  if (letters && !coveredTo(letters.index + letters[0].trimEnd().length)) {
    const cue = lastSensitiveBefore(letters.index);
    if (cue && SPELLED_KINDS.has(cue.kind)) spans.push({ start: letters.index, end: letters.index + letters[0].replace(/[\s,]+$/, '').length, kind: cue.kind as SensitiveKind });
  }
  const address = /\b(?:underscore|dot)\b/i.test(text) ? PENDING_ADDRESS.exec(text) : null;
  if (address && !coveredTo(text.length)) spans.push({ start: address.index, end: address.index + address[0].trimEnd().length, kind: 'email' });
  // An era name is always followed by its year (民國七十一年): hidden until the final decides.
  const era = /(?:民國|民国|西元|公元)$/.exec(text);
  if (era && !coveredTo(text.length)) spans.push({ start: era.index, end: text.length, kind: kindAt(era.index) });
  // "[card number], no wait": the correction belongs to the value; the final joins the two masks.
  const last = [...spans].sort((a, b) => b.end - a.end)[0];
  // A partial may stop inside the correction ("no wait, I"): a started word of one counts.
  const after = last ? text.slice(last.end) : '';
  const correcting = after.replace(/\b(?:i|let(?: me)?(?: start)?|scratch|hang|hold|make)\s*$|(?:不[对對]?|唔[係啱]?|[说說讲講对對])$/i, '');
  if (last && last.kind !== 'email' && last.end < text.length && (CORRECTION.test(after) || CORRECTION.test(correcting))) spans.push({ start: last.end, end: text.trimEnd().length, kind: last.kind });
  // "[date of birth] in the year", "[password]然后": the value goes on after the glue.
  else if (last && last.kind !== 'email' && last.kind !== 'number' && last.end < text.trimEnd().length && GLUE.test(text.slice(last.end))) spans.push({ start: last.end, end: text.trimEnd().length, kind: last.kind });
  {
    // The last word of a partial may be the first of a number ("it expires oh", "卡号是四").
    // A spelled ordinal alone ("the fifteenth") is a date only once its month comes: hidden meanwhile.
    // Looked for after the last cue: a cue may end in a digit's sound ("chu sheng ri qi" ends in "qi").
    const lastCueEnd = cues.reduce((end, cue) => Math.max(end, cue.end), 0);
    const found = PENDING_NUMBER_TAIL.exec(text.slice(lastCueEnd));
    const tail = found ? Object.assign(found, { index: found.index + lastCueEnd }) : null;
    const open = cardOpen || (context.expect && isSensitive(context.expect)) || cues.some((cue) => isSensitive(cue.kind) && tail && tail.index - cue.end <= BEFORE_WINDOW && tail.index >= cue.end);
    if (tail && open && !spans.some((s) => s.end >= tail.index + tail[0].length)) {
      const cue = [...cues].reverse().find((c) => isSensitive(c.kind) && c.end <= tail.index);
      spans.push({ start: tail.index, end: tail.index + tail[0].length, kind: cardOpen ? 'card' : ((cue?.kind as SensitiveKind | undefined) ?? (context.expect as SensitiveKind | undefined) ?? 'number') });
    }
  }
}

// The first words of a number still being said: homophones, a spelled ordinal, a Chinese digit, an era
// name, pinyin digits ("ka hao shi si wu").
const PENDING_NUMBER_TAIL = new RegExp(
  `(?:\\b(?:oh|o|for|fore|to|too|won|ate|double|triple)(?:[\\s,]+(?:oh|o|for|fore|to|too|won|ate|double|triple))*|\\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)(?:[\\s,]+(?:of|the))*|[零〇洞拐勾一幺二两兩三四五六七八九]|民國|民国|西元|公元|\\b${PINYIN_DIGIT}(?:[\\s,]+(?:${PINYIN_DIGIT}|shi|nian|yue))*)$`,
  'i',
);
const SEPARATOR_ONLY = /^[\s,.-]*$/;
/** Words a speaker puts between a wrong group and the right one ("…, no wait, I mean …", "不对，是…"). */
const CORRECTION = /^[\s,.，。、!！-]*(?:(?:no|nope|sorry|wait|i mean|actually|hang on|hold on|oops|scratch that|rather|let me start again|make that|it's|its|it is|the|不对|不對|说错了|說錯了|讲错|講錯|唔係|唔啱|错了|錯了|對唔住|对不起|對不起|唔好意思|是|係|哎|唉|哎呀|呃)[\s,.，。、!！-]*)+$/i;
/** Words that join two parts of one value ("… in the year …", "…然后是…", "… then …"). */
const GLUE = /^[\s,，、]*(?:(?:in|the|year|of|and|then|slash|stroke|um|uh|er|erm|然后|然後|跟住|接着|接著|再|是|係|加上|加|那个|那個|呃|嗯)[\s,，、]*)+$/i;
/** Era names written before a year: 民國七十一年 (the Republic of China calendar), 西元/公元 1982. */
const ERA_BEFORE = /(?:民國|民国|西元|公元)\s*$/;

/**
 * Two masks of one kind with only a correction between them are one value said twice; a date's era
 * name goes with its year. Otherwise the words left between masks outline what was said.
 */
function bridgeCorrections(text: string, spans: Span[]): void {
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  for (let i = 0; i + 1 < spans.length; i += 1) {
    const a = spans[i]!;
    const b = spans[i + 1]!;
    if (a.kind === b.kind && a.kind !== 'email' && b.start > a.end && (CORRECTION.test(text.slice(a.end, b.start)) || GLUE.test(text.slice(a.end, b.start)))) {
      a.end = Math.max(a.end, b.end);
      spans.splice(i + 1, 1);
      i -= 1;
    }
  }
  for (const span of spans) {
    if (span.kind !== 'dob' && span.kind !== 'expiry' && span.kind !== 'number') continue;
    const era = ERA_BEFORE.exec(text.slice(0, span.start));
    if (era) span.start = era.index;
  }
}

function applyMasks(text: string, spans: Span[]): Redaction {
  if (spans.length === 0) return { text, kinds: [] };
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end && (span.start < last.end || last.kind === span.kind)) {
      if (span.end > last.end) last.end = span.end;
      continue;
    }
    merged.push({ ...span });
  }
  let out = '';
  let cursor = 0;
  for (const span of merged) {
    out += text.slice(cursor, span.start) + MASKS[span.kind];
    cursor = span.end;
  }
  out += text.slice(cursor);
  return { text: out, kinds: merged.map((span) => span.kind) };
}

/** One text on its own (typed notes, a search query, a log line). */
export function redactText(text: string, context: RedactContext = {}): Redaction {
  const { text: out, kinds } = redactDetail(text, context);
  return { text: out, kinds };
}

export type Speaker = 'agent' | 'customer';

export interface ConversationOptions {
  now?: () => number;
  /** How long an expectation set by a question lasts (default 60 s). */
  expectMs?: number;
}

/** An agent asking for an e-mail address, not mentioning one. */
const EMAIL_QUESTION = /\b(?:what|whats|what's|which|can i|could i|may i|can you|could you|confirm|spell|read|take|have|give|tell|need)\b[^.?!]*\be-?mail\b|\be-?mail(?: address)?(?: please| on (?:the|your) account| we have(?: for you)?)?\s*\??\s*$|(?:邮箱|郵箱|電郵|电邮|电子邮件|電子郵件)(?:地址)?(?:是|係)?(?:多少|什么|什麼|乜嘢|咩|幾多)|(?:请|請|麻烦|麻煩|可以)[^。？]*(?:邮箱|郵箱|電郵|电邮)/i;
/** Number-valued kinds a speaker may finish in the next turn (a card has its own count of digits). */
const CARRIED_KINDS = new Set<MaskKind>(['expiry', 'cvv', 'dob', 'otp', 'pin', 'national_id', 'bank_account', 'email', 'password']);
const TRAILING_FILLER = /^[\s,.，。…]*(?:(?:um|uh|er|erm|and|then|呃|嗯|啊|然后|然後|跟住)[\s,.，。…]*)*$/i;

/** The value a turn ended on, if it is one a speaker goes on with in the next turn ("the code is three five" | "nine two oh four"). */
function endingValue(text: string, spans: Span[], now: number): { kind: SensitiveKind; until: number } | undefined {
  const last = [...spans].sort((a, b) => b.end - a.end)[0];
  if (!last || !CARRIED_KINDS.has(last.kind) || !TRAILING_FILLER.test(text.slice(last.end))) return undefined;
  return { kind: last.kind as SensitiveKind, until: now + 30_000 };
}

/**
 * One call's redactor. It remembers what the agent asked for ("can I take your date of birth" makes the
 * next customer date a date of birth) and a card number being read in pieces over pauses and turns,
 * so "four one one one" alone is masked when it continues a card. Partials use the state but never
 * change it; finals update it.
 */
export class ConversationRedactor {
  private expect: { kind: CueKind; until: number; turns: number } | undefined;
  private card: { digits: number; until: number } | undefined;
  /** What the customer just gave: the agent's read-back ("fourth of July eighty two, thank you") is that too. */
  private echo: { kind: SensitiveKind; until: number } | undefined;
  /** The customer's last turn ended on a number value ("the code is three five"): the next may go on with it. */
  private carry: { kind: SensitiveKind; until: number } | undefined;
  private readonly now: () => number;
  private readonly expectMs: number;

  constructor(options: ConversationOptions = {}) {
    this.now = options.now ?? Date.now;
    this.expectMs = options.expectMs ?? 60_000;
  }

  redact(speaker: Speaker, text: string, phase: 'partial' | 'final' = 'final'): Redaction {
    const now = this.now();
    if (this.expect && this.expect.until < now) this.expect = undefined;
    if (this.card && this.card.until < now) this.card = undefined;
    if (this.echo && this.echo.until < now) this.echo = undefined;
    if (this.carry && this.carry.until < now) this.carry = undefined;
    const context: RedactContext = {
      continues: speaker === 'customer' ? this.carry?.kind : undefined,
      expect: speaker === 'customer' ? this.expect?.kind : this.echo?.kind,
      readBack: speaker === 'agent',
      cardOpen: this.card !== undefined,
      partial: phase === 'partial',
    };
    const detail = redactDetail(text, context);
    if (phase === 'final') this.update(speaker, text, detail, now);
    return { text: detail.text, kinds: detail.kinds };
  }

  /** Whether a card number is being read right now (the panel may offer payment mode). */
  get cardOpen(): boolean {
    return this.card !== undefined && this.card.until >= this.now();
  }

  private update(speaker: Speaker, text: string, detail: RedactionDetail, now: number): void {
    const sensitiveCues = detail.cues.filter((cue) => isSensitive(cue.kind));
    const cardDigits = detail.spans.filter((s) => s.kind === 'card').reduce((sum, s) => sum + (s.digits ?? 16), 0);
    const lastCue = detail.cues[detail.cues.length - 1];
    if (speaker === 'agent') {
      // An agent reading a detail back in pieces ("four one one one" … "two two two two") is still reading it.
      const stillReading = this.echo && detail.kinds.includes(this.echo.kind);
      this.echo = stillReading && this.echo ? { kind: this.echo.kind, until: now + 30_000 } : undefined;
      // "mm hm", "go on" keep the customer's value open; a question or a sentence closes it.
      if (sensitiveCues.length > 0 || detail.text.split(/\s+/).length > 4 || /[\u3400-\u9fff]{6,}/.test(detail.text)) this.carry = undefined;
      // A question sets what the customer's next words are; a long unrelated sentence ends it.
      const asked = sensitiveCues[sensitiveCues.length - 1] ?? (lastCue && (lastCue.kind === 'order' || lastCue.kind === 'phone' || lastCue.kind === 'last_four') ? lastCue : undefined);
      // "I'll email you the details" asks for nothing; "what's the email on the account" does.
      const ask = asked?.kind === 'email' && !EMAIL_QUESTION.test(text) ? undefined : asked;
      if (ask) this.expect = { kind: ask.kind, until: now + this.expectMs, turns: 3 };
      else if (detail.text.split(/\s+/).length > 4 || /[\u3400-\u9fff]{6,}/.test(detail.text)) this.expect = undefined;
      if (ask?.kind === 'card') this.card = { digits: 0, until: now + this.expectMs };
      else if (ask) this.card = undefined;
      return;
    }
    if (cardDigits > 0 || (this.card && detail.numbers.length > 0 && detail.spans.some((s) => s.kind === 'card'))) {
      const total = (this.card?.digits ?? 0) + cardDigits;
      this.card = total >= 16 ? undefined : { digits: total, until: now + 30_000 };
    } else if (this.card && this.card.digits > 0 && detail.numbers.length === 0) this.card = undefined;
    this.carry = endingValue(text, detail.spans, now);
    if (detail.dangling) {
      this.expect = { kind: detail.dangling, until: now + this.expectMs, turns: 2 };
      if (detail.dangling === 'card' && !this.card) this.card = { digits: 0, until: now + this.expectMs };
      return;
    }
    const given = [...detail.kinds].reverse().find((kind): kind is SensitiveKind => isSensitive(kind as CueKind));
    if (given) this.echo = { kind: given, until: now + 30_000 };
    if (this.expect) {
      const satisfied = detail.kinds.includes(this.expect.kind as MaskKind) && this.expect.kind !== 'card';
      this.expect.turns -= 1;
      if (satisfied || this.expect.turns <= 0) this.expect = undefined;
    }
  }
}
