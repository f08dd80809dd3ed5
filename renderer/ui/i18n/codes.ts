// Codes that reach the screen (dispositions, preferred channels, phone labels) are shown through the
// catalogue, never raw. A code the catalogue does not know (a CRM's own) falls back to what the CRM
// sent; a phone label keeps any free text after a known word ("home (stack 1002)").
import type { TFunction } from 'i18next';
import { en } from './en';

export type CodeKind = keyof typeof en.codes;

const normalise = (code: string) => code.trim().toLowerCase().replace(/[\s-]+/g, '_');

/** The catalogue key for `code`, or undefined when the catalogue has no entry for it. */
export function codeKey(kind: CodeKind, code: string): `codes.${CodeKind}.${string}` | undefined {
  const id = normalise(code);
  return Object.hasOwn(en.codes[kind], id) ? `codes.${kind}.${id}` : undefined;
}

/** The words for a code in the current language; `fallback` (or the code itself) for codes the catalogue lacks. */
export function codeLabel(t: TFunction, kind: CodeKind, code: string, fallback?: string): string {
  const key = codeKey(kind, code);
  if (key) return t(key as never);
  if (kind === 'phoneLabel') {
    // "home (stack 1002)": translate the known word, keep the rest as the CRM wrote it.
    const match = /^([A-Za-z][A-Za-z _-]*?)(\s*\(.*\))$/.exec(code.trim());
    const head = match?.[1] && codeKey(kind, match[1]);
    if (head) return `${t(head as never)}${match[2]}`;
  }
  return fallback ?? code;
}

/** A customer's language tag ("zh", "en-GB") named in the agent's language ("Chinese", "中文"). */
export function languageName(tag: string, uiLanguage: string): string {
  try {
    return new Intl.DisplayNames([uiLanguage], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}
