// Every call the engine holds (tracking) and what the agent does with it (control): answer, hold/swap,
// mute, DTMF, blind and attended transfer, three-way conference, call waiting. Each call's media lives
// in callMedia.ts; keeping calls alive through a network or server outage in recovery.ts.
import JsSIP from 'jssip';
import type { IncomingDTMFEvent, OutgoingDTMFEvent, RTCSession } from 'jssip/lib/RTCSession';
import type { IncomingRTCSessionEvent, RTCSessionEvent } from 'jssip/lib/UA';
import type { EngineCommand, EngineReport } from '../../../common/contract/channels';
import type { Call } from '../../../common/contract/model';
import { isRingingInbound, MAX_LIVE_CALLS } from '../../../common/rules/calls';
import { callEndReason, endReasonWhileRecovering } from './causes';
import { Conference } from './conference';
import type { RingMode } from './ringer';
import type { CallEntry } from './callEntry';
import { CallMedia, microphoneSender, type CallMediaListener } from './callMedia';
import { CallRecovery } from './recovery';
import { vetRemoteOffer } from './sdpCheck';
import { collectRoutingHeaders } from '../../../common/routing/routingHeaders';



/** A transfer that is neither confirmed nor refused by then is reported as failed; the call stays. */
const TRANSFER_TIMEOUT_MS = 20_000;

/**
 * Keypad tones: on Opus calls (48 kHz audio, 8 kHz telephone-event) Chromium sends a 120 ms tone as
 * end-of-event packets only, and the far end registers nothing; 160 ms and longer arrive.
 */
const DTMF_TONE_MS = 200;
const DTMF_GAP_MS = 100;

const PC_CONFIG: RTCConfiguration = { iceServers: [], rtcpMuxPolicy: 'require' };

const preciseNow = () => performance.timeOrigin + performance.now();

export interface CallRegistryHooks {
  report: (report: EngineReport) => void;
  userAgent: () => JsSIP.UA | undefined;
  domain: () => string;
  dtmfMode: () => 'rfc4733' | 'info';
  /** Keypad tone length and the pause between tones for the account's server (policy may set them). */
  dtmfTiming: () => { toneMs?: number; gapMs?: number };
  /** Connected and registered, so in-dialog requests can be sent. */
  signallingReady: () => boolean;
  ring: (mode: RingMode) => void;
  /** getUserMedia constraints for the agent's chosen microphone and its processing settings. */
  microphone: () => MediaStreamConstraints;
  /** Opens the chosen microphone (falling back to the system default rather than failing a call). */
  openMicrophone: () => Promise<MediaStream>;
  /** setSinkId for call audio ('' = system default). */
  outputSinkId: () => string;
  /** A call's microphone track is live (watched for `ended`: a headset pulled out mid-call). */
  microphoneInUse: (track: MediaStreamTrack) => void;
  /** The last call ended. */
  callsEnded: () => void;
  /** Listeners to each call's media. */
  media: readonly CallMediaListener[];
}

type CallCommand = Exclude<EngineCommand, { type: 'configure' | 'setAccepting' | 'reconnect' | 'conference' }>;

export class CallRegistry {
  private readonly entries = new Map<string, CallEntry>();
  private accepting: { accepting: boolean; rejectWith: 480 | 486 } = { accepting: true, rejectWith: 486 };
  private nextInboundId = 1;
  /** Outbound calls waiting for their microphone to open (a hang-up meanwhile cancels them). */
  private readonly pendingDials = new Set<string>();
  private conference: Conference | undefined;

  private readonly recovery = new CallRecovery({
    entries: this.entries,
    update: (entry, patch) => this.update(entry, patch),
    signallingReady: () => this.hooks.signallingReady(),
    log: (level, message) => this.log(level, message),
  });

  /** Each call's audio element and output device, quality, microphone tracks and media listeners. */
  readonly media: CallMedia;

  constructor(private readonly hooks: CallRegistryHooks) {
    this.media = new CallMedia({
      entries: this.entries,
      inConference: (callId) => this.conference?.has(callId) ?? false,
      report: (report) => hooks.report(report),
      microphoneInUse: (track) => hooks.microphoneInUse(track),
      media: hooks.media,
      iceChanged: (entry, state) => this.recovery.iceChanged(entry, state),
    });
  }

  setAccepting(accepting: boolean, rejectWith: 480 | 486): void {
    this.accepting = { accepting, rejectWith };
  }

  hasLiveCalls(): boolean {
    return this.entries.size > 0;
  }

  /** The calls as main sees them (ended ones are already gone). */
  liveCalls(): Call[] {
    return [...this.entries.values()].map((entry) => entry.call);
  }

  async switchConferenceMicrophone(): Promise<void> {
    if (this.conference) await this.conference.switchMicrophone(await this.hooks.openMicrophone());
  }

  /** The server connection dropped (see CallRecovery.onSignallingLost). */
  onSignallingLost(transportLost: boolean): void {
    this.recovery.onSignallingLost(transportLost);
  }

  onSignallingRestored(): void {
    this.recovery.onSignallingRestored();
  }

  /** The call a supervisor may join: the one connected call, not on hold and not in a conference. */
  joinableCall(): { callId: string; session: RTCSession } | undefined {
    const connected = [...this.entries.values()].filter((entry) => entry.call.state === 'connected' && entry.session.connection);
    const [only] = connected;
    if (connected.length !== 1 || !only || only.call.onHold || this.conference?.has(only.call.id)) return undefined;
    return { callId: only.call.id, session: only.session };
  }

  conferenceState(): ReturnType<Conference['describe']> | undefined {
    return this.conference?.describe();
  }

  handleNewSession(newSession: RTCSessionEvent): void {
    if (String(newSession.originator) !== 'remote') return; // outbound sessions are tracked from dial()
    const event = newSession as IncomingRTCSessionEvent;
    const session = event.session;
    if (!this.accepting.accepting) {
      session.terminate({ status_code: this.accepting.rejectWith });
      this.log('info', `inbound call refused with ${this.accepting.rejectWith} (agent not available)`);
      return;
    }
    if (this.entries.size >= MAX_LIVE_CALLS) {
      session.terminate({ status_code: 486 });
      this.log('info', `inbound call refused with 486 (already ${this.entries.size} calls)`);
      return;
    }
    const body = typeof event.request.body === 'string' ? event.request.body : undefined;
    const problem = vetRemoteOffer(body);
    if (problem) {
      session.terminate({ status_code: 488, reason_phrase: 'Not Acceptable Here' });
      this.log('warn', `inbound call refused with 488: unusable offer (${problem})`);
      return;
    }
    const identity = event.request.getHeader('P-Asserted-Identity');
    const remote = session.remote_identity;
    const callId = `in-${Date.now()}-${this.nextInboundId++}`;
    const entry = this.track(callId, session, {
      id: callId,
      direction: 'inbound',
      state: 'ringing',
      remoteNumber: clip(parseIdentityNumber(identity) ?? remote.uri.user ?? 'unknown', 128),
      remoteName: remote.display_name ? clip(remote.display_name, 256) : undefined,
      startedAt: Date.now(),
      onHold: false,
      muted: false,
      routingHeaders: collectRoutingHeaders((name) => event.request.getHeaders(name)),
    });
    entry.warmMic = this.hooks.openMicrophone().then(
      (stream) => {
        if (this.entries.get(callId) === entry) return stream;
        stopStream(stream); // the call ended while the microphone was opening
        return undefined;
      },
      () => undefined, // JsSIP asks again on answer and reports the failure properly
    );
  }

  handle(command: CallCommand | Extract<EngineCommand, { type: 'conference' }>): void {
    if (command.type === 'dial') {
      this.dial(command.callId, command.target, command.consultFor);
      return;
    }
    if (command.type === 'conference') {
      void this.startConference(command.callIds).catch((error: unknown) => this.log('error', `conference failed: ${String(error)}`));
      return;
    }
    if (command.type === 'hangup' && this.pendingDials.delete(command.callId)) {
      this.hooks.report({ type: 'callRemoved', callId: command.callId, reason: 'canceled' });
      return;
    }
    const entry = this.entries.get(command.callId);
    if (!entry) {
      this.hooks.report({ type: 'callRemoved', callId: command.callId, reason: 'failed' });
      return;
    }
    try {
      this.control(entry, command);
    } catch (error) {
      this.log('error', `${command.type} failed on ${command.callId}: ${String(error)}`);
    }
  }

  private control(entry: CallEntry, command: Exclude<CallCommand, { type: 'dial' }>): void {
    const { session } = entry;
    switch (command.type) {
      case 'answer':
        if (command.holdOthers) this.holdActiveCalls(entry);
        entry.answeredAt = preciseNow();
        void (entry.warmMic ?? Promise.resolve(undefined)).then((mediaStream) => {
          if (this.entries.get(entry.call.id) !== entry) return;
          session.answer({ mediaConstraints: this.hooks.microphone(), mediaStream, pcConfig: PC_CONFIG });
          this.media.watchPeerConnection(entry);
          this.media.watchFirstAudio(entry);
        });
        return;
      case 'hangup':
        if (command.reason && isRingingInbound(entry.call)) {
          // Declined: 603 tells the caller's side no; missed: 480 lets a queue offer the call elsewhere.
          entry.endReason = command.reason === 'missed' ? 'missed' : 'rejected';
          session.terminate({ status_code: command.reason === 'missed' ? 480 : 603 });
        } else {
          session.terminate();
        }
        return;
      case 'hold':
        if (command.on) {
          this.holdSession(entry);
        } else {
          // Resuming one call puts whichever other call is active on hold: the agent talks to one party.
          this.holdActiveCalls(entry);
          if (!session.unhold()) this.log('warn', `resume not possible right now on ${entry.call.id}`);
        }
        return;
      case 'mute':
        if (this.conference?.has(entry.call.id)) {
          this.conference.setMuted(command.on);
          for (const id of this.conference.callIds()) {
            const leg = this.entries.get(id);
            if (leg) this.update(leg, { muted: command.on });
          }
        } else if (command.on) {
          session.mute({ audio: true });
        } else {
          session.unmute({ audio: true });
        }
        return;
      case 'dtmf': {
        const transportType = this.hooks.dtmfMode() === 'info' ? JsSIP.C.DTMF_TRANSPORT.INFO : JsSIP.C.DTMF_TRANSPORT.RFC2833;
        const timing = this.hooks.dtmfTiming();
        // JsSIP appends to the tones still queued on the sender, so fast typing loses no key.
        session.sendDTMF(command.digits, { transportType, duration: timing.toneMs ?? DTMF_TONE_MS, interToneGap: timing.gapMs ?? DTMF_GAP_MS });
        return;
      }
      case 'transfer':
        this.transfer(entry, command);
        return;
    }
  }

  private log(level: 'debug' | 'info' | 'warn' | 'error', message: string): void {
    this.hooks.report({ type: 'log', level, message });
  }

  private holdSession(entry: CallEntry): void {
    if (entry.call.onHold || entry.call.state !== 'connected') return;
    if (!entry.session.hold()) this.log('warn', `hold not possible right now on ${entry.call.id}`);
  }

  /** Holds every connected call that is not on hold, except `keep` and its conference partners. */
  private holdActiveCalls(keep: CallEntry | undefined): void {
    const keepConference = keep && this.conference?.has(keep.call.id);
    for (const other of this.entries.values()) {
      if (other === keep || other.call.state !== 'connected' || other.call.onHold) continue;
      if (keepConference && this.conference?.has(other.call.id)) continue;
      this.holdSession(other);
    }
  }

  private dial(callId: string, target: string, consultFor: string | undefined): void {
    const ua = this.hooks.userAgent();
    if (!ua?.isRegistered()) {
      this.hooks.report({ type: 'callRemoved', callId, reason: 'unavailable' });
      return;
    }
    const user = target.replace(/[\s().-]/g, '');
    // Whoever the agent was talking to waits on hold (for a consultation, that is the customer).
    this.holdActiveCalls(undefined);
    // The chosen microphone is opened here (JsSIP would open the default one), then the INVITE goes out.
    this.pendingDials.add(callId);
    void this.hooks
      .openMicrophone()
      .then(
        (stream) => stream,
        () => undefined,
      )
      .then((stream) => {
        if (!this.pendingDials.delete(callId)) {
          if (stream) stopStream(stream); // hung up while the microphone was opening
          return;
        }
        this.placeCall(callId, user, consultFor, stream);
      });
  }

  private placeCall(callId: string, user: string, consultFor: string | undefined, mediaStream: MediaStream | undefined): void {
    const ua = this.hooks.userAgent();
    let session: RTCSession;
    try {
      if (!ua) throw new Error('no user agent');
      session = ua.call(`sip:${user}@${this.hooks.domain()}`, { mediaConstraints: this.hooks.microphone(), mediaStream, pcConfig: PC_CONFIG });
    } catch (error) {
      if (mediaStream) stopStream(mediaStream);
      this.log('warn', `cannot dial ${user}: ${String(error)}`);
      this.hooks.report({ type: 'callRemoved', callId, reason: 'failed' });
      return;
    }
    const entry = this.track(callId, session, {
      id: callId,
      direction: 'outbound',
      state: 'dialing',
      remoteNumber: user,
      startedAt: Date.now(),
      onHold: false,
      muted: false,
      consultFor: consultFor && this.entries.has(consultFor) ? consultFor : undefined,
    });
    // JsSIP stops only the microphones it opened itself; this one is stopped when the call ends.
    entry.warmMic = Promise.resolve(mediaStream);
    this.media.watchPeerConnection(entry);
  }

  private transfer(entry: CallEntry, command: Extract<CallCommand, { type: 'transfer' }>): void {
    let consult: CallEntry | undefined;
    let target: string;
    if (command.mode === 'attended') {
      consult = command.consultCallId ? this.entries.get(command.consultCallId) : undefined;
      if (!consult || consult.call.state !== 'connected') {
        this.hooks.report({ type: 'transfer', callId: entry.call.id, outcome: 'failed', detail: 'the consultation call is no longer connected' });
        return;
      }
      target = consult.session.remote_identity.uri.toString();
    } else {
      target = `sip:${(command.target ?? '').replace(/[\s().-]/g, '')}@${this.hooks.domain()}`;
    }
    const involved = consult ? [entry, consult] : [entry];
    let settled = false;
    const settle = () => {
      if (settled) return false;
      settled = true;
      window.clearTimeout(entry.transferTimer);
      return true;
    };
    const fail = (detail: string) => {
      if (!settle()) return;
      for (const leg of involved) if (this.entries.has(leg.call.id)) this.update(leg, { transferring: false });
      this.hooks.report({ type: 'transfer', callId: entry.call.id, outcome: 'failed', detail });
    };
    const succeed = () => {
      if (!settle()) return;
      this.hooks.report({ type: 'transfer', callId: entry.call.id, outcome: 'accepted' });
      // The transferee now talks to the target; our legs are finished (the far ends may already have hung up).
      for (const leg of involved) {
        if (!this.entries.has(leg.call.id)) continue;
        leg.endReason = 'transferred';
        leg.session.terminate();
      }
    };
    for (const leg of involved) this.update(leg, { transferring: true });
    try {
      entry.session.refer(target, {
        replaces: consult?.session,
        eventHandlers: {
          requestFailed: (event: { response?: { status_code?: number; reason_phrase?: string }; cause?: string }) =>
            fail(event.response ? `${event.response.status_code ?? ''} ${event.response.reason_phrase ?? ''}`.trim() : (event.cause ?? 'refused')),
          accepted: () => succeed(),
          failed: (event: { status_line?: { status_code?: number; reason_phrase?: string } }) =>
            fail(`the transfer target did not take the call (${event.status_line?.status_code ?? '?'} ${event.status_line?.reason_phrase ?? ''})`.trim()),
        },
      });
    } catch (error) {
      fail(String(error));
      return;
    }
    entry.transferTimer = window.setTimeout(() => fail('no confirmation from the other side'), TRANSFER_TIMEOUT_MS);
  }

  private async startConference(callIds: readonly string[]): Promise<void> {
    const legs = callIds.map((id) => this.entries.get(id));
    const [a, b] = legs;
    if (!a || !b || legs.some((leg) => !leg || leg.call.state !== 'connected' || !leg.session.connection)) {
      this.log('warn', 'conference refused: both calls must be connected');
      return;
    }
    if (this.conference) {
      this.log('warn', 'conference refused: one is already running');
      return;
    }
    for (const leg of [a, b]) {
      if (leg.call.onHold && !leg.session.unhold()) this.log('warn', `could not resume ${leg.call.id} for the conference`);
      if (leg.call.muted) leg.session.unmute({ audio: true });
    }
    const conference = await Conference.start(
      [
        { callId: a.call.id, connection: a.session.connection },
        { callId: b.call.id, connection: b.session.connection },
      ],
      () => this.hooks.openMicrophone(),
    );
    if (!this.entries.has(a.call.id) || !this.entries.has(b.call.id)) {
      await conference.dissolve();
      return;
    }
    this.conference = conference;
    for (const leg of [a, b]) this.update(leg, { conference: true, consultFor: undefined, muted: false });
    this.log('info', `conference started: ${a.call.id} + ${b.call.id}`);
  }

  /** A conference leg ended: the other party keeps talking to the agent on its own microphone track. */
  private leaveConference(callId: string): void {
    const conference = this.conference;
    if (!conference?.has(callId)) return;
    this.conference = undefined;
    const muted = conference.isMuted;
    void conference.dissolve().then((restored) => {
      for (const id of restored) {
        const leg = this.entries.get(id);
        if (!leg) continue;
        const sender = leg.session.connection && microphoneSender(leg.session.connection);
        if (sender?.track) sender.track.enabled = !leg.call.onHold;
        this.update(leg, { conference: false, muted: false });
        if (muted) leg.session.mute({ audio: true });
      }
    });
  }

  private track(callId: string, session: RTCSession, call: Call): CallEntry {
    const audio = document.createElement('audio');
    audio.autoplay = true;
    void this.media.routeAudio(audio, this.hooks.outputSinkId()).catch((error: unknown) => this.log('warn', `call audio device: ${String(error)}`));
    document.body.append(audio);
    const entry: CallEntry = { session, call, audio, dtmfReceived: '', needsRefresh: false, reofferRetries: 0 };
    this.entries.set(callId, entry);
    this.recovery.keepThroughTransportErrors(entry);
    session.on('peerconnection', () => this.media.watchPeerConnection(entry));
    session.on('confirmed', () => {
      if (entry.call.state !== 'connected') this.update(entry, { state: 'connected', connectedAt: Date.now() });
    });
    session.on('hold', (event) => {
      if (event.originator === 'local') this.update(entry, { onHold: true, heldSince: Date.now() });
      else this.update(entry, { remoteHold: true });
    });
    session.on('unhold', (event) => {
      if (event.originator === 'local') this.update(entry, { onHold: false, heldSince: undefined });
      else this.update(entry, { remoteHold: undefined });
    });
    session.on('muted', () => this.update(entry, { muted: true }));
    session.on('unmuted', () => this.update(entry, { muted: false }));
    session.on('newDTMF', (event: IncomingDTMFEvent | OutgoingDTMFEvent) => {
      if (event.originator === 'remote') entry.dtmfReceived = (entry.dtmfReceived + event.dtmf.tone).slice(-64);
    });
    const finish = (cause: string | undefined, originator: 'local' | 'remote' | 'system') => {
      if (this.entries.get(callId) !== entry) return;
      this.entries.delete(callId);
      window.clearTimeout(entry.iceTimer);
      window.clearTimeout(entry.transferTimer);
      audio.srcObject = null;
      audio.remove();
      for (const listener of this.hooks.media) listener.mediaEnded(callId);
      // JsSIP stops microphones it opened itself, not the ones opened here (while ringing, or to dial).
      void entry.warmMic?.then((stream) => stream && stopStream(stream));
      this.leaveConference(callId);
      for (const other of this.entries.values()) if (other.call.consultFor === callId) this.update(other, { consultFor: undefined });
      let reason = entry.endReason ?? callEndReason(cause, originator, entry.call.connectedAt !== undefined);
      // During a transfer the far end hanging up is the transfer completing.
      if (entry.call.transferring && (reason === 'hungUpRemote' || reason === 'hungUpLocal')) reason = 'transferred';
      if (entry.call.recovering) reason = endReasonWhileRecovering(reason);
      this.update(entry, { state: 'ended', endedAt: Date.now(), endReason: reason, transferring: undefined, recovering: undefined, conference: undefined, remoteHold: undefined });
      if (this.entries.size === 0) this.hooks.callsEnded();
    };
    session.on('ended', (event) => finish(event.cause, event.originator));
    session.on('failed', (event) => finish(event.cause, event.originator));
    this.report(entry);
    return entry;
  }

  private update(entry: CallEntry, patch: Partial<Call>): void {
    entry.call = { ...entry.call, ...patch };
    this.report(entry);
  }

  private report(entry: CallEntry): void {
    this.hooks.report({ type: 'call', call: entry.call });
    this.refreshRinger();
  }

  /** Ring while an inbound call rings; a short quiet beep instead while the agent is on another call. */
  private refreshRinger(): void {
    const calls = [...this.entries.values()].map((entry) => entry.call);
    const ringing = calls.some(isRingingInbound);
    const busy = calls.some((call) => call.state === 'connected' || call.state === 'dialing');
    this.hooks.ring(!ringing ? 'off' : busy ? 'waiting' : 'ring');
  }

}

function stopStream(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

function clip(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) : text;
}

/** "Name" <sip:+441234@host> or tel:+441234 → +441234 */
function parseIdentityNumber(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /(?:sips?|tel):([^@;>]+)/.exec(header);
  return match?.[1];
}
