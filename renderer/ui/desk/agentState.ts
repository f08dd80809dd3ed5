// What the agent-state control says: the state the agent is really in (a call, wrap-up, offline) rather
// than the availability they last picked, plus what applies once the call or wrap-up is over.
import type { AgentAvailability, NotReadyReason, Presence } from '../../../common/contract/model';

export type StateLine =
  | { key: 'presence.onCall' | 'presence.ringing' | 'presence.wrapUp' | 'presence.offline' | 'presence.reconnecting' | 'presence.registering' | 'availability.available' }
  | { key: 'availability.notReady'; reason: NotReadyReason };

export interface AgentStateText {
  current: StateLine;
  /** While busy (call, wrap-up, offline): the availability that applies afterwards, if it is Not Ready. */
  afterwards?: StateLine;
}

const BUSY: Partial<Record<Presence, StateLine['key']>> = {
  onCall: 'presence.onCall',
  ringing: 'presence.ringing',
  wrapUp: 'presence.wrapUp',
  offline: 'presence.offline',
  reconnecting: 'presence.reconnecting',
  registering: 'presence.registering',
};

function chosen(availability: AgentAvailability): StateLine {
  return availability.kind === 'available' ? { key: 'availability.available' } : { key: 'availability.notReady', reason: availability.reason };
}

export function agentStateText(presence: Presence, availability: AgentAvailability): AgentStateText {
  const busy = BUSY[presence];
  if (!busy) return { current: chosen(availability) };
  const current = { key: busy } as StateLine;
  // "Offline" as a Not Ready reason only repeats the state itself.
  if (availability.kind === 'notReady' && availability.reason !== 'offline') return { current, afterwards: chosen(availability) };
  return { current };
}
