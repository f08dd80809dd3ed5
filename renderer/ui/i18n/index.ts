import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { APP_LANGUAGES, resolveLanguage, type AppLanguage } from '../../../common/i18n/language';
import { en } from './en';
import { zh } from './zh';
import { zhHant } from './zhHant';

export const SUPPORTED_LANGUAGES = APP_LANGUAGES;
export type Language = AppLanguage;

/** Starts in the OS's language (`preferred`: navigator.languages); the agent's choice follows from main. */
export function initI18n(preferred: readonly string[]): typeof i18next {
  void i18next.use(initReactI18next).init({
    lng: resolveLanguage(preferred),
    fallbackLng: 'en',
    resources: { en: { translation: en }, 'zh-Hans': { translation: zh }, 'zh-Hant': { translation: zhHant } },
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
  });
  return i18next;
}
