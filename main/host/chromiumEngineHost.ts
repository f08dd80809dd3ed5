// Under the headless host the call engine lives in its own Debian Chromium process, which main
// launches, watches and relaunches, just as Electron main owns a hidden BrowserWindow.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import type { EngineHost } from '../calls/engineHost';
import type { Logger } from '../log/logger';
import { CdpPipe, openWithToken } from './cdpPipe';
import { removeDirQuietly, stopProcessGroup } from './processCleanup';
import { holdProfileLock, profilePrefix, sweepStaleProfiles, watchedCommand, type ProfileLock } from './engineWatchdog';

export interface ChromiumEngineHostOptions {
  executable: string;
  /** Chromium's headless shell (main/host/engineExecutable.ts): always headless, so no --headless flag. */
  headlessShell?: boolean;
  /** The engine page's URL (no secret in it: it ends up on Chromium's command line when no token is given). */
  url: () => string;
  /** The engine's bridge token, handed to the page over the DevTools pipe rather than the command line. */
  bridgeToken?: () => string;
  /** WAV fed to Chromium's fake microphone (tests and the demo have no real microphone). */
  fakeMicWav?: string;
  /** Opens Chromium's DevTools protocol on loopback so e2e tests can observe the engine page. */
  remoteDebugging?: boolean;
  /** Only these three levels, so the host's first stage can start a browser before the logger exists (deferredLog.ts). */
  log: EngineHostLog;
  /** Told after each launch, e.g. to announce the new DevTools endpoint to a test harness. */
  onLaunched?: (info: { pid: number | undefined; devTools: string | undefined }) => void;
  /** Told as a launch goes through its steps (the start timeline, main/diagnostics/startTimeline.ts). */
  onStep?: (step: 'engineLaunchRequested' | 'engineSpawned' | 'enginePageOpened') => void;
}

export type EngineHostLog = Pick<Logger, 'info' | 'warn' | 'error'>;

export const CHROMIUM_BASE_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--allow-loopback-in-peer-connection',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--autoplay-policy=no-user-gesture-required',
  // Never throttle the engine: it keeps timers and audio running while the agent works elsewhere.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
  '--use-fake-ui-for-media-stream',
];

interface EngineBrowser {
  child: ChildProcess;
  /** The DevTools pipe the page is opened through (with a bridge token). */
  pipe: CdpPipe | undefined;
}

export class ChromiumEngineHost implements EngineHost {
  private child: ChildProcess | undefined;
  private profileDir: string | undefined;
  /** Tells other hosts' sweeps that this profile's owner lives (engineWatchdog.ts). */
  private profileLock: ProfileLock | undefined;
  /** Process group of the latest browser: outlives the browser process when it crashes and its helpers do not. */
  private processGroup: number | undefined;
  private readonly goneListeners = new Set<(reason: string) => void>();
  private devToolsUrl: Promise<string | undefined> = Promise.resolve(undefined);
  /** A browser warmUp() started whose page is not open yet, and the warm-up under way. */
  private warm: EngineBrowser | undefined;
  private warming: Promise<void> | undefined;

  constructor(private readonly options: ChromiumEngineHostOptions) {}

  onGone(listener: (reason: string) => void): void {
    this.goneListeners.add(listener);
  }

  /** The DevTools WebSocket of the current engine browser, when remote debugging is on. */
  devToolsEndpoint(): Promise<string | undefined> {
    return this.devToolsUrl;
  }

  pid(): number | undefined {
    return this.child?.pid;
  }

  /** Profiles of hosts that were killed (kill -9) before they could clean up (engineWatchdog.ts). */
  async sweepStaleProfiles(): Promise<void> {
    const removed = await sweepStaleProfiles();
    if (removed.length > 0) this.options.log.info({ removed }, 'removed engine profiles left by a dead host');
  }

  /**
   * Starts the engine's browser before its page can be served, so that its cold start (the longest step
   * of a start) overlaps main's own; the first launch() then opens the page in it. Only with a bridge
   * token: without one the page's URL goes on the command line, and the URL is known only once the host
   * listens.
   */
  warmUp(): Promise<void> {
    if (!this.warming && !this.child && this.options.bridgeToken?.()) {
      this.warming = this.spawnBrowser().then(
        (browser) => {
          this.warm = browser;
        },
        (error: unknown) => this.options.log.warn({ err: error }, 'could not start the engine browser early; it starts with the engine'),
      );
    }
    return this.warming ?? Promise.resolve();
  }

  async launch(): Promise<void> {
    this.options.onStep?.('engineLaunchRequested');
    // A launch during the warm-up takes the browser it is starting rather than a second one.
    await this.warming;
    this.warming = undefined;
    const warm = this.warm;
    this.warm = undefined;
    const browser = warm && this.child === warm.child ? warm : await this.spawnBrowser();
    const token = this.options.bridgeToken?.();
    if (!browser.pipe || !token) return; // the page's URL was on the command line
    const { child } = browser;
    openWithToken(browser.pipe, this.options.url(), token).then(
      () => this.options.onStep?.('enginePageOpened'),
      (error: unknown) => {
        this.options.log.error({ err: error }, 'could not open the engine page in the engine browser');
        if (this.child === child) child.kill('SIGTERM'); // seen as gone, so it is relaunched
      },
    );
  }

  /** A new browser in a new profile (any previous one stopped first); its page is opened by launch(). */
  private async spawnBrowser(): Promise<EngineBrowser> {
    await this.kill();
    this.profileDir = mkdtempSync(profilePrefix(process.pid));
    this.profileLock = await holdProfileLock(this.profileDir);
    if (!this.profileLock) this.options.log.warn({ profile: this.profileDir }, 'engine profile has no owner lock: it is kept if this host is killed');
    const base = this.options.headlessShell ? CHROMIUM_BASE_FLAGS.filter((flag) => !flag.startsWith('--headless')) : CHROMIUM_BASE_FLAGS;
    const flags = [...base, `--user-data-dir=${this.profileDir}`];
    if (this.options.fakeMicWav) {
      flags.push('--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${this.options.fakeMicWav}`);
    }
    if (this.options.remoteDebugging) flags.push('--remote-debugging-address=127.0.0.1', '--remote-debugging-port=0');
    const piped = Boolean(this.options.bridgeToken?.());
    if (piped) flags.push('--remote-debugging-pipe');
    // Its own process group, watched: it dies with this host even on kill -9 (engineWatchdog.ts), and
    // stopping the group reaches every helper Chromium forks (they write to the profile).
    const watched = watchedCommand(this.options.executable, piped ? flags : [...flags, this.options.url()], process.pid);
    const child = spawn(watched.command, watched.args, { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'], detached: true });
    this.child = child;
    this.processGroup = child.pid;
    this.options.onStep?.('engineSpawned');
    this.options.log.info({ pid: child.pid }, 'engine browser launched');
    this.devToolsUrl = new Promise((resolve) => {
      let buffered = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const match = /DevTools listening on (ws:\/\/\S+)/.exec(buffered);
        if (match) resolve(match[1]);
        if (buffered.length > 64_000) buffered = buffered.slice(-8_000);
      });
      child.once('exit', () => resolve(undefined));
      if (!this.options.remoteDebugging) resolve(undefined);
    });
    if (this.options.onLaunched) {
      const onLaunched = this.options.onLaunched;
      void this.devToolsUrl.then((devTools) => onLaunched({ pid: child.pid, devTools }));
    }
    child.once('exit', (code, signal) => {
      if (this.child !== child) return; // replaced on purpose
      this.child = undefined;
      if (this.warm?.child === child) {
        // Nobody was told it is up, so nobody is told it is gone: launch() starts a new one.
        this.warm = undefined;
        this.options.log.warn({ code, signal }, 'engine browser exited before its page was opened');
        return;
      }
      this.options.log.warn({ code, signal }, 'engine browser exited');
      for (const listener of this.goneListeners) listener(`engine browser exited (${signal ?? code})`);
    });
    child.once('error', (error) => {
      this.options.log.error({ err: error }, 'engine browser could not start');
    });
    // Profiles of dead hosts are cleaned up while the browser starts: nothing waits for that.
    void this.sweepStaleProfiles();
    return { child, pipe: piped ? new CdpPipe(child.stdio[3] as Writable, child.stdio[4] as Readable) : undefined };
  }

  async dispose(): Promise<void> {
    await this.warming; // a browser being started early is stopped too, not left behind
    await this.kill();
  }

  /** Stops the browser and all its helpers, then removes its profile; never throws (see processCleanup.ts). */
  private async kill(): Promise<void> {
    const child = this.child;
    const group = this.processGroup;
    this.child = undefined;
    this.warm = undefined;
    this.processGroup = undefined;
    if (group !== undefined) {
      const exited = !child || child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()));
      // After a crash the browser itself is gone but its helpers may still run: the group is stopped either way.
      const groupGone = await stopProcessGroup(group);
      await exited;
      if (!groupGone) this.options.log.warn({ pid: group }, 'engine browser helpers did not stop');
    }
    const profileDir = this.profileDir;
    const profileLock = this.profileLock;
    this.profileDir = undefined;
    this.profileLock = undefined;
    await profileLock?.release();
    if (profileDir) await removeDirQuietly(profileDir, this.options.log);
  }
}
