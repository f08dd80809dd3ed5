/**
 * An agent and a supervisor instance for the joining-a-call tests and benchmark: agent Ada (1001) and
 * supervisor Sam (1003), each with its own machine policy file (Ada's names who may join her calls,
 * Sam's the agents his app offers to join). Policy files are replaced by rename, as IT tools do.
 */
import { chmodSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import type { LocalStack } from '../../stack/stack';
import { HeadlessApp } from './hearthline';
import { presence } from './softphone';

export interface AgentAndSupervisor {
  ada: HeadlessApp;
  sam: HeadlessApp;
  /** Ada's policy file: rewrite it with writePolicy to change who may join. */
  adaPolicy: string;
}

export function writePolicy(file: string, policy: Record<string, unknown>): void {
  writeFileSync(`${file}.tmp`, JSON.stringify(policy), { mode: 0o644 });
  renameSync(`${file}.tmp`, file);
}

export async function startAgentAndSupervisor(stack: LocalStack, options: { adaSupervisors: string[]; samMicWav: string }): Promise<AgentAndSupervisor> {
  const policies = join(stack.runDir, 'policies');
  for (const dir of [policies, join(policies, 'ada'), join(policies, 'sam')]) {
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o755);
  }
  const adaPolicy = join(policies, 'ada', 'policy.json');
  const samPolicy = join(policies, 'sam', 'policy.json');
  writePolicy(adaPolicy, { supervisorSipUsers: options.adaSupervisors });
  writePolicy(samPolicy, { supervisedAgentSipUsers: ['1001'] });
  const apps = join(stack.runDir, 'apps');
  const account = (user: string, name: string) => ({ wsUri: stack.wsUrl, sipUri: stack.uri(user), password: stack.password(user), displayName: `${name} (${user})` });
  const [ada, sam] = await Promise.all([
    HeadlessApp.start({ name: 'ada-1001', runDir: apps, fakeMicWav: stack.audio.agentTone, config: { sip: account('1001', 'Ada'), wrapUpSeconds: 0 }, extraArgs: ['--policy-file', adaPolicy] }),
    HeadlessApp.start({ name: 'sam-1003', runDir: apps, fakeMicWav: options.samMicWav, config: { sip: account('1003', 'Sam'), wrapUpSeconds: 0 }, extraArgs: ['--policy-file', samPolicy] }),
  ]);
  await Promise.all([ada, sam].map((app) => presence(app).filter({ hasText: /^Ready$/ }).waitFor({ timeout: 20_000 })));
  return { ada, sam, adaPolicy };
}

/** The supervisor's joining controls for one agent (a region named "Agent <user>"). */
export function joinControls(supervisor: HeadlessApp, agent: string): Locator {
  return supervisor.ui.getByRole('region', { name: `Agent ${agent}` });
}

/** The customer phone calls Ada and she answers; returns when the call is up at both ends. */
export async function customerCallsAgent(stack: LocalStack, agent: HeadlessApp, customerUser: string, agentUser: string): Promise<number> {
  const customer = stack.phone(customerUser);
  await customer.dial(agentUser);
  await presence(agent).filter({ hasText: 'Ringing' }).waitFor({ timeout: 10_000 });
  await agent.ui.getByTestId('answer').click();
  await agent.ui.locator('[data-call-state="connected"]').waitFor({ timeout: 10_000 });
  return (await customer.waitFor('CALL_ESTABLISHED')).at;
}
