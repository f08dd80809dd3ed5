// Main's side of joining calls. On an agent's app: answers the engine's "who may join?" from the directory
// and keeps the listeners the engine reports, for the agent's screen. On a supervisor's app: sends join,
// mode and leave commands to its engine and keeps the join's progress for the supervisor's screen.
import type { JoinMode, MonitoringCommand, MonitoringReport, MonitoringView, JoinSession, Listener } from '../../common/contract/monitoring';
import { ServiceError } from '../ipc/errors';
import type { MonitoringDirectory } from './ports';

export interface MonitoringServiceDeps {
  directory: MonitoringDirectory;
  /** This app's own SIP user (undefined before an account is configured). */
  ownUser: () => string | undefined;
  /** Sends a command to this app's engine; throws a ServiceError when the engine is not there. */
  command: (command: MonitoringCommand) => void;
  onChange: (view: MonitoringView) => void;
  now?: () => number;
}

export class MonitoringService {
  private listeners: Listener[] = [];
  private session: JoinSession | null = null;

  constructor(private readonly deps: MonitoringServiceDeps) {}

  view(): MonitoringView {
    const own = this.deps.ownUser();
    return {
      listeners: this.listeners,
      session: this.session,
      agents: own ? this.deps.directory.agentsSupervisedBy(own).filter((agent) => agent !== own).slice(0, 200) : [],
      now: this.deps.now?.() ?? Date.now(),
    };
  }

  /** The engine asks before it answers a join request. */
  supervisors(): string[] {
    const own = this.deps.ownUser();
    return own ? [...this.deps.directory.supervisorsOf(own)].slice(0, 200) : [];
  }

  /** Joins the agent's call, or switches the mode of the join already made to that agent. */
  join(agent: string, mode: JoinMode): void {
    const current = this.session;
    if (current && current.state !== 'ended') {
      if (current.agent !== agent) throw new ServiceError('conflict', `You are already on ${current.agent}'s call; leave it first`);
      if (current.state === 'joining') throw new ServiceError('conflict', 'Still joining; try again in a moment');
      if (current.mode === mode) return;
      this.deps.command({ type: 'setMode', mode });
      return;
    }
    if (agent === this.deps.ownUser()) throw new ServiceError('invalidPayload', 'You cannot join your own call');
    this.deps.command({ type: 'join', agent, mode });
    this.setSession({ agent, mode, state: 'joining' });
  }

  leave(): void {
    if (!this.session || this.session.state === 'ended') return;
    this.deps.command({ type: 'leave' });
  }

  onReport(report: MonitoringReport): void {
    if (report.type === 'listeners') {
      this.listeners = report.listeners;
      this.changed();
    } else {
      this.setSession(report.session);
    }
  }

  /** The engine went away: its calls (and so every join, either side) went with it. */
  engineLost(): void {
    this.listeners = [];
    if (this.session && this.session.state !== 'ended') this.session = { ...this.session, state: 'ended', reason: 'failed' };
    this.changed();
  }

  /** The directory changed (a policy update): the offered agents may be different. */
  directoryChanged(): void {
    this.changed();
  }

  private setSession(session: JoinSession | null): void {
    this.session = session;
    this.changed();
  }

  private changed(): void {
    this.deps.onChange(this.view());
  }
}
