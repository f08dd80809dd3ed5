// Binds the settings, updates and diagnostics channels (common/contract/settings.ts) to their services.
import type { DiagnosticsService } from '../diagnostics/diagnosticsService';
import type { IpcRouter } from '../ipc/router';
import type { UpdateService } from '../updates/updateService';
import type { SettingsService } from './settingsService';

export interface SettingsChannelServices {
  settings: SettingsService;
  updates: UpdateService;
  diagnostics: DiagnosticsService;
}

export function registerSettingsChannels(router: IpcRouter, { settings, updates, diagnostics }: SettingsChannelServices): void {
  router.handle('ui', 'settings.get', () => settings.view());
  router.handle('ui', 'settings.set', (request) => settings.set(request));
  router.handle('ui', 'diagnostics.export', () => diagnostics.export());
  router.handle('ui', 'updates.status', () => updates.status());
  router.handle('ui', 'updates.installNow', () => updates.installNow());
}
