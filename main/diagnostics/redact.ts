// Pure: masks personal data before anything leaves the laptop in a diagnostics bundle. Phone numbers,
// e-mail addresses (and SIP user parts) and secrets by pattern; customer names and numbers the app knows
// (call history, the outbox) by list, because "Margaret" or extension "1002" have no pattern; and cards,
// dates of birth, PINs, one-time codes (any language, digits or words) by the redactor agent assist uses,
// handed in as a port (createApp gives agent assist's), so both always mask the same things.

export interface KnownPii {
  /** People's names (customers, contacts): masked as whole words, and each part of three letters or more. */
  names?: readonly string[];
  /** Numbers the app has seen (caller ids, callback numbers, short extensions). */
  numbers?: readonly string[];
}

export const MASK = { phone: '[phone]', email: '[email]', name: '[name]', secret: '[secret]' } as const;

/** The port: masks sensitive data in one text (agent assist's redactText in the app). */
export type SensitiveRedactor = (text: string) => { text: string };

const EMAIL = /[\p{L}0-9._%+-]+@[\p{L}0-9-]+(?:\.[\p{L}0-9-]+)*/gu;
/** What support needs and no redactor may touch: timestamps (a bare date may be a birth date), IPv4 addresses with ports, versions, ids, masks already made. */
const KEEP = /\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?|\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?|\bv?\d+(?:\.\d+){1,3}\b|\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b|\[[^\]\n]{1,40}\]/giu;
/** A run of at least 7 digits with phone punctuation (+, spaces, dashes, brackets); not dotted (IPs, versions). */
const PHONE = /(?<![\w./-])\+?\(?\d[\d\s()-]{5,}\d(?![\w.])/g;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const SECRET_KEY = /pass(word)?|secret|token|authorization|api[-_]?key|cookie|credential/i;

export interface Redactor {
  text(value: string): string;
  /** Deep copy with every string redacted and secret-looking keys masked; numbers are left alone. */
  value<T>(value: T): T;
  /** One log line: JSON lines are redacted field by field, other lines as text. */
  line(line: string): string;
}

export function createRedactor(known: KnownPii, sensitive: SensitiveRedactor): Redactor {
  const listed = buildListPattern(known);
  const knownDigits = new Set((known.numbers ?? []).map((number) => number.replace(/\D/g, '')).filter((digits) => digits.length >= 3));

  const text = (input: string): string => {
    let out = input.replace(EMAIL, MASK.email);
    if (listed) out = out.replace(listed, (match) => (/\p{L}/u.test(match) ? MASK.name : MASK.phone));
    out = out.replace(PHONE, (match) => {
      const digits = match.replace(/\D/g, '').length;
      if (digits < 7 || digits > 15 || ISO_DATE.test(match.trim())) return match;
      return MASK.phone;
    });
    return redactBetweenKept(out, sensitive);
  };

  const value = <T>(input: T): T => redactDeep(input, text, knownDigits) as T;

  const line = (input: string): string => {
    const trimmed = input.trim();
    if (trimmed.startsWith('{')) {
      try {
        return JSON.stringify(value(JSON.parse(trimmed)));
      } catch {
        // not JSON after all
      }
    }
    return text(input);
  };

  return { text, value, line };
}

function redactDeep(input: unknown, text: (value: string) => string, knownDigits: ReadonlySet<string>, key?: string): unknown {
  if (key !== undefined && SECRET_KEY.test(key) && input !== null && input !== undefined && typeof input !== 'boolean') return MASK.secret;
  if (typeof input === 'string') return text(input);
  // A known number logged as a JSON number (e.g. an extension) is masked too.
  if (typeof input === 'number') return knownDigits.has(String(Math.abs(input))) ? MASK.phone : input;
  if (Array.isArray(input)) return input.map((item) => redactDeep(item, text, knownDigits));
  if (input && typeof input === 'object') {
    return Object.fromEntries(Object.entries(input).map(([name, item]) => [name, redactDeep(item, text, knownDigits, name)]));
  }
  return input;
}

function buildListPattern(known: KnownPii): RegExp | undefined {
  const alternatives: string[] = [];
  for (const number of known.numbers ?? []) {
    const digits = number.replace(/\D/g, '');
    if (digits.length < 3) continue;
    // The digits with any of the usual separators between them, not inside a longer digit run.
    alternatives.push(`(?<![\\d])\\+?${[...digits].join('[\\s().-]?')}(?![\\d])`);
  }
  const nameParts = new Set<string>();
  for (const name of known.names ?? []) {
    const full = name.trim();
    if (full.length < 2) continue;
    nameParts.add(full);
    for (const part of full.split(/[\s,.'-]+/u)) if (part.length >= 3 || /\p{Script=Han}/u.test(part)) nameParts.add(part);
  }
  // Longest first, so "Margaret Okafor" is masked whole rather than as "[name] [name]".
  for (const part of [...nameParts].sort((a, b) => b.length - a.length)) {
    const escaped = part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // CJK text has no spaces between words: match Han names anywhere, others as whole words.
    alternatives.push(/\p{Script=Han}/u.test(part) ? escaped : `(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`);
  }
  if (alternatives.length === 0) return undefined;
  return new RegExp(alternatives.join('|'), 'giu');
}

/** Runs the sensitive-data redactor over the text between the parts support needs (KEEP). */
function redactBetweenKept(input: string, sensitive: SensitiveRedactor): string {
  let out = '';
  let last = 0;
  for (const kept of input.matchAll(KEEP)) {
    out += redactSegment(input.slice(last, kept.index), sensitive) + kept[0];
    last = kept.index + kept[0].length;
  }
  return out + redactSegment(input.slice(last), sensitive);
}

function redactSegment(segment: string, sensitive: SensitiveRedactor): string {
  return /[\p{L}\p{N}]/u.test(segment) ? sensitive(segment).text : segment;
}
