// Composition root: builds every main-process service from its dependencies. Both hosts (Electron and
// headless) call this with their own adapters, so there is exactly one implementation of each service.
import { FALLBACK_DISPOSITIONS } from '../../common/contract/gateway';
import { DisposableStore, toDisposable } from '../../common/lifecycle';
import { AvailabilityService } from '../agent/availabilityService';
import { registerAgentChannels } from '../agent/routes';
import { AppearanceService } from '../appearance/appearanceService';
import { MemoryAppearanceStore, type AppearanceStore } from '../appearance/appearanceStore';
import { registerAppearanceChannels } from '../appearance/routes';
import { AssistModule, type AssistOptions } from '../assist/module';
import { redactText } from '../assist/redaction';
import { LoggingAgentAlerts, type AgentAlerts } from '../calls/agentAlerts';
import type { CallHistorySink } from '../calls/callHistorySink';
import { CallService } from '../calls/callService';
import { registerCallChannels } from '../calls/routes';
import type { EngineHost } from '../calls/engineHost';
import { EngineSupervisor, type EngineSupervisorOptions } from '../calls/engineSupervisor';
import { engineAccountFrom, type LoadedConfig } from '../config/appConfig';
import { ContextModule, contextNumber } from '../context/module';
import { MemoryDeviceSettingsStore, type DeviceSettingsStore } from '../devices/deviceSettingsStore';
import { DevicesService } from '../devices/devicesService';
import { headsetPolicyFrom } from '../devices/headsetPolicy';
import { registerDevicesChannels } from '../devices/routes';
import { registerContextChannels } from '../context/routes';
import type { ContextServiceOptions } from '../context/contextService';
import { GatewayClient, type GatewayConnection } from '../gateway/gatewayClient';
import { EventHub } from '../ipc/hub';
import { IpcRouter } from '../ipc/router';
import { logMasking, type Logger } from '../log/logger';
import { noticeLogTrouble } from '../log/logNotices';
import { attachReadiness } from '../readiness/module';
import { attachMonitoring, policyMonitoringDirectory, sipUser } from '../monitoring/module';
import { TeamJoinDirectory } from './teamJoinDirectory';
import type { ReadinessService } from '../readiness/readinessService';
import { ManagementModule, type ManagementAdapters } from '../settings/managementModule';
import { registerSettingsChannels } from '../settings/routes';
import { OutboxModule } from '../outbox/module';
import { CallHistoryRepository } from '../store/callHistory';
import { RetentionService } from '../store/retention';
import { registerSecretsChannels } from '../secrets/routes';
import type { SecretStore } from '../secrets/secretStore';
import { SipAccount } from '../secrets/sipAccount';
import type { StoreHandle } from '../store/store';
import { systemScheduler, type Scheduler } from '../time/scheduler';
import { WrapUpModule } from '../wrapup/module';
import { registerWrapUpChannels } from '../wrapup/routes';
import { registerSessionChannels } from '../session/routes';
import { attachSupervisor, type SupervisorModule } from '../supervisor/module';
import { RoutingModule } from '../routing/module';
import { registerRoutingChannels } from '../routing/routes';
import { attachChannelGuidance } from '../channelGuidance/module';
import { gatewayInteractionRecords } from '../routing/routingService';
import { AppState } from '../session/state';
import { CallbacksModule } from '../callbacks/module';
import { registerCallbackChannels } from '../callbacks/routes';

export interface AppAdapters {
  log: Logger;
  engineHost: EngineHost;
  config: LoadedConfig;
  supervisorOptions?: Partial<EngineSupervisorOptions>;
  /** The opened local store (encrypted, or session-only); without one, wrap-up and the outbox are off. The app closes it, last. */
  store?: StoreHandle;
  /** The gateway the outbox syncs to; without one, records stay safely queued. */
  gateway?: GatewayConnection;
  /** Clock and timers for wrap-up, outbox and reminders (tests pass a ManualScheduler). */
  scheduler?: Scheduler;
  /** OS notification and tray badge for ringing calls; the default only logs (headless host). */
  alerts?: AgentAlerts;
  /** Receives every finished call; the default keeps no history. */
  callHistory?: CallHistorySink;
  /** Machine policy, the agent's settings file, the updater, diagnostics paths; without them: defaults, no self-update. */
  management?: ManagementAdapters;
  /** Agent assist (transcription, suggestions, wrap-up draft); false turns it off entirely (tests). */
  assist?: AssistOptions | false;
  /** Customer context: cache freshness/retention; needs the store. */
  context?: ContextServiceOptions;
  /** Where the agent's device choices are kept; default: memory only. */
  deviceSettings?: DeviceSettingsStore;
  /** Where the agent's language and theme choice is kept, and the OS's languages; default: memory, English. */
  appearance?: { store: AppearanceStore; systemLanguages: () => readonly string[] };
  /** Where the SIP password is kept (main/secrets); without one, only a password still in the config file works. */
  secrets?: SecretStore;
}

export interface HearthlineApp {
  readonly state: AppState;
  readonly hub: EventHub;
  readonly router: IpcRouter;
  readonly engine: EngineSupervisor;
  readonly calls: CallService;
  readonly availability: AvailabilityService;
  readonly wrapup: WrapUpModule | undefined;
  readonly outbox: OutboxModule | undefined;
  /** The encrypted call history (with a store). */
  readonly callHistory: CallHistoryRepository | undefined;
  readonly management: ManagementModule;
  readonly assist: AssistModule | undefined;
  readonly context: ContextModule | undefined;
  readonly devices: DevicesService;
  readonly readiness: ReadinessService;
  readonly appearance: AppearanceService;
  /** Raise hand, team board, wellbeing; its `directory` answers who supervises whom. */
  readonly supervisor: SupervisorModule;
  /** The SIP server the engine is told to use (after IT policy); the hosts' CSP allows exactly this one. */
  sipServer(): string | undefined;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

export function createApp({ log, engineHost, config, supervisorOptions, store, gateway, scheduler: givenScheduler, alerts, callHistory: givenHistory, management: managementAdapters, assist: assistOptions, context: contextOptions, deviceSettings, appearance: appearanceAdapters, secrets }: AppAdapters): HearthlineApp {
  // Everything that holds a timer, a listener or a file is registered here as it is built, and ended in
  // reverse: the store was there first, so it closes last.
  const lifetime = new DisposableStore((error) => log.error({ err: error }, 'a service failed to stop cleanly'));
  const scheduler = givenScheduler ?? systemScheduler;
  if (store) lifetime.add(toDisposable(() => store.close()));
  const state = new AppState();
  const hub = new EventHub(log);
  const router = new IpcRouter(log);
  const management = lifetime.add(new ManagementModule(managementAdapters ?? {}, config.config, log));
  const account = management.account(engineAccountFrom(config.config));
  const sipAccount = new SipAccount({ account, secrets, configPassword: config.config.sip?.password, state, hub, log: log.child({ component: 'account' }) });
  const engine = lifetime.add(new EngineSupervisor(engineHost, hub, state, log, () => sipAccount.forEngine(), supervisorOptions));
  const normaliseNumber = (number: string) => contextNumber(number, config.config.defaultRegion);
  const connection = management.gateway(gateway);
  const crm = connection ? GatewayClient.from(connection) : undefined;
  const outbox = store ? lifetime.add(new OutboxModule({ db: store.db, client: crm, scheduler, log: log.child({ component: 'outbox' }), normaliseNumber })) : undefined;
  const callHistory = store ? new CallHistoryRepository(store.db, () => scheduler.now()) : undefined;
  const wrapup =
    store && outbox
      ? lifetime.add(new WrapUpModule({ db: store.db, storage: store.status, outbox, gateway: crm, state, hub, scheduler, log: log.child({ component: 'wrapup' }), redactNotes: redactText, onSubmitted: () => calls.endWrapUp() }))
      : undefined;
  const calls = lifetime.add(
    new CallService(
      state,
      engine,
      log,
      management.callOptions({
        wrapUpSeconds: config.config.wrapUpSeconds,
        autoAnswerSeconds: config.config.autoAnswerSeconds,
        alertTimeoutSeconds: config.config.alertTimeoutSeconds,
        defaultRegion: config.config.defaultRegion,
        dtmfMode: account?.dtmfMode,
      }),
      { alerts: alerts ?? new LoggingAgentAlerts(log.child({ component: 'alerts' })), history: givenHistory ?? callHistory },
    ),
  );
  const context =
    store && outbox
      ? lifetime.add(
          new ContextModule({
            store,
            gateway: crm,
            outbox,
            state,
            hub,
            scheduler,
            log: log.child({ component: 'context' }),
            defaultRegion: config.config.defaultRegion,
            options: contextOptions,
          }),
        )
      : undefined;
  const availability = new AvailabilityService(state, engine);
  calls.onWrapUpChange(() => availability.pushToEngine());
  calls.onMissedCall(() => availability.set({ kind: 'notReady', reason: 'missedCall' }));
  availability.onChange((choice) => calls.availabilityChanged(choice));

  sipAccount.publish();
  if (config.problem) {
    log.error(config.problem, 'configuration file is invalid; starting unconfigured');
    state.notify('error', 'notice.configInvalid', { file: config.problem.file, issues: config.problem.issues.join('; ') });
  }

  lifetime.add(toDisposable(noticeLogTrouble(log, (level, key, values) => state.notify(level, key, values))));
  lifetime.add(toDisposable(state.onChange((snapshot) => hub.emit('ui', 'app.snapshot', snapshot))));
  // Callers met are masked in every later log line, free text from the engine included (main/log/logMasking.ts).
  const masking = logMasking(log);
  if (masking) lifetime.add(toDisposable(state.onChange(({ calls }) => masking.remember({ names: calls.map((call) => call.remoteName), numbers: calls.map((call) => call.remoteNumber) }))));
  registerSessionChannels(router, state);
  registerSecretsChannels(router, sipAccount);
  registerCallChannels(router, { engine, calls });
  registerAgentChannels(router, { availability, calls });
  if (wrapup) registerWrapUpChannels(router, wrapup);
  if (context) registerContextChannels(router, context);
  management.attach({ state, calls, outbox, wrapUpView: wrapup && (() => wrapup.view()), redactSensitive: redactText });
  registerSettingsChannels(router, management);
  const devices = lifetime.add(
    new DevicesService({
      state,
      engine: { isConnected: () => engine.isConnected(), send: (command) => hub.emit('engine', 'devices.command', command) },
      calls,
      setAvailability: (choice) => availability.set(choice),
      store: deviceSettings ?? new MemoryDeviceSettingsStore(),
      headsetPolicy: () => headsetPolicyFrom(management.settings.value('allowedHeadsets')),
      removedAction: () => management.settings.value('headsetRemovedAction') ?? 'notReady',
      emitView: (view) => hub.emit('ui', 'devices.changed', view),
      emitLevel: (level) => hub.emit('ui', 'devices.level', { level }),
      log: log.child({ component: 'devices' }),
    }),
  );
  registerDevicesChannels(router, devices);
  const appearance = new AppearanceService(appearanceAdapters?.store ?? new MemoryAppearanceStore(), appearanceAdapters?.systemLanguages ?? (() => []));
  registerAppearanceChannels(router, appearance);
  lifetime.add(toDisposable(engine.onLost(() => devices.engineLost())));
  // The only deleter of finished work (sent notes included): dataRetentionDays, read at every run.
  const retention = store
    ? lifetime.add(
        new RetentionService({
          db: store.db,
          scheduler,
          days: () => management.settings.value('dataRetentionDays') ?? 30,
          log: log.child({ component: 'retention' }),
        }),
      )
    : undefined;
  lifetime.add(
    toDisposable(
      management.settings.onChange((_resolved, changed) => {
        if (changed.has('allowedHeadsets')) devices.policyChanged();
      }),
    ),
  );
  const assist =
    assistOptions === false
      ? undefined
      : lifetime.add(
          new AssistModule(
            {
              state,
              hub,
              router,
              log: log.child({ component: 'assist' }),
              policy: () => {
                const value = <K extends Parameters<typeof management.settings.value>[0]>(key: K) => management.settings.value(key) ?? undefined;
                return {
                  asrProvider: value('asrProvider'),
                  asrServiceUrl: value('asrServiceUrl'),
                  asrServiceToken: value('asrServiceToken'),
                  summaryServiceUrl: value('summaryServiceUrl'),
                  summaryServiceModel: value('summaryServiceModel'),
                  summaryServiceToken: value('summaryServiceToken'),
                  embeddingServiceUrl: value('embeddingServiceUrl'),
                  embeddingServiceModel: value('embeddingServiceModel'),
                  embeddingServiceToken: value('embeddingServiceToken'),
                  embeddingModelDir: value('embeddingModelDir'),
                };
              },
              dispositions: () => (wrapup ? wrapup.view().dispositions : FALLBACK_DISPOSITIONS).map((disposition) => disposition.code),
              uiLanguage: () => appearance.language(),
              store,
              gateway: crm,
              scheduler,
            },
            assistOptions,
          ),
        );
  // Routing context at ring time: parsed headers, the gateway's interaction record, suggestions for the intent.
  const routing = lifetime.add(new RoutingModule({ state, hub, log: log.child({ component: 'routing' }), clock: () => scheduler.now(), records: crm && connection ? gatewayInteractionRecords(crm, connection.url) : undefined, intents: assist?.service, redact: (text) => redactText(text).text }));
  registerRoutingChannels(router, routing);
  // Channel guidance at wrap-up: the follow-up message (SMS, e-mail, chat link) and the self-service tag.
  if (outbox && wrapup) attachChannelGuidance({ router, outbox, context, assist, routing, wrapup, now: () => scheduler.now(), redact: redactText });
  // The gateway's callback queue: claimed while Ready, previewed, dialled, the outcome through the outbox.
  const callbacks = outbox && lifetime.add(new CallbacksModule({ state, hub, calls, outbox, gateway: crm, agent: () => sipUser(state.snapshot().account?.sipUri), policy: () => ({ skills: management.settings.value('callbackSkills') ?? [], autoDialSeconds: management.settings.value('callbackAutoDialSeconds') ?? 0 }), redact: (text) => redactText(text).text, scheduler, log: log.child({ component: 'callbacks' }) }));
  registerCallbackChannels(router, callbacks, () => scheduler.now());
  // Shift-start readiness check: engine probes, report to the store and the outbox, Ready guard.
  const readiness = lifetime.add(
    attachReadiness({
      router,
      hub,
      state,
      engine,
      availability,
      settings: management.settings,
      store,
      outbox,
      echoExtension: config.config.echoTestExtension,
      appVersion: managementAdapters?.appVersion,
      scheduler,
      log: log.child({ component: 'readiness' }),
    }),
  );
  // Supervisors joining calls (monitor, whisper, barge): who may join, who is listening, this app's own join.
  // The assist draft (reason, disposition, key turns) lands in the wrap-up form for the agent to edit.
  // A prose summary arriving later replaces the extractive notes only if the agent has not edited them.
  if (assist && wrapup) assist.service.onDraft((draft, replaces) => wrapup.prefill(draft.callId, { ...draft, replacesNotes: replaces?.notes }));
  // Supervisor help and wellbeing: role and team from the gateway's account, hands over SIP MESSAGE.
  const supervisor = lifetime.add(
    attachSupervisor({
      router,
      hub,
      state,
      connection,
      contextOf: context && ((callId) => context.service.get(callId)),
      assistOf: assist && ((callId) => assist.service.view().calls.find((view) => view.callId === callId)),
      workload: () => {
        const queue = outbox?.queue();
        return { wrapUpBacklog: wrapup?.view().drafts.length ?? 0, unsyncedNotes: queue ? queue.waiting + queue.needsAttention + queue.sending : 0 };
      },
      readiness: () => (readiness.view().passed ? 'passed' : readiness.view().run?.verdict === 'red' ? 'failed' : 'notRun'),
      setAvailability: (choice) => availability.set(choice),
      redact: (text) => redactText(text).text,
      scheduler,
      log: log.child({ component: 'supervisor' }),
    }),
  );

  // Supervisors joining calls (monitor, whisper, barge): who may join (policy plus the gateway's teams),
  // who is listening, this app's own join.
  const teamDirectory = supervisor.directory
    ? lifetime.add(
        new TeamJoinDirectory({
          policy: policyMonitoringDirectory(management.settings),
          teams: supervisor.directory,
          ownUser: () => sipUser(state.snapshot().account?.sipUri),
          scheduler,
          changed: () => monitoring.directoryChanged(),
          log: log.child({ component: 'monitoring' }),
        }),
      )
    : undefined;
  const monitoring = lifetime.add(attachMonitoring({ router, hub, state, engine, settings: management.settings, directory: teamDirectory }));

  return {
    state,
    hub,
    router,
    engine,
    calls,
    availability,
    wrapup,
    outbox,
    callHistory,
    management,
    assist,
    context,
    devices,
    readiness,
    appearance,
    supervisor,
    sipServer: () => account?.wsUri,
    async start() {
      // An older build met a database a newer one wrote (a rolled-back update): say why notes are not kept.
      if (store?.status.problem === 'futureVersion') state.notify('error', 'notice.storeFromNewerVersion');
      if (store?.recovery) {
        const { restored, recoveryFile } = store.recovery;
        state.notify('warning', 'storage.recovered', { count: (restored.outbox ?? 0) + (restored.wrapup_drafts ?? 0), file: recoveryFile });
      }
      // The engine's browser starts first: it takes longest, and the rest starts while it loads.
      const engineStarted = engine.start();
      retention?.start();
      outbox?.start();
      wrapup?.start();
      context?.start();
      routing.start();
      callbacks?.start();
      management.start();
      readiness.start((next) => availability.set(next));
      void assist?.start();
      supervisor.start();
      await engineStarted;
    },
    dispose: async () => {
      await engine.endCallsBeforeExit();
      await lifetime.dispose();
    },
  };
}
