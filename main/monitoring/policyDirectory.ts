// The monitoring directory read from machine policy: the agent's policy names its supervisors, the
// supervisor's policy names the agents it offers to join. Read at every question, so a change counts at once.
import type { MonitoringDirectory } from './ports';

export interface PolicyLists {
  supervisorSipUsers?: readonly string[];
  supervisedAgentSipUsers?: readonly string[];
}

export class PolicyMonitoringDirectory implements MonitoringDirectory {
  /** `policy` reads this app's effective settings; policy is per computer, so the lists are this user's. */
  constructor(private readonly policy: () => PolicyLists) {}

  supervisorsOf(): readonly string[] {
    return this.policy().supervisorSipUsers ?? [];
  }

  agentsSupervisedBy(): readonly string[] {
    return this.policy().supervisedAgentSipUsers ?? [];
  }
}
