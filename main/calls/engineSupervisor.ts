// Keeps exactly one call engine alive, hands it its account, and forwards commands to it. When the
// engine dies, calls it held are marked lost, the agent is told, and a new engine is started.
import type { EngineAccount, EngineCommand, EngineReport } from '../../common/contract/channels';
import type { AppState } from '../session/state';
import { ServiceError } from '../ipc/errors';
import type { EventHub } from '../ipc/hub';
import type { Logger } from '../log/logger';
import { afterCrash, initialBackoff, markUp, type BackoffState } from '../time/backoff';
import type { EngineHost } from './engineHost';

export interface EngineSupervisorOptions {
  /** How long a launched engine has to say hello before it is relaunched. */
  helloTimeoutMs: number;
  /** Restart back-off: attempt n waits min(maxDelayMs, baseDelayMs * 2^n) (main/time/backoff.ts). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** An engine up this long without crashing starts the back-off over. */
  stableAfterMs: number;
  /** Monotonic ms (tests inject one). */
  clock: () => number;
}

/** How long closing the app waits for the engine to end its calls (one SIP round trip is plenty). */
const SHUTDOWN_GRACE_MS = 1_500;

const DEFAULT_OPTIONS: EngineSupervisorOptions = { helloTimeoutMs: 20_000, baseDelayMs: 500, maxDelayMs: 15_000, stableAfterMs: 5 * 60_000, clock: () => performance.now() };

export class EngineSupervisor {
  private readonly options: EngineSupervisorOptions;
  private connected = false;
  private disposed = false;
  private restarts = 0;
  private backoff: BackoffState = initialBackoff;
  private helloTimer: NodeJS.Timeout | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private readonly reportListeners = new Set<(report: EngineReport) => void>();
  private readonly helloListeners = new Set<() => void>();
  private readonly lostListeners = new Set<() => void>();

  constructor(
    private readonly host: EngineHost,
    private readonly hub: EventHub,
    private readonly state: AppState,
    private readonly log: Logger,
    private readonly account: () => EngineAccount | null,
    options: Partial<EngineSupervisorOptions> = {},
  ) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
    hub.onDetach((role) => {
      if (role === 'engine' && this.hub.count('engine') === 0) this.engineLost('the engine disconnected');
    });
    host.onGone((reason) => this.engineLost(reason));
  }

  get restartCount(): number {
    return this.restarts;
  }

  async start(): Promise<void> {
    this.state.setEngine('starting');
    await this.launch();
  }

  /**
   * The app is closing: its calls are ended properly first, so a ringing caller is refused at once (480:
   * a queue offers the call elsewhere) instead of ringing into a closed socket until the server gives up,
   * and a connected caller hears the call end. Waits for the engine to report them ended, at most `graceMs`.
   */
  async endCallsBeforeExit(graceMs = SHUTDOWN_GRACE_MS): Promise<void> {
    const live = this.state.liveCalls();
    if (live.length === 0 || !this.isConnected()) return;
    // A hang-up without a reason: JsSIP refuses a ringing call with 480 and ends any other one.
    for (const call of live) this.trySend({ type: 'hangup', callId: call.id });
    const deadline = Date.now() + graceMs;
    while (this.state.liveCalls().length > 0 && this.isConnected() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    this.log.info({ ended: live.length - this.state.liveCalls().length, of: live.length }, 'calls ended before exit');
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    clearTimeout(this.helloTimer);
    clearTimeout(this.restartTimer);
    await this.host.dispose();
  }

  /** The engine page said hello: it is up, give it its account and current availability. */
  hello(): { account: EngineAccount | null } {
    clearTimeout(this.helloTimer);
    this.connected = true;
    this.backoff = markUp(this.backoff, this.options.clock());
    this.state.setEngine('running');
    const account = this.account();
    if (!account) this.state.setRegistration({ state: 'unconfigured' });
    this.log.info({ restarts: this.restarts }, 'call engine connected');
    // Listeners (availability) push their state right after the engine has its account.
    queueMicrotask(() => {
      for (const listener of this.helloListeners) listener();
    });
    return { account };
  }

  onHello(listener: () => void): void {
    this.helloListeners.add(listener);
  }

  /** The engine went away (crash, disconnect, no hello in time); a new one is on its way. */
  onLost(listener: () => void): () => void {
    this.lostListeners.add(listener);
    return () => this.lostListeners.delete(listener);
  }

  onReport(listener: (report: EngineReport) => void): () => void {
    this.reportListeners.add(listener);
    return () => this.reportListeners.delete(listener);
  }

  report(report: EngineReport): void {
    for (const listener of this.reportListeners) listener(report);
  }

  isConnected(): boolean {
    return this.connected && this.hub.count('engine') > 0;
  }

  /** Sends a command to the engine, or tells the caller plainly that the engine is not there. */
  send(command: EngineCommand): void {
    if (!this.isConnected()) throw new ServiceError('unavailable', 'The call engine is restarting; try again in a moment');
    this.hub.emit('engine', 'engine.command', command);
  }

  /** Best effort: used for state pushes that the engine will ask for again on hello anyway. */
  trySend(command: EngineCommand): void {
    if (this.isConnected()) this.hub.emit('engine', 'engine.command', command);
  }

  private async launch(): Promise<void> {
    clearTimeout(this.helloTimer);
    this.helloTimer = setTimeout(() => this.engineLost('the engine did not start in time'), this.options.helloTimeoutMs);
    this.helloTimer.unref();
    try {
      await this.host.launch();
    } catch (error) {
      this.log.error({ err: error }, 'could not launch the call engine');
      this.engineLost('the engine could not be launched');
    }
  }

  private engineLost(reason: string): void {
    if (this.disposed) return;
    if (!this.connected && this.state.getEngine() === 'restarting') return; // already handling it
    this.connected = false;
    clearTimeout(this.helloTimer);
    this.log.error({ reason, restarts: this.restarts }, 'call engine lost');
    const now = Date.now();
    for (const call of this.state.liveCalls()) {
      this.state.upsertCall({ ...call, state: 'ended', endedAt: now, endReason: 'engineLost' });
    }
    const registration = this.state.getRegistration();
    if (registration.state !== 'unconfigured') {
      this.state.setRegistration({ state: 'reconnecting', failure: 'engineLost', detail: reason });
    }
    this.state.setEngine('restarting');
    this.state.notify('error', 'notice.engineRestarted');
    for (const listener of [...this.lostListeners]) listener();
    const { delayMs: delay, state: backoff } = afterCrash(this.backoff, this.options.clock(), this.options);
    this.backoff = backoff;
    this.restarts += 1;
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => void this.launch(), delay);
    this.restartTimer.unref();
  }
}
