// The media side of the calls the engine holds: the <audio> element each call plays on and its output
// device, the peer connection's tracks (the microphone in use, and the media listeners such as the
// assist tap), quality samples once a second, when the first audio arrived, and per-call diagnostics.
import type { EngineReport } from '../../../common/contract/channels';
import type { CallEntry } from './callEntry';
import { sampleBetween, summariseStats, type StatsSummary } from './stats';

/** Told about each call's media (the assist tap is one): typed, wired in the engine's entry. */
export interface CallMediaListener {
  /** The call's peer connection carries media (told again after the microphone changed under it). */
  mediaStarted(callId: string, pc: RTCPeerConnection): void;
  /** The call has ended: let go of everything taken from its media. */
  mediaEnded(callId: string): void;
}

export interface CallDiagnostics extends StatsSummary {
  callId: string;
  state: string;
  dtmfReceived: string;
  answeredAt?: number;
  firstAudioAt?: number;
  iceState?: RTCIceConnectionState;
  /** Local UDP port of the selected ICE candidate pair (the agent's end of the media path). */
  localPort?: number;
  conference: boolean;
  recovering: boolean;
}

const QUALITY_INTERVAL_MS = 1_000;
const preciseNow = () => performance.timeOrigin + performance.now();

/** What call media needs from the call registry. */
export interface CallMediaPort {
  entries: ReadonlyMap<string, CallEntry>;
  /** A call in the conference sends the conference's mix, not its own microphone. */
  inConference(callId: string): boolean;
  report(report: EngineReport): void;
  /** A call's microphone track is live (watched for `ended`: a headset pulled out mid-call). */
  microphoneInUse(track: MediaStreamTrack): void;
  media: readonly CallMediaListener[];
  /** The media path changed state (ICE); recovery decides what to do. */
  iceChanged(entry: CallEntry, state: RTCIceConnectionState): void;
}

export class CallMedia {
  private readonly watched = new WeakSet<RTCPeerConnection>();
  private qualityTimer: number | undefined;

  constructor(private readonly port: CallMediaPort) {}

  /** Per-call figures for diagnostics and tests: what each call is actually sending and receiving. */
  async diagnostics(): Promise<CallDiagnostics[]> {
    const out: CallDiagnostics[] = [];
    for (const [callId, entry] of this.port.entries) {
      const pc = entry.session.connection;
      const report = pc ? [...((await pc.getStats()).values() as Iterable<Record<string, unknown> & { type: string; id: string }>)] : [];
      const summary = summariseStats(report);
      out.push({
        callId,
        state: entry.call.state,
        ...summary,
        dtmfReceived: entry.dtmfReceived,
        answeredAt: entry.answeredAt,
        firstAudioAt: entry.firstAudioAt,
        iceState: pc?.iceConnectionState,
        localPort: selectedLocalPort(report),
        conference: this.port.inConference(callId),
        recovering: entry.call.recovering ?? false,
      });
    }
    return out;
  }

  /**
   * The audio senders of every call outside a conference (a conference sends its own mix; see
   * switchConferenceMicrophone), for switching the microphone with replaceTrack.
   */
  microphoneSenders(): RTCRtpSender[] {
    const senders: RTCRtpSender[] = [];
    for (const [callId, entry] of this.port.entries) {
      if (this.port.inConference(callId)) continue;
      const sender = entry.session.connection && microphoneSender(entry.session.connection);
      if (sender) senders.push(sender);
    }
    return senders;
  }

  /** The microphone changed under the calls: watch the new tracks, and agent assist taps them. */
  microphoneSwitched(): void {
    for (const [callId, entry] of this.port.entries) {
      const pc = entry.session.connection;
      if (!pc || this.port.inConference(callId)) continue;
      const track = microphoneSender(pc)?.track;
      if (track) this.port.microphoneInUse(track);
      for (const listener of this.port.media) listener.mediaStarted(callId, pc);
    }
  }

  /** Call audio moves to another output device (every call, and calls to come). */
  async setOutputSink(sinkId: string): Promise<void> {
    const results = await Promise.allSettled([...this.port.entries.values()].map((entry) => this.routeAudio(entry.audio, sinkId)));
    const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** The element each call's audio plays on, with its sink (for diagnostics and tests). */
  audioSinks(): Array<{ callId: string; sinkId: string }> {
    return [...this.port.entries].map(([callId, entry]) => ({ callId, sinkId: entry.audio.sinkId }));
  }

  async routeAudio(audio: HTMLAudioElement, sinkId: string): Promise<void> {
    if (audio.sinkId === sinkId) return;
    await audio.setSinkId(sinkId);
  }

  /** Quality is sampled only while there are calls: an engine without one has nothing to measure. */
  private sampleWhileCallsLast(): void {
    if (this.qualityTimer !== undefined) return;
    this.qualityTimer = window.setInterval(() => void this.sampleQuality().catch(() => undefined), QUALITY_INTERVAL_MS);
  }

  /** Once a second, every connected call reports a quality sample to main. */
  private async sampleQuality(): Promise<void> {
    if (this.port.entries.size === 0) {
      window.clearInterval(this.qualityTimer);
      this.qualityTimer = undefined;
      return;
    }
    const now = Date.now();
    for (const [callId, entry] of this.port.entries) {
      const pc = entry.session.connection;
      if (entry.call.state !== 'connected' || !pc) continue;
      const current = summariseStats((await pc.getStats()).values() as Iterable<never>);
      this.port.report({ type: 'quality', callId, sample: sampleBetween(entry.lastStats, current, now) });
      entry.lastStats = current;
    }
  }

  watchPeerConnection(entry: CallEntry): void {
    const pc = entry.session.connection;
    if (!pc || this.watched.has(pc)) return;
    this.watched.add(pc);
    this.sampleWhileCallsLast();
    pc.addEventListener('track', (event) => {
      // Remote audio plays only when attached to a media element (WebAudio alone stays silent).
      entry.audio.srcObject = event.streams[0] ?? new MediaStream([event.track]);
      void entry.audio.play().catch(() => undefined);
      const microphone = microphoneSender(pc)?.track;
      if (microphone) this.port.microphoneInUse(microphone);
      for (const listener of this.port.media) listener.mediaStarted(entry.call.id, pc);
    });
    // Added after JsSIP's own listener, which ends the call on "failed" (408 RTP Timeout).
    pc.addEventListener('iceconnectionstatechange', () => this.port.iceChanged(entry, pc.iceConnectionState));
  }

  /** Benchmarks and diagnostics: when the first RTP packet of the answered call arrived. */
  watchFirstAudio(entry: CallEntry): void {
    const started = performance.now();
    const poll = () => {
      if (this.port.entries.get(entry.call.id) !== entry || entry.firstAudioAt !== undefined) return;
      const receiver = entry.session.connection?.getReceivers().find((candidate) => candidate.track.kind === 'audio');
      if (receiver && receiver.getSynchronizationSources().length > 0) {
        entry.firstAudioAt = preciseNow();
        return;
      }
      if (performance.now() - started < 10_000) window.setTimeout(poll, 5);
    };
    poll();
  }
}

function selectedLocalPort(report: ReadonlyArray<Record<string, unknown> & { type: string; id: string }>): number | undefined {
  const transport = report.find((stat) => stat.type === 'transport' && typeof stat.selectedCandidatePairId === 'string');
  const pair =
    report.find((stat) => stat.type === 'candidate-pair' && stat.id === transport?.selectedCandidatePairId) ??
    report.find((stat) => stat.type === 'candidate-pair' && stat.nominated === true && stat.state === 'succeeded');
  const local = report.find((stat) => stat.type === 'local-candidate' && stat.id === pair?.localCandidateId);
  return typeof local?.port === 'number' ? local.port : undefined;
}

/** The sender carrying the agent's microphone on this call. */
export function microphoneSender(pc: RTCPeerConnection): RTCRtpSender | undefined {
  return pc.getSenders().find((sender) => sender.track?.kind === 'audio');
}
