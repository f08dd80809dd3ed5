// Alerts outside the app window for a ringing call: an OS notification and a tray badge under Electron,
// a log line under the headless host. The ringtone itself plays in the call engine (WebAudio), and the
// UI flashes; this is for the agent who is in another window or has the app minimised.
import type { Snapshot } from '../../common/contract/model';
import { callerLabel, isLive, isRingingInbound } from '../../common/rules/calls';
import type { Logger } from '../log/logger';

export interface RingingAlert {
  callId: string;
  /** The caller as the agent should see it: "Name · number" or the number. */
  from: string;
  /** Rings while the agent is already on another call (call waiting). */
  waiting: boolean;
}

export interface AlertState {
  ringing: RingingAlert[];
  /** Calls missed since the agent last became available (tray badge). */
  missedCalls: number;
}

export interface AgentAlerts {
  /** The whole alert state, every time it changes; implementations show what is new and clear what is gone. */
  update(state: AlertState): void;
}

/** Pure: the alerts a snapshot calls for. */
export function alertStateFrom(snapshot: Pick<Snapshot, 'calls'>, missedCalls: number): AlertState {
  const live = snapshot.calls.filter(isLive);
  const ringing = live
    .filter(isRingingInbound)
    .map((call) => ({ callId: call.id, from: callerLabel(call), waiting: live.some((other) => other.id !== call.id && other.state !== 'ringing') }));
  return { ringing, missedCalls };
}

export function sameAlertState(a: AlertState | undefined, b: AlertState): boolean {
  if (!a || a.missedCalls !== b.missedCalls || a.ringing.length !== b.ringing.length) return false;
  return a.ringing.every((alert, index) => {
    const other = b.ringing[index];
    return other !== undefined && other.callId === alert.callId && other.from === alert.from && other.waiting === alert.waiting;
  });
}

/** Headless host: there is no OS shell to alert, so the alerts are logged (tests read them). */
export class LoggingAgentAlerts implements AgentAlerts {
  private shown = new Set<string>();

  constructor(private readonly log: Logger) {}

  update(state: AlertState): void {
    const now = new Set(state.ringing.map((alert) => alert.callId));
    for (const alert of state.ringing) {
      if (!this.shown.has(alert.callId)) this.log.info({ alert: 'incomingCall', callId: alert.callId, from: alert.from, waiting: alert.waiting }, 'incoming call alert');
    }
    for (const callId of this.shown) {
      if (!now.has(callId)) this.log.info({ alert: 'cleared', callId }, 'incoming call alert cleared');
    }
    this.shown = now;
    this.log.info({ alert: 'badge', count: state.ringing.length + state.missedCalls }, 'alert badge');
  }
}
