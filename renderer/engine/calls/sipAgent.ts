// The JsSIP user agent: registration, liveness and reconnection. Calls are handled by CallRegistry.
//
// Reconnecting never recreates the user agent while calls are live (that would end them): a dead or
// half-open WebSocket is replaced by forcing JsSIP's transport to disconnect and connect again, which
// keeps every RTCSession and dialog. When signalling is back (connected and registered again) the
// registry is told, so it can refresh each call's dialog over the new connection (re-INVITE, with an
// ICE restart where the media path broke too).
import JsSIP from 'jssip';
import type { IncomingMessageEvent, OutgoingMessageEvent, RTCSessionEvent, UnRegisteredEvent } from 'jssip/lib/UA';
import type { EngineAccount, EngineReport } from '../../../common/contract/channels';
import type { RegistrationFailure } from '../../../common/contract/model';
import { registrationFailure } from './causes';
import { SipTrace, TracedWebSocket } from './sipSocket';
import { CONNECT_TIMEOUT_MS, reconnectDelayMs } from './reconnectBackoff';
import { registrationRetryDelayMs } from './registrationRetry';

type Report = (report: EngineReport) => void;

export interface SipAgentHooks {
  report: Report;
  onNewSession: (event: RTCSessionEvent) => void;
  /** The user agent is never torn down while this is true. */
  hasLiveCalls: () => boolean;
  /** The connection to the server dropped (transportLost) or registration was lost, after having worked. */
  onSignallingLost: (transportLost: boolean) => void;
  /** Connected and registered again after a loss. */
  onSignallingRestored: () => void;
  /** A SIP MESSAGE (without a listener JsSIP answers 405). */
  onNewMessage?: (event: IncomingMessageEvent | OutgoingMessageEvent) => void;
}

interface SendOptions {
  sendOptions(target: JsSIP.URI, body: string | undefined, options: { eventHandlers: { succeeded: () => void; failed: (event: { cause?: string }) => void } }): void;
}

/** How long an OPTIONS keep-alive may go unanswered before the socket is treated as dead. */
const KEEPALIVE_TIMEOUT_MS = 4_000;
/** On `online`/resume the socket is probed with a shorter fuse: the agent is waiting. */
const WAKE_PROBE_TIMEOUT_MS = 2_000;
export class SipAgent {
  private ua: JsSIP.UA | undefined;
  private account: EngineAccount | undefined;
  private keepAliveTimer: number | undefined;
  private connectWatchdog: number | undefined;
  /** The next REGISTER after the server refused one for now (registrationRetry.ts). */
  private registerRetryTimer: number | undefined;
  private registerFailures = 0;
  private registered = false;
  private forcing = false;
  private forcedAttempts = 0;
  private probing = false;
  private everRegistered = false;
  private interrupted = false;
  private pendingAccount: EngineAccount | undefined;
  /** Start lines of the SIP messages on the socket, newest last. */
  readonly trace = new SipTrace();

  constructor(private readonly hooks: SipAgentHooks) {
    // The OS says the network is back: do not wait out JsSIP's back-off or the next keep-alive.
    window.addEventListener('online', () => this.reconnect('network came back'));
    window.addEventListener('offline', () => this.hooks.report({ type: 'log', level: 'info', message: 'the OS reports the network is gone' }));
  }

  get userAgent(): JsSIP.UA | undefined {
    return this.ua;
  }

  get domain(): string {
    return this.account?.sipUri.split('@')[1] ?? '';
  }

  /** Connected and registered: in-dialog requests (hold, transfer, INFO) can be sent safely. */
  isSignallingReady(): boolean {
    return Boolean(this.ua?.isConnected() && this.registered);
  }

  configure(account: EngineAccount): void {
    if (this.ua && this.hooks.hasLiveCalls()) {
      // A new user agent would end the calls; apply the account once they are over.
      this.pendingAccount = account;
      this.hooks.report({ type: 'log', level: 'warn', message: 'account change deferred until the calls end' });
      return;
    }
    this.stop();
    this.account = account;
    this.start();
  }

  /** The registry calls this when the last call ended. */
  callsEnded(): void {
    const pending = this.pendingAccount;
    if (!pending) return;
    this.pendingAccount = undefined;
    this.configure(pending);
  }

  /**
   * Network change, resume from sleep, unlock, or main asked: make sure the socket is alive now rather
   * than at JsSIP's next back-off step. A socket that says it is open is probed first (it may be a zombie
   * left over from before the laptop slept); one that is not is replaced at once.
   */
  reconnect(why: string): void {
    if (!this.account) return;
    const ua = this.ua;
    if (!ua) {
      this.start();
      return;
    }
    this.log('info', `reconnect requested: ${why}`);
    if (ua.isConnected()) {
      this.probe(WAKE_PROBE_TIMEOUT_MS, () => {
        if (!this.registered) ua.register();
      });
      return;
    }
    this.forceTransportReconnect(why);
  }

  private log(level: 'debug' | 'info' | 'warn' | 'error', message: string): void {
    this.hooks.report({ type: 'log', level, message });
  }

  private start(): void {
    const account = this.account;
    if (!account) return;
    const socket = new TracedWebSocket(account.wsUri, this.trace);
    const ua = new JsSIP.UA({
      sockets: [socket.asJsSipSocket()],
      uri: account.sipUri,
      authorization_user: account.authUser,
      password: account.password,
      display_name: account.displayName || undefined,
      register: true,
      register_expires: account.registerExpiresSeconds,
      // Session timers would send refreshes that kill the call when they meet a dead socket.
      session_timers: false,
      // JsSIP's default 2–30 s back-off leaves an agent unreachable for too long after a blip.
      connection_recovery_min_interval: 1,
      connection_recovery_max_interval: 6,
      user_agent: 'Hearthline',
    });
    this.ua = ua;
    this.registered = false;
    const report = this.hooks.report;
    ua.on('connecting', () => report({ type: 'registration', state: 'registering' }));
    ua.on('connected', () => {
      this.forcing = false;
      this.forcedAttempts = 0;
      window.clearTimeout(this.connectWatchdog);
      report({ type: 'transport', connected: true });
    });
    ua.on('disconnected', (event) => {
      this.registered = false;
      report({ type: 'transport', connected: false, detail: event.reason ?? (event.error ? 'socket error' : 'socket closed') });
      this.signallingLost(true);
    });
    ua.on('registered', () => {
      window.clearTimeout(this.registerRetryTimer);
      this.registerFailures = 0;
      this.registered = true;
      this.everRegistered = true;
      report({ type: 'registration', state: 'registered' });
      if (this.interrupted) {
        this.interrupted = false;
        this.hooks.onSignallingRestored();
      }
    });
    ua.on('unregistered', (event: UnRegisteredEvent) => {
      this.registered = false;
      // A refused refresh: JsSIP has just said why with registrationFailed, which must stay on screen.
      if (event.cause) return;
      report({ type: 'registration', state: 'unregistered' });
      this.signallingLost(false);
    });
    ua.on('registrationFailed', (event: UnRegisteredEvent) => {
      this.registered = false;
      const status = event.response?.status_code;
      const failure = registrationFailure(event.cause, status);
      report({ type: 'registration', state: 'failed', failure, detail: status ? `${status} ${event.response.reason_phrase}` : event.cause });
      this.signallingLost(false);
      this.scheduleRegisterRetry(ua, failure, event.response?.getHeader('Retry-After'));
    });
    ua.on('newRTCSession', (event: RTCSessionEvent) => this.hooks.onNewSession(event));
    const onNewMessage = this.hooks.onNewMessage;
    if (onNewMessage) ua.on('newMessage', (event: IncomingMessageEvent | OutgoingMessageEvent) => onNewMessage(event));
    ua.start();
    this.scheduleKeepAlive();
  }

  private scheduleRegisterRetry(ua: JsSIP.UA, failure: RegistrationFailure, retryAfter: string | undefined): void {
    window.clearTimeout(this.registerRetryTimer);
    this.registerFailures += 1;
    const delayMs = registrationRetryDelayMs(failure, retryAfter || undefined, this.registerFailures, Math.random);
    if (delayMs === undefined) return;
    this.log('info', `registering again in ${Math.round(delayMs / 1000)} s (${failure})`);
    this.registerRetryTimer = window.setTimeout(() => {
      // A new WebSocket registers by itself; only a live one needs asking.
      if (this.ua === ua && ua.isConnected() && !this.registered) ua.register();
    }, delayMs);
  }

  private signallingLost(transportLost: boolean): void {
    if (!this.everRegistered || this.interrupted) return;
    this.interrupted = true;
    this.hooks.onSignallingLost(transportLost);
  }

  private stop(): void {
    window.clearInterval(this.keepAliveTimer);
    window.clearTimeout(this.connectWatchdog);
    window.clearTimeout(this.registerRetryTimer);
    this.registerFailures = 0;
    this.keepAliveTimer = undefined;
    this.forcing = false;
    this.everRegistered = false;
    this.interrupted = false;
    const ua = this.ua;
    this.ua = undefined;
    if (ua) {
      ua.removeAllListeners();
      ua.stop();
    }
  }

  /**
   * Replaces the WebSocket without touching the user agent or its sessions. JsSIP's transport
   * disconnect fails the client transactions in flight (a pending re-INVITE would end its call, which
   * is why main refuses hold/transfer while reconnecting) and its connect opens a fresh socket; the
   * user agent re-registers by itself once it is open.
   */
  private forceTransportReconnect(why: string): void {
    const ua = this.ua;
    if (!ua) return;
    this.forcing = true;
    this.forcedAttempts += 1;
    this.log('warn', `replacing the SIP connection (attempt ${this.forcedAttempts}): ${why}`);
    // UA.transport is public in JsSIP 3.13 but missing from its type definitions.
    const transport = (ua as unknown as { transport: { disconnect(): void; connect(): void } }).transport;
    transport.disconnect();
    transport.connect();
    window.clearTimeout(this.connectWatchdog);
    // Not open in time: the next attempt waits a jittered back-off (reconnectBackoff.ts), so a fleet
    // that lost the server together does not come back in lockstep.
    const retryInMs = CONNECT_TIMEOUT_MS + reconnectDelayMs(this.forcedAttempts + 1, Math.random);
    this.connectWatchdog = window.setTimeout(() => {
      if (this.ua === ua && !ua.isConnected()) this.forceTransportReconnect('the new connection did not open in time');
    }, retryInMs);
  }

  private serverUri(): JsSIP.URI {
    const [host = '', port] = this.domain.split(':');
    return new JsSIP.URI('sip', '', host, port ? Number(port) : undefined);
  }

  private scheduleKeepAlive(): void {
    const account = this.account;
    if (!account) return;
    window.clearInterval(this.keepAliveTimer);
    this.keepAliveTimer = window.setInterval(() => {
      if (this.registered) this.probe(KEEPALIVE_TIMEOUT_MS);
    }, account.keepAliveSeconds * 1000);
  }

  /** OPTIONS to the registrar; a half-open socket is found here rather than at the next call. */
  private probe(timeoutMs: number, onAlive?: () => void): void {
    const ua = this.ua;
    if (!ua || this.probing || this.forcing || !ua.isConnected()) return;
    this.probing = true;
    let settled = false;
    const settle = (alive: boolean, why: string) => {
      if (settled) return;
      settled = true;
      this.probing = false;
      window.clearTimeout(timer);
      if (this.ua !== ua || (!alive && this.forcing)) return;
      if (alive) onAlive?.();
      else this.forceTransportReconnect(why);
    };
    const timer = window.setTimeout(() => settle(false, 'keep-alive went unanswered'), timeoutMs);
    // To the server itself (no user part), which answers 200 without a challenge. A string target would
    // be "normalised" by JsSIP into a user called 127001. sendOptions is missing from JsSIP's types.
    (ua as unknown as SendOptions).sendOptions(this.serverUri(), undefined, {
      eventHandlers: {
        succeeded: () => settle(true, ''),
        failed: (event: { cause?: string }) => {
          // Any SIP answer proves the socket is alive; only transport failures mean it is not.
          const dead = event.cause === 'Connection Error' || event.cause === 'Request Timeout';
          settle(!dead, `keep-alive failed: ${event.cause ?? 'unknown'}`);
        },
      },
    });
  }
}
