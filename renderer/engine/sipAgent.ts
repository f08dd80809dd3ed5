// The JsSIP user agent: registration, liveness and reconnection. Calls are handled by CallRegistry.
import JsSIP from 'jssip';
import type { EngineAccount, EngineReport } from '../../common/contract/channels';
import type { RTCSessionEvent, UnRegisteredEvent } from 'jssip/lib/UA';
import { registrationFailure } from './causes';

type Report = (report: EngineReport) => void;

export interface SipAgentHooks {
  report: Report;
  onNewSession: (event: RTCSessionEvent) => void;
}

interface SendOptions {
  sendOptions(target: string, body: string | undefined, options: { eventHandlers: { succeeded: () => void; failed: (event: { cause?: string }) => void } }): void;
}

/** How long an OPTIONS keep-alive may go unanswered before the socket is treated as dead. */
const KEEPALIVE_TIMEOUT_MS = 4_000;

export class SipAgent {
  private ua: JsSIP.UA | undefined;
  private account: EngineAccount | undefined;
  private keepAliveTimer: number | undefined;
  private registered = false;

  constructor(private readonly hooks: SipAgentHooks) {
    // The OS says the network is back: do not wait out JsSIP's back-off.
    window.addEventListener('online', () => this.reconnect('network came back'));
  }

  get userAgent(): JsSIP.UA | undefined {
    return this.ua;
  }

  get domain(): string {
    return this.account?.sipUri.split('@')[1] ?? '';
  }

  configure(account: EngineAccount): void {
    this.stop();
    this.account = account;
    this.start();
  }

  /** Drops the socket and starts over; used on network change, resume, and a silent keep-alive. */
  reconnect(why: string): void {
    if (!this.account) return;
    this.hooks.report({ type: 'log', level: 'info', message: `reconnecting: ${why}` });
    const ua = this.ua;
    if (ua?.isConnected() && ua.isRegistered()) {
      ua.register();
      return;
    }
    this.stop();
    this.start();
  }

  private start(): void {
    const account = this.account;
    if (!account) return;
    const socket = new JsSIP.WebSocketInterface(account.wsUri);
    const ua = new JsSIP.UA({
      sockets: [socket],
      uri: account.sipUri,
      authorization_user: account.authUser,
      password: account.password,
      display_name: account.displayName || undefined,
      register: true,
      register_expires: account.registerExpiresSeconds,
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
    ua.on('connected', () => report({ type: 'transport', connected: true }));
    ua.on('disconnected', (event) => {
      this.registered = false;
      report({ type: 'transport', connected: false, detail: event.reason ?? (event.error ? 'socket error' : 'socket closed') });
    });
    ua.on('registered', () => {
      this.registered = true;
      report({ type: 'registration', state: 'registered' });
    });
    ua.on('unregistered', () => {
      this.registered = false;
      report({ type: 'registration', state: 'unregistered' });
    });
    ua.on('registrationFailed', (event: UnRegisteredEvent) => {
      this.registered = false;
      const failure = registrationFailure(event.cause);
      const status = event.response?.status_code;
      report({ type: 'registration', state: 'failed', failure, detail: status ? `${status} ${event.response.reason_phrase}` : event.cause });
    });
    ua.on('newRTCSession', (event: RTCSessionEvent) => this.hooks.onNewSession(event));
    ua.start();
    this.scheduleKeepAlive();
  }

  private stop(): void {
    window.clearInterval(this.keepAliveTimer);
    this.keepAliveTimer = undefined;
    const ua = this.ua;
    this.ua = undefined;
    if (ua) {
      ua.removeAllListeners();
      ua.stop();
    }
  }

  private scheduleKeepAlive(): void {
    const account = this.account;
    if (!account) return;
    this.keepAliveTimer = window.setInterval(() => this.probe(), account.keepAliveSeconds * 1000);
  }

  /** OPTIONS to the registrar; a half-open socket is found here rather than at the next call. */
  private probe(): void {
    const ua = this.ua;
    if (!ua || !this.registered || !ua.isConnected()) return;
    let answered = false;
    const timer = window.setTimeout(() => {
      if (!answered) this.reconnect('keep-alive went unanswered');
    }, KEEPALIVE_TIMEOUT_MS);
    // sendOptions exists in JsSIP 3.13 but is missing from its type definitions.
    (ua as unknown as SendOptions).sendOptions(`sip:${this.domain}`, undefined, {
      eventHandlers: {
        succeeded: () => {
          answered = true;
          window.clearTimeout(timer);
        },
        failed: (event: { cause?: string }) => {
          answered = true;
          window.clearTimeout(timer);
          // Any SIP answer proves the socket is alive; only transport failures mean it is not.
          if (event.cause === 'Connection Error' || event.cause === 'Request Timeout') this.reconnect(`keep-alive failed: ${event.cause}`);
        },
      },
    });
  }
}
