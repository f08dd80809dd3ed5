// The Electron security baseline in one place, wired to the pure decisions in guards.ts: no navigation,
// no new windows (https links go to the system browser), and media, headset HID and speaker choice for
// the call engine's window and origin only.
import type { WebContents, WebPreferences } from 'electron';
import type { Role } from '../../common/contract/channels';
import type { ElectronApi } from './electronApi';
import { deviceAllowed, externalOpenAllowed, navigationAllowed, permissionAllowed, windowOpenDecision } from './guards';

export function securePreferences(preload: string, extra: Partial<WebPreferences> = {}): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
    ...extra,
  };
}

/** The one path to the system browser: https only, whatever asked. */
export function openExternalSafely(shell: ElectronApi['shell'], url: string): void {
  if (externalOpenAllowed(url)) void shell.openExternal(url);
}

/** `roleOf` tells which of our windows a webContents is (undefined for anything else). */
export function lockDown(electron: Pick<ElectronApi, 'app' | 'session' | 'shell'>, roleOf: (contents: WebContents | null) => Role | undefined): void {
  electron.app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => {
      if (!navigationAllowed(event.url)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => {
      if (!navigationAllowed(event.url)) event.preventDefault();
    });
    contents.setWindowOpenHandler(({ url }) => {
      const decision = windowOpenDecision(url);
      if (decision.openExternally) openExternalSafely(electron.shell, decision.openExternally);
      return { action: decision.action };
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  const ses = electron.session.defaultSession;
  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(permissionAllowed(permission, details.requestingUrl ?? contents.getURL(), roleOf(contents)));
  });
  ses.setPermissionCheckHandler((contents, permission, requestingOrigin) => permissionAllowed(permission, requestingOrigin, roleOf(contents)));
  ses.setDevicePermissionHandler((details) => deviceAllowed(details.deviceType, details.origin));
}
