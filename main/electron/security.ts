// The Electron security baseline in one place: no navigation, no new windows, and permissions only
// for what a softphone needs (microphone, headset HID, notifications) on our own origin.
import { app, session, type WebPreferences } from 'electron';
import { APP_ORIGIN } from './protocol';

const ALLOWED_PERMISSIONS = new Set(['media', 'hid', 'notifications', 'speaker-selection']);

export function securePreferences(preload: string, extra: Partial<WebPreferences> = {}): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    spellcheck: false,
    ...extra,
  };
}

function isOwnOrigin(url: string | undefined): boolean {
  if (!url) return false;
  try {
    return new URL(url).origin === APP_ORIGIN;
  } catch {
    return false;
  }
}

export function lockDown(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((contents, permission, callback) => {
    callback(ALLOWED_PERMISSIONS.has(permission) && isOwnOrigin(contents.getURL()));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => ALLOWED_PERMISSIONS.has(permission) && isOwnOrigin(requestingOrigin));
  ses.setDevicePermissionHandler((details) => details.deviceType === 'hid' && isOwnOrigin(details.origin));
}

export { isOwnOrigin };
