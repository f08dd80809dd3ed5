// Security as an agent meets it, against the real local stack: IT's policy that replaces the agent's
// SIP server is honoured by the page's Content-Security-Policy too, so the agent registers on IT's server.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LocalStack } from '../stack/stack';
import { HeadlessApp } from './support/hearthline';

let stack: LocalStack;
const apps: HeadlessApp[] = [];

before(async () => {
  stack = new LocalStack();
  await stack.start();
});
after(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  await stack.stop();
});

/** A Linux machine policy file the host trusts (owned by whoever runs it, not writable by others). */
function policyFile(values: Record<string, unknown>): string {
  const dir = mkdtempSync(join(os.tmpdir(), 'hl-e2e-security-'));
  chmodSync(dir, 0o755);
  const file = join(dir, 'policy.json');
  writeFileSync(file, JSON.stringify(values), { mode: 0o644 });
  return file;
}

describe('IT policy and the Content-Security-Policy', () => {
  it('registers on the server IT policy names, not the one in the agent’s configuration', async () => {
    const app = await HeadlessApp.start({
      name: 'policy-server',
      runDir: join(stack.runDir, 'apps'),
      fakeMicWav: stack.audio.agentTone,
      // Server A does not exist; server B (the local stack) comes from IT's policy.
      config: { sip: { wsUri: 'wss://sip-a.invalid:7443/ws', sipUri: stack.uri('1001'), password: stack.password('1001'), displayName: 'Ada (1001)' } },
      extraArgs: ['--policy-file', policyFile({ sipServers: [stack.wsUrl] })],
    });
    apps.push(app);
    await app.ui.getByRole('status', { name: 'Your status: Ready', exact: true }).waitFor({ timeout: 20_000 });
    assert.match((await stack.kamcmd('ul.dump')) ?? '', /1001/, 'Kamailio (server B) holds the agent’s registration');
    await app.stop();
  });
});
