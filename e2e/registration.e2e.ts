// Foundation e2e: the headless host registers to the real Kamailio with digest auth and the agent
// sees it; a wrong password and a dead server are explained in plain words; recovery is automatic.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { HeadlessApp } from './support/hearthline';
import { stackPerFile } from './support/perFile';
import { saveScreenshot } from './support/screenshots';

const { stack, apps } = stackPerFile();

async function startApp(name: string, password: string): Promise<HeadlessApp> {
  const app = await HeadlessApp.start({
    name,
    runDir: join(stack.runDir, 'apps'),
    fakeMicWav: stack.audio.agentTone,
    config: { sip: { wsUri: stack.wsUrl, sipUri: stack.uri('1001'), password, displayName: 'Ada (1001)' } },
  });
  apps.push(app);
  return app;
}

describe('registration', () => {
  it('registers with digest auth and shows Ready', async () => {
    const app = await startApp('ready', stack.password('1001'));
    const presence = app.ui.getByTestId('presence');
    await presence.filter({ hasText: 'Ready' }).waitFor({ timeout: 15_000 });
    assert.match((await stack.kamcmd('ul.dump')) ?? '', /1001/, 'Kamailio holds a registration for 1001');
    await saveScreenshot(app.ui, 'ready');
  });

  it('explains a wrong password instead of retrying silently', async () => {
    const app = await startApp('wrong-password', 'not-the-password');
    const banner = app.ui.getByTestId('connection-banner');
    await banner.filter({ hasText: 'refused your user name or password' }).waitFor({ timeout: 15_000 });
    assert.equal(await app.ui.getByTestId('presence').textContent(), 'Offline');
    await app.stop();
  });

  it('shows Reconnecting while Kamailio is down and recovers by itself when it returns', async () => {
    const app = apps[0]!;
    const presence = app.ui.getByTestId('presence');
    await stack.stopKamailio();
    await presence.filter({ hasText: 'Reconnecting…' }).waitFor({ timeout: 15_000 });
    await app.ui.getByTestId('connection-banner').filter({ hasText: 'reconnecting' }).waitFor();
    await stack.startKamailio();
    await presence.filter({ hasText: 'Ready' }).waitFor({ timeout: 20_000 });
    await app.ui.getByTestId('notice').filter({ hasText: 'Reconnected' }).waitFor();
  });
});
