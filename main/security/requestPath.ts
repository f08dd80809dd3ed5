// Total decoding of a request path, shared by both hosts' file servers (the headless static server and
// Electron's app:// handler): it answers for every input and never throws.

/** The decoded path of a request target, or undefined when it is not one we would ever serve
 *  (not absolute, malformed percent escapes, NUL bytes, backslashes). */
export function decodedRequestPath(target: string | undefined): string | undefined {
  if (!target?.startsWith('/')) return undefined;
  const end = target.search(/[?#]/);
  const raw = end === -1 ? target : target.slice(0, end);
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  return decoded;
}
