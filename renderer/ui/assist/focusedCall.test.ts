import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AssistCallView } from '../../../common/contract/assist';
import { focusedAssistCall } from './focusedCall';

const view = (callId: string, live: boolean) => ({ callId, live }) as AssistCallView;
const call = (id: string, state: 'ringing' | 'dialing' | 'connected' | 'ended', onHold = false) => ({ id, state, onHold });

describe('the call the assist panel shows', () => {
  it('keeps the finished call for its wrap-up while nothing else is going on', () => {
    assert.equal(focusedAssistCall([view('a', false)], [call('a', 'ended')])?.callId, 'a');
    assert.equal(focusedAssistCall([view('a', false)], [])?.callId, 'a');
  });

  it('shows nothing of a finished call once another caller rings or the agent dials', () => {
    assert.equal(focusedAssistCall([view('a', false)], [call('a', 'ended'), call('b', 'ringing')]), undefined);
    assert.equal(focusedAssistCall([view('a', false)], [call('b', 'dialing')]), undefined);
  });

  it('shows the call the agent is talking on, not the one on hold', () => {
    const views = [view('held', true), view('talking', true), view('old', false)];
    const calls = [call('held', 'connected', true), call('talking', 'connected'), call('old', 'ended')];
    assert.equal(focusedAssistCall(views, calls)?.callId, 'talking');
    assert.equal(focusedAssistCall(views, [call('held', 'connected', true)])?.callId, 'held');
  });

  it('shows a ringing call\'s suggestions (primed by its routed intent) before answer, but never over a call the agent is on', () => {
    assert.equal(focusedAssistCall([view('old', false), view('ring', true)], [call('old', 'ended'), call('ring', 'ringing')])?.callId, 'ring');
    assert.equal(focusedAssistCall([view('talking', true), view('ring', true)], [call('talking', 'connected'), call('ring', 'ringing')])?.callId, 'talking');
  });
});
