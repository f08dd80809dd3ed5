// IT management in one place for the composition root: machine policy and the agent's settings, the
// updater that never interrupts work, and diagnostics export. Hosts pass what their platform has
// (policy sources, a settings file, an updater); without adapters it runs on defaults, updates off.
import type { AppUpdater } from 'electron-updater';
import os from 'node:os';
import path from 'node:path';
import type { EngineAccount } from '../../common/contract/channels';
import type { WrapUpView } from '../../common/contract/wrapup';
import type { OutboxPort } from '../outbox/module';
import type { AppState } from '../session/state';
import type { CallService } from '../calls/callService';
import type { AppConfig } from '../config/appConfig';
import { DiagnosticsService } from '../diagnostics/diagnosticsService';
import type { KnownPii, SensitiveRedactor } from '../diagnostics/redact';
import type { Logger } from '../log/logger';
import { NO_POLICY, type PolicyService } from '../policy/policyService';
import type { Scheduler } from '../time/scheduler';
import { UpdateService, updateSettingsFrom } from '../updates/updateService';
import { accountUnderPolicy } from './accountPolicy';
import { fixedPolicy, settingsFromConfig, SettingsService } from './settingsService';
import { MemoryUserSettingsStore, type UserSettingsStore } from './userSettingsStore';

export interface ManagementAdapters {
  /** Machine policy, already loaded (PolicyService.load()); the module starts watching it. None → no policy. */
  policy?: PolicyService;
  /** The agent's own settings file; none → kept in memory for this run. */
  userSettings?: UserSettingsStore;
  /** Builds the platform's updater (Electron only); none → this build cannot update itself. */
  createUpdater?: () => AppUpdater;
  appVersion?: string;
  platform?: NodeJS.Platform;
  /** Folder for the updater's app-update.yml. */
  updateConfigDir?: string;
  /** Where diagnostics bundles are saved. */
  diagnosticsDir?: string;
  /** The log folder (hearthline.log and its rotated copies). */
  logDir?: string;
  versions?: () => Record<string, string>;
  /** Audio devices and headsets as the engine last reported them. */
  devices?: () => unknown;
  scheduler?: Scheduler;
}

interface CallOptionsBase {
  wrapUpSeconds: number;
  autoAnswerSeconds?: number;
}

export class ManagementModule {
  readonly settings: SettingsService;
  private updatesService: UpdateService | undefined;
  private diagnosticsService: DiagnosticsService | undefined;
  private accountRefusal: string | undefined;
  private readonly unsubscribers: (() => void)[] = [];

  constructor(
    private readonly adapters: ManagementAdapters,
    private readonly config: AppConfig,
    private readonly log: Logger,
  ) {
    this.settings = new SettingsService({
      policy: adapters.policy ?? fixedPolicy(NO_POLICY),
      store: adapters.userSettings ?? new MemoryUserSettingsStore(),
      config: settingsFromConfig(config),
      log: log.child({ component: 'settings' }),
    });
  }

  get updates(): UpdateService {
    if (!this.updatesService) throw new Error('ManagementModule.attach() has not run');
    return this.updatesService;
  }

  get diagnostics(): DiagnosticsService {
    if (!this.diagnosticsService) throw new Error('ManagementModule.attach() has not run');
    return this.diagnosticsService;
  }

  /** The agent's SIP account with policy applied (server list, wss only), as of start-up. */
  account(account: EngineAccount | null): EngineAccount | null {
    const result = accountUnderPolicy(account, this.settings.resolved().values);
    this.accountRefusal = result.refused;
    if (result.refused) this.log.warn({ reason: result.refused }, 'SIP account refused by policy');
    else if (account && result.account && result.account.wsUri !== account.wsUri) this.log.info({ server: result.account.wsUri }, 'SIP server set by policy');
    return result.account;
  }

  /** CallService options whose wrap-up time and auto-answer follow the settings in effect, live. */
  callOptions<T extends CallOptionsBase>(base: T): T {
    const settings = this.settings;
    return Object.defineProperties(
      { ...base },
      {
        wrapUpSeconds: { enumerable: true, get: () => settings.value('wrapUpSeconds') ?? base.wrapUpSeconds },
        autoAnswerSeconds: { enumerable: true, get: () => (settings.value('autoAnswer') ? (base.autoAnswerSeconds ?? 0) : undefined) },
      },
    );
  }

  /** The CRM gateway with policy's URL when policy sets one (policy beats the agent's configuration). */
  gateway<G extends { url: string }>(gateway: G | undefined): G | undefined {
    const resolved = this.settings.resolved();
    const url = resolved.values.gatewayUrl;
    if (!gateway || resolved.sources.gatewayUrl !== 'policy' || !url || url === gateway.url) return gateway;
    this.log.info({ url }, 'CRM gateway set by policy');
    return { ...gateway, url };
  }

  /** Builds the services that need the rest of the app. */
  attach({
    state,
    calls,
    outbox,
    wrapUpView,
    redactSensitive,
  }: {
    state: AppState;
    calls: CallService;
    outbox?: OutboxPort;
    wrapUpView?: () => Pick<WrapUpView, 'drafts' | 'reminders' | 'storage'>;
    /** Agent assist's redactor, run over everything diagnostics export (createApp hands it in). */
    redactSensitive: SensitiveRedactor;
  }): void {
    const { adapters, log } = this;
    const appVersion = adapters.appVersion ?? 'dev';
    const platform = adapters.platform ?? process.platform;
    const activity = () => ({ callActive: state.liveCalls().length > 0, inWrapUp: state.inWrapUp(), unsyncedOutboxCount: outbox?.unsyncedCount() ?? 0 });

    this.updatesService = new UpdateService({
      settings: () => updateSettingsFrom(this.settings.resolved().values),
      createUpdater: adapters.createUpdater,
      activity,
      platform,
      currentVersion: appVersion,
      configDir: adapters.updateConfigDir ?? path.join(os.tmpdir(), 'hearthline-updater'),
      log: log.child({ component: 'updates' }),
      scheduler: adapters.scheduler,
      notify: (key, values) => state.notify('info', key, values),
    });

    this.diagnosticsService = new DiagnosticsService({
      logDir: adapters.logDir,
      outputDir: adapters.diagnosticsDir ?? path.join(os.tmpdir(), 'hearthline-diagnostics'),
      versions: adapters.versions ?? (() => ({ app: appVersion, node: process.versions.node, platform, arch: process.arch, os: `${os.type()} ${os.release()}` })),
      policy: () => adapters.policy?.current() ?? NO_POLICY,
      settings: () => this.settings.resolved(),
      appState: () => {
        const { notices: _notices, ...snapshot } = state.snapshot();
        return { ...snapshot, updates: this.updates.status() };
      },
      devices: adapters.devices,
      qualitySamples: () => calls.recentQualitySamples(),
      outboxCounts: () => {
        if (!outbox || !wrapUpView) return { available: false };
        return { ...outbox.queue(), storage: wrapUpView().storage.mode };
      },
      knownPii: () => knownPii(state, outbox, wrapUpView),
      redactSensitive,
      upload: () => ({ url: this.settings.value('diagnosticsUploadUrl'), token: this.settings.value('diagnosticsUploadToken') }),
      log: log.child({ component: 'diagnostics' }),
    });

    if (this.accountRefusal) state.notify('error', 'notice.sipRefusedByPolicy', { reason: this.accountRefusal });
    this.unsubscribers.push(
      // Calls starting and ending (and after-call work with them) are what may hold an update back.
      state.onCallEvent(() => this.updates.activityChanged()),
      this.settings.onChange((_resolved, changed) => {
        if ([...changed].some((key) => key.startsWith('update'))) this.updates.applySettings();
      }),
    );
  }

  start(): void {
    this.adapters.policy?.watch();
    this.updates.start();
  }

  /** The app is about to quit: a ready update installs now if the agent is idle. */
  quitting(): void {
    this.updatesService?.quitting();
  }

  dispose(): void {
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    this.updatesService?.dispose();
    this.adapters.policy?.dispose();
    this.settings.dispose();
  }
}

/** Customer names and numbers the app holds right now: recent calls, unsynced notes, reminders, drafts. */
function knownPii(state: AppState, outbox: OutboxPort | undefined, wrapUpView: (() => Pick<WrapUpView, 'drafts' | 'reminders'>) | undefined): KnownPii {
  const names = new Set<string>();
  const numbers = new Set<string>();
  for (const call of state.snapshot().calls) {
    numbers.add(call.remoteNumber);
    if (call.remoteName) names.add(call.remoteName);
  }
  for (const item of outbox?.items() ?? []) numbers.add(item.customerNumber);
  if (wrapUpView) {
    const view = wrapUpView();
    for (const draft of view.drafts) {
      numbers.add(draft.customerNumber);
      if (draft.draft.callback.number) numbers.add(draft.draft.callback.number);
    }
    for (const reminder of view.reminders) numbers.add(reminder.customerNumber).add(reminder.number);
  }
  return { names: [...names], numbers: [...numbers] };
}
