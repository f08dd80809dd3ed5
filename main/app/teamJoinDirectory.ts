// Who may join whose calls: machine policy plus the gateway's teams. The engine asks synchronously at
// every join request, so the gateway's answers are kept here and refreshed in the background; this app's
// own user is fetched at start and every minute, so its supervisors are known before anyone joins.
import type { Disposable } from '../../common/lifecycle';
import type { Logger } from '../log/logger';
import type { MonitoringDirectory } from '../monitoring/ports';
import type { SupervisorDirectory } from '../supervisor/directory';
import { monotonicOf, type CancelTimer, type Scheduler } from '../time/scheduler';

export const TEAM_REFRESH_MS = 60_000;

export interface TeamJoinDirectoryDeps {
  policy: MonitoringDirectory;
  teams: SupervisorDirectory;
  ownUser: () => string | undefined;
  scheduler: Scheduler;
  /** The gateway's answer changed what this app may offer or accept. */
  changed: () => void;
  log: Pick<Logger, 'warn'>;
}

export class TeamJoinDirectory implements MonitoringDirectory, Disposable {
  private readonly supervisorsByAgent = new Map<string, readonly string[]>();
  private readonly agentsBySupervisor = new Map<string, readonly string[]>();
  private readonly fetchedAt = new Map<string, number>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly elapsed: () => number;
  private cancelTick: CancelTimer | undefined;
  private disposed = false;

  constructor(private readonly deps: TeamJoinDirectoryDeps) {
    this.elapsed = monotonicOf(deps.scheduler);
    this.tick();
  }

  supervisorsOf(agent: string): readonly string[] {
    void this.refresh(agent);
    return union(this.deps.policy.supervisorsOf(agent), this.supervisorsByAgent.get(agent));
  }

  agentsSupervisedBy(supervisor: string): readonly string[] {
    void this.refresh(supervisor);
    return union(this.deps.policy.agentsSupervisedBy(supervisor), this.agentsBySupervisor.get(supervisor));
  }

  /** Resolves when the gateway's answer for `user` is in (or failed); a fresh answer is not asked again. */
  refresh(user: string): Promise<void> {
    const pending = this.inFlight.get(user);
    if (pending) return pending;
    const last = this.fetchedAt.get(user);
    if (this.disposed || (last !== undefined && this.elapsed() - last < TEAM_REFRESH_MS)) return Promise.resolve();
    this.fetchedAt.set(user, this.elapsed());
    const fetching = this.fetch(user).finally(() => this.inFlight.delete(user));
    this.inFlight.set(user, fetching);
    return fetching;
  }

  private async fetch(user: string): Promise<void> {
    try {
      const [supervisors, team] = await Promise.all([this.deps.teams.supervisorsOf(user), this.deps.teams.teamOf(user)]);
      const agents = team?.agents ?? [];
      const changed = !same(this.supervisorsByAgent.get(user), supervisors) || !same(this.agentsBySupervisor.get(user), agents);
      this.supervisorsByAgent.set(user, supervisors);
      this.agentsBySupervisor.set(user, agents);
      if (changed && !this.disposed) this.deps.changed();
    } catch (error) {
      // Policy still answers; the gateway is asked again at the next question.
      this.fetchedAt.delete(user);
      this.deps.log.warn({ err: error }, 'could not read the team from the gateway');
    }
  }

  dispose(): void {
    this.disposed = true;
    this.cancelTick?.();
  }

  private tick(): void {
    const own = this.deps.ownUser();
    if (own) void this.refresh(own);
    this.cancelTick = this.deps.scheduler.setTimer(TEAM_REFRESH_MS, () => this.tick());
  }
}

function union(first: readonly string[], second: readonly string[] | undefined): readonly string[] {
  return second?.length ? [...new Set([...first, ...second])] : first;
}

function same(a: readonly string[] | undefined, b: readonly string[]): boolean {
  return a !== undefined && a.length === b.length && a.every((value, index) => value === b[index]);
}
