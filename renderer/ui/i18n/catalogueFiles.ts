// English is in the UI bundle (it is also every language's fallback); each other language's catalogue is
// a JSON file beside the page, fetched when the UI first speaks it (scripts/i18n/write-catalogues.ts).
import type { AppLanguage } from '../../../common/i18n/language';
import { isOneOf } from '../../../common/oneOf';

export const FETCHED_LANGUAGES = ['zh-Hans', 'zh-Hant'] as const satisfies readonly AppLanguage[];
export type FetchedLanguage = (typeof FETCHED_LANGUAGES)[number];

/** The catalogue's path relative to the UI page, or undefined for a language that has no file. */
export function catalogueFile(language: string): string | undefined {
  return isOneOf(FETCHED_LANGUAGES, language) ? `i18n/${language}.json` : undefined;
}
