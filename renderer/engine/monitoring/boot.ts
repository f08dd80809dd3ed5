// Builds the engine's half of joining calls: the agent's side (join requests arriving) and the
// supervisor's side (joining another agent's call), both speaking to main through the contract.
import type JsSIP from 'jssip';
import type { RTCSessionEvent } from 'jssip/lib/UA';
import type { HearthlineEngineApi } from '../../../common/contract/api';
import type { MonitoringCommand, MonitoringReport } from '../../../common/contract/monitoring';
import { JoinDialer } from './joinDialer';
import { JoinedCalls, type JoinableCall } from './joinedCalls';

export interface MonitoringBootDeps {
  api: HearthlineEngineApi;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
  userAgent: () => JsSIP.UA | undefined;
  domain: () => string;
  joinableCall: () => JoinableCall | undefined;
  openMicrophone: () => Promise<MediaStream>;
  outputSinkId: () => string;
}

export interface EngineMonitoring {
  /** True when the new session was a join request, which never becomes one of the agent's calls. */
  handleNewSession: (event: RTCSessionEvent) => boolean;
  listeners: JoinedCalls['listeners'];
}

export function bootMonitoring(deps: MonitoringBootDeps): EngineMonitoring {
  const report = (message: MonitoringReport) =>
    void deps.api.invoke('monitoring.report', message).catch((error: unknown) => deps.log('warn', `monitoring report failed: ${String(error)}`));
  const joined = new JoinedCalls({
    report,
    log: deps.log,
    supervisors: async () => (await deps.api.invoke('monitoring.supervisors', {})).supervisors,
    domain: deps.domain,
    joinableCall: deps.joinableCall,
    outputSinkId: deps.outputSinkId,
  });
  const dialer = new JoinDialer({
    report,
    log: deps.log,
    userAgent: deps.userAgent,
    domain: deps.domain,
    openMicrophone: deps.openMicrophone,
    outputSinkId: deps.outputSinkId,
  });
  deps.api.on('monitoring.command', (command: MonitoringCommand) => {
    switch (command.type) {
      case 'join':
        void dialer.join(command.agent, command.mode).catch((error: unknown) => deps.log('error', `join failed: ${String(error)}`));
        return;
      case 'setMode':
        dialer.setMode(command.mode);
        return;
      case 'leave':
        dialer.leave();
        return;
    }
  });
  return { handleNewSession: (event) => joined.handleNewSession(event), listeners: () => joined.listeners() };
}
