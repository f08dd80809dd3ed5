// Applies the agent's language and theme to the page, from the first frame to every change: fetched from
// main at start, re-applied when the OS changes its language or light/dark setting while the agent
// follows it, and saved in main when the agent chooses. Main is told which language the UI shows, so its
// notifications and tray agree (main/appearance).
import type { i18n as I18n } from 'i18next';
import { defaultAppearance, type Appearance } from '../../../common/contract/appearance';
import { api } from '../useHearthline';
import { effectiveLanguage, effectiveTheme } from './appearanceRules';

const DARK_QUERY = '(prefers-color-scheme: dark)';

let current: Appearance = defaultAppearance;
const listeners = new Set<() => void>();
let i18n: I18n | undefined;
let reported: string | undefined;

function apply(): void {
  const root = document.documentElement;
  const theme = effectiveTheme(current.theme, window.matchMedia(DARK_QUERY).matches);
  root.dataset.theme = theme;
  root.style.colorScheme = theme;
  const language = effectiveLanguage(current.language, navigator.languages);
  root.lang = language;
  if (i18n && i18n.language !== language) void i18n.changeLanguage(language);
  if (reported !== language) {
    reported = language;
    api().invoke('appearance.uiLanguage', { language }).catch(() => (reported = undefined));
  }
  for (const listener of listeners) listener();
}

/** Called once before the first render (renderer/ui/main.tsx). */
export function startAppearance(instance: I18n): void {
  i18n = instance;
  apply();
  window.matchMedia(DARK_QUERY).addEventListener('change', apply);
  window.addEventListener('languagechange', apply);
  const load = (attempt: number): void => {
    api()
      .invoke('appearance.get', {})
      .then((saved) => {
        current = saved;
        apply();
      })
      // The bridge may not be connected yet on a slow start; the OS's settings hold meanwhile.
      .catch(() => attempt < 20 && setTimeout(() => load(attempt + 1), 500));
  };
  load(0);
}

export function currentAppearance(): Appearance {
  return current;
}

export function onAppearanceChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The agent's choice: shown at once, then kept by main (the saved value comes back and wins). */
export async function chooseAppearance(change: Partial<Appearance>): Promise<void> {
  current = { ...current, ...change };
  apply();
  current = await api().invoke('appearance.set', change);
  apply();
}
