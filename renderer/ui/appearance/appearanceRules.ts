// Pure: what the agent's choice means on this computer now. "system" follows the OS's languages
// (navigator.languages) and its light/dark setting (prefers-color-scheme).
import type { LanguageChoice, ThemeChoice } from '../../../common/contract/appearance';
import { resolveLanguage, type AppLanguage } from '../../../common/i18n/language';

export type Theme = 'light' | 'dark';

export function effectiveLanguage(choice: LanguageChoice, osLanguages: readonly string[]): AppLanguage {
  return choice === 'system' ? resolveLanguage(osLanguages) : choice;
}

export function effectiveTheme(choice: ThemeChoice, osPrefersDark: boolean): Theme {
  if (choice === 'system') return osPrefersDark ? 'dark' : 'light';
  return choice;
}
