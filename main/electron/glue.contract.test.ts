// The Electron glue (glue.ts) run against a small fake of the electron module: every window's
// webPreferences, every guard it installs, what those guards decide, and the CSP on app:// pages. It
// runs the real app services behind the glue; only Electron itself is the fake (no display here).
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { ELECTRON_INVOKE_CHANNEL } from '../../common/contract/wire';
import { contentSecurityPolicy } from '../security/csp';
import type { ElectronApi } from './electronApi';
import { runElectronApp, type RunningGlue } from './glue';
import { ENGINE_URL, UI_URL } from './guards';
import { DEFAULT_GLOBAL_SHORTCUTS } from '../desk/globalShortcuts';

type Handler = (...args: unknown[]) => unknown;

let nextContentsId = 1;
class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  url = '';
  windowOpenHandler: Handler | undefined;
  readonly sent: unknown[][] = [];
  setWindowOpenHandler(handler: Handler) {
    this.windowOpenHandler = handler;
  }
  getURL() {
    return this.url;
  }
  isDestroyed() {
    return false;
  }
  send(...args: unknown[]) {
    this.sent.push(args);
  }
}

interface Recorded {
  windows: FakeBrowserWindow[];
  appHandlers: Map<string, Handler[]>;
  ipc: Map<string, Handler>;
  permissionRequest?: Handler;
  permissionCheck?: Handler;
  devicePermission?: Handler;
  protocolHandler?: (request: Request) => Promise<Response>;
  privileged: unknown[];
  opened: string[];
  globalKeys: Map<string, () => void>;
}
const recorded: Recorded = { windows: [], appHandlers: new Map(), ipc: new Map(), privileged: [], opened: [], globalKeys: new Map() };

class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  constructor(readonly options: { webPreferences?: Record<string, unknown> }) {
    super();
    recorded.windows.push(this);
    // What Electron does for every new webContents.
    for (const handler of recorded.appHandlers.get('web-contents-created') ?? []) handler({}, this.webContents);
  }
  async loadURL(url: string) {
    this.webContents.url = url;
    this.webContents.emit('did-finish-load');
  }
  isDestroyed() {
    return false;
  }
  destroy() {}
  reload() {}
  show() {}
  isFocused() {
    return true;
  }
  flashFrame() {}
}

function fakeElectron(userData: string): ElectronApi {
  const app = {
    on(event: string, handler: Handler) {
      recorded.appHandlers.set(event, [...(recorded.appHandlers.get(event) ?? []), handler]);
      return app;
    },
    requestSingleInstanceLock: () => true,
    quit() {},
    exit() {},
    whenReady: () => Promise.resolve(),
    getPath: (name: string) => path.join(userData, name),
    getVersion: () => '0.1.0',
    getLocale: () => 'en',
    getPreferredSystemLanguages: () => ['en-GB'],
    isPackaged: false,
    setBadgeCount: () => true,
  };
  const fake = {
    app,
    BrowserWindow: FakeBrowserWindow,
    globalShortcut: {
      register: (accelerator: string, callback: () => void) => (recorded.globalKeys.set(accelerator, callback), true),
      unregister: (accelerator: string) => recorded.globalKeys.delete(accelerator),
    },
    ipcMain: { handle: (channel: string, handler: Handler) => recorded.ipc.set(channel, handler) },
    Notification: class {
      static isSupported() {
        return false;
      }
    },
    powerMonitor: { on() {} },
    // No keychain here: the store runs session-only, as on a Linux desktop without one.
    safeStorage: { isEncryptionAvailable: () => false, getSelectedStorageBackend: () => 'basic_text' },
    Tray: class {
      setToolTip() {}
      on() {}
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Handler) => (recorded.permissionRequest = handler),
        setPermissionCheckHandler: (handler: Handler) => (recorded.permissionCheck = handler),
        setDevicePermissionHandler: (handler: Handler) => (recorded.devicePermission = handler),
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => recorded.privileged.push(...schemes),
      handle: (_scheme: string, handler: (request: Request) => Promise<Response>) => (recorded.protocolHandler = handler),
    },
    net: { fetch: async (url: string) => new Response(readFileSync(fileURLToPath(url))) },
    shell: { openExternal: async (url: string) => void recorded.opened.push(url) },
  };
  return fake as unknown as ElectronApi;
}

const SIP_SERVER = 'wss://sbc.example.com:8443/ws';
let glue: RunningGlue;

before(async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'hl-glue-'));
  const distDir = path.join(root, 'dist');
  mkdirSync(path.join(distDir, 'renderer'), { recursive: true });
  writeFileSync(path.join(distDir, 'renderer', 'ui.html'), '<!doctype html><title>ui</title>');
  writeFileSync(path.join(distDir, 'renderer', 'engine.html'), '<!doctype html><title>engine</title>');
  const configFile = path.join(root, 'config.json');
  writeFileSync(configFile, JSON.stringify({ sip: { wsUri: SIP_SERVER, sipUri: 'sip:1001@example.com', password: 'secret1001' } }));
  glue = await runElectronApp(fakeElectron(path.join(root, 'profile')), { distDir, configFile });
});
after(async () => {
  await glue?.hearthline.dispose();
});

const byUrl = (url: string) => recorded.windows.find((window) => window.webContents.url === url);

describe('Electron glue against a fake electron', () => {
  it('opens the UI and the engine from app:// with locked-down webPreferences', () => {
    assert.ok(byUrl(UI_URL), 'UI window');
    assert.ok(byUrl(ENGINE_URL), 'engine window');
    for (const window of recorded.windows) {
      const prefs = window.options.webPreferences ?? {};
      assert.deepEqual(
        [prefs.contextIsolation, prefs.sandbox, prefs.nodeIntegration, prefs.nodeIntegrationInWorker, prefs.nodeIntegrationInSubFrames, prefs.webSecurity, prefs.allowRunningInsecureContent, prefs.experimentalFeatures, prefs.webviewTag],
        [true, true, false, false, false, true, false, false, false],
        window.webContents.url,
      );
      assert.match(String(prefs.preload), /preload[/\\](ui|engine)\.js$/);
      assert.equal(prefs.enableBlinkFeatures, undefined);
    }
    // codeCache: the pages' scripts are not compiled from scratch on every start.
    assert.deepEqual(recorded.privileged, [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
  });

  it('installs every guard on every webContents: no navigation, no new windows, https links to the system browser', () => {
    for (const window of recorded.windows) {
      const contents = window.webContents;
      for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
        assert.equal(contents.listenerCount(event), 1, `${event} on ${contents.url}`);
        let prevented = false;
        contents.emit(event, { url: 'https://evil.example/', preventDefault: () => (prevented = true) });
        assert.equal(prevented, true, `${event} prevented`);
      }
      assert.deepEqual(contents.windowOpenHandler?.({ url: 'javascript:alert(1)' }), { action: 'deny' });
      assert.deepEqual(contents.windowOpenHandler?.({ url: 'https://kb.example.com/boiler' }), { action: 'deny' });
    }
    assert.deepEqual(recorded.opened, ['https://kb.example.com/boiler', 'https://kb.example.com/boiler'], 'only the https link, through openExternal');
  });

  it('grants media and HID to the engine window only', async () => {
    const ui = byUrl(UI_URL)!.webContents;
    const engine = byUrl(ENGINE_URL)!.webContents;
    const request = (contents: FakeWebContents, permission: string) =>
      new Promise<boolean>((resolve) => recorded.permissionRequest!(contents, permission, resolve, { requestingUrl: contents.url }));
    assert.equal(await request(engine, 'media'), true);
    assert.equal(await request(engine, 'hid'), true);
    assert.equal(await request(ui, 'media'), false);
    assert.equal(await request(ui, 'hid'), false);
    assert.equal(await request(engine, 'geolocation'), false);
    assert.equal(recorded.permissionCheck!(engine, 'hid', 'app://engine'), true);
    assert.equal(recorded.permissionCheck!(ui, 'media', 'app://hearthline'), false);
    assert.equal(recorded.permissionCheck!(null, 'media', 'app://engine'), false, 'no window: no grant');
    assert.equal(recorded.devicePermission!({ deviceType: 'hid', origin: 'app://engine' }), true);
    assert.equal(recorded.devicePermission!({ deviceType: 'hid', origin: 'app://hearthline' }), false);
    assert.equal(recorded.devicePermission!({ deviceType: 'usb', origin: 'app://engine' }), false);
  });

  it('answers IPC only from our windows’ top frames on their own origin', async () => {
    const invoke = recorded.ipc.get(ELECTRON_INVOKE_CHANNEL)!;
    const ui = byUrl(UI_URL)!.webContents;
    const call = (sender: FakeWebContents, url: string, parent: unknown = null) => invoke({ sender, senderFrame: { url, parent } }, 'app.snapshot', {}) as Promise<{ ok: boolean; error?: { code: string } }>;
    assert.equal((await call(ui, UI_URL)).ok, true);
    assert.equal((await call(ui, UI_URL, {})).error?.code, 'forbidden', 'an iframe');
    assert.equal((await call(ui, 'https://evil.example/')).error?.code, 'forbidden', 'navigated away');
    assert.equal((await call(new FakeWebContents(), UI_URL)).error?.code, 'forbidden', 'a window we did not make');
    const engineOnly = (await invoke({ sender: ui, senderFrame: { url: UI_URL, parent: null } }, 'engine.hello', { build: 'x' })) as { ok: boolean; error?: { code: string } };
    assert.equal(engineOnly.error?.code, 'forbidden', 'the UI cannot call engine channels');
  });

  it('serves app:// pages with the CSP (the engine may reach only the SIP server) and refuses bad paths', async () => {
    const handler = recorded.protocolHandler!;
    const ui = await handler(new Request(UI_URL));
    assert.equal(ui.headers.get('content-security-policy'), contentSecurityPolicy('ui', SIP_SERVER));
    assert.match(ui.headers.get('content-security-policy') ?? '', /script-src 'self';/);
    assert.doesNotMatch(ui.headers.get('content-security-policy') ?? '', /sbc\.example\.com/);
    assert.equal(ui.headers.get('x-content-type-options'), 'nosniff');
    assert.match(await ui.text(), /<title>ui<\/title>/);
    const engine = await handler(new Request(ENGINE_URL));
    assert.match(engine.headers.get('content-security-policy') ?? '', /connect-src 'self' wss:\/\/sbc\.example\.com:8443/);
    assert.equal((await handler(new Request('app://hearthline/%E0%A4%A'))).status, 400);
    assert.equal((await handler(new Request('app://hearthline/engine.html'))).status, 404);
    assert.equal((await handler(new Request('app://other/ui.html'))).status, 404);
  });

  it('registers the OS-wide answer and hang-up keys, which do nothing without a call, and lets them go at quit', () => {
    assert.deepEqual([...recorded.globalKeys.keys()], [DEFAULT_GLOBAL_SHORTCUTS.answer, DEFAULT_GLOBAL_SHORTCUTS.hangup]);
    for (const press of recorded.globalKeys.values()) press();
    assert.deepEqual(glue.hearthline.state.snapshot().calls, []);
    for (const handler of recorded.appHandlers.get('will-quit') ?? []) handler();
    assert.equal(recorded.globalKeys.size, 0);
  });
});
