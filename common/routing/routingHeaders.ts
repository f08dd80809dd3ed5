// Routing headers of an inbound INVITE: which names count (ours and the common vendor spellings, see
// docs/routing-callbacks.md), how the call engine collects them (bounded, never throws), and how main
// turns them into a routing context. Everything in them is untrusted: each value is length-capped,
// percent-decoded once, refused if it carries control or bidi characters, and checked against a
// per-field pattern. Anything wrong makes the whole set "unavailable" — the call itself never cares.
import { isOneOf } from '../oneOf';
import { ROUTING_RAW_HEADERS_MAX, ROUTING_RAW_VALUE_MAX, type RawRoutingHeader, type RawRoutingHeaders } from '../contract/routingHeaders';

export type RoutingField = 'queue' | 'skill' | 'interactionId' | 'waited' | 'ivrPath';

/** Header names per field, lower case (SIP header names are case-insensitive). The first is ours. */
export const ROUTING_HEADER_NAMES: Readonly<Record<RoutingField, readonly string[]>> = {
  queue: ['x-queue', 'x-queue-name', 'x-ms-custom-queue'],
  skill: ['x-skill', 'x-skill-name', 'x-ms-custom-skill'],
  interactionId: ['x-interaction-id', 'x-ms-custom-interaction-id'],
  waited: ['x-queue-wait', 'x-wait-time', 'x-ms-custom-queue-wait'],
  ivrPath: ['x-ivr-path', 'x-ms-custom-ivr-path'],
};
/** RFC 3261 §20.9: a pointer at the interaction record (purpose=info). */
export const CALL_INFO_HEADER = 'call-info';
/** RFC 7433 User-to-User, and the x- spelling some gateways use instead. */
export const UUI_HEADER_NAMES = ['user-to-user', 'x-user-to-user'] as const;

/** Every header name the engine reads off an INVITE. */
export const ROUTING_HEADER_LIST: readonly string[] = [...Object.values(ROUTING_HEADER_NAMES).flat(), CALL_INFO_HEADER, ...UUI_HEADER_NAMES];

const FIELD_BY_HEADER = new Map<string, RoutingField>(
  (Object.entries(ROUTING_HEADER_NAMES) as [RoutingField, readonly string[]][]).flatMap(([field, names]) => names.map((name) => [name, field] as const)),
);

/** Per-field limits after decoding (Microsoft ACS caps custom values at 256; we are stricter where we can). */
const MAX_LABEL = 64;
const MAX_IVR_PATH = 400;
const MAX_IVR_STEPS = 20;
const MAX_IVR_STEP = 40;
const MAX_WAIT_SECONDS = 86_400;
/** Genesys recommends at most 128 characters of UUI (hex), so 64 bytes of text; we allow twice that. */
const MAX_UUI_HEX = 512;

const LABEL = /^[\p{L}\p{N}][\p{L}\p{N} _.&/()'+-]*$/u;
const INTERACTION_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
// C0/C1 controls, DEL, and bidi embedding/override/isolate characters (which can make a label lie).
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/**
 * Engine side: reads the routing headers through `read` (JsSIP's request.getHeaders), bounded in count and
 * length. A reader that throws counts as no header. Returns undefined when there are none at all.
 */
export function collectRoutingHeaders(read: (name: string) => readonly unknown[] | undefined): RawRoutingHeaders | undefined {
  const headers: RawRoutingHeader[] = [];
  let truncated = false;
  for (const name of ROUTING_HEADER_LIST) {
    let values: readonly unknown[] | undefined;
    try {
      values = read(name);
    } catch {
      values = undefined;
    }
    for (const value of values ?? []) {
      if (typeof value !== 'string') continue;
      if (headers.length >= ROUTING_RAW_HEADERS_MAX) {
        truncated = true;
        break;
      }
      const clipped = value.length > ROUTING_RAW_VALUE_MAX;
      headers.push({ name, value: clipped ? value.slice(0, ROUTING_RAW_VALUE_MAX) : value, ...(clipped ? { clipped } : {}) });
    }
  }
  if (headers.length === 0) return undefined;
  return truncated ? { headers, truncated } : { headers };
}

export interface ParsedRouting {
  status: 'none' | 'ok' | 'unavailable';
  queue?: string;
  skill?: string;
  interactionId?: string;
  waitedSeconds?: number;
  ivrPath: string[];
  /** The interaction record's URL, only if it points at the configured gateway. */
  recordUrl?: string;
  /** Why the set is unavailable, or what was ignored: for the log, never shown as such. */
  problems: string[];
}

export interface ParseOptions {
  /** The gateway's origin (scheme://host:port): the only place a Call-Info record may point at. */
  gatewayOrigin?: string;
}

class Invalid extends Error {}

/** Decodes %XX escapes once (Twilio URI headers and TelcoBridges' text UUI use them). */
function unescape(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    throw new Invalid('malformed percent-escape');
  }
}

function clean(value: string, max: number): string {
  const decoded = unescape(value.trim());
  if (UNSAFE.test(decoded)) throw new Invalid('control or bidi character');
  const text = decoded.normalize('NFC').trim();
  if (text.length === 0) throw new Invalid('empty');
  if (text.length > max) throw new Invalid(`longer than ${max}`);
  return text;
}

function label(value: string): string {
  const text = clean(value, MAX_LABEL);
  if (!LABEL.test(text)) throw new Invalid('unexpected characters');
  return text;
}

function interactionId(value: string): string {
  const text = clean(value, MAX_LABEL);
  if (!INTERACTION_ID.test(text)) throw new Invalid('not an interaction id');
  return text;
}

function waited(value: string): number {
  const text = clean(value, 8);
  if (!/^\d{1,6}$/.test(text)) throw new Invalid('not whole seconds');
  const seconds = Number(text);
  if (seconds > MAX_WAIT_SECONDS) throw new Invalid('more than a day');
  return seconds;
}

/** "Main menu > Billing > Agent" or "main/billing/agent". */
function ivrPath(value: string): string[] {
  const text = clean(value, MAX_IVR_PATH);
  const steps = text.split(/\s*[>/]\s*/).map((step) => step.trim());
  if (steps.length > MAX_IVR_STEPS) throw new Invalid(`more than ${MAX_IVR_STEPS} steps`);
  return steps.map((step) => {
    if (step.length === 0 || step.length > MAX_IVR_STEP || !LABEL.test(step)) throw new Invalid('bad step');
    return step;
  });
}

const PARSERS: { [F in RoutingField]: (value: string) => F extends 'waited' ? number : F extends 'ivrPath' ? string[] : string } = {
  queue: label,
  skill: label,
  interactionId,
  waited,
  ivrPath,
};

/** Splits a header list value on commas outside <…> and quotes (Call-Info may carry several entries). */
function splitList(value: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < value.length; i += 1) {
    const c = value[i];
    if (c === '"' && value[i - 1] !== '\\') quoted = !quoted;
    else if (!quoted && c === '<') depth += 1;
    else if (!quoted && c === '>') depth = Math.max(0, depth - 1);
    else if (!quoted && depth === 0 && c === ',') {
      parts.push(value.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(value.slice(start));
  return parts.map((part) => part.trim()).filter(Boolean);
}

/**
 * An http(s) URL without user info, query or fragment, as origin (lower case, default port dropped, like
 * WHATWG URL.origin) and path; undefined for anything else. By hand: common/ has no URL class.
 */
function webUrl(text: string): { origin: string; path: string } | undefined {
  const match = /^(https?):\/\/([A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(?::(\d{1,5}))?(\/[A-Za-z0-9._~%!$&'()*+,;=:@/-]*)$/.exec(text);
  if (!match) return undefined;
  const scheme = match[1]!.toLowerCase();
  const port = match[3] && Number(match[3]) !== (scheme === 'https' ? 443 : 80) ? `:${Number(match[3])}` : '';
  return { origin: `${scheme}://${match[2]!.toLowerCase()}${port}`, path: match[4]! };
}

/**
 * Call-Info entries pointing at an interaction record on our gateway: `<origin/v1/interactions/ID>;purpose=info`.
 * Entries for other purposes or other hosts are not ours to follow (RFC 3261 says render Call-Info only
 * from a trusted inserter), so they are skipped, not errors.
 */
function callInfoRecords(value: string, gatewayOrigin: string | undefined, problems: string[]): { url: string; id: string }[] {
  const found: { url: string; id: string }[] = [];
  for (const entry of splitList(value)) {
    const match = /^<([^<>\s]{1,500})>\s*((?:;[^;]*)*)$/.exec(entry);
    if (!match) throw new Invalid('Call-Info entry is not <uri>;params');
    const params = match[2]!.split(';').map((param) => param.trim().toLowerCase());
    if (!params.includes('purpose=info')) continue;
    const url = webUrl(match[1]!);
    const record = url && /^\/v1\/interactions\/([^/]+)$/.exec(url.path);
    if (!url || !record) continue;
    if (!gatewayOrigin || url.origin !== gatewayOrigin.toLowerCase()) {
      problems.push(`Call-Info record on ${url.origin} ignored: not the configured gateway`);
      continue;
    }
    found.push({ url: `${url.origin}${url.path}`, id: interactionId(record[1]!) });
  }
  return found;
}

/**
 * User-to-User (RFC 7433) carrying `queue=…;skill=…;interaction=…;wait=…;ivr=…` as hex (the registered
 * encoding, and the default Genesys assumes) or as %-escaped text (encoding=text, TelcoBridges).
 */
function uuiFields(value: string): Partial<Record<RoutingField, string>> {
  const [data = '', ...params] = value.split(';').map((part) => part.trim());
  const encoding = params.find((param) => /^encoding=/i.test(param))?.split('=')[1]?.toLowerCase() ?? 'hex';
  let text: string;
  if (encoding === 'hex') {
    if (data.length > MAX_UUI_HEX || !/^([0-9a-f]{2})+$/i.test(data)) throw new Invalid('UUI is not hex');
    let bytes = Uint8Array.from(data.match(/../g)!.map((pair) => parseInt(pair, 16)));
    // A leading protocol discriminator octet (e.g. 0x04, IA5 characters) is not part of the text.
    if (bytes.length > 0 && bytes[0]! < 0x20) bytes = bytes.subarray(1);
    try {
      // %XX per byte, then the UTF-8 decoder that refuses invalid sequences (common/ has no TextDecoder).
      text = decodeURIComponent(Array.from(bytes, (byte) => `%${byte.toString(16).padStart(2, '0')}`).join(''));
    } catch {
      throw new Invalid('UUI is not UTF-8');
    }
  } else if (encoding === 'text') {
    text = unescape(data);
  } else throw new Invalid(`UUI encoding ${encoding} is not supported`);
  const keys: Record<string, RoutingField> = { queue: 'queue', skill: 'skill', interaction: 'interactionId', wait: 'waited', ivr: 'ivrPath' };
  const fields: Partial<Record<RoutingField, string>> = {};
  for (const pair of text.split(/[;&]/)) {
    const at = pair.indexOf('=');
    if (at <= 0) continue; // UUI may carry data that is not ours: not an error
    const field = keys[pair.slice(0, at).trim().toLowerCase()];
    if (field) fields[field] = pair.slice(at + 1);
  }
  return fields;
}

/** Main side: the routing context the headers describe; never throws. */
export function parseRoutingHeaders(raw: RawRoutingHeaders | undefined, options: ParseOptions = {}): ParsedRouting {
  const problems: string[] = [];
  if (!raw || raw.headers.length === 0) return { status: 'none', ivrPath: [], problems };
  const unavailable = (reason: string): ParsedRouting => ({ status: 'unavailable', ivrPath: [], problems: [...problems, reason] });
  if (raw.truncated) return unavailable('too many routing header lines');
  const values = new Map<RoutingField, { value: string | number | string[]; from: string }>();
  const records: { url: string; id: string }[] = [];
  let ours = false;
  const set = (field: RoutingField, rawValue: string, from: string) => {
    let value: string | number | string[];
    try {
      value = PARSERS[field](rawValue);
    } catch (error) {
      throw new Invalid(`${from}: ${(error as Error).message}`);
    }
    const earlier = values.get(field);
    // Two different values for one field (duplicates, or two spellings disagreeing): trust neither.
    if (earlier && JSON.stringify(earlier.value) !== JSON.stringify(value)) throw new Invalid(`${from} disagrees with ${earlier.from}`);
    values.set(field, { value, from });
    ours = true;
  };
  try {
    for (const header of raw.headers) {
      const name = header.name.toLowerCase();
      if (header.clipped) throw new Invalid(`${name}: oversized`);
      const field = FIELD_BY_HEADER.get(name);
      if (field) set(field, header.value, name);
      else if (name === CALL_INFO_HEADER) {
        const found = callInfoRecords(header.value, options.gatewayOrigin, problems);
        if (found.length > 0) ours = true;
        records.push(...found);
      } else if (isOneOf(UUI_HEADER_NAMES, name)) {
        for (const [uuiField, value] of Object.entries(uuiFields(header.value)) as [RoutingField, string][]) set(uuiField, value, name);
      }
    }
    const ids = new Set(records.map((record) => record.id));
    if (ids.size > 1) throw new Invalid('Call-Info points at two interaction records');
    const id = values.get('interactionId')?.value as string | undefined;
    const record = records[0];
    if (record && id && record.id !== id) throw new Invalid('Call-Info and the interaction id disagree');
    if (!ours) return { status: 'none', ivrPath: [], problems };
    return {
      status: 'ok',
      queue: values.get('queue')?.value as string | undefined,
      skill: values.get('skill')?.value as string | undefined,
      interactionId: id ?? record?.id,
      waitedSeconds: values.get('waited')?.value as number | undefined,
      ivrPath: (values.get('ivrPath')?.value as string[] | undefined) ?? [],
      recordUrl: record?.url,
      problems,
    };
  } catch (error) {
    if (error instanceof Invalid) return unavailable(error.message);
    return unavailable('could not read the routing headers');
  }
}
