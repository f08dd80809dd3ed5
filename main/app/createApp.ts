// Composition root: builds every main-process service from its dependencies. Both hosts (Electron and
// headless) call this with their own adapters, so there is exactly one implementation of each service.
import { AvailabilityService } from '../agent/availabilityService';
import { CallService } from '../calls/callService';
import type { EngineHost } from '../calls/engineHost';
import { EngineSupervisor, type EngineSupervisorOptions } from '../calls/engineSupervisor';
import { engineAccountFrom, type LoadedConfig } from '../config/appConfig';
import { EventHub } from '../ipc/hub';
import { IpcRouter } from '../ipc/router';
import type { Logger } from '../log/logger';
import { registerChannels } from './routes';
import { AppState } from './state';

export interface AppAdapters {
  log: Logger;
  engineHost: EngineHost;
  config: LoadedConfig;
  supervisorOptions?: Partial<EngineSupervisorOptions>;
}

export interface HearthlineApp {
  readonly state: AppState;
  readonly hub: EventHub;
  readonly router: IpcRouter;
  readonly engine: EngineSupervisor;
  readonly calls: CallService;
  readonly availability: AvailabilityService;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

export function createApp({ log, engineHost, config, supervisorOptions }: AppAdapters): HearthlineApp {
  const state = new AppState();
  const hub = new EventHub(log);
  const router = new IpcRouter(log);
  const account = engineAccountFrom(config.config);
  const engine = new EngineSupervisor(engineHost, hub, state, log, () => account, supervisorOptions);
  const calls = new CallService(state, engine, log, { wrapUpSeconds: config.config.wrapUpSeconds });
  const availability = new AvailabilityService(state, engine);
  calls.onWrapUpChange(() => availability.pushToEngine());

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

  return {
    state,
    hub,
    router,
    engine,
    calls,
    availability,
    start: () => engine.start(),
    async dispose() {
      calls.dispose();
      await engine.dispose();
    },
  };
}
