// Who may join whose calls. The supervisor capability's directory answers this at merge time; until then
// machine policy does (policyDirectory.ts). Both questions are about SIP users (extensions such as 1001).
export interface MonitoringDirectory {
  /** SIP users who may join this agent's calls (the agent's engine verifies each join against it). */
  supervisorsOf(agent: string): readonly string[];
  /** Agents whose calls this supervisor's app offers to join. Grants nothing: the agent's side decides. */
  agentsSupervisedBy(supervisor: string): readonly string[];
}
