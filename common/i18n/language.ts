// The three languages the app speaks and how the OS's preferred languages map onto them. Main (for its
// notifications, tray and quit warning) and the UI (for everything else) both use this, so they agree.
import { z } from 'zod';

export const APP_LANGUAGES = ['en', 'zh-Hans', 'zh-Hant'] as const;
// Marked pure so a bundle that needs only the list (the UI page) leaves zod out (scripts/contractShaking.mjs).
export const AppLanguageSchema = /* @__PURE__ */ z.enum(APP_LANGUAGES);
export type AppLanguage = z.infer<typeof AppLanguageSchema>;

/** Each language's name in itself, as a language menu shows it (the same in every UI language). */
export const LANGUAGE_ENDONYMS: Readonly<Record<AppLanguage, string>> = {
  en: 'English',
  'zh-Hans': '简体中文',
  'zh-Hant': '繁體中文',
};

// Regions that write Traditional characters when a tag names no script ("zh-TW", "zh-HK", "zh-MO").
const TRADITIONAL_REGIONS = new Set(['tw', 'hk', 'mo']);

/** One BCP 47 tag → the app language it asks for, or undefined when the app does not speak it. */
export function languageOfTag(tag: string): AppLanguage | undefined {
  const parts = tag.trim().replace(/_/g, '-').toLowerCase().split('-');
  const [primary, ...rest] = parts;
  if (primary === 'en') return 'en';
  if (primary !== 'zh' && primary !== 'yue' && primary !== 'cmn') return undefined;
  if (rest.includes('hant')) return 'zh-Hant';
  if (rest.includes('hans')) return 'zh-Hans';
  if (rest.some((part) => TRADITIONAL_REGIONS.has(part))) return 'zh-Hant';
  // Cantonese without a script is written in Traditional characters (Hong Kong, Macau).
  return primary === 'yue' ? 'zh-Hant' : 'zh-Hans';
}

/**
 * The OS's preferred languages, best first (navigator.languages, app.getPreferredSystemLanguages) →
 * the first one the app speaks; English when none is.
 */
export function resolveLanguage(preferred: readonly string[]): AppLanguage {
  for (const tag of preferred) {
    const language = languageOfTag(tag);
    if (language) return language;
  }
  return 'en';
}
