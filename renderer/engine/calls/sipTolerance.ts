// Pure: makes two common, legitimate-in-practice forms of caller identity readable by JsSIP, whose
// parser drops a whole message when From or To does not parse (no answer at all: the caller hears
// ringing until the server times the INVITE out, and the agent never sees the call):
//   - a tel: URI (RFC 3966), as carriers, IMS cores and many PBX trunks send:
//       From: <tel:+442079460958;phone-context=…>;tag=x  →  From: <sip:+442079460958@host;user=phone>;tag=x
//     (RFC 3261 §19.1.6: the same number as a SIP URI; dialogs are matched by tags, so the far end is
//     still found for BYE);
//   - an unquoted display name with characters a token may not hold (accents, Chinese, "@", …):
//       From: Zoë Chen 陈 <sip:…>  →  From: "Zoë Chen 陈" <sip:…>
// Only the From and To headers of the message head are touched; anything else passes unchanged, and a
// name with control characters stays unparseable (refused as before).

const IDENTITY_HEADER = /^(from|f|to|t)(\s*:\s*)(.*)$/i;
/** RFC 3261 token characters (plus the spaces between tokens of a display name). */
const TOKEN_DISPLAY_NAME = /^[A-Za-z0-9\-.!%*_+`'~ \t]*$/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what must not be quoted into a name
const CONTROL = /[\u0000-\u001f\u007f]/;

/** The host of a request's Request-URI (where the tel: number is turned into a SIP URI), else "invalid". */
function requestHost(startLine: string): string {
  return /^[A-Za-z]+ sips?:(?:[^@\s]*@)?([^;:?>\s]+)/.exec(startLine)?.[1] ?? 'invalid';
}

function telToSip(number: string, host: string): string {
  return `sip:${number}@${host};user=phone`;
}

function tolerateIdentity(value: string, host: string): string {
  let rewritten = value;
  // <tel:number;uri-params> anywhere in the value (name-addr form); the URI's own parameters are dropped.
  rewritten = rewritten.replace(/<\s*tel:([^;>\s]+)[^>]*>/i, (_match, number: string) => `<${telToSip(number, host)}>`);
  // Bare addr-spec form: what follows ";" belongs to the header (tag=…), not the URI.
  rewritten = rewritten.replace(/^tel:([^;\s]+)/i, (_match, number: string) => `<${telToSip(number, host)}>`);
  const nameAddr = /^([^"<]*?)\s*(<.*)$/.exec(rewritten);
  const name = nameAddr?.[1]?.trim();
  if (nameAddr && name && !TOKEN_DISPLAY_NAME.test(name) && !CONTROL.test(name)) {
    rewritten = `"${name.replace(/["\\]/g, (char) => `\\${char}`)}" ${nameAddr[2] ?? ''}`;
  }
  return rewritten;
}

/** The message with its From and To made parseable where that is safe; unchanged otherwise. */
export function tolerateSipIdentities(text: string): string {
  const headEnd = text.indexOf('\r\n\r\n');
  if (headEnd < 0) return text;
  const lines = text.slice(0, headEnd).split('\r\n');
  const host = requestHost(lines[0] ?? '');
  let changed = false;
  for (let index = 1; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const match = IDENTITY_HEADER.exec(line);
    if (!match) continue;
    const value = match[3] ?? '';
    const tolerated = tolerateIdentity(value, host);
    if (tolerated === value) continue;
    lines[index] = `${match[1] ?? ''}${match[2] ?? ''}${tolerated}`;
    changed = true;
  }
  return changed ? lines.join('\r\n') + text.slice(headEnd) : text;
}
