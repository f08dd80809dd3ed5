// Pure rules about calls that main, the call engine and the UI all apply: one home, so they agree.
import type { Call } from '../contract/model';

/** The engine refuses a fourth simultaneous call; so does main, with words the agent understands. */
export const MAX_LIVE_CALLS = 3;

export function isLive(call: Pick<Call, 'state'>): boolean {
  return call.state !== 'ended';
}

/** A customer's call waiting for the agent to answer: what rings, alerts and outranks everything. */
export function isRingingInbound(call: Pick<Call, 'direction' | 'state'>): boolean {
  return call.direction === 'inbound' && call.state === 'ringing';
}

/** Who is on the line, as the agent sees it: "Name · number", or the number alone. */
export function callerLabel(call: Pick<Call, 'remoteName' | 'remoteNumber'>): string {
  return call.remoteName ? `${call.remoteName} · ${call.remoteNumber}` : call.remoteNumber;
}
