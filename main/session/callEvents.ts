// The moments of a call's life that capabilities act on, told once by the session state instead of
// every capability re-reading the whole snapshot and keeping its own list of calls already seen.
import type { Call } from '../../common/contract/model';
import { isRingingInbound } from '../../common/rules/calls';

export type CallEvent =
  /** A customer's call started ringing. */
  | { type: 'ringing'; call: Call }
  /** The agent's outgoing call is being set up. */
  | { type: 'dialing'; call: Call }
  /** The call was answered (either side). */
  | { type: 'connected'; call: Call }
  | { type: 'ended'; call: Call }
  /** An ended call left the session (no card shows it any more). */
  | { type: 'forgotten'; callId: string }
  /** After-call work finished (timer, or the agent said done). */
  | { type: 'wrapUpDone' };

/** Pure: what one update of a call means, in order. A call first seen already ended still tells its answer. */
export function callTransitions(previous: Call | undefined, next: Call): CallEvent[] {
  const events: CallEvent[] = [];
  if (!previous) {
    if (isRingingInbound(next)) events.push({ type: 'ringing', call: next });
    else if (next.direction === 'outbound' && next.state !== 'ended') events.push({ type: 'dialing', call: next });
  }
  if (next.connectedAt !== undefined && previous?.connectedAt === undefined) events.push({ type: 'connected', call: next });
  if (next.state === 'ended' && previous?.state !== 'ended') events.push({ type: 'ended', call: next });
  return events;
}
