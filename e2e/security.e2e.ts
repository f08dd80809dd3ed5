// Security as an agent meets it, against the real local stack: IT's policy that replaces the agent's
// SIP server is honoured by the page's Content-Security-Policy too, so the agent registers on IT's server;
// the SIP password lives in the encrypted secret store, never in config.json (asked for when missing).
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { HeadlessApp } from './support/hearthline';
import { stackPerFile } from './support/perFile';
import { machinePolicyFile } from './support/policyFile';

const { stack, apps } = stackPerFile();


describe('IT policy and the Content-Security-Policy', () => {
  it('registers on the server IT policy names, not the one in the agent’s configuration', async () => {
    const app = await HeadlessApp.start({
      name: 'policy-server',
      runDir: join(stack.runDir, 'apps'),
      fakeMicWav: stack.audio.agentTone,
      // Server A does not exist; server B (the local stack) comes from IT's policy.
      config: { sip: { wsUri: 'wss://sip-a.invalid:7443/ws', sipUri: stack.uri('1001'), password: stack.password('1001'), displayName: 'Ada (1001)' } },
      extraArgs: ['--policy-file', machinePolicyFile({ sipServers: [stack.wsUrl] })],
    });
    apps.push(app);
    await app.ui.getByRole('status', { name: 'Your status: Ready', exact: true }).waitFor({ timeout: 20_000 });
    assert.match((await stack.kamcmd('ul.dump')) ?? '', /1001/, 'Kamailio (server B) holds the agent’s registration');
    await app.stop();
  });
});

describe('the SIP password outside config.json', () => {
  const configOf = (app: string) => join(stack.runDir, 'apps', `${app}.config.json`);
  /** Agent 1001's account with no password in its config.json (first run, or after the move). */
  const startWithoutPassword = async (name: string) => {
    const app = await HeadlessApp.start({
      name,
      runDir: join(stack.runDir, 'apps'),
      fakeMicWav: stack.audio.agentTone,
      config: { sip: { wsUri: stack.wsUrl, sipUri: stack.uri('1001'), displayName: 'Ada (1001)' } },
    });
    apps.push(app);
    return app;
  };

  it('asks for a missing password, signs in with it, and keeps it out of config.json', async () => {
    const app = await startWithoutPassword('no-password');
    const ui = app.ui;
    const prompt = ui.getByRole('region', { name: 'Sign in to your phone account', exact: true });
    await prompt.waitFor({ timeout: 15_000 });
    await prompt.getByRole('alert').filter({ hasText: /No password is kept for sip:1001@/ }).waitFor();
    assert.equal(await ui.getByRole('status', { name: 'Your status: Offline', exact: true }).count(), 1, 'no sign-in without a password');
    await prompt.getByRole('textbox', { name: 'Phone password' }).fill(stack.password('1001'));
    await prompt.getByRole('button', { name: 'Sign in', exact: true }).click();
    await ui.getByRole('status', { name: 'Your status: Ready', exact: true }).waitFor({ timeout: 20_000 });
    assert.equal(await prompt.count(), 0, 'the prompt is gone once signed in');
    assert.match((await stack.kamcmd('ul.dump')) ?? '', /1001/, 'Kamailio holds the registration');

    const onDisk = readFileSync(configOf('no-password'), 'utf8');
    assert.doesNotMatch(onDisk, /password/i);
    const secrets = readFileSync(join(stack.runDir, 'apps', 'no-password.config.secrets.json'), 'utf8');
    assert.doesNotMatch(secrets, new RegExp(stack.password('1001')), 'the secrets file holds the password encrypted');
    assert.equal(statSync(join(stack.runDir, 'apps', 'no-password.config.secrets.json')).mode & 0o777, 0o600);
    await app.stop();
  });

  it('moves a plain password out of an existing config.json on start and still registers', async () => {
    const app = await HeadlessApp.startAgent(stack, { name: 'migrated', user: '1001' });
    apps.push(app);
    const onDisk = JSON.parse(readFileSync(configOf('migrated'), 'utf8')) as { sip: Record<string, unknown> };
    assert.equal(onDisk.sip.password, undefined, 'config.json no longer holds the password');
    assert.equal(onDisk.sip.sipUri, stack.uri('1001'), 'the rest of the file is kept');
    await app.stop();

    // The next start has no password in the file and signs in from the secret store, without a prompt.
    const again = await startWithoutPassword('migrated');
    await again.ui.getByRole('status', { name: 'Your status: Ready', exact: true }).waitFor({ timeout: 20_000 });
    assert.equal(await again.ui.getByRole('region', { name: 'Sign in to your phone account' }).count(), 0);
    await again.stop();
  });
});
