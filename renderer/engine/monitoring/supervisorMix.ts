// The audio of a joined call, mixed in WebAudio like the conference (renderer/engine/calls/conference.ts):
// the customer's call keeps its own peer connection and only the track its sender carries changes, so
// switching mode needs no renegotiation.
//
//   agent mic ─────┬──────────────────────────▶ supervisor feed ──▶ supervisor leg's sender
//   customer ──────┘
//   supervisor ──gain (whisper, barge)──▶ agent's ear (an <audio> element on the call-audio device)
//   agent mic ─────┬──▶ customer feed ──▶ customer's sender, in barge only (else the agent's own mic track)
//   supervisor ────┘
//
// In monitor and whisper the customer's sender carries the agent's microphone track itself: the
// supervisor's audio is not connected to anything the customer receives.
import type { JoinMode } from '../../../common/contract/monitoring';
import { mixRoute } from './joinRules';

function audioSender(connection: RTCPeerConnection): RTCRtpSender | undefined {
  return connection.getSenders().find((sender) => sender.track?.kind === 'audio');
}

function remoteAudioTrack(connection: RTCPeerConnection): MediaStreamTrack | undefined {
  return connection.getReceivers().find((receiver) => receiver.track.kind === 'audio')?.track;
}

export class SupervisorMix {
  private supervisorSource: MediaStreamAudioSourceNode | undefined;
  private supervisorHolder: HTMLAudioElement | undefined;
  private readonly agentEarGain: GainNode;
  private readonly agentEar: HTMLAudioElement;
  private readonly customerFeed: MediaStreamAudioDestinationNode;
  private readonly customerSupervisorGain: GainNode;
  private mode: JoinMode;
  private closed = false;

  private constructor(
    private readonly context: AudioContext,
    private readonly customerSender: RTCRtpSender,
    /** The agent's microphone track the customer hears outside barge. */
    private readonly agentTrack: MediaStreamTrack,
    /** Agent and customer, for the supervisor. */
    readonly supervisorFeed: MediaStream,
    agentSource: MediaStreamAudioSourceNode,
    mode: JoinMode,
    outputSinkId: string,
  ) {
    this.mode = mode;
    this.agentEarGain = context.createGain();
    const earDestination = context.createMediaStreamDestination();
    this.agentEarGain.connect(earDestination);
    this.agentEar = document.createElement('audio');
    this.agentEar.autoplay = true;
    this.agentEar.dataset.hearthline = 'supervisor-to-agent';
    this.agentEar.srcObject = earDestination.stream;
    void this.agentEar.setSinkId?.(outputSinkId).catch(() => undefined);
    document.body.append(this.agentEar);
    this.customerFeed = context.createMediaStreamDestination();
    this.customerSupervisorGain = context.createGain();
    agentSource.connect(this.customerFeed);
    this.customerSupervisorGain.connect(this.customerFeed);
    this.applyGains();
  }

  /** Builds the supervisor's feed from the customer's call; throws when that call has no audio to mix. */
  static async start(customerConnection: RTCPeerConnection, mode: JoinMode, outputSinkId: string): Promise<SupervisorMix> {
    const sender = audioSender(customerConnection);
    const agentTrack = sender?.track;
    const customerTrack = remoteAudioTrack(customerConnection);
    if (!sender || !agentTrack || !customerTrack) throw new Error('the call has no audio to mix');
    const context = new AudioContext({ latencyHint: 'interactive' });
    try {
      if (context.state === 'suspended') await context.resume();
      const feed = context.createMediaStreamDestination();
      const agentSource = context.createMediaStreamSource(new MediaStream([agentTrack]));
      const customerSource = context.createMediaStreamSource(new MediaStream([customerTrack]));
      agentSource.connect(feed);
      customerSource.connect(feed);
      return new SupervisorMix(context, sender, agentTrack, feed.stream, agentSource, mode, outputSinkId);
    } catch (error) {
      await context.close().catch(() => undefined);
      throw error;
    }
  }

  /** The supervisor's leg is up: its audio goes to the agent and the customer as the mode says. */
  attachSupervisor(connection: RTCPeerConnection): void {
    const track = remoteAudioTrack(connection);
    if (!track || this.closed) return;
    const stream = new MediaStream([track]);
    // Chromium feeds a remote WebRTC track into WebAudio only while a media element plays it; muted.
    this.supervisorHolder = document.createElement('audio');
    this.supervisorHolder.muted = true;
    this.supervisorHolder.autoplay = true;
    this.supervisorHolder.srcObject = stream;
    document.body.append(this.supervisorHolder);
    this.supervisorSource = this.context.createMediaStreamSource(stream);
    this.supervisorSource.connect(this.agentEarGain);
    this.supervisorSource.connect(this.customerSupervisorGain);
    void this.routeCustomer();
  }

  get currentMode(): JoinMode {
    return this.mode;
  }

  async setMode(mode: JoinMode): Promise<void> {
    this.mode = mode;
    this.applyGains();
    await this.routeCustomer();
  }

  private applyGains(): void {
    const route = mixRoute(this.mode);
    const now = this.context.currentTime;
    this.agentEarGain.gain.setValueAtTime(route.agentHearsSupervisor ? 1 : 0, now);
    this.customerSupervisorGain.gain.setValueAtTime(route.customerHearsSupervisor ? 1 : 0, now);
  }

  /** Barge: the customer's sender carries agent + supervisor; otherwise the agent's own track again. */
  private async routeCustomer(): Promise<void> {
    if (this.closed) return;
    const barge = mixRoute(this.mode).customerHearsSupervisor && this.supervisorSource !== undefined;
    const mixed = this.customerFeed.stream.getAudioTracks()[0];
    const wanted = barge && mixed ? mixed : this.agentTrack;
    const current = this.customerSender.track;
    if (current === wanted) return;
    // The agent's mute (which disables the sender's track) carries over to whichever track is sent.
    if (current) wanted.enabled = current.enabled;
    try {
      await this.customerSender.replaceTrack(wanted);
    } catch {
      // the customer's call is gone
    }
  }

  /** The supervisor left or the call ended: the customer gets the agent's own track back. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.mode = 'monitor';
    await this.routeCustomer();
    this.closed = true;
    this.agentEar.srcObject = null;
    this.agentEar.remove();
    if (this.supervisorHolder) {
      this.supervisorHolder.srcObject = null;
      this.supervisorHolder.remove();
    }
    for (const track of this.supervisorFeed.getTracks()) track.stop();
    await this.context.close().catch(() => undefined);
  }
}
