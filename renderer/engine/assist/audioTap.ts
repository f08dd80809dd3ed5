// The assist audio tap in the call engine: for each call, the customer's audio (the remote stream) and
// the agent's microphone (the sender's track) run through an AudioWorklet that cuts 16 kHz mono 100 ms
// frames, which go to main in binary batches (engine.audioFrames, frameBatcher.ts). One AudioContext
// serves every call and leg, at 16 kHz: Chromium resamples the 48 kHz tracks into it natively (a windowed
// sinc, better than the triangle filter in pcm.ts) and its audio thread runs a third as many render
// quanta as at 48 kHz.
import type { AssistLeg } from '../../../common/contract/assist';
import type { PcmFrame } from '../../../common/contract/audioEnvelope';
import { FrameBatcher, legKey } from './frameBatcher';
import { TARGET_RATE } from './pcm';
import { WORKLET_STOP_MESSAGE, WORKLET_STOPPED_MESSAGE } from './workletMessages';

export interface AssistTapOptions {
  /** Sends one batch of frames; resolves with main's answer per frame. */
  send: (frames: PcmFrame[]) => Promise<boolean[]>;
  /** URL of the worklet bundle, relative to the engine page. */
  workletUrl?: string;
  log?: (message: string) => void;
}

interface TappedLeg {
  /** The call's own track (the receiver's, or the microphone the sender carries). */
  track: MediaStreamTrack;
  /** A clone feeding the worklet, so ending the tap never touches the call's media. */
  tapTrack: MediaStreamTrack;
  source: MediaStreamAudioSourceNode;
  node: AudioWorkletNode;
}

/** A call's peer connection the tap follows through re-offers (ICE restarts, server reconnects, hold). */
interface FollowedConnection {
  pc: RTCPeerConnection;
  unfollow: () => void;
}

export class AssistAudioTap {
  private context: AudioContext | undefined;
  private ready: Promise<AudioContext> | undefined;
  private readonly calls = new Map<string, Map<AssistLeg, TappedLeg>>();
  /** Frame numbers run on per call and leg across re-taps, so main sees one stream. */
  private readonly nextSeq = new Map<string, number>();
  private readonly followed = new Map<string, FollowedConnection>();
  private sink: GainNode | undefined;
  private readonly batcher: FrameBatcher;

  constructor(private readonly options: AssistTapOptions) {
    this.batcher = new FrameBatcher({ send: options.send });
  }

  private audio(): Promise<AudioContext> {
    this.ready ??= (async () => {
      const context = openContext();
      await context.audioWorklet.addModule(this.options.workletUrl ?? './assist-worklet.js');
      // Worklets are pulled by the destination; a silent gain keeps them running without playing anything.
      this.sink = context.createGain();
      this.sink.gain.value = 0;
      this.sink.connect(context.destination);
      if (context.state !== 'running') await context.resume().catch(() => undefined);
      this.context = context;
      return context;
    })();
    return this.ready;
  }

  /** Taps the customer's audio (the remote stream played to the agent). */
  attachRemote(callId: string, stream: MediaStream): Promise<void> {
    return this.attachTrack(callId, 'customer', stream.getAudioTracks().find((track) => track.readyState === 'live'));
  }

  /**
   * Taps both legs of a call's peer connection, and keeps following it: a re-offer (an ICE restart, the
   * dialog refreshed after the SIP server came back, the far end's re-INVITE) can bring a new remote
   * track or receiver, and after one the customer leg is tapped afresh from the receiver in use.
   */
  async attachPeerConnection(callId: string, pc: RTCPeerConnection): Promise<void> {
    this.follow(callId, pc);
    await this.tapConnection(callId, pc, false);
  }

  private follow(callId: string, pc: RTCPeerConnection): void {
    if (this.followed.get(callId)?.pc === pc) return;
    this.followed.get(callId)?.unfollow();
    const onTrack = (event: RTCTrackEvent) => {
      if (event.track.kind === 'audio') void this.attachTrack(callId, 'customer', event.track, true);
    };
    const onSignalling = () => {
      if (pc.signalingState === 'stable') void this.tapConnection(callId, pc, true);
    };
    pc.addEventListener('track', onTrack);
    pc.addEventListener('signalingstatechange', onSignalling);
    this.followed.set(callId, {
      pc,
      unfollow: () => {
        pc.removeEventListener('track', onTrack);
        pc.removeEventListener('signalingstatechange', onSignalling);
      },
    });
  }

  private async tapConnection(callId: string, pc: RTCPeerConnection, renegotiated: boolean): Promise<void> {
    if (pc.signalingState === 'closed') return;
    await Promise.all([
      this.attachTrack(callId, 'customer', remoteAudioTrack(pc), renegotiated),
      this.attachTrack(callId, 'agent', pc.getSenders().find((sender) => sender.track?.kind === 'audio')?.track ?? undefined),
    ]);
  }

  /** `fresh`: tap again even if the track is the same (its media may have been rewired under it). */
  async attachTrack(callId: string, leg: AssistLeg, track: MediaStreamTrack | undefined, fresh = false): Promise<void> {
    if (!track || track.readyState !== 'live') return;
    const legs = this.calls.get(callId) ?? new Map<AssistLeg, TappedLeg>();
    this.calls.set(callId, legs);
    const existing = legs.get(leg);
    if (existing?.track === track && !fresh) return;
    let context: AudioContext;
    try {
      context = await this.audio();
    } catch (error) {
      this.options.log?.(`assist tap unavailable: ${String(error)}`);
      return;
    }
    if (this.calls.get(callId) !== legs || track.readyState !== 'live') return; // detached or ended meanwhile
    const current = legs.get(leg);
    if (current && current !== existing) return; // another attach for this leg got there first
    if (current) this.stopLeg(current);
    const tapTrack = track.clone();
    const source = context.createMediaStreamSource(new MediaStream([tapTrack]));
    const node = new AudioWorkletNode(context, 'hearthline-assist-tap', { numberOfInputs: 1, numberOfOutputs: 1, channelCount: 1, channelCountMode: 'explicit' });
    const tapped: TappedLeg = { track, tapTrack, source, node };
    const seqKey = legKey({ callId, leg });
    node.port.onmessage = (event: MessageEvent<Int16Array | string>) => {
      if (typeof event.data === 'string') {
        if (event.data === WORKLET_STOPPED_MESSAGE) node.port.close();
        return;
      }
      const seq = this.nextSeq.get(seqKey) ?? 0;
      this.nextSeq.set(seqKey, seq + 1);
      this.batcher.offer({ callId, leg, seq, sampleRate: 16000, pcm: event.data });
    };
    source.connect(node);
    node.connect(this.sink!);
    legs.set(leg, tapped);
    if (context.state === 'suspended') await context.resume().catch(() => undefined);
    this.options.log?.(`assist tap on ${leg} leg of ${callId}${current ? ' (again, after a re-offer)' : ''}`);
  }

  /** The call ended: its worklets stop, its cloned tracks end, and an idle engine's audio clock stops too. */
  detach(callId: string): void {
    this.followed.get(callId)?.unfollow();
    this.followed.delete(callId);
    for (const leg of ['customer', 'agent'] as const) {
      this.nextSeq.delete(legKey({ callId, leg }));
      this.batcher.forget(legKey({ callId, leg }));
    }
    const legs = this.calls.get(callId);
    this.calls.delete(callId);
    for (const leg of legs?.values() ?? []) this.stopLeg(leg);
    if (this.calls.size === 0 && this.context?.state === 'running') void this.context.suspend().catch(() => undefined);
  }

  has(callId: string, leg: AssistLeg): boolean {
    return this.calls.get(callId)?.has(leg) ?? false;
  }

  /** Frames sent and dropped per call and leg, for diagnostics and tests. */
  stats(): Array<{ callId: string; leg: AssistLeg; sent: number; dropped: number }> {
    return [...this.calls].flatMap(([callId, legs]) => [...legs.keys()].map((leg) => ({ callId, leg, ...this.batcher.stats(legKey({ callId, leg })) })));
  }

  /** Messages sent to main so far (each a batch of frames). */
  batchesSent(): number {
    return this.batcher.batches;
  }

  private stopLeg(leg: TappedLeg): void {
    // The processor acknowledges (WORKLET_STOPPED_MESSAGE) and its port is closed then.
    leg.node.port.postMessage(WORKLET_STOP_MESSAGE);
    leg.source.disconnect();
    leg.node.disconnect();
    leg.tapTrack.stop();
  }
}

/** At the recogniser's rate; where a browser refuses that rate, its default (the worklet resamples then). */
function openContext(): AudioContext {
  try {
    return new AudioContext({ latencyHint: 'playback', sampleRate: TARGET_RATE });
  } catch {
    return new AudioContext({ latencyHint: 'playback' });
  }
}

/** The audio track the customer is heard on now: the receiver of a transceiver still receiving. */
function remoteAudioTrack(pc: RTCPeerConnection): MediaStreamTrack | undefined {
  const receiving = pc
    .getTransceivers()
    .filter((transceiver) => transceiver.currentDirection !== 'stopped' && transceiver.receiver.track.kind === 'audio' && transceiver.receiver.track.readyState === 'live');
  const active = receiving.filter((transceiver) => transceiver.currentDirection === 'sendrecv' || transceiver.currentDirection === 'recvonly');
  return (active.at(-1) ?? receiving.at(-1))?.receiver.track;
}
