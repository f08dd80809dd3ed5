// A three-way conference mixed in the engine with WebAudio: each party hears the agent plus the other
// party. Each call keeps its own RTCPeerConnection; only the track its audio sender carries changes
// (RTCRtpSender.replaceTrack), so setting up or dissolving the conference needs no renegotiation.
//
//   agent mic ──gain──┬──────────────▶ mix for A ──▶ A's sender
//   B's remote audio ─┘          ┌───▶ mix for B ──▶ B's sender
//   A's remote audio ────────────┘    (the agent hears A and B on their own <audio> elements)

export interface ConferenceLeg {
  callId: string;
  /** The call's peer connection, already connected. */
  connection: RTCPeerConnection;
}

interface LegState {
  callId: string;
  sender: RTCRtpSender;
  /** What the sender carried before the conference (the agent's own microphone track for this call). */
  originalTrack: MediaStreamTrack | null;
  remote: MediaStreamAudioSourceNode;
  mix: MediaStreamAudioDestinationNode;
}

function audioSender(connection: RTCPeerConnection): RTCRtpSender | undefined {
  return connection.getSenders().find((sender) => sender.track?.kind === 'audio') ?? connection.getSenders()[0];
}

function remoteAudioTrack(connection: RTCPeerConnection): MediaStreamTrack | undefined {
  return connection.getReceivers().find((receiver) => receiver.track.kind === 'audio')?.track;
}

export class Conference {
  private readonly legs = new Map<string, LegState>();
  private muted = false;

  private micSource: MediaStreamAudioSourceNode | undefined;

  private constructor(
    private readonly context: AudioContext,
    private micStream: MediaStream,
    private readonly micGain: GainNode,
  ) {}

  /**
   * Joins two connected calls. Resolves once both parties receive the mix; throws (and undoes
   * everything) if either call has no audio sender or receiver.
   */
  static async start(legs: readonly [ConferenceLeg, ConferenceLeg], getMic: () => Promise<MediaStream>): Promise<Conference> {
    const context = new AudioContext({ latencyHint: 'interactive' });
    let micStream: MediaStream | undefined;
    try {
      if (context.state === 'suspended') await context.resume();
      micStream = await getMic();
      const micGain = context.createGain();
      const conference = new Conference(context, micStream, micGain);
      conference.micSource = context.createMediaStreamSource(micStream);
      conference.micSource.connect(micGain);
      const states = legs.map((leg) => {
        const sender = audioSender(leg.connection);
        const remoteTrack = remoteAudioTrack(leg.connection);
        if (!sender || !remoteTrack) throw new Error(`call ${leg.callId} has no audio to mix`);
        const mix = context.createMediaStreamDestination();
        micGain.connect(mix);
        const remote = context.createMediaStreamSource(new MediaStream([remoteTrack]));
        return { callId: leg.callId, sender, originalTrack: sender.track, remote, mix } satisfies LegState;
      });
      const [a, b] = states;
      if (!a || !b) throw new Error('a conference needs two calls');
      // Each party hears the other one.
      a.remote.connect(b.mix);
      b.remote.connect(a.mix);
      for (const leg of states) {
        const mixed = leg.mix.stream.getAudioTracks()[0];
        if (!mixed) throw new Error('WebAudio produced no track');
        await leg.sender.replaceTrack(mixed);
        conference.legs.set(leg.callId, leg);
      }
      return conference;
    } catch (error) {
      micStream?.getTracks().forEach((track) => track.stop());
      await context.close().catch(() => undefined);
      throw error;
    }
  }

  has(callId: string): boolean {
    return this.legs.has(callId);
  }

  callIds(): string[] {
    return [...this.legs.keys()];
  }

  get isMuted(): boolean {
    return this.muted;
  }

  /** The agent's microphone, for both parties at once (they still hear each other). */
  setMuted(muted: boolean): void {
    this.muted = muted;
    this.micGain.gain.setValueAtTime(muted ? 0 : 1, this.context.currentTime);
  }

  /** Another microphone (the agent switched device, or the headset went): both parties hear the new one. */
  async switchMicrophone(stream: MediaStream): Promise<void> {
    const source = this.context.createMediaStreamSource(stream);
    source.connect(this.micGain);
    this.micSource?.disconnect();
    this.micStream.getTracks().forEach((track) => track.stop());
    this.micSource = source;
    this.micStream = stream;
  }

  /** Levels and sources for diagnostics. */
  describe(): { callIds: string[]; muted: boolean; contextState: AudioContextState } {
    return { callIds: this.callIds(), muted: this.muted, contextState: this.context.state };
  }

  /**
   * Ends the conference: every call that is still up gets its own microphone track back. Returns the
   * ids of those calls so the caller can restore their mute/hold state.
   */
  async dissolve(): Promise<string[]> {
    const restored: string[] = [];
    for (const leg of this.legs.values()) {
      try {
        if (leg.sender.transport?.state !== 'closed') {
          await leg.sender.replaceTrack(leg.originalTrack);
          restored.push(leg.callId);
        }
      } catch {
        // the call is gone
      }
    }
    this.legs.clear();
    this.micStream.getTracks().forEach((track) => track.stop());
    await this.context.close().catch(() => undefined);
    return restored;
  }
}
