// Keeps the app up to date from IT's feed without ever interrupting work: checks and downloads in the
// background, and installs only when updateGate says the agent is idle (or when they ask, or at quit).
// Fail closed: no publisher name on Windows → no updates; a channel never silently allows a downgrade;
// update mode off → no updater exists, so nothing can contact the feed; on Linux, no file installs
// without a detached signature by a pinned release key (updateSignature.ts).
import type { CancellationToken } from 'builder-util-runtime';
import type { AppUpdater, UpdateDownloadedEvent } from 'electron-updater';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { UpdateMode } from '../../common/contract/policy';
import type { UpdateDeferReason, UpdateStatus } from '../../common/contract/settings';
import { ServiceError } from '../ipc/errors';
import type { Logger } from '../log/logger';
import type { Settings } from '../policy/resolveSettings';
import { systemScheduler, type CancelTimer, type Scheduler } from '../time/scheduler';
import { updateGate, type UpdateGateInput } from './updateGate';
import { verifyUpdateFile } from './updateSignature';

export interface UpdateSettings {
  mode: UpdateMode;
  feedUrl: string | undefined;
  channel: string;
  allowDowngrade: boolean;
  publisherNames: string[];
  /** Linux: base64 Ed25519 public keys an update file must be signed with (pinned in the build or by policy). */
  signingKeys: string[];
}

export function updateSettingsFrom(values: Settings): UpdateSettings {
  return {
    mode: values.updateMode ?? 'auto',
    feedUrl: values.updateFeedUrl,
    channel: values.updateChannel ?? 'latest',
    allowDowngrade: values.updateAllowDowngrade ?? false,
    publisherNames: values.updatePublisherNames ?? [],
    signingKeys: values.updateSigningKeys ?? [],
  };
}

export interface UpdateServiceDeps {
  settings: () => UpdateSettings;
  /**
   * Builds the platform's electron-updater (NsisUpdater, MacUpdater, AppImageUpdater, DebUpdater…).
   * Left out where the app cannot update itself (the headless host).
   */
  createUpdater?: () => AppUpdater;
  activity: () => UpdateGateInput;
  platform: NodeJS.Platform;
  currentVersion: string;
  /** Folder for the app-update.yml this service writes (feed, channel, publisher names). */
  configDir: string;
  log: Logger;
  scheduler?: Scheduler;
  /** First check this long after start (keeps start-up free), then every checkIntervalMs. */
  firstCheckDelayMs?: number;
  checkIntervalMs?: number;
  /** Tells the agent without interrupting (a dismissible notice). */
  notify?: (key: string, values?: Record<string, string | number>) => void;
}

const UPDATER_CACHE_DIR_NAME = 'hearthline-updater';
const DEFERRED_RECHECK_MS = 60_000;

const REASON_WORDS: Record<UpdateDeferReason, string> = {
  callActive: 'a call is in progress',
  wrapUp: 'wrap-up is not finished',
  unsyncedOutbox: 'notes are still waiting to reach the CRM',
};

export class UpdateService {
  private updater: AppUpdater | undefined;
  private feedKey: string | undefined;
  private current: UpdateStatus;
  private checkTimer: CancelTimer | undefined;
  private recheckTimer: CancelTimer | undefined;
  private download: CancellationToken | undefined;
  private notifiedVersion: string | undefined;
  private inFlight: Promise<void> = Promise.resolve();
  /** The signature check of the file just downloaded (the download is not finished until it is). */
  private accepting: Promise<void> = Promise.resolve();
  private readonly scheduler: Scheduler;

  constructor(private readonly deps: UpdateServiceDeps) {
    this.scheduler = deps.scheduler ?? systemScheduler;
    const settings = deps.settings();
    this.current = { mode: settings.mode, state: 'disabled', currentVersion: deps.currentVersion, channel: settings.channel };
  }

  status(): UpdateStatus {
    return this.current;
  }

  start(): void {
    this.applySettings();
  }

  /** Call when update settings may have changed (policy or the agent's choice). */
  applySettings(): void {
    const settings = this.deps.settings();
    const base = { mode: settings.mode, channel: settings.channel };
    const refuse = this.refusal(settings);
    if (refuse) {
      this.teardown();
      this.setStatus({ ...base, state: refuse.state, error: refuse.error, availableVersion: undefined, deferredBecause: undefined });
      if (refuse.error) this.deps.log.warn({ reason: refuse.error }, 'updates disabled');
      return;
    }
    const feedKey = JSON.stringify([settings.feedUrl, settings.channel, settings.allowDowngrade, settings.publisherNames, settings.signingKeys]);
    if (this.updater && feedKey === this.feedKey) {
      // Only the mode changed (auto ↔ notify): keep what was downloaded.
      this.setStatus(base);
      this.maybeInstall();
      return;
    }
    this.teardown();
    this.updater = this.build(settings);
    this.feedKey = feedKey;
    this.setStatus({ ...base, state: 'idle', error: undefined, availableVersion: undefined, deferredBecause: undefined });
    this.scheduleCheck(this.deps.firstCheckDelayMs ?? 30_000);
  }

  /** Asks the feed now; downloads in the background when there is a newer version. */
  check(): Promise<void> {
    const updater = this.updater;
    if (!updater || ['checking', 'downloading', 'ready', 'installing'].includes(this.current.state)) return this.inFlight;
    this.inFlight = this.checkAndDownload(updater);
    return this.inFlight;
  }

  /** Resolves when the check (and download) under way, if any, has finished. */
  settled(): Promise<void> {
    return this.inFlight;
  }

  private async checkAndDownload(updater: AppUpdater): Promise<void> {
    this.setStatus({ state: 'checking', error: undefined });
    try {
      const result = await updater.checkForUpdates();
      if (updater !== this.updater) return;
      this.setStatus({ lastCheckedAt: this.scheduler.now() });
      if (!result) {
        this.setStatus({ state: 'unsupported', error: 'This copy of Hearthline is not an installed package, so it cannot update itself.' });
        return;
      }
      if (!result.isUpdateAvailable) {
        this.setStatus({ state: 'idle' });
        return;
      }
      this.setStatus({ state: 'downloading', availableVersion: result.updateInfo.version });
      this.download = result.cancellationToken;
      await result.downloadPromise;
      await this.accepting;
    } catch (error) {
      if (updater !== this.updater) return;
      const message = (error as Error).message ?? String(error);
      this.deps.log.error({ err: error }, 'update check or download failed');
      this.setStatus({ state: 'error', error: message.slice(0, 1000), availableVersion: undefined });
    } finally {
      this.download = undefined;
    }
  }

  /** Re-evaluates a waiting update; call whenever calls, wrap-up or the outbox change. */
  activityChanged(): void {
    this.maybeInstall();
  }

  /** The agent asked to install now: allowed only when idle. */
  installNow(): UpdateStatus {
    if (this.current.state !== 'ready') throw new ServiceError('conflict', 'No update is ready to install');
    const decision = updateGate(this.deps.activity());
    if (!decision.install) {
      throw new ServiceError('conflict', `The update will install once you are free: ${decision.reasons.map((r) => REASON_WORDS[r]).join(', ')}`);
    }
    this.install();
    return this.current;
  }

  /**
   * The app is quitting: install a ready update now if the agent is idle (Windows and Linux; on macOS
   * Squirrel installs only through quitAndInstall, so the update waits for the next idle moment).
   */
  quitting(): void {
    const updater = this.updater as (AppUpdater & { install?: (isSilent?: boolean, isForceRunAfter?: boolean) => boolean }) | undefined;
    if (!updater || this.current.state !== 'ready' || typeof updater.install !== 'function') return;
    if (!updateGate(this.deps.activity()).install) return;
    this.deps.log.info({ version: this.current.availableVersion }, 'installing update at quit');
    updater.install(true, false);
  }

  dispose(): void {
    this.teardown();
  }

  private refusal(settings: UpdateSettings): { state: UpdateStatus['state']; error?: string } | undefined {
    if (settings.mode === 'off') return { state: 'disabled' };
    if (!this.deps.createUpdater) return { state: 'unsupported' };
    if (!settings.feedUrl) return { state: 'disabled', error: 'No update feed is configured.' };
    if (this.deps.platform === 'win32' && settings.publisherNames.length === 0) {
      return { state: 'disabled', error: 'Updates are refused: no code-signing publisher name is configured to verify them with.' };
    }
    if (this.deps.platform === 'linux' && settings.signingKeys.length === 0) {
      return { state: 'disabled', error: 'Updates are refused: no update signing key is configured to verify them with.' };
    }
    return undefined;
  }

  private build(settings: UpdateSettings): AppUpdater {
    // The updater reads its feed and publisher names from app-update.yml; we write that file ourselves, so
    // Windows signature checks always have a publisher name to enforce (electron-updater skips the check
    // when the name is missing). JSON is valid YAML.
    mkdirSync(this.deps.configDir, { recursive: true });
    const configFile = path.join(this.deps.configDir, 'app-update.yml');
    const config = { provider: 'generic', url: settings.feedUrl, publisherName: settings.publisherNames, updaterCacheDirName: UPDATER_CACHE_DIR_NAME };
    writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`);

    const updater = this.deps.createUpdater!();
    updater.updateConfigPath = configFile;
    const log = this.deps.log.child({ component: 'updater' });
    updater.logger = {
      info: (message?: unknown) => log.info(String(message)),
      warn: (message?: unknown) => log.warn(String(message)),
      error: (message?: unknown) => log.error(String(message)),
      debug: (message: string) => log.debug(message),
    };
    updater.autoDownload = true;
    // We choose the moment to install (updateGate); electron-updater must not install on its own at quit.
    updater.autoInstallOnAppQuit = false;
    updater.disableWebInstaller = true;
    updater.channel = settings.channel;
    // Setting `channel` switches allowDowngrade on inside electron-updater: switch it back unless policy allows it.
    updater.allowDowngrade = settings.allowDowngrade;
    updater.on('update-downloaded', (event: UpdateDownloadedEvent) => {
      if (updater !== this.updater) return;
      this.accepting = this.accept(updater, event, settings);
    });
    // The installer is started asynchronously; if it cannot start, say so instead of "installing" forever.
    updater.on('error', (error: Error) => {
      if (updater === this.updater && this.current.state === 'installing') {
        this.setStatus({ state: 'error', error: `Installing the update failed: ${error.message}`.slice(0, 1000) });
      }
    });
    return updater;
  }

  /** A downloaded file becomes installable only once verified (Linux: its detached signature). */
  private async accept(updater: AppUpdater, event: UpdateDownloadedEvent, settings: UpdateSettings): Promise<void> {
    if (this.deps.platform === 'linux') {
      const signatureUrl = signatureUrlFor(settings.feedUrl!, event);
      const signed = signatureUrl !== undefined && (await verifyUpdateFile(event.downloadedFile, signatureUrl, settings.signingKeys).catch(() => false));
      if (updater !== this.updater) return;
      if (!signed) {
        this.deps.log.error({ version: event.version, signatureUrl: signatureUrl?.href }, 'update refused: no valid signature by a pinned key');
        this.setStatus({ state: 'error', error: `The update to ${event.version} was refused: it has no valid signature from a pinned release key.`, availableVersion: undefined });
        return;
      }
    }
    this.setStatus({ state: 'ready', availableVersion: event.version });
    this.deps.log.info({ version: event.version }, 'update downloaded and verified');
    if (this.notifiedVersion !== event.version) {
      this.notifiedVersion = event.version;
      this.deps.notify?.(this.current.mode === 'auto' ? 'notice.updateReadyAuto' : 'notice.updateReady', { version: event.version });
    }
    this.maybeInstall();
  }

  private maybeInstall(): void {
    this.recheckTimer?.();
    this.recheckTimer = undefined;
    if (this.current.state !== 'ready') return;
    const decision = updateGate(this.deps.activity());
    if (!decision.install) {
      this.setStatus({ deferredBecause: decision.reasons });
      // Not every change that frees the agent (the outbox draining) is announced: look again soon.
      this.recheckTimer = this.scheduler.setTimer(DEFERRED_RECHECK_MS, () => this.maybeInstall());
      return;
    }
    this.setStatus({ deferredBecause: undefined });
    if (this.current.mode === 'auto') this.install();
  }

  private install(): void {
    const updater = this.updater;
    if (!updater) return;
    this.setStatus({ state: 'installing', deferredBecause: undefined });
    this.deps.log.info({ version: this.current.availableVersion }, 'installing update and restarting');
    try {
      updater.quitAndInstall(true, true);
    } catch (error) {
      this.deps.log.error({ err: error }, 'installing the update failed');
      this.setStatus({ state: 'error', error: `Installing the update failed: ${(error as Error).message}`.slice(0, 1000) });
    }
  }

  private scheduleCheck(delayMs: number): void {
    this.checkTimer?.();
    this.checkTimer = this.scheduler.setTimer(delayMs, () => {
      void this.check().finally(() => {
        if (this.updater) this.scheduleCheck(this.deps.checkIntervalMs ?? 4 * 3600_000);
      });
    });
  }

  private teardown(): void {
    this.checkTimer?.();
    this.checkTimer = undefined;
    this.recheckTimer?.();
    this.recheckTimer = undefined;
    this.download?.cancel();
    this.download = undefined;
    this.updater = undefined;
    this.feedKey = undefined;
  }

  private setStatus(patch: Partial<UpdateStatus>): void {
    const next = { ...this.current, ...patch } as UpdateStatus;
    for (const key of Object.keys(next) as (keyof UpdateStatus)[]) if (next[key] === undefined) delete next[key];
    this.current = next;
  }
}

/** Where the detached signature of the downloaded file is published: <file URL>.sig, beside it on the feed. */
function signatureUrlFor(feedUrl: string, event: UpdateDownloadedEvent): URL | undefined {
  const base = feedUrl.endsWith('/') ? feedUrl : `${feedUrl}/`;
  const name = path.basename(event.downloadedFile);
  const file = event.files.find((candidate) => {
    try {
      return path.basename(decodeURIComponent(new URL(candidate.url, base).pathname)) === name;
    } catch {
      return false;
    }
  });
  return file ? new URL(`${file.url}.sig`, base) : undefined;
}
