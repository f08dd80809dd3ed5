// The supervisor's side: calls the agent with a join request, plays what comes back (the agent and the
// customer), switches mode with an in-dialog INFO, and leaves with a BYE. Never one of the supervisor's
// own calls: it does not ring, count as busy or reach call history.
import type JsSIP from 'jssip';
import type { EndEvent, IncomingInfoEvent, OutgoingInfoEvent, RTCSession } from 'jssip/lib/RTCSession';
import { JOIN_HEADER, JOIN_MODE_CONTENT_TYPE, type JoinMode, type JoinSession, type MonitoringReport } from '../../../common/contract/monitoring';
import { joinEndReason } from './joinRules';

const PC_CONFIG: RTCConfiguration = { iceServers: [], rtcpMuxPolicy: 'require' };

export interface JoinDialerHooks {
  report: (report: MonitoringReport) => void;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
  userAgent: () => JsSIP.UA | undefined;
  domain: () => string;
  openMicrophone: () => Promise<MediaStream>;
  outputSinkId: () => string;
}

interface Outgoing {
  session: RTCSession | undefined;
  state: JoinSession;
  audio: HTMLAudioElement;
  microphone: MediaStream | undefined;
  leaving: boolean;
}

export class JoinDialer {
  private current: Outgoing | undefined;

  constructor(private readonly hooks: JoinDialerHooks) {}

  async join(agent: string, mode: JoinMode): Promise<void> {
    if (this.current) {
      this.hooks.log('warn', `join ${agent} ignored: already on ${this.current.state.agent}'s call`);
      return;
    }
    const ua = this.hooks.userAgent();
    const audio = document.createElement('audio');
    audio.autoplay = true;
    audio.dataset.hearthline = 'joined-call';
    void audio.setSinkId?.(this.hooks.outputSinkId()).catch(() => undefined);
    document.body.append(audio);
    const outgoing: Outgoing = { session: undefined, state: { agent, mode, state: 'joining' }, audio, microphone: undefined, leaving: false };
    this.current = outgoing;
    if (!ua?.isRegistered()) {
      this.finish(outgoing, 'unreachable');
      return;
    }
    try {
      outgoing.microphone = await this.hooks.openMicrophone();
    } catch (error) {
      this.hooks.log('warn', `join: no microphone (${String(error)}); joining without one`);
    }
    if (this.current !== outgoing || outgoing.leaving) {
      this.finish(outgoing, 'left');
      return;
    }
    let session: RTCSession;
    try {
      session = ua.call(`sip:${agent}@${this.hooks.domain()}`, {
        extraHeaders: [`${JOIN_HEADER}: ${mode}`],
        mediaConstraints: { audio: true, video: false },
        mediaStream: outgoing.microphone,
        pcConfig: PC_CONFIG,
      });
    } catch (error) {
      this.hooks.log('warn', `join ${agent} failed: ${String(error)}`);
      this.finish(outgoing, 'failed');
      return;
    }
    outgoing.session = session;
    session.connection?.addEventListener('track', (event) => {
      audio.srcObject = event.streams[0] ?? new MediaStream([event.track]);
    });
    session.on('confirmed', () => this.update(outgoing, { state: 'joined' }));
    session.on('failed', (event: EndEvent) => {
      const status = (event.message as { status_code?: number } | undefined)?.status_code;
      this.hooks.log('info', `join ${agent} refused or failed: ${status ?? event.cause}`);
      this.finish(outgoing, outgoing.leaving ? 'left' : joinEndReason(status));
    });
    session.on('ended', (event: EndEvent) => this.finish(outgoing, event.originator === 'local' ? 'left' : 'callEnded'));
    this.report(outgoing);
  }

  setMode(mode: JoinMode): void {
    const outgoing = this.current;
    const session = outgoing?.session;
    if (!outgoing || !session || outgoing.state.state !== 'joined') return;
    const onInfo = (event: IncomingInfoEvent | OutgoingInfoEvent) => {
      if (event.originator !== 'local') return;
      session.off('newInfo', onInfo);
      event.info.once('succeeded', () => this.update(outgoing, { mode }));
      event.info.once('failed', () => this.hooks.log('warn', `switching to ${mode} was refused`));
    };
    session.on('newInfo', onInfo);
    try {
      session.sendInfo(JOIN_MODE_CONTENT_TYPE, JSON.stringify({ mode }));
    } catch (error) {
      session.off('newInfo', onInfo);
      this.hooks.log('warn', `switching to ${mode} failed: ${String(error)}`);
    }
  }

  leave(): void {
    const outgoing = this.current;
    if (!outgoing) return;
    outgoing.leaving = true;
    if (outgoing.session && !outgoing.session.isEnded()) outgoing.session.terminate();
  }

  private update(outgoing: Outgoing, patch: Partial<JoinSession>): void {
    if (this.current !== outgoing) return;
    outgoing.state = { ...outgoing.state, ...patch };
    this.report(outgoing);
  }

  private finish(outgoing: Outgoing, reason: JoinSession['reason']): void {
    if (this.current !== outgoing) return;
    this.current = undefined;
    outgoing.audio.srcObject = null;
    outgoing.audio.remove();
    for (const track of outgoing.microphone?.getTracks() ?? []) track.stop();
    outgoing.state = { ...outgoing.state, state: 'ended', reason };
    this.report(outgoing);
  }

  private report(outgoing: Outgoing): void {
    this.hooks.report({ type: 'session', session: outgoing.state });
  }
}
