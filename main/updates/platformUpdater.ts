// The electron-updater class for the package this app was installed from. Constructed without an app
// adapter, electron-updater uses Electron's `app` and `net` itself, so this only runs inside Electron
// (main/electron/main.ts passes it to UpdateService); tests build updaters with nodeUpdaterSupport instead.
import { AppImageUpdater, DebUpdater, MacUpdater, NsisUpdater, RpmUpdater, type AppUpdater } from 'electron-updater';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export function createPlatformUpdater(platform: NodeJS.Platform, resourcesPath: string): AppUpdater {
  if (platform === 'win32') return new NsisUpdater();
  if (platform === 'darwin') return new MacUpdater();
  // electron-builder writes resources/package-type for deb and rpm installs; AppImage has none.
  let packageType = '';
  try {
    packageType = readFileSync(path.join(resourcesPath, 'package-type'), 'utf8').trim();
  } catch {
    // AppImage
  }
  if (packageType === 'deb') return new DebUpdater();
  if (packageType === 'rpm') return new RpmUpdater();
  return new AppImageUpdater();
}
