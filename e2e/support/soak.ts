/**
 * The long-shift soak: calls from a baresip customer, one after the other, into a headless host with a
 * store and the reference CRM gateway, worked by the agent through the UI by role and name (answer, talk,
 * hang up, outcome + note, submit). Every 10th call holds and resumes or transfers blind; every 50th is
 * followed by a UI reload and an engine restart. `sample()` reads what main, the UI and the engine keep
 * alive (main/reliability/mainCensus.ts, renderer/engine/resourceCensus.ts) with the heaps after a GC.
 * Used by e2e/soak.e2e.ts (50 calls, CI) and e2e/bench/soak.bench.ts (500 calls).
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startGateway, type RunningGateway } from '../../gateway/server';
import type { MainCounts } from '../../main/reliability/mainCensus';
import type { SoakSample } from '../../main/reliability/soakBounds';
import type { ResourceCounts } from '../../renderer/engine/resourceCensus';
import { LocalStack } from '../../stack/stack';
import { groupCpuTicks } from '../bench/processes';
import { HeadlessApp } from './hearthline';
import { jsHeapBytes } from './jsHeap';
import { enginePage, eventually, sleep } from './softphone';

const TOKEN = 'soak-e2e-token-0123456789abcdef';
const AGENT = '1001';
const CUSTOMER = '1002';
const TRANSFER_TARGET = '1004';

export interface SoakOptions {
  /** Seconds of talk per call. */
  talkMs: number;
  /** The UI reload and engine restart come after every this many calls (default 50). */
  restartEvery?: number;
  log?: (line: string) => void;
}

const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

export class SoakRun {
  private reloadedSinceSample = false;
  private constructor(
    readonly stack: LocalStack,
    readonly gateway: RunningGateway,
    readonly app: HeadlessApp,
    private readonly options: SoakOptions,
  ) {}

  static async start(options: SoakOptions): Promise<SoakRun> {
    const stack = new LocalStack({ phones: [CUSTOMER, TRANSFER_TARGET] });
    await stack.start();
    const gateway = await startGateway({ dbFile: join(stack.runDir, 'gateway.db'), token: TOKEN });
    const dbFile = join(stack.runDir, 'apps', 'hearthline.db');
    const app = await HeadlessApp.startAgent(stack, {
      user: AGENT,
      name: 'soak',
      config: { wrapUpSeconds: 120 },
      extraArgs: ['--db', dbFile, '--gateway-url', gateway.url],
      // The host runs with --expose-gc so main's heap is read after a collection, like the pages'.
      env: { HEARTHLINE_GATEWAY_TOKEN: TOKEN, HEARTHLINE_DB_KEY: randomBytes(32).toString('hex'), NODE_OPTIONS: '--expose-gc' },
    });
    // Eight developers share two cores here: waits are generous, never asserted as speed.
    app.ui.setDefaultTimeout(60_000);
    return new SoakRun(stack, gateway, app, options);
  }

  /**
   * Gets the agent back to Ready after a call that went wrong (the long bench carries on and counts it):
   * both phones hang up, any open wrap-up is submitted.
   */
  async recover(): Promise<void> {
    await Promise.all(this.stack.phones.map((phone) => phone.hangupAll()));
    for (let i = 0; i < 3 && !(await this.ready().isVisible()); i += 1) {
      const hangup = this.ui.getByRole('button', { name: 'Hang up' }).first();
      if (await hangup.isVisible()) await hangup.click().catch(() => undefined);
      if (await this.ui.getByRole('article', { name: /^Wrap-up/ }).count()) await this.finishWrapUp().catch(() => undefined);
      await backToAvailable(this.ui);
      await sleep(2_000);
    }
    await this.ready().waitFor({ timeout: 60_000 });
  }

  private get ui(): Page {
    return this.app.ui;
  }

  private ready() {
    return this.ui.getByTestId('presence').filter({ hasText: /^Ready$/ });
  }

  /** Call number `n` (1-based), worked by the agent through the UI until they are Ready again. */
  async call(n: number): Promise<void> {
    const customer = this.stack.phone(CUSTOMER);
    customer.clearEvents();
    const phases: Array<[string, number]> = [['start', performance.now()]];
    const mark = (phase: string) => phases.push([phase, performance.now()]);
    await customer.dial(AGENT);
    const ringing = this.ui.locator('[data-testid="call-card"][data-call-state="ringing"]');
    await ringing.getByRole('button', { name: 'Answer' }).click({ timeout: 60_000 });
    const live = this.ui.locator('[data-testid="call-card"][data-call-state="connected"]');
    await live.waitFor({ timeout: 60_000 });
    mark('connected');
    await sleep(this.options.talkMs);
    let transferred = false;
    if (n % 10 === 0 && (n / 10) % 2 === 1) {
      await live.getByRole('button', { name: 'Hold' }).click();
      await live.getByRole('button', { name: 'Resume' }).waitFor({ timeout: 60_000 });
      await live.getByRole('button', { name: 'Resume' }).click();
      await live.getByRole('button', { name: 'Hold' }).waitFor({ timeout: 60_000 });
    } else if (n % 10 === 0) {
      const target = this.stack.phone(TRANSFER_TARGET);
      target.clearEvents();
      await live.getByRole('button', { name: 'Transfer' }).click();
      await live.getByRole('textbox', { name: 'Transfer to' }).fill(TRANSFER_TARGET);
      await live.getByTestId('transfer-blind').click();
      await target.waitFor('CALL_ESTABLISHED', { timeoutMs: 60_000 });
      transferred = true;
    }
    if (!transferred) await live.getByRole('button', { name: 'Hang up' }).click();
    mark('ended');
    await this.finishWrapUp();
    mark('ready');
    if (transferred) await Promise.all([this.stack.phone(TRANSFER_TARGET).hangupAll(), customer.hangupAll()]);
    if (n % (this.options.restartEvery ?? 50) === 0) await this.reloadUiAndRestartEngine();
    this.options.log?.(`call ${n}: ${phases.slice(1).map(([phase, at], i) => `${phase} +${Math.round(at - phases[i]![1])} ms`).join(', ')}`);
  }

  private async finishWrapUp(): Promise<void> {
    const form = this.ui.getByRole('article', { name: /^Wrap-up/ }).first();
    await form.getByRole('button', { name: /Outcome/ }).click({ timeout: 60_000 });
    await this.ui.getByRole('option', { name: 'Information given' }).click();
    await form.getByRole('textbox', { name: 'Notes' }).fill('Soak call: customer asked about an order; answered.');
    await form.getByRole('button', { name: 'Submit wrap-up' }).click();
    await this.ready().waitFor({ timeout: 60_000 });
  }

  /** The agent reloads the UI; the engine crashes and the host starts a new one; Ready again after both. */
  private async reloadUiAndRestartEngine(): Promise<void> {
    this.reloadedSinceSample = true;
    await this.ui.reload();
    await this.ready().waitFor({ timeout: 60_000 });
    const launches = this.app.engineLaunchCount;
    this.app.killEngine();
    await this.app.waitForEngineLaunch(launches + 1, 30_000);
    await this.ui.getByTestId('presence').filter({ hasText: /^(Reconnecting…|Registering…|Offline)$/ }).waitFor({ timeout: 60_000 }).catch(() => undefined);
    await this.ready().waitFor({ timeout: 30_000 });
  }

  private async engineCounts(): Promise<ResourceCounts> {
    const page = await enginePage(this.app);
    return page.evaluate(() => (window as unknown as { hearthlineEngineDebug: { resources: () => ResourceCounts } }).hearthlineEngineDebug.resources());
  }

  /** Everything the bounds look at, once the agent is idle and the last call's media is gone. */
  async sample(calls: number): Promise<SoakSample> {
    await this.ready().waitFor({ timeout: 60_000 });
    // A hung-up call's transactions and media take a few seconds to wind down (SIP timers, ICE).
    const engine = await eventually(() => this.engineCounts(), (counts) => counts.peerConnections + counts.liveTracks + counts.workletNodes === 0, 'engine idle', 15_000).catch(() =>
      this.engineCounts(),
    );
    // After a reload the new pages' idle keep-alive connections to the host stay open until Node's
    // keepAliveTimeout (5 s) closes them: they are not kept, so they are not counted.
    await sleep(this.reloadedSinceSample ? 6_000 : 1_000);
    this.reloadedSinceSample = false;
    const settled = await this.engineCounts();
    const main = (await this.app.mainCensus()) as unknown as MainCounts;
    const [uiHeap, engineHeap] = [(await jsHeapBytes(this.ui)).live, (await jsHeapBytes(await enginePage(this.app))).live];
    const cpu = await this.engineIdleCpu(3_000);
    const sample: SoakSample = {
      calls,
      mainRssMb: mb(main.rssBytes),
      mainHeapMb: mb(main.heapUsedBytes),
      uiHeapMb: mb(uiHeap),
      engineHeapMb: mb(engineHeap),
      peerConnections: Math.min(engine.peerConnections, settled.peerConnections),
      liveTracks: Math.min(engine.liveTracks, settled.liveTracks),
      audioNodes: Math.min(engine.workletNodes, settled.workletNodes),
      runningAudioContexts: settled.runningAudioContexts,
      engineTimers: settled.timers,
      engineListeners: settled.listeners,
      engineWebSockets: settled.webSockets,
      mainTimers: main.timers,
      mainListeners: main.listeners,
      bridgeSockets: main.bridgeSockets,
      openFds: main.openFds,
      walKb: Math.round(main.walBytes / 1024),
      engineIdleCpuPct: Math.round(cpu * 1000) / 10,
    };
    this.options.log?.(`soak sample ${JSON.stringify(sample)}`);
    return sample;
  }

  /** Share of one core the engine browser (its whole process group) uses while the agent is idle. */
  private async engineIdleCpu(windowMs: number): Promise<number> {
    const launch = await this.app.waitForEngineLaunch(this.app.engineLaunchCount);
    if (!launch.pid) return 0;
    const ticksPerSecond = 100; // USER_HZ on Linux
    const before = groupCpuTicks(launch.pid);
    const started = performance.now();
    await sleep(windowMs);
    const ticks = groupCpuTicks(launch.pid) - before;
    return ticks / ticksPerSecond / ((performance.now() - started) / 1000);
  }

  async stop(): Promise<void> {
    await this.app.stop();
    await this.gateway.close();
    await this.stack.stop();
  }
}

/**
 * A call that rang out unanswered (a UI too slow to click under load) leaves the agent Not Ready (missed
 * call) and every later call is refused: the agent chooses Available again, as a real one would.
 */
export async function backToAvailable(ui: Page): Promise<void> {
  if (!(await ui.getByTestId('presence').filter({ hasText: /^Not Ready/ }).isVisible())) return;
  await ui.getByRole('button', { name: /Status/ }).click({ timeout: 10_000 }).catch(() => undefined);
  await ui.getByRole('option', { name: 'Available' }).click({ timeout: 10_000 }).catch(() => undefined);
}

