// Wires joining calls into the app: the service, its channels (UI and engine) and the policy directory.
// createApp calls attachMonitoring once.
import { toDisposable, type Disposable } from '../../common/lifecycle';
import type { EngineSupervisor } from '../calls/engineSupervisor';
import type { EventHub } from '../ipc/hub';
import type { IpcRouter } from '../ipc/router';
import type { AppState } from '../session/state';
import type { SettingsService } from '../settings/settingsService';
import { ServiceError } from '../ipc/errors';
import { MonitoringService } from './monitoringService';
import { PolicyMonitoringDirectory } from './policyDirectory';
import type { MonitoringDirectory } from './ports';

export interface MonitoringModuleDeps {
  router: IpcRouter;
  hub: EventHub;
  state: AppState;
  engine: EngineSupervisor;
  settings: SettingsService;
  /** Defaults to machine policy (supervisorSipUsers, supervisedAgentSipUsers). */
  directory?: MonitoringDirectory;
}

/** "sip:1001@example.com" → "1001" */
export function sipUser(sipUri: string | undefined): string | undefined {
  const match = /^sips?:([^@]+)@/.exec(sipUri ?? '');
  return match?.[1];
}

/** The directory machine policy gives (supervisorSipUsers, supervisedAgentSipUsers), read at every question. */
export function policyMonitoringDirectory(settings: SettingsService): MonitoringDirectory {
  return new PolicyMonitoringDirectory(() => ({
    supervisorSipUsers: settings.value('supervisorSipUsers'),
    supervisedAgentSipUsers: settings.value('supervisedAgentSipUsers'),
  }));
}

export function attachMonitoring(deps: MonitoringModuleDeps): MonitoringService & Disposable {
  const { router, hub, state, engine, settings } = deps;
  const directory = deps.directory ?? policyMonitoringDirectory(settings);
  const service = new MonitoringService({
    directory,
    ownUser: () => sipUser(state.snapshot().account?.sipUri),
    command: (command) => {
      if (!engine.isConnected()) throw new ServiceError('unavailable', 'The call engine is restarting; try again in a moment');
      hub.emit('engine', 'monitoring.command', command);
    },
    onChange: (view) => hub.emit('ui', 'monitoring.changed', view),
  });
  router.handle('ui', 'monitoring.view', () => service.view());
  router.handle('ui', 'monitoring.join', ({ agent, mode }) => (service.join(agent, mode), {}));
  router.handle('ui', 'monitoring.leave', () => (service.leave(), {}));
  router.handle('engine', 'monitoring.report', (report) => (service.onReport(report), {}));
  router.handle('engine', 'monitoring.supervisors', () => ({ supervisors: service.supervisors() }));
  const stops = [
    hub.onDetach((role) => {
      if (role === 'engine' && hub.count('engine') === 0) service.engineLost();
    }),
    settings.onChange((_resolved, changed) => {
      if (changed.has('supervisedAgentSipUsers')) service.directoryChanged();
    }),
  ];
  return Object.assign(service, toDisposable(() => stops.forEach((stop) => stop())));
}
