// The agent's side: a join request arrives as an INVITE carrying JOIN_HEADER. It never rings and never
// becomes one of the agent's calls; it is verified (the caller's identity as the SIP server asserted it,
// against the supervisors main names) and answered automatically, or refused with a SIP status.
import type { IncomingInfoEvent, OutgoingInfoEvent, RTCSession } from 'jssip/lib/RTCSession';
import type { IncomingRTCSessionEvent, RTCSessionEvent } from 'jssip/lib/UA';
import { JOIN_HEADER, JOIN_MODE_CONTENT_TYPE, type JoinMode, type Listener, type MonitoringReport } from '../../../common/contract/monitoring';
import { decideJoin, parseModeSwitch } from './joinRules';
import { SupervisorMix } from './supervisorMix';

const PC_CONFIG: RTCConfiguration = { iceServers: [], rtcpMuxPolicy: 'require' };

/** The agent's call a supervisor may join. */
export interface JoinableCall {
  callId: string;
  session: RTCSession;
}

export interface JoinedCallsHooks {
  report: (report: MonitoringReport) => void;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** Who may join (main answers from the directory; asked for every request). */
  supervisors: () => Promise<readonly string[]>;
  /** The agent's own SIP domain. */
  domain: () => string;
  joinableCall: () => JoinableCall | undefined;
  outputSinkId: () => string;
}

interface Joined {
  session: RTCSession;
  listener: Listener;
  mix: SupervisorMix;
  stopWatchingCall: () => void;
}

export class JoinedCalls {
  private joined: Joined | undefined;
  /** A request being verified: a second one meanwhile is refused as busy. */
  private verifying = false;

  constructor(private readonly hooks: JoinedCallsHooks) {}

  /** True when the new session was a join request (handled here); false for an ordinary call. */
  handleNewSession(event: RTCSessionEvent): boolean {
    if (String(event.originator) !== 'remote') return false;
    const incoming = event as IncomingRTCSessionEvent;
    const modeHeader = incoming.request.hasHeader(JOIN_HEADER) ? incoming.request.getHeader(JOIN_HEADER) : undefined;
    if (modeHeader === undefined) return false;
    void this.verify(incoming, modeHeader).catch((error: unknown) => {
      this.hooks.log('error', `join request failed: ${String(error)}`);
      if (!incoming.session.isEnded()) incoming.session.terminate({ status_code: 500 });
    });
    return true;
  }

  listeners(): Listener[] {
    return this.joined ? [this.joined.listener] : [];
  }

  private async verify(event: IncomingRTCSessionEvent, modeHeader: string): Promise<void> {
    const busy = this.joined !== undefined || this.verifying;
    if (!busy) this.verifying = true;
    try {
      await this.verifyAndAnswer(event, modeHeader, busy);
    } finally {
      if (!busy) this.verifying = false;
    }
  }

  private async verifyAndAnswer(event: IncomingRTCSessionEvent, modeHeader: string, busy: boolean): Promise<void> {
    const { session, request } = event;
    let supervisors: readonly string[] = [];
    try {
      supervisors = await this.hooks.supervisors();
    } catch (error) {
      this.hooks.log('warn', `join request: the list of supervisors is unavailable (${String(error)})`);
    }
    const call = this.hooks.joinableCall();
    const decision = decideJoin({
      modeHeader,
      assertedIdentity: request.hasHeader('P-Asserted-Identity') ? request.getHeader('P-Asserted-Identity') : undefined,
      agentDomain: this.hooks.domain(),
      supervisors,
      hasCall: call !== undefined,
      alreadyJoined: busy,
    });
    if (!decision.accept || !call) {
      if (!decision.accept) {
        this.hooks.log('warn', decision.log);
        session.terminate({ status_code: decision.status, reason_phrase: decision.reasonPhrase });
      }
      return;
    }
    if (session.isEnded()) return;
    const connection = call.session.connection;
    const mix = await SupervisorMix.start(connection, decision.mode, this.hooks.outputSinkId());
    if (session.isEnded() || call.session.isEnded()) {
      await mix.close();
      if (!session.isEnded()) session.terminate({ status_code: 480, reason_phrase: 'No Call To Join' });
      return;
    }
    const remoteName = session.remote_identity.display_name;
    const joined: Joined = {
      session,
      mix,
      listener: { supervisor: decision.supervisor, displayName: remoteName ? remoteName.slice(0, 128) : undefined, mode: decision.mode, since: Date.now() },
      stopWatchingCall: () => undefined,
    };
    this.joined = joined;
    // The agent's call ending ends the join (the supervisor hears why: the agent's side hung up).
    const callEnded = () => this.end(joined, 'the agent’s call ended');
    call.session.on('ended', callEnded);
    call.session.on('failed', callEnded);
    joined.stopWatchingCall = () => {
      call.session.off('ended', callEnded);
      call.session.off('failed', callEnded);
    };
    session.on('confirmed', () => mix.attachSupervisor(session.connection));
    session.on('ended', () => this.end(joined, 'the supervisor left'));
    session.on('failed', () => this.end(joined, 'the join failed'));
    session.on('newInfo', (info: IncomingInfoEvent | OutgoingInfoEvent) => {
      if (info.originator !== 'remote') return;
      const mode = parseModeSwitch(info.info.contentType, info.info.body, JOIN_MODE_CONTENT_TYPE);
      if (mode) void this.switchMode(joined, mode);
    });
    session.answer({ mediaStream: mix.supervisorFeed, pcConfig: PC_CONFIG });
    this.hooks.log('info', `${decision.supervisor} joined call ${call.callId} (${decision.mode})`);
    this.reportListeners();
  }

  private async switchMode(joined: Joined, mode: JoinMode): Promise<void> {
    if (this.joined !== joined) return;
    await joined.mix.setMode(mode);
    joined.listener = { ...joined.listener, mode };
    this.hooks.log('info', `${joined.listener.supervisor} switched to ${mode}`);
    this.reportListeners();
  }

  private end(joined: Joined, why: string): void {
    if (this.joined !== joined) return;
    this.joined = undefined;
    joined.stopWatchingCall();
    if (!joined.session.isEnded()) joined.session.terminate();
    void joined.mix.close();
    this.hooks.log('info', `${joined.listener.supervisor} is off the call: ${why}`);
    this.reportListeners();
  }

  private reportListeners(): void {
    this.hooks.report({ type: 'listeners', listeners: this.listeners() });
  }
}
