// Pure: what a screen reader should hear when calls change state (a polite live region in App.tsx).
import type { Call, CallState } from '../../../common/contract/model';
import { callerLabel } from './callerLabel';

export interface CallAnnouncement {
  state: CallState;
  caller: string;
}

/**
 * The calls whose state differs from `previous` (call id → state), newest last. `previous` undefined
 * means the UI has just opened: what is already on screen is not news, so nothing is announced. `withheld`
 * names a caller who withheld their number, in the agent's language.
 */
export function callAnnouncements(previous: ReadonlyMap<string, CallState> | undefined, calls: readonly Call[], withheld: string): CallAnnouncement[] {
  if (!previous) return [];
  return calls
    .filter((call) => previous.get(call.id) !== call.state && !(call.state === 'ended' && !previous.has(call.id)))
    .map((call) => ({ state: call.state, caller: callerLabel(call, withheld, ' ') }));
}

export const callStates = (calls: readonly Call[]): Map<string, CallState> => new Map(calls.map((call) => [call.id, call.state]));
