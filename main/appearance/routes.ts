// Binds the appearance channels to AppearanceService. Payloads arrive validated by the router.
import type { IpcRouter } from '../ipc/router';
import type { AppearanceService } from './appearanceService';

export function registerAppearanceChannels(router: IpcRouter, appearance: AppearanceService): void {
  router.handle('ui', 'appearance.get', () => appearance.get());
  router.handle('ui', 'appearance.set', (change) => appearance.set(change));
  router.handle('ui', 'appearance.uiLanguage', ({ language }) => (appearance.uiShows(language), {}));
}
