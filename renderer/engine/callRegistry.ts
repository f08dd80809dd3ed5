// Every call the engine holds: the JsSIP session, its media element, and the Call record main sees.
import JsSIP from 'jssip';
import type { RTCSession } from 'jssip/lib/RTCSession';
import type { IncomingRTCSessionEvent, RTCSessionEvent } from 'jssip/lib/UA';
import type { EngineCommand, EngineReport } from '../../common/contract/channels';
import type { Call } from '../../common/contract/model';
import { callEndReason } from './causes';
import { sampleBetween, summariseStats, type StatsSummary } from './stats';

interface Entry {
  session: RTCSession;
  call: Call;
  audio: HTMLAudioElement;
  lastStats?: StatsSummary;
}

const QUALITY_INTERVAL_MS = 1_000;

const PC_CONFIG: RTCConfiguration = { iceServers: [], rtcpMuxPolicy: 'require' };
// Echo cancellation stays on for agents; tests that compare levels turn processing off per device later.
const MEDIA_CONSTRAINTS = { audio: true, video: false };

export interface CallRegistryHooks {
  report: (report: EngineReport) => void;
  userAgent: () => JsSIP.UA | undefined;
  domain: () => string;
  dtmfMode: () => 'rfc4733' | 'info';
}

export class CallRegistry {
  private readonly entries = new Map<string, Entry>();
  private accepting: { accepting: boolean; rejectWith: 480 | 486 } = { accepting: true, rejectWith: 486 };
  private nextInboundId = 1;

  constructor(private readonly hooks: CallRegistryHooks) {
    window.setInterval(() => void this.sampleQuality().catch(() => undefined), QUALITY_INTERVAL_MS);
  }

  setAccepting(accepting: boolean, rejectWith: 480 | 486): void {
    this.accepting = { accepting, rejectWith };
  }

  /** Per-call figures for diagnostics and tests: what each call is actually sending and receiving. */
  async diagnostics(): Promise<Array<{ callId: string; state: string } & StatsSummary>> {
    const out = [];
    for (const [callId, entry] of this.entries) {
      const pc = entry.session.connection;
      const summary = summariseStats(pc ? ((await pc.getStats()).values() as Iterable<never>) : []);
      out.push({ callId, state: entry.call.state, ...summary });
    }
    return out;
  }

  /** Once a second, every connected call reports a quality sample to main. */
  private async sampleQuality(): Promise<void> {
    const now = Date.now();
    for (const [callId, entry] of this.entries) {
      const pc = entry.session.connection;
      if (entry.call.state !== 'connected' || !pc) continue;
      const current = summariseStats((await pc.getStats()).values() as Iterable<never>);
      this.hooks.report({ type: 'quality', callId, sample: sampleBetween(entry.lastStats, current, now) });
      entry.lastStats = current;
    }
  }

  handleNewSession(newSession: RTCSessionEvent): void {
    if (String(newSession.originator) !== 'remote') return; // outbound sessions are tracked from dial()
    const event = newSession as IncomingRTCSessionEvent;
    const session = event.session;
    if (!this.accepting.accepting) {
      session.terminate({ status_code: this.accepting.rejectWith });
      this.hooks.report({ type: 'log', level: 'info', message: `inbound call refused with ${this.accepting.rejectWith} (agent not available)` });
      return;
    }
    const identity = event.request.getHeader('P-Asserted-Identity');
    const remote = session.remote_identity;
    const callId = `in-${Date.now()}-${this.nextInboundId++}`;
    this.track(callId, session, {
      id: callId,
      direction: 'inbound',
      state: 'ringing',
      remoteNumber: parseIdentityNumber(identity) ?? remote.uri.user,
      remoteName: remote.display_name || undefined,
      startedAt: Date.now(),
      onHold: false,
      muted: false,
    });
  }

  handle(command: Exclude<EngineCommand, { type: 'configure' | 'setAccepting' | 'reconnect' }>): void {
    if (command.type === 'dial') {
      this.dial(command.callId, command.target);
      return;
    }
    const entry = this.entries.get(command.callId);
    if (!entry) {
      this.hooks.report({ type: 'callRemoved', callId: command.callId, reason: 'failed' });
      return;
    }
    const { session } = entry;
    switch (command.type) {
      case 'answer':
        session.answer({ mediaConstraints: MEDIA_CONSTRAINTS, pcConfig: PC_CONFIG });
        this.watchPeerConnection(entry);
        return;
      case 'hangup':
        session.terminate();
        return;
      case 'hold':
        if (command.on) session.hold();
        else session.unhold();
        return;
      case 'mute':
        if (command.on) session.mute({ audio: true });
        else session.unmute({ audio: true });
        return;
      case 'dtmf':
        session.sendDTMF(command.digits, { transportType: this.hooks.dtmfMode() === 'info' ? JsSIP.C.DTMF_TRANSPORT.INFO : JsSIP.C.DTMF_TRANSPORT.RFC2833 });
        return;
    }
  }

  private dial(callId: string, target: string): void {
    const ua = this.hooks.userAgent();
    if (!ua?.isRegistered()) {
      this.hooks.report({ type: 'callRemoved', callId, reason: 'unavailable' });
      return;
    }
    const user = target.replace(/[\s().-]/g, '');
    const session = ua.call(`sip:${user}@${this.hooks.domain()}`, { mediaConstraints: MEDIA_CONSTRAINTS, pcConfig: PC_CONFIG });
    const entry = this.track(callId, session, {
      id: callId,
      direction: 'outbound',
      state: 'dialing',
      remoteNumber: user,
      startedAt: Date.now(),
      onHold: false,
      muted: false,
    });
    this.watchPeerConnection(entry);
  }

  private track(callId: string, session: RTCSession, call: Call): Entry {
    const audio = document.createElement('audio');
    audio.autoplay = true;
    audio.dataset.callId = callId;
    document.body.append(audio);
    const entry: Entry = { session, call, audio };
    this.entries.set(callId, entry);
    const update = (patch: Partial<Call>) => {
      entry.call = { ...entry.call, ...patch };
      this.hooks.report({ type: 'call', call: entry.call });
    };
    session.on('peerconnection', () => this.watchPeerConnection(entry));
    session.on('confirmed', () => {
      if (entry.call.state !== 'connected') update({ state: 'connected', connectedAt: Date.now() });
    });
    session.on('hold', (event) => {
      if (event.originator === 'local') update({ onHold: true, heldSince: Date.now() });
    });
    session.on('unhold', (event) => {
      if (event.originator === 'local') update({ onHold: false, heldSince: undefined });
    });
    session.on('muted', () => update({ muted: true }));
    session.on('unmuted', () => update({ muted: false }));
    const finish = (cause: string | undefined, originator: 'local' | 'remote' | 'system') => {
      if (!this.entries.has(callId)) return;
      this.entries.delete(callId);
      audio.srcObject = null;
      audio.remove();
      update({ state: 'ended', endedAt: Date.now(), endReason: callEndReason(cause, originator, entry.call.connectedAt !== undefined) });
    };
    session.on('ended', (event) => finish(event.cause, event.originator));
    session.on('failed', (event) => finish(event.cause, event.originator));
    this.hooks.report({ type: 'call', call });
    return entry;
  }

  private watchPeerConnection(entry: Entry): void {
    const pc = entry.session.connection;
    if (!pc || pc.ontrack) return;
    pc.ontrack = (event) => {
      // Remote audio plays only when attached to a media element (WebAudio alone stays silent).
      entry.audio.srcObject = event.streams[0] ?? new MediaStream([event.track]);
      void entry.audio.play().catch(() => undefined);
    };
  }
}

/** "Name" <sip:+441234@host> or tel:+441234 → +441234 */
function parseIdentityNumber(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /(?:sips?|tel):([^@;>]+)/.exec(header);
  return match?.[1];
}
