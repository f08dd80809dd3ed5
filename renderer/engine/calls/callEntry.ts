// One call the engine holds: the JsSIP session, its media element, the Call record main sees, and the
// engine's own bookkeeping for it. Shared by the registry (tracking, control) and the recovery.
import type { RTCSession } from 'jssip/lib/RTCSession';
import type { Call, CallEndReason } from '../../../common/contract/model';
import type { StatsSummary } from './stats';

export interface CallEntry {
  session: RTCSession;
  call: Call;
  audio: HTMLAudioElement;
  lastStats?: StatsSummary;
  /** Set when the engine decided how the call ends (declined, missed, transferred). */
  endReason?: CallEndReason;
  /** DTMF the other party sent us (SIP INFO; browsers never expose received RFC 4733 events). */
  dtmfReceived: string;
  answeredAt?: number;
  firstAudioAt?: number;
  /** The signalling connection dropped during the call: refresh the dialog once it is back. */
  needsRefresh: boolean;
  iceTimer?: number;
  transferTimer?: number;
  reofferRetries: number;
  /** The microphone, opened while an inbound call rings so answering does not wait for getUserMedia. */
  warmMic?: Promise<MediaStream | undefined>;
}
