import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Call } from '../../common/contract/model';
import { callTransitions } from './callEvents';
import { AppState } from './state';

const ringing: Call = { id: 'c1', direction: 'inbound', state: 'ringing', remoteNumber: '1002', startedAt: 1, onHold: false, muted: false };
const types = (events: { type: string }[]) => events.map((event) => event.type);

describe('call lifecycle events', () => {
  it('tells ringing, connected and ended once each, in order', () => {
    const connected: Call = { ...ringing, state: 'connected', connectedAt: 2 };
    assert.deepEqual(types(callTransitions(undefined, ringing)), ['ringing']);
    assert.deepEqual(types(callTransitions(ringing, connected)), ['connected']);
    assert.deepEqual(types(callTransitions(connected, { ...connected, onHold: true })), []);
    assert.deepEqual(types(callTransitions(connected, { ...connected, state: 'ended', endedAt: 3 })), ['ended']);
  });

  it('an outgoing call is dialing; a call first seen already ended still tells that it was answered', () => {
    assert.deepEqual(types(callTransitions(undefined, { ...ringing, direction: 'outbound', state: 'dialing' })), ['dialing']);
    assert.deepEqual(types(callTransitions(undefined, { ...ringing, state: 'ended', connectedAt: 2, endedAt: 3 })), ['connected', 'ended']);
  });

  it('the session delivers them after the change, and tells when an ended call is forgotten and when wrap-up is done', async () => {
    const state = new AppState(() => 10);
    const seen: string[] = [];
    const stop = state.onCallEvent((event) => seen.push(event.type === 'forgotten' ? `forgotten ${event.callId}` : event.type));
    state.upsertCall(ringing);
    state.upsertCall({ ...ringing, state: 'connected', connectedAt: 2 });
    state.upsertCall({ ...ringing, state: 'ended', connectedAt: 2, endedAt: 3 });
    state.setWrapUpUntil(100);
    state.setWrapUpUntil(undefined);
    for (let i = 2; i <= 6; i += 1) state.upsertCall({ ...ringing, id: `c${i}`, state: 'ended', endedAt: 3 + i });
    assert.deepEqual(seen, [], 'nothing is told while the change is being made');
    await Promise.resolve();
    assert.deepEqual(seen, ['ringing', 'connected', 'ended', 'wrapUpDone', 'ended', 'ended', 'ended', 'ended', 'ended', 'forgotten c1']);
    stop();
  });
});
