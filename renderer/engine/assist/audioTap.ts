// The assist audio tap in the call engine: for each call, the customer's audio (the remote stream) and
// the agent's microphone (the sender's track) run through an AudioWorklet that resamples them to 16 kHz
// mono and cuts 100 ms frames, which go to main on engine.audio with bounded work in flight.
import type { AssistLeg, AudioFrame } from '../../../common/contract/assist';
import { FrameSender, pcmToBase64 } from './pcm';

export interface AssistTapOptions {
  send: (frame: AudioFrame) => Promise<{ accept: boolean }>;
  /** URL of the worklet bundle, relative to the engine page. */
  workletUrl?: string;
  log?: (message: string) => void;
}

interface TappedLeg {
  track: MediaStreamTrack;
  source: MediaStreamAudioSourceNode;
  node: AudioWorkletNode;
  sender: FrameSender<AudioFrame>;
  seq: number;
}

export class AssistAudioTap {
  private context: AudioContext | undefined;
  private ready: Promise<AudioContext> | undefined;
  private readonly calls = new Map<string, Map<AssistLeg, TappedLeg>>();
  private sink: GainNode | undefined;

  constructor(private readonly options: AssistTapOptions) {}

  private audio(): Promise<AudioContext> {
    this.ready ??= (async () => {
      const context = new AudioContext({ latencyHint: 'playback' });
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
    return this.attachTrack(callId, 'customer', stream.getAudioTracks()[0]);
  }

  /** Taps both legs of a call's peer connection: the remote receiver and the local sender. */
  async attachPeerConnection(callId: string, pc: RTCPeerConnection): Promise<void> {
    const remote = pc.getReceivers().find((receiver) => receiver.track?.kind === 'audio')?.track;
    const local = pc.getSenders().find((sender) => sender.track?.kind === 'audio')?.track ?? undefined;
    await Promise.all([this.attachTrack(callId, 'customer', remote), this.attachTrack(callId, 'agent', local)]);
  }

  async attachTrack(callId: string, leg: AssistLeg, track: MediaStreamTrack | undefined): Promise<void> {
    if (!track) return;
    const legs = this.calls.get(callId) ?? new Map<AssistLeg, TappedLeg>();
    this.calls.set(callId, legs);
    const existing = legs.get(leg);
    if (existing?.track === track) return;
    if (existing) this.stopLeg(existing);
    let context: AudioContext;
    try {
      context = await this.audio();
    } catch (error) {
      this.options.log?.(`assist tap unavailable: ${String(error)}`);
      return;
    }
    if (this.calls.get(callId) !== legs) return; // detached meanwhile
    const source = context.createMediaStreamSource(new MediaStream([track]));
    const node = new AudioWorkletNode(context, 'hearthline-assist-tap', { numberOfInputs: 1, numberOfOutputs: 1, channelCount: 1, channelCountMode: 'explicit' });
    const tapped: TappedLeg = { track, source, node, sender: new FrameSender(this.options.send), seq: 0 };
    node.port.onmessage = (event: MessageEvent<Int16Array>) => {
      tapped.sender.offer({ callId, leg, seq: tapped.seq++, sampleRate: 16000, pcm: pcmToBase64(event.data) });
    };
    source.connect(node);
    node.connect(this.sink!);
    legs.set(leg, tapped);
    this.options.log?.(`assist tap on ${leg} leg of ${callId}`);
  }

  detach(callId: string): void {
    const legs = this.calls.get(callId);
    if (!legs) return;
    for (const leg of legs.values()) this.stopLeg(leg);
    this.calls.delete(callId);
  }

  has(callId: string, leg: AssistLeg): boolean {
    return this.calls.get(callId)?.has(leg) ?? false;
  }

  /** Frames sent and dropped per call and leg, for diagnostics and tests. */
  stats(): Array<{ callId: string; leg: AssistLeg; sent: number; dropped: number }> {
    return [...this.calls].flatMap(([callId, legs]) => [...legs].map(([leg, tapped]) => ({ callId, leg, sent: tapped.sender.sent, dropped: tapped.sender.dropped })));
  }

  private stopLeg(leg: TappedLeg): void {
    leg.node.port.onmessage = null;
    leg.source.disconnect();
    leg.node.disconnect();
  }
}
