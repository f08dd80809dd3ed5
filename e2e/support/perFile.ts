// Set-up shared by e2e files that start one stack for the whole file: the stack alone (with the apps
// the tests start), or the stack, the reference CRM gateway and agent 1001 Ready with its encrypted store.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { startGateway, type RunningGateway } from '../../gateway/server';
import { LocalStack, type StackOptions } from '../../stack/stack';
import { HeadlessApp } from './hearthline';

/** One stack for the file, started before its tests; it and every app pushed to `apps` stop after them. */
export function stackPerFile(options?: StackOptions): { stack: LocalStack; apps: HeadlessApp[] } {
  const stack = new LocalStack(options);
  const apps: HeadlessApp[] = [];
  before(() => stack.start());
  after(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await stack.stop();
  });
  return { stack, apps };
}

/** The stack, the reference CRM gateway and agent 1001 (Ready) with its encrypted store. */
export class AgentWithCrm {
  stack = new LocalStack();
  gateway: RunningGateway | undefined;
  app: HeadlessApp | undefined;
  dbFile = join(this.stack.runDir, 'apps', 'hearthline.db');

  /** Each part is kept as soon as it runs, so stop() ends whatever started even when a later part fails. */
  async start(options: { token: string; dbKey?: Buffer }): Promise<{ stack: LocalStack; gateway: RunningGateway; app: HeadlessApp }> {
    await this.stack.start();
    const gateway = await startGateway({ dbFile: join(this.stack.runDir, 'gateway.db'), token: options.token });
    this.gateway = gateway;
    process.env.HEARTHLINE_GATEWAY_TOKEN = options.token;
    process.env.HEARTHLINE_DB_KEY = (options.dbKey ?? randomBytes(32)).toString('hex');
    const app = await HeadlessApp.start({
      runDir: join(this.stack.runDir, 'apps'),
      fakeMicWav: this.stack.audio.agentTone,
      config: { sip: { wsUri: this.stack.wsUrl, sipUri: this.stack.uri('1001'), password: this.stack.password('1001'), displayName: 'Ada (1001)' }, wrapUpSeconds: 1, alertTimeoutSeconds: 60 },
      extraArgs: ['--db', this.dbFile, '--gateway-url', gateway.url],
    });
    this.app = app;
    await app.ui.getByTestId('presence').filter({ hasText: 'Ready' }).waitFor({ timeout: 15_000 });
    return { stack: this.stack, gateway, app };
  }

  /** Forgets the phones' earlier events, so each test waits for its own. */
  clearPhoneEvents(): void {
    for (const phone of this.stack.phones) phone.clearEvents();
  }

  async stop(): Promise<void> {
    await this.app?.stop();
    await this.gateway?.close();
    await this.stack.stop();
    delete process.env.HEARTHLINE_DB_KEY;
  }
}
