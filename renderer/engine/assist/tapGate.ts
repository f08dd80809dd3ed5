// The assist tap only while main wants call audio (live transcription on and ready): with it off by
// policy no AudioContext, worklet, cloned track or frame exists at all. The gate remembers each live
// call's peer connection, so switching transcription on mid-call taps the calls already up, and
// switching it off lets go of every tapped leg at once.
import type { CallMediaListener } from '../calls/callMedia';

/** What the gate drives: the tap's attach/detach (audioTap.ts), narrowed for tests. */
export interface TapPort {
  attachPeerConnection(callId: string, pc: RTCPeerConnection): Promise<void>;
  detach(callId: string): void;
}

export class TapGate implements CallMediaListener {
  private on = false;
  private readonly live = new Map<string, RTCPeerConnection>();
  /** Taps opened since the page loaded, re-taps after a microphone change included (engine debug view). */
  tapped = 0;

  constructor(private readonly tap: TapPort) {}

  mediaStarted(callId: string, pc: RTCPeerConnection): void {
    this.live.set(callId, pc);
    if (this.on) this.attach(callId, pc);
  }

  mediaEnded(callId: string): void {
    this.live.delete(callId);
    if (this.on) this.tap.detach(callId);
  }

  /** Main said whether it wants audio (assist.tapWanted, then every assist.tap event). */
  setWanted(on: boolean): void {
    if (on === this.on) return;
    this.on = on;
    for (const [callId, pc] of this.live) {
      if (on) this.attach(callId, pc);
      else this.tap.detach(callId);
    }
  }

  wanted(): boolean {
    return this.on;
  }

  private attach(callId: string, pc: RTCPeerConnection): void {
    this.tapped += 1;
    void this.tap.attachPeerConnection(callId, pc);
  }
}
