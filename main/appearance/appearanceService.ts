// The agent's language and theme choice, and the language the UI is showing. Main's own words (OS
// notifications, tray tooltip, quit warning) follow `language()`: the UI's report once it has made one,
// before that the agent's choice, else the computer's languages.
import type { Appearance } from '../../common/contract/appearance';
import { resolveLanguage, type AppLanguage } from '../../common/i18n/language';
import type { AppearanceStore } from './appearanceStore';

export class AppearanceService {
  private current: Appearance;
  private uiLanguage: AppLanguage | undefined;

  constructor(
    private readonly store: AppearanceStore,
    /** The OS's preferred languages, best first (Electron: app.getPreferredSystemLanguages()). */
    private readonly systemLanguages: () => readonly string[],
  ) {
    this.current = store.load();
  }

  get(): Appearance {
    return { ...this.current };
  }

  set(change: Partial<Appearance>): Appearance {
    this.current = { ...this.current, ...change };
    this.store.save(this.current);
    if (change.language && change.language !== 'system') this.uiLanguage = change.language;
    return this.get();
  }

  uiShows(language: AppLanguage): void {
    this.uiLanguage = language;
  }

  language(): AppLanguage {
    if (this.uiLanguage) return this.uiLanguage;
    return this.current.language === 'system' ? resolveLanguage(this.systemLanguages()) : this.current.language;
  }
}
