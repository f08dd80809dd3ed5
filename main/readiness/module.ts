// Wires the readiness check into the app: the service, its channels (UI and engine), the availability
// guard, the encrypted store's reports table and the outbox. createApp calls attachReadiness once.
import type { AppState } from '../session/state';
import type { AvailabilityService } from '../agent/availabilityService';
import type { EngineSupervisor } from '../calls/engineSupervisor';
import type { EventHub } from '../ipc/hub';
import type { IpcRouter } from '../ipc/router';
import type { Logger } from '../log/logger';
import type { OutboxPort } from '../outbox/module';
import type { SettingsService } from '../settings/settingsService';
import type { StoreHandle } from '../store/store';
import type { Scheduler } from '../time/scheduler';
import { ReadinessRepository } from './readinessRepository';
import { ReadinessService, type ReadinessOptions } from './readinessService';
import type { SystemProbe } from './systemProbe';

export interface ReadinessModuleDeps {
  router: IpcRouter;
  hub: EventHub;
  state: AppState;
  engine: EngineSupervisor;
  availability: AvailabilityService;
  settings: SettingsService;
  store?: StoreHandle;
  outbox?: OutboxPort;
  echoExtension: string;
  appVersion?: string;
  scheduler?: Scheduler;
  log: Logger;
  system?: SystemProbe;
  options?: Partial<ReadinessOptions>;
}

export function attachReadiness(deps: ReadinessModuleDeps): ReadinessService {
  const { router, hub, state, engine, availability, settings, store, outbox } = deps;
  const service = new ReadinessService({
    state,
    engine: { isConnected: () => engine.isConnected(), probe: (request) => hub.emit('engine', 'readiness.probe', request) },
    required: () => settings.value('readinessCheckRequired') === true,
    validHours: () => settings.value('readinessValidHours'),
    repository: store ? new ReadinessRepository(store.db) : undefined,
    outbox,
    system: deps.system,
    echoExtension: deps.echoExtension,
    agent: () => state.snapshot().account?.sipUri ?? '',
    appVersion: deps.appVersion ?? 'dev',
    platform: `${process.platform}-${process.arch}`,
    scheduler: deps.scheduler,
    log: deps.log,
    onChange: (view) => hub.emit('ui', 'readiness.changed', view),
    options: deps.options,
  });
  availability.addGuard((next) => service.guardAvailability(next));
  router.handle('ui', 'readiness.view', () => service.view());
  router.handle('ui', 'readiness.run', () => service.runCheck());
  router.handle('ui', 'readiness.playTone', ({ sink }) => (service.playTone(sink), {}));
  router.handle('ui', 'readiness.confirm', ({ item, heard }) => (service.confirm(item, heard), {}));
  router.handle('ui', 'readiness.finish', () => (service.finish(), {}));
  router.handle('engine', 'readiness.result', (result) => (service.onProbeResult(result), {}));
  return service;
}
