// Composition root: builds every main-process service from its dependencies. Both hosts (Electron and
// headless) call this with their own adapters, so there is exactly one implementation of each service.
import { FALLBACK_DISPOSITIONS } from '../../common/contract/gateway';
import { AvailabilityService } from '../agent/availabilityService';
import { AssistModule, type AssistOptions } from '../assist/module';
import { LoggingAgentAlerts, type AgentAlerts } from '../calls/agentAlerts';
import type { CallHistorySink } from '../calls/callHistorySink';
import { CallService } from '../calls/callService';
import type { EngineHost } from '../calls/engineHost';
import { EngineSupervisor, type EngineSupervisorOptions } from '../calls/engineSupervisor';
import { engineAccountFrom, type LoadedConfig } from '../config/appConfig';
import { ContextModule } from '../context/module';
import { registerContextChannels } from '../context/routes';
import type { ContextServiceOptions } from '../context/contextService';
import { EventHub } from '../ipc/hub';
import { IpcRouter } from '../ipc/router';
import type { Logger } from '../log/logger';
import { ManagementModule, type ManagementAdapters } from '../settings/managementModule';
import { registerSettingsChannels } from '../settings/routes';
import type { StoreHandle } from '../store/store';
import type { Scheduler } from '../time/scheduler';
import { WrapUpModule, type GatewayConnection } from '../wrapup/module';
import { registerWrapUpChannels } from '../wrapup/routes';
import { registerChannels } from './routes';
import { AppState } from './state';

export interface AppAdapters {
  log: Logger;
  engineHost: EngineHost;
  config: LoadedConfig;
  supervisorOptions?: Partial<EngineSupervisorOptions>;
  /** The opened local store (encrypted, or session-only); without one, wrap-up and the outbox are off. The app closes it. */
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
  /** Customer context (issue #5): cache freshness/retention; needs the store. */
  context?: ContextServiceOptions;
}

export interface HearthlineApp {
  readonly state: AppState;
  readonly hub: EventHub;
  readonly router: IpcRouter;
  readonly engine: EngineSupervisor;
  readonly calls: CallService;
  readonly availability: AvailabilityService;
  readonly wrapup: WrapUpModule | undefined;
  readonly management: ManagementModule;
  readonly assist: AssistModule | undefined;
  readonly context: ContextModule | undefined;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

export function createApp({ log, engineHost, config, supervisorOptions, store, gateway, scheduler, alerts, callHistory, management: managementAdapters, assist: assistOptions, context: contextOptions }: AppAdapters): HearthlineApp {
  const state = new AppState();
  const hub = new EventHub(log);
  const router = new IpcRouter(log);
  const management = new ManagementModule(managementAdapters ?? {}, config.config, log);
  const account = management.account(engineAccountFrom(config.config));
  const engine = new EngineSupervisor(engineHost, hub, state, log, () => account, supervisorOptions);
  const wrapup = store
    ? new WrapUpModule({ store, gateway: management.gateway(gateway), state, hub, scheduler, log: log.child({ component: 'wrapup' }), onSubmitted: () => calls.endWrapUp() })
    : undefined;
  const calls = new CallService(
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
    { alerts: alerts ?? new LoggingAgentAlerts(log.child({ component: 'alerts' })), history: callHistory ?? wrapup?.callHistory },
  );
  const context =
    store && wrapup
      ? new ContextModule({
          store,
          gateway: management.gateway(gateway),
          outbox: {
            enqueue: (record) => {
              wrapup.outbox.enqueue([record]);
              wrapup.worker.notify();
            },
          },
          state,
          hub,
          scheduler,
          log: log.child({ component: 'context' }),
          defaultRegion: config.config.defaultRegion,
          options: contextOptions,
        })
      : undefined;
  const availability = new AvailabilityService(state, engine);
  calls.onWrapUpChange(() => availability.pushToEngine());
  calls.onMissedCall(() => availability.set({ kind: 'notReady', reason: 'missedCall' }));

  if (account) {
    state.setAccount({ displayName: account.displayName || account.authUser, sipUri: account.sipUri, server: account.wsUri });
    state.setRegistration({ state: 'registering' });
  }
  if (config.problem) {
    log.error(config.problem, 'configuration file is invalid; starting unconfigured');
    state.notify('error', 'notice.configInvalid', { file: config.problem.file, issues: config.problem.issues.join('; ') });
  }

  state.onChange((snapshot) => hub.emit('ui', 'app.snapshot', snapshot));
  registerChannels(router, { state, engine, calls, availability });
  if (wrapup) registerWrapUpChannels(router, wrapup);
  if (context) registerContextChannels(router, context);
  management.attach({ state, calls, wrapup });
  registerSettingsChannels(router, management);
  const assist =
    assistOptions === false
      ? undefined
      : new AssistModule(
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
              };
            },
            dispositions: () => (wrapup ? wrapup.view().dispositions : FALLBACK_DISPOSITIONS).map((disposition) => disposition.code),
            store,
            gateway: management.gateway(gateway),
            scheduler,
          },
          assistOptions,
        );
  // The assist draft (reason, disposition, key turns) lands in the wrap-up form for the agent to edit.
  // A prose summary arriving later replaces the extractive notes only if the agent has not edited them.
  if (assist && wrapup) assist.service.onDraft((draft, replaces) => wrapup.prefill(draft.callId, { ...draft, replacesNotes: replaces?.notes }));

  return {
    state,
    hub,
    router,
    engine,
    calls,
    availability,
    wrapup,
    management,
    assist,
    context,
    async start() {
      wrapup?.start();
      context?.start();
      management.start();
      void assist?.start();
      await engine.start();
    },
    async dispose() {
      management.dispose();
      calls.dispose();
      await engine.dispose();
      context?.dispose();
      // Assist first: its knowledge index is attached to the store that wrap-up closes.
      await assist?.dispose();
      await wrapup?.dispose();
    },
  };
}
