import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { APP_LANGUAGES, resolveLanguage, type AppLanguage } from '../../../common/i18n/language';
import { catalogueBackend, fetchCatalogue } from './catalogueBackend';
import { en } from './en';

export const SUPPORTED_LANGUAGES = APP_LANGUAGES;
export type Language = AppLanguage;

/**
 * Starts in the OS's language (`preferred`: navigator.languages); the agent's choice follows from main.
 * Only English is in the bundle; another language's catalogue is fetched when the UI first speaks it
 * (catalogueFiles.ts), so the page keeps one or two catalogues instead of all three. `ready` settles
 * once the start language's catalogue is in (at once for English).
 */
export function initI18n(preferred: readonly string[]): { i18n: typeof i18next; ready: Promise<unknown> } {
  const ready = i18next
    .use(initReactI18next)
    .use(catalogueBackend(fetchCatalogue))
    .init({
      lng: resolveLanguage(preferred),
      fallbackLng: 'en',
      resources: { en: { translation: en } },
      partialBundledLanguages: true,
      interpolation: { escapeValue: false }, // React escapes already
      returnNull: false,
    });
  return { i18n: i18next, ready };
}
