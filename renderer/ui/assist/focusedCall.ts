// Which call the assist panel shows. It belongs to the call the agent is on: a finished call's
// transcript, mood and draft stay for its wrap-up only while no other call rings, dials or is up, so
// one customer's words are never shown while the next one is on the line.
import type { AssistCallView } from '../../../common/contract/assist';
import type { Call } from '../../../common/contract/model';

export function focusedAssistCall(assistCalls: readonly AssistCallView[], calls: readonly Pick<Call, 'id' | 'state' | 'onHold'>[]): AssistCallView | undefined {
  const connected = calls.filter((call) => call.state === 'connected');
  const talking = new Set(connected.filter((call) => !call.onHold).map((call) => call.id));
  const up = new Set(connected.map((call) => call.id));
  const live =
    assistCalls.find((call) => call.live && talking.has(call.callId)) ?? assistCalls.find((call) => call.live && up.has(call.callId));
  if (live) return live;
  // Nobody is talking yet: a ringing call's suggestions (for the intent routing reported) show before answer.
  const ringing = new Set(calls.filter((call) => call.state === 'ringing').map((call) => call.id));
  const primed = assistCalls.find((call) => call.live && ringing.has(call.callId));
  if (primed) return primed;
  if (calls.some((call) => call.state !== 'ended')) return undefined;
  return assistCalls.find((call) => !call.live);
}
