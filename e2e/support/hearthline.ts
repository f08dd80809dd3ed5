/**
 * Runs Hearthline's headless host as a real child process (dist/main/headless.js, exactly what
 * `npm run host` runs), and gives tests Playwright handles on:
 *  - the UI page, opened in a separate test browser the way an agent's browser window would be, and
 *  - the call-engine page, inside the Chromium process the host itself launches and supervises
 *    (reached over the DevTools protocol on loopback).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT } from '../../stack/audio';
import type { Baresip, LocalStack } from '../../stack/stack';
import { CHROMIUM_EXECUTABLE, launchChromium } from './browser';

export interface HostConfig {
  sip?: { wsUri: string; sipUri: string; password?: string; displayName?: string; dtmfMode?: 'rfc4733' | 'info'; keepAliveSeconds?: number };
  wrapUpSeconds?: number;
  autoAnswerSeconds?: number;
  alertTimeoutSeconds?: number;
  defaultRegion?: string;
  allowInsecureTransport?: boolean;
}

export interface HeadlessAppOptions {
  /** Written to a JSON file and passed with --config; a string is written verbatim (broken-config tests). */
  config: HostConfig | string;
  /** Microphone of the engine's Chromium. */
  fakeMicWav: string;
  /** Folder for the config file and logs. */
  runDir: string;
  name?: string;
  /** More host arguments, e.g. ['--policy-file', file] (main/host/headless.ts). */
  extraArgs?: string[];
  /** How the host is told about the config file: `--config` (default) or HEARTHLINE_CONFIG only. */
  configVia?: 'flag' | 'env';
  /** More environment for the host process (e.g. TMPDIR). */
  env?: Record<string, string>;
  /** Script run in the UI page before its own (e.g. a MutationObserver recording the start). */
  uiInitScript?: string;
  /** Default true: --resource-census (counting wraps every timer and listener; the perf bench turns it off). */
  resourceCensus?: boolean;
  /** The agent's browser, already running: the UI opens in a new window of it, which stop() closes (not the browser). */
  uiBrowser?: Browser;
}

export interface HostStartTimeline {
  /** Epoch ms of the host process's start (performance.timeOrigin); marks are ms after it. */
  timeOrigin: number;
  nodeBootstrapMs: number;
  marks: Array<{ name: string; atMs: number; cpuMs: number }>;
}

interface EngineLaunch {
  pid: number | undefined;
  devTools: string | undefined;
}

export class HeadlessApp {
  private engineBrowser: Browser | undefined;
  private readonly launches: EngineLaunch[] = [];
  private readonly launchWaiters = new Set<() => void>();
  private readonly censusWaiters = new Set<(counts: Record<string, unknown>) => void>();
  private uiBrowserHandle: Browser | undefined;
  /** The UI's window in a browser the test opened before the host (HeadlessAppOptions.uiBrowser). */
  private uiContextHandle: BrowserContext | undefined;
  private uiPage: Page | undefined;
  readonly uiUrl: Promise<string>;
  /** main's own start timeline (main/diagnostics/startTimeline.ts), printed once the first Ready reached a UI. */
  startTimeline: HostStartTimeline | undefined;

  private constructor(
    private readonly child: ChildProcess,
    readonly logFile: string,
  ) {
    this.uiUrl = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`headless host did not start; see ${logFile}`)), 20_000);
      child.once('exit', (code) => reject(new Error(`headless host exited with ${code}; see ${logFile}`)));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        let event: Record<string, unknown>;
        try {
          event = JSON.parse(line);
        } catch {
          return; // not one of the host's announcements
        }
        if (event.event === 'engineLaunched') {
          this.launches.push({ pid: event.pid as number | undefined, devTools: event.devTools as string | undefined });
          for (const wake of this.launchWaiters) wake();
        } else if (event.event === 'startTimeline') {
          this.startTimeline = event as unknown as HostStartTimeline;
        } else if (event.event === 'census') {
          for (const wake of this.censusWaiters) wake(event);
        } else if (event.event === 'ready') {
          clearTimeout(timer);
          resolve(String(event.uiUrl));
        }
      });
    });
  }

  static async start(options: HeadlessAppOptions): Promise<HeadlessApp> {
    const name = options.name ?? 'app';
    mkdirSync(options.runDir, { recursive: true });
    const configFile = join(options.runDir, `${name}.config.json`);
    writeFileSync(configFile, typeof options.config === 'string' ? options.config : JSON.stringify(options.config, null, 2));
    const logFile = join(options.runDir, `${name}.host.log`);
    const viaEnv = options.configVia === 'env';
    const child = spawn(
      process.execPath,
      [
        join(REPO_ROOT, 'dist', 'main', 'headless.js'),
        ...(viaEnv ? [] : ['--config', configFile]),
        '--fake-mic',
        options.fakeMicWav,
        '--remote-debugging',
        ...(options.resourceCensus === false ? [] : ['--resource-census']),
        '--chromium',
        CHROMIUM_EXECUTABLE,
        ...(options.extraArgs ?? []),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env, ...(viaEnv ? { HEARTHLINE_CONFIG: configFile } : {}) } },
    );
    child.stderr?.pipe(createWriteStream(logFile));
    const app = new HeadlessApp(child, logFile);
    // The agent's browser starts while the host does, so the UI can attach as early as a real window would.
    const uiBrowser = options.uiBrowser ?? launchChromium({ fakeMicWav: options.fakeMicWav });
    const uiUrl = await app.uiUrl.catch(async (error: unknown) => {
      if (!options.uiBrowser) await (await uiBrowser).close().catch(() => undefined);
      throw error;
    });
    const context = await (await uiBrowser).newContext({ viewport: { width: 1100, height: 720 }, locale: 'en-GB' });
    if (options.uiBrowser) app.uiContextHandle = context;
    else app.uiBrowserHandle = await uiBrowser;
    if (options.uiInitScript) await context.addInitScript(options.uiInitScript);
    app.uiPage = await context.newPage();
    await app.uiPage.goto(uiUrl);
    return app;
  }

  /**
   * An agent (default 1001) signed in on the local stack with the stack's agent tone as microphone,
   * returned once the UI shows Ready. `config` adds to the SIP account (e.g. wrapUpSeconds).
   */
  static async startAgent(
    stack: LocalStack,
    options: { user?: string; runDir?: string; name?: string; config?: Omit<HostConfig, 'sip'>; extraArgs?: string[] } & Pick<HeadlessAppOptions, 'configVia' | 'env' | 'uiInitScript'> = {},
  ): Promise<HeadlessApp> {
    const user = options.user ?? '1001';
    const app = await HeadlessApp.start({
      runDir: options.runDir ?? join(stack.runDir, 'apps'),
      name: options.name,
      fakeMicWav: stack.audio.agentTone,
      config: { sip: { wsUri: stack.wsUrl, sipUri: stack.uri(user), password: stack.password(user), displayName: `Agent (${user})` }, ...options.config },
      extraArgs: options.extraArgs,
      configVia: options.configVia,
      env: options.env,
      uiInitScript: options.uiInitScript,
    });
    try {
      await app.ui.getByTestId('presence').filter({ hasText: /^Ready$/ }).waitFor({ timeout: 20_000 });
    } catch (error) {
      await app.stop(); // a host left running would keep the test process alive
      throw error;
    }
    return app;
  }

  /** The agent's UI page (a separate browser, so an engine crash does not take it down). */
  get ui(): Page {
    if (!this.uiPage) throw new Error('UI not opened');
    return this.uiPage;
  }

  get hostPid(): number | undefined {
    return this.child.pid;
  }

  /** How many times the host has launched an engine browser so far. */
  get engineLaunchCount(): number {
    return this.launches.length;
  }

  /** Waits until the host has launched at least `count` engine browsers (1 = the first). */
  async waitForEngineLaunch(count: number, timeoutMs = 20_000): Promise<EngineLaunch> {
    const deadline = Date.now() + timeoutMs;
    while (this.launches.length < count) {
      if (Date.now() > deadline) throw new Error(`engine launch #${count} did not happen`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.launchWaiters.delete(wake);
          resolve();
        };
        this.launchWaiters.add(wake);
        setTimeout(wake, 200);
      });
    }
    return this.launches[count - 1]!;
  }

  /** The call-engine page inside the host's current engine browser. */
  async engine(): Promise<Page> {
    const launch = await this.waitForEngineLaunch(Math.max(1, this.launches.length));
    if (!launch.devTools) throw new Error('the engine browser has no DevTools endpoint');
    if (this.engineBrowser?.isConnected()) await this.engineBrowser.close().catch(() => undefined);
    this.engineBrowser = await chromium.connectOverCDP(launch.devTools);
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const page = this.engineBrowser.contexts().flatMap((context) => context.pages()).find((candidate) => candidate.url().includes('/engine.html'));
      if (page) return page;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('engine page not found in the engine browser');
  }

  /**
   * A customer phone calls this agent and the agent answers from the UI: waits for Ringing, clicks
   * Answer, and returns once the UI shows the call connected and the phone reports it established.
   */
  async answerCallFrom(customer: Baresip, agentUser: string): Promise<void> {
    await customer.dial(agentUser);
    await this.ui.getByTestId('presence').filter({ hasText: 'Ringing' }).waitFor({ timeout: 10_000 });
    await this.ui.getByTestId('answer').click();
    await this.ui.locator('[data-call-state="connected"]').waitFor({ timeout: 10_000 });
    await customer.waitFor('CALL_ESTABLISHED');
  }

  /** What main keeps alive (main/reliability/mainCensus.ts), asked with SIGUSR2. */
  async mainCensus(): Promise<Record<string, unknown>> {
    const counts = new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the host did not answer the census')), 5_000);
      const wake = (event: Record<string, unknown>) => {
        clearTimeout(timer);
        this.censusWaiters.delete(wake);
        resolve(event);
      };
      this.censusWaiters.add(wake);
    });
    this.child.kill('SIGUSR2');
    return counts;
  }

  /** Kills the engine browser outright, as a crash would. */
  killEngine(): void {
    const pid = this.launches.at(-1)?.pid;
    if (pid) process.kill(pid, 'SIGKILL');
  }

  /** Closes the test's browsers and stops the host with SIGTERM (SIGKILL after 5 s); returns its exit code. */
  async stop(): Promise<number | null> {
    await this.engineBrowser?.close().catch(() => undefined);
    await this.uiBrowserHandle?.close().catch(() => undefined);
    await this.uiContextHandle?.close().catch(() => undefined);
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    return this.child.exitCode;
  }
}
