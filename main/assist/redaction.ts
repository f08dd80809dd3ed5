// Pure: masks what must never be stored or shown from a transcript or a typed query, on the device.
// Card numbers (Luhn), security codes after their cue words, national IDs, bank numbers, e-mail
// addresses and phone numbers; digits may be written ("4111 1111…") or spoken ("four one one one…",
// "double four", "oh" for zero). Long digit runs that fail Luhn are still masked: speech recognition
// gets a digit wrong often enough that a card number may not pass the check.

export type RedactionKind = 'card' | 'cvv' | 'id' | 'bank' | 'email' | 'phone' | 'number';

export interface Redaction {
  text: string;
  /** What was masked, for counters and tests (never the values). */
  kinds: RedactionKind[];
}

export const MASKS: Record<RedactionKind, string> = {
  card: '[card number]',
  cvv: '[security code]',
  id: '[ID number]',
  bank: '[bank number]',
  email: '[email]',
  phone: '[phone]',
  number: '[number]',
};

const DIGIT_WORDS: Record<string, string> = {
  zero: '0', nought: '0', one: '1', two: '2', three: '3', four: '4', five: '5',
  six: '6', seven: '7', eight: '8', nine: '9',
};
/** Words speech recognition often hears instead of a digit; they count only inside a run of digits. */
const HOMOPHONES: Record<string, string> = { oh: '0', o: '0', won: '1', to: '2', too: '2', for: '4', fore: '4', ate: '8', sex: '6', tree: '3', free: '3' };
const MULTIPLIERS: Record<string, number> = { double: 2, triple: 3 };

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

interface Token {
  start: number;
  end: number;
  raw: string;
  /** Digits this token stands for ('' for none); `weak` for homophones; `times` for double/triple. */
  digits: string;
  weak?: boolean;
  times?: number;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(/[A-Za-z]+|\d+/g)) {
    const raw = match[0];
    const lower = raw.toLowerCase();
    const token: Token = { start: match.index, end: match.index + raw.length, raw, digits: '' };
    if (/^\d+$/.test(raw)) token.digits = raw;
    else if (DIGIT_WORDS[lower] !== undefined) token.digits = DIGIT_WORDS[lower];
    else if (HOMOPHONES[lower] !== undefined) {
      token.digits = HOMOPHONES[lower];
      token.weak = true;
    } else if (MULTIPLIERS[lower] !== undefined) token.times = MULTIPLIERS[lower];
    tokens.push(token);
  }
  return tokens;
}

interface Run {
  start: number;
  end: number;
  digits: string;
}

/** Runs of digit tokens separated only by spaces, dashes, dots or commas. "o"/"oh" alone never start a run. */
function digitRuns(text: string, tokens: Token[]): Run[] {
  const runs: Run[] = [];
  let current: { tokens: Token[]; digits: string } | undefined;
  let pendingTimes = 1;
  const close = () => {
    if (current) {
      // Trailing and leading weak words ("… for", "to …") belong to the sentence, not the number.
      while (current.tokens.length && current.tokens[current.tokens.length - 1]!.weak) {
        const dropped = current.tokens.pop()!;
        current.digits = current.digits.slice(0, current.digits.length - dropped.digits.length);
      }
      while (current.tokens.length && current.tokens[0]!.weak && !/^(o|oh)$/i.test(current.tokens[0]!.raw)) {
        const dropped = current.tokens.shift()!;
        current.digits = current.digits.slice(dropped.digits.length);
      }
      const strong = current.tokens.filter((t) => !t.weak).length;
      if (current.tokens.length > 0 && strong >= 1) {
        runs.push({ start: current.tokens[0]!.start, end: current.tokens[current.tokens.length - 1]!.end, digits: current.digits });
      }
    }
    current = undefined;
    pendingTimes = 1;
  };
  let previous: Token | undefined;
  for (const token of tokens) {
    const gap = previous ? text.slice(previous.end, token.start) : '';
    const joined = previous !== undefined && /^[\s,.\-/]*$/.test(gap) && !/[.,]\s/.test(gap);
    if (!joined) close();
    if (token.times) {
      pendingTimes = token.times;
      previous = token;
      continue;
    }
    const isDigit = token.digits !== '' && (!token.weak || current !== undefined);
    if (!isDigit) {
      // A weak word can still open a run if the next tokens are digits; keep it tentatively.
      if (token.weak && !current) current = { tokens: [token], digits: token.digits };
      else close();
      previous = token;
      continue;
    }
    current ??= { tokens: [], digits: '' };
    current.tokens.push(token);
    current.digits += token.digits.repeat(pendingTimes);
    pendingTimes = 1;
    previous = token;
  }
  close();
  return runs;
}

const CVV_CUE = /\b(cvv|cvc|cv2|security code|security number|three digits|3 digits|back of (the|your) card)\b/i;
const BANK_CUE = /\b(account|sort code|routing|iban|bank)\b/i;
const ID_CUE = /\b(social security|ssn|national insurance|national id|id number|identity|passport|身份证)\b/i;
const ORDER_CUE = /\b(order|reference|ref|ticket|case|invoice|tracking)\b[^.?!]{0,20}$/i;
const PHONE_CUE = /\b(phone|mobile|cell|number to call|call me (on|at)|reach me)\b/i;

interface Span {
  start: number;
  end: number;
  kind: RedactionKind;
}

function classify(text: string, run: Run, options: RedactOptions): RedactionKind | undefined {
  const before = text.slice(Math.max(0, run.start - 60), run.start);
  const digits = run.digits;
  const n = digits.length;
  if (n >= 13 && n <= 19 && luhnValid(digits)) return 'card';
  if (ID_CUE.test(before) && n >= 6) return 'id';
  if (BANK_CUE.test(before) && n >= 6) return 'bank';
  if (CVV_CUE.test(before) && (n === 3 || n === 4)) return 'cvv';
  // Right after the customer was asked for card details, any digits may be part of the number.
  if (options.paymentContext && n >= 2) return 'card';
  if (ORDER_CUE.test(before) && n <= 12) return undefined;
  if (PHONE_CUE.test(before) && n >= 7) return 'phone';
  if (n >= 12) return 'number';
  if (n >= 10 && n <= 11) return 'phone';
  return undefined;
}

function patternSpans(text: string): Span[] {
  const spans: Span[] = [];
  const add = (re: RegExp, kind: RedactionKind) => {
    for (const match of text.matchAll(re)) spans.push({ start: match.index, end: match.index + match[0].length, kind });
  };
  add(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, 'email');
  // Spoken e-mail: "jane dot smith at example dot com".
  add(/\b[a-z0-9]+(?: dot [a-z0-9]+)* at [a-z0-9]+(?: dot [a-z0-9]+)*? dot (?:com|net|org|co|uk|cn|io)\b/gi, 'email');
  add(/\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b/g, 'bank'); // IBAN
  add(/\b\d{3}-\d{2}-\d{4}\b/g, 'id'); // US SSN
  add(/\b[A-CEGHJ-PR-TW-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b/gi, 'id'); // UK National Insurance
  add(/\b\d{17}[\dXx]\b/g, 'id'); // Chinese resident ID
  add(/\b\d{2}-\d{2}-\d{2}\b(?=[^.]{0,40}\baccount)|(?<=sort code\D{0,12})\d{2}[- ]?\d{2}[- ]?\d{2}\b/gi, 'bank');
  add(/\+\d[\d\s-]{7,16}\d/g, 'phone');
  return spans;
}

export interface RedactOptions {
  /**
   * The conversation is about a card right now (someone said "card number", "expiry", …): every run of
   * two or more digits is masked, because recognisers split a card number over several turns.
   */
  paymentContext?: boolean;
}

/** Masks everything sensitive in `text`. Idempotent: masking masked text changes nothing. */
export function redact(text: string, options: RedactOptions = {}): Redaction {
  const spans = patternSpans(text);
  for (const run of digitRuns(text, tokenize(text))) {
    const kind = classify(text, run, { paymentContext: options.paymentContext || mentionsPayment(text) });
    if (kind) spans.push({ start: run.start, end: run.end, kind });
  }
  if (spans.length === 0) return { text, kinds: [] };
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.start < last.end) {
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

/** True when a turn talks about taking a payment (a hint to offer payment mode). */
export function mentionsPayment(text: string): boolean {
  return /\b(card number|card numbers|credit card|debit card|long number|expiry|expiration|expires|cvv|cvc|security code|sort code)\b/i.test(text);
}
