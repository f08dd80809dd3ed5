// Keeping calls alive through a network or SIP-server outage: ICE restarts when the media path breaks,
// a re-INVITE that refreshes the dialog once the server connection is back, and calls that cannot be
// saved (still ringing when the connection died) shown as lost rather than left ringing.
import type { Call } from '../../../common/contract/model';
import { isRingingInbound } from '../../../common/rules/calls';
import type { CallEntry } from './callEntry';

/** ICE "disconnected" often heals by itself within a second or two; restart only if it does not. */
const ICE_RESTART_DELAY_MS = 1_500;

export const iceUp = (state: RTCIceConnectionState | undefined) => state === 'connected' || state === 'completed';

/** What recovery needs from the call registry. */
export interface RecoveryPort {
  /** The calls held now; an entry no longer here has ended. */
  entries: ReadonlyMap<string, CallEntry>;
  update(entry: CallEntry, patch: Partial<Call>): void;
  /** Connected and registered, so in-dialog requests can be sent. */
  signallingReady(): boolean;
  log(level: 'info' | 'warn', message: string): void;
}

export class CallRecovery {
  constructor(private readonly port: RecoveryPort) {}

  /**
   * JsSIP ends a call when any in-dialog request it sent (re-INVITE, INFO…) dies with the WebSocket
   *: an ICE-restart re-INVITE that meets a half-open socket would end the very
   * call it tries to save. For an established call that request is simply lost instead; the call is
   * marked for a refresh, which is sent once the connection is back. Calls still being set up keep
   * JsSIP's behaviour (they cannot be refreshed).
   */
  keepThroughTransportErrors(entry: CallEntry): void {
    const session = entry.session as unknown as { onTransportError: () => void };
    const original = session.onTransportError.bind(session);
    session.onTransportError = () => {
      if (this.port.entries.get(entry.call.id) !== entry || entry.call.state !== 'connected') {
        original();
        return;
      }
      this.port.log('warn', `a request on ${entry.call.id} was lost with the connection; the call is kept and refreshed when the server is back`);
      entry.needsRefresh = true;
      if (!entry.call.recovering) this.port.update(entry, { recovering: true });
    };
  }

  iceChanged(entry: CallEntry, state: RTCIceConnectionState): void {
    if (this.port.entries.get(entry.call.id) !== entry || entry.call.state !== 'connected') return;
    if (state === 'disconnected' || state === 'failed') {
      if (!entry.call.recovering) this.port.update(entry, { recovering: true });
      window.clearTimeout(entry.iceTimer);
      entry.iceTimer = window.setTimeout(() => this.restartIce(entry), ICE_RESTART_DELAY_MS);
      this.port.log('warn', `media path of ${entry.call.id} is ${state}`);
    } else if (iceUp(state)) {
      window.clearTimeout(entry.iceTimer);
      if (entry.call.recovering && !entry.needsRefresh && this.port.signallingReady()) this.port.update(entry, { recovering: false });
    }
  }

  private restartIce(entry: CallEntry): void {
    if (this.port.entries.get(entry.call.id) !== entry || iceUp(entry.session.connection?.iceConnectionState)) return;
    if (!this.port.signallingReady()) {
      // The re-INVITE has to wait for the connection to the server; onSignallingRestored sends it.
      entry.needsRefresh = true;
      return;
    }
    this.reoffer(entry, true);
  }

  /**
   * Re-INVITE over the current connection: refreshes the dialog's route to us (the server reaches the
   * agent through the connection the latest request came in on) and, with iceRestart, the media path.
   */
  private reoffer(entry: CallEntry, iceRestart: boolean): void {
    if (this.port.entries.get(entry.call.id) !== entry) return;
    const sent = entry.session.renegotiate(iceRestart ? { rtcOfferConstraints: { iceRestart: true } } : {}, () => {
      entry.reofferRetries = 0;
      this.port.log('info', `call ${entry.call.id} refreshed${iceRestart ? ' with an ICE restart' : ''}`);
      if (iceUp(entry.session.connection?.iceConnectionState) && !entry.needsRefresh) this.port.update(entry, { recovering: false });
    });
    if (sent) return;
    // Another offer/answer is still in progress: try again shortly.
    entry.reofferRetries += 1;
    if (entry.reofferRetries <= 10) window.setTimeout(() => this.reoffer(entry, iceRestart), 1_000);
  }

  /**
   * The server connection dropped: every connected call needs its dialog refreshed when it is back. A
   * call still ringing cannot be answered any more (its INVITE transaction died with the socket, so a
   * 200 OK would never reach the caller): it is shown as lost rather than left ringing.
   */
  onSignallingLost(transportLost: boolean): void {
    for (const entry of [...this.port.entries.values()]) {
      if (transportLost && isRingingInbound(entry.call)) {
        entry.endReason = 'connectionLost';
        try {
          entry.session.terminate({ status_code: 480 });
        } catch {
          // already gone
        }
        continue;
      }
      if (entry.call.state !== 'connected') continue;
      entry.needsRefresh = true;
      if (!entry.call.recovering) this.port.update(entry, { recovering: true });
    }
  }

  onSignallingRestored(): void {
    for (const entry of this.port.entries.values()) {
      if (entry.call.state !== 'connected' || !entry.needsRefresh) continue;
      entry.needsRefresh = false;
      this.reoffer(entry, !iceUp(entry.session.connection?.iceConnectionState));
    }
  }
}
