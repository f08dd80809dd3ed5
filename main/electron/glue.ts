// Electron glue: wires windows, IPC, the tray and OS events to the same services the headless host uses.
// It is handed the electron module (main.ts passes the real one; glue.contract.test.ts a fake), so every
// guard it installs is tested without Electron or a display.
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import path from 'node:path';
import type { Role } from '../../common/contract/channels';
import { ELECTRON_EVENT_CHANNEL, ELECTRON_INVOKE_CHANNEL } from '../../common/contract/wire';
import { createApp } from '../app/createApp';
import { uiReloadDecision } from '../app/uiReload';
import { initialBackoff, markUp, type BackoffState } from '../time/backoff';
import { JsonFileDeviceSettingsStore } from '../devices/deviceSettingsStore';
import { configFileFor, loadAppConfig } from '../config/appConfig';
import { openSecrets } from '../secrets/hostSecrets';
import { gatewayAccountCredential } from '../secrets/gatewayCredential';
import { ElectronAgentAlerts } from './agentAlerts';
import { JsonFileAppearanceStore } from '../appearance/appearanceStore';
import { mainText } from '../../common/i18n/mainStrings';
import { createLogger } from '../log/logger';
import { SafeStorageKeyCustody } from '../store/keyCustody';
import { openStore, type StoreHandle } from '../store/store';
import { quitWarning } from '../wrapup/quitWarning';
import { reconnectAfterResume } from '../reliability/systemResume';
import { managementForPlatform } from '../settings/platformManagement';
import type { ElectronApi } from './electronApi';
import { EngineWindowHost } from './engineWindowHost';
import { GlobalCallKeys } from './globalShortcuts';
import { ipcSenderRole, UI_URL } from './guards';
import { registerAppScheme, serveRenderer } from './protocol';
import { lockDown, securePreferences } from './security';

export interface GlueOptions {
  /** The dist folder (renderer, preload, assets). */
  distDir: string;
  configFile?: string;
}

/** What the glue built, for the contract test. */
export interface RunningGlue {
  hearthline: ReturnType<typeof createApp>;
}

/** Runs before the app is ready (scheme privileges must be registered then), then starts everything. */
export function runElectronApp(electron: ElectronApi, options: GlueOptions): Promise<RunningGlue> {
  const { app } = electron;
  registerAppScheme(electron.protocol);
  if (!app.requestSingleInstanceLock()) app.quit();
  return start(electron, options);
}

async function start(electron: ElectronApi, { distDir, configFile: configured }: GlueOptions): Promise<RunningGlue> {
  const { app, BrowserWindow, ipcMain, Notification, powerMonitor, safeStorage, Tray } = electron;
  await app.whenReady();
  const log = createLogger({ dir: app.getPath('logs') });
  // Same resolution as the headless host: a given file (--config), else HEARTHLINE_CONFIG, else the user-data folder's file.
  const configSource = { flag: configured ?? app.commandLine.getSwitchValue('config'), env: process.env, fallbackFile: path.join(app.getPath('userData'), 'config.json') };
  // The SIP password is kept under a key the OS keychain wraps; a plain one leaves config.json first (main/secrets).
  const secrets = openSecrets({
    configFile: configFileFor(configSource),
    file: path.join(app.getPath('userData'), 'secrets.json'),
    custody: new SafeStorageKeyCustody({ safeStorage, stateFile: path.join(app.getPath('userData'), 'secrets-key.json') }),
    log,
  });
  const config = loadAppConfig(configSource);
  const roles = new Map<number, Role>();
  lockDown(electron, (contents) => (contents ? roles.get(contents.id) : undefined));
  // The CSP follows the effective account (IT policy may replace the configured server); pages load after createApp.
  serveRenderer(electron, path.join(distDir, 'renderer'), () => hearthline.sipServer());

  const attachSink = (role: Role, contents: WebContents) => {
    roles.set(contents.id, role);
    let detach: (() => void) | undefined;
    contents.on('did-finish-load', () => {
      detach?.();
      detach = hearthline.hub.attach(role, (channel, payload) => {
        if (!contents.isDestroyed()) contents.send(ELECTRON_EVENT_CHANNEL, channel, payload);
      });
    });
    contents.once('destroyed', () => {
      roles.delete(contents.id);
      detach?.();
    });
  };

  const engineHost = new EngineWindowHost(BrowserWindow, path.join(distDir, 'preload', 'engine.js'), (window) => attachSink('engine', window.webContents));
  const alerts = new ElectronAgentAlerts(electron, () => hearthline.appearance.language());
  const management = await managementForPlatform({
    platform: process.platform,
    userDataDir: app.getPath('userData'),
    logDir: app.getPath('logs'),
    diagnosticsDir: app.getPath('downloads'),
    resourcesPath: process.resourcesPath,
    appVersion: app.getVersion(),
    packaged: app.isPackaged,
    versions: () => ({ app: app.getVersion(), electron: process.versions.electron, chrome: process.versions.chrome, node: process.versions.node }),
    log,
  });
  // The encrypted local store: key wrapped by the OS keychain; refused keychains give a session-only store.
  let store: StoreHandle | undefined;
  try {
    const userData = app.getPath('userData');
    const custody = new SafeStorageKeyCustody({ safeStorage, stateFile: path.join(userData, 'db-key.json') });
    store = openStore({ file: path.join(userData, 'hearthline.db'), custody, log: log.child({ component: 'store' }) });
  } catch (error) {
    log.error({ err: error }, 'the SQLite driver did not load; wrap-up and the outbox are off');
  }
  const gatewayToken = process.env.HEARTHLINE_GATEWAY_TOKEN;
  const gateway = config.config.gatewayUrl && gatewayToken ? { url: config.config.gatewayUrl, token: gatewayToken, accountCredential: gatewayAccountCredential(secrets, process.env, log) } : undefined;
  const deviceSettings = new JsonFileDeviceSettingsStore(path.join(app.getPath('userData'), 'devices.json'), log.child({ component: 'devices' }));
  // Agent assist keeps its models under the profile (<userData>/models/asr for a sherpa-onnx model IT installs).
  const assist = { dataDir: app.getPath('userData') };
  const appearance = { store: new JsonFileAppearanceStore(path.join(app.getPath('userData'), 'appearance.json'), log.child({ component: 'appearance' })), systemLanguages: () => app.getPreferredSystemLanguages() };
  const hearthline = createApp({ log, engineHost, config, alerts, management, store, gateway, deviceSettings, assist, appearance, secrets });

  ipcMain.handle(ELECTRON_INVOKE_CHANNEL, (event: IpcMainInvokeEvent, channel: unknown, payload: unknown) => {
    // Only our own two windows, from their top frame on their own origin, may speak the contract.
    const frame = event.senderFrame;
    const role = ipcSenderRole(roles.get(event.sender.id), frame ? { url: frame.url, isTopFrame: frame.parent === null } : undefined);
    if (!role) {
      log.warn({ sender: event.sender.id, url: event.senderFrame?.url }, 'IPC from an unknown sender refused');
      return { ok: false, error: { code: 'forbidden', message: 'Unknown sender' } };
    }
    return hearthline.router.dispatch({ role, id: `wc-${event.sender.id}` }, channel, payload);
  });

  const uiWindow = new BrowserWindow({
    width: 1100,
    height: 760,
    title: mainText(hearthline.appearance.language(), 'appName'),
    webPreferences: securePreferences(path.join(distDir, 'preload', 'ui.js')),
  });
  attachSink('ui', uiWindow.webContents);
  // A crashed UI is reloaded (calls live in the engine and carry on), with back-off (main/app/uiReload.ts).
  let uiReload: BackoffState = initialBackoff;
  let uiReloadTimer: NodeJS.Timeout | undefined;
  uiWindow.webContents.on('did-finish-load', () => (uiReload = markUp(uiReload, performance.now())));
  uiWindow.webContents.on('render-process-gone', (_event, details) => {
    const decision = uiReloadDecision(uiReload, performance.now(), details.reason);
    uiReload = decision.state;
    if (decision.action !== 'reload') return;
    log.warn({ reason: details.reason, delayMs: decision.delayMs }, 'UI renderer gone; reloading');
    clearTimeout(uiReloadTimer);
    uiReloadTimer = setTimeout(() => {
      if (!uiWindow.isDestroyed()) uiWindow.reload();
    }, decision.delayMs);
  });
  await uiWindow.loadURL(UI_URL);

  const tray = new Tray(path.join(distDir, 'assets', 'tray.png'));
  tray.setToolTip(mainText(hearthline.appearance.language(), 'appName'));
  tray.on('click', () => uiWindow.show());
  alerts.attach(uiWindow, tray);
  hearthline.state.onChange((snapshot) => alerts.setPresence(snapshot.presence));

  powerMonitor.on('resume', () => reconnectAfterResume(hearthline.engine, log, 'resume'));
  powerMonitor.on('unlock-screen', () => reconnectAfterResume(hearthline.engine, log, 'unlock-screen'));

  await hearthline.start();
  const callKeys = new GlobalCallKeys({
    globalShortcut: electron.globalShortcut,
    calls: () => hearthline.state.snapshot().calls,
    act: (action, callId) => (action === 'answer' ? hearthline.calls.answer(callId) : hearthline.calls.hangup(callId)),
    log: log.child({ component: 'globalShortcuts' }),
  });
  const planCallKeys = () => callKeys.apply({ policyAllows: management.policy?.current().policy.globalCallShortcuts, configured: config.config.globalShortcuts });
  planCallKeys();
  management.policy?.onChange(planCallKeys);
  app.on('will-quit', () => callKeys.clear());
  app.on('before-quit', () => {
    // A downloaded update installs at quit only if the agent is idle (no call, wrap-up, unsynced notes).
    hearthline.management.quitting();
    // Never blocks quitting: unsynced notes are safe on disk and go out at the next start.
    const warning = quitWarning((hearthline.outbox?.unsyncedCount() ?? 0) + (hearthline.wrapup?.heldCount() ?? 0), hearthline.appearance.language());
    if (warning && Notification.isSupported()) new Notification(warning).show();
    void hearthline.dispose();
  });
  app.on('window-all-closed', () => app.quit());
  return { hearthline };
}

