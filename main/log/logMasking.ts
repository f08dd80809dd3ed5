// Pure: masks customer phone numbers and names in log lines as they are written (createLogger installs it
// on every line, engine-forwarded ones included), so no log file ever holds them in clear. A number keeps
// its last digits (4 of a long number, 2 of a short one) for support to match calls; a name becomes a short
// keyed hash, the same within one run and useless to anyone guessing names offline.
import { createHmac, randomBytes } from 'node:crypto';

/** 7–15 digits with phone punctuation, not part of a word, a dotted number (IP, version) or a dashed id. */
const PHONE = /(?<![\w./-])\+?\(?\d[\d\s()-]{5,}\d(?![\w.])/g;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The user part of a sip:/tel: URI that is a number (customers, and extensions of 3 digits or more). */
const NUMERIC_URI_USER = /\b(sips?:|tel:)(\+?\d{3,15})(?=[@;>\s"']|$)/g;
/** Fields that hold a customer's name or number whatever their value looks like. */
const NAME_KEY = /^(remote|customer|caller|callee|contact|party)Name$|^(customer|caller|contact)$/i;
const NUMBER_KEY = /^(remote|customer|caller|callee|contact|callback)?(Number|Phone)$|^(callerId|phone|phoneNumber|msisdn|target)$/i;

export function maskDigits(number: string): string {
  const digits = number.replace(/\D/g, '');
  const keep = digits.length >= 10 ? 4 : 2;
  return `[phone …${digits.slice(-keep)}]`;
}

export interface LogMasking {
  /** Names and numbers the app has met (callers, customers): masked wherever they appear, even in free text. */
  remember(known: { names?: readonly (string | undefined)[]; numbers?: readonly (string | undefined)[] }): void;
  text(value: string): string;
  /** A copy of a log object with every string masked; errors become plain objects with masked message and stack. */
  value(value: unknown, key?: string): unknown;
}

export function createLogMasking(secret: Buffer = randomBytes(16)): LogMasking {
  const names = new Set<string>();
  const numbers = new Set<string>();
  let known: RegExp | undefined;
  const hashName = (name: string) => `[name ${createHmac('sha256', secret).update(name.trim().toLowerCase()).digest('hex').slice(0, 8)}]`;

  const rebuild = () => {
    const alternatives: string[] = [];
    for (const digits of numbers) alternatives.push(`(?<![\\d])\\+?${[...digits].join('[\\s().-]?')}(?![\\d])`);
    for (const name of [...names].sort((a, b) => b.length - a.length)) {
      const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      alternatives.push(/\p{Script=Han}/u.test(name) ? escaped : `(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`);
    }
    known = alternatives.length > 0 ? new RegExp(alternatives.join('|'), 'giu') : undefined;
  };

  const text = (input: string): string => {
    let out = input;
    if (known) out = out.replace(known, (match) => (/\p{L}/u.test(match) ? hashName(match) : maskDigits(match)));
    out = out.replace(NUMERIC_URI_USER, (_match, scheme: string, user: string) => `${scheme}${maskDigits(user)}`);
    return out.replace(PHONE, (match) => {
      const digits = match.replace(/\D/g, '').length;
      if (digits < 7 || digits > 15 || ISO_DATE.test(match.trim())) return match;
      return maskDigits(match);
    });
  };

  const value = (input: unknown, key?: string): unknown => {
    if (typeof input === 'string') {
      if (key !== undefined && NAME_KEY.test(key) && input.trim() !== '') return hashName(input);
      if (key !== undefined && NUMBER_KEY.test(key) && /\d{3,}/.test(input)) return maskDigits(input);
      return text(input);
    }
    if (typeof input === 'number' && key !== undefined && NUMBER_KEY.test(key)) return maskDigits(String(input));
    if (input instanceof Error) {
      const plain: Record<string, unknown> = { type: input.name, message: text(input.message), stack: input.stack && text(input.stack) };
      for (const [name, item] of Object.entries(input)) plain[name] = value(item, name);
      return plain;
    }
    if (Array.isArray(input)) return input.map((item) => value(item));
    if (input && typeof input === 'object' && Object.getPrototypeOf(input) === Object.prototype) {
      return Object.fromEntries(Object.entries(input).map(([name, item]) => [name, value(item, name)]));
    }
    return input;
  };

  return {
    remember({ names: newNames = [], numbers: newNumbers = [] }) {
      let changed = false;
      for (const name of newNames) {
        const trimmed = name?.trim();
        if (!trimmed || trimmed.length < 2 || names.has(trimmed)) continue;
        names.add(trimmed);
        changed = true;
        // "Margaret Okafor" is also masked where only "Okafor" is written.
        for (const part of trimmed.split(/[\s,.'-]+/u)) if ((part.length >= 3 || /\p{Script=Han}/u.test(part)) && !names.has(part)) names.add(part);
      }
      for (const number of newNumbers) {
        const digits = number?.replace(/\D/g, '') ?? '';
        if (digits.length < 3 || numbers.has(digits)) continue;
        numbers.add(digits);
        changed = true;
      }
      if (changed) rebuild();
    },
    text,
    value,
  };
}
