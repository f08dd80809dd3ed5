// The port other capabilities ask about supervisors: who supervises an agent (to authorise a supervisor
// joining that agent's call) and who is in a supervisor's team. The answers come from the gateway's
// accounts, never from anything an agent or a SIP header can set.
import type { GatewayTeam } from '../../common/contract/supervisor';
import type { SupervisorGateway } from './supervisorGateway';

export interface SupervisorDirectory {
  /** The SIP users of the supervisors of this agent's team; empty when the agent is unknown. */
  supervisorsOf(agentSipUser: string): Promise<string[]>;
  /** The team a supervisor leads; undefined when the user is not a supervisor. */
  teamOf(supervisor: string): Promise<GatewayTeam | undefined>;
}

export class GatewaySupervisorDirectory implements SupervisorDirectory {
  constructor(private readonly gateway: SupervisorGateway) {}

  async supervisorsOf(agentSipUser: string): Promise<string[]> {
    const account = await this.gateway.account(agentSipUser);
    if (!account.ok) {
      if (account.status === 404) return [];
      throw new Error(`supervisors of ${agentSipUser}: ${account.message}`);
    }
    return account.value.supervisors;
  }

  async teamOf(supervisor: string): Promise<GatewayTeam | undefined> {
    const account = await this.gateway.account(supervisor);
    if (!account.ok) {
      if (account.status === 404) return undefined;
      throw new Error(`team of ${supervisor}: ${account.message}`);
    }
    if (account.value.role !== 'supervisor') return undefined;
    const team = await this.gateway.team(account.value.team);
    if (!team.ok) throw new Error(`team ${account.value.team}: ${team.message}`);
    return team.value;
  }
}
