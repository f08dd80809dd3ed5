import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { agentStateText } from './agentState';

describe('agent-state control text', () => {
  it('shows the real state while busy, not the availability picked before the call', () => {
    assert.deepEqual(agentStateText('onCall', { kind: 'available' }), { current: { key: 'presence.onCall' } });
    assert.deepEqual(agentStateText('wrapUp', { kind: 'available' }), { current: { key: 'presence.wrapUp' } });
    assert.deepEqual(agentStateText('offline', { kind: 'notReady', reason: 'offline' }), { current: { key: 'presence.offline' } });
  });

  it('says which Not Ready reason applies once the call is over', () => {
    assert.deepEqual(agentStateText('onCall', { kind: 'notReady', reason: 'break' }), {
      current: { key: 'presence.onCall' },
      afterwards: { key: 'availability.notReady', reason: 'break' },
    });
  });

  it('shows the picked availability when idle', () => {
    assert.deepEqual(agentStateText('ready', { kind: 'available' }), { current: { key: 'availability.available' } });
    assert.deepEqual(agentStateText('notReady', { kind: 'notReady', reason: 'readinessCheck' }), { current: { key: 'availability.notReady', reason: 'readinessCheck' } });
  });
});
