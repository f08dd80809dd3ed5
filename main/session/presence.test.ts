import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Call } from '../../common/contract/model';
import { derivePresence, inboundPolicy, type PresenceInputs } from './presence';

const base: PresenceInputs = {
  registration: { state: 'registered' },
  availability: { kind: 'available' },
  engine: 'running',
  calls: [],
  inWrapUp: false,
};
const call = (patch: Partial<Call>): Call => ({
  id: 'c',
  direction: 'inbound',
  state: 'connected',
  remoteNumber: '1002',
  startedAt: 0,
  onHold: false,
  muted: false,
  ...patch,
});

describe('derivePresence', () => {
  it('is Ready when registered and available, Not Ready when the agent said so', () => {
    assert.equal(derivePresence(base), 'ready');
    assert.equal(derivePresence({ ...base, availability: { kind: 'notReady', reason: 'lunch' } }), 'notReady');
  });

  it('shows Ringing above everything else, even during another call', () => {
    const calls = [call({ id: 'a' }), call({ id: 'b', state: 'ringing' })];
    assert.equal(derivePresence({ ...base, calls }), 'ringing');
  });

  it('shows On call for connected and dialing calls, and Wrap-up after', () => {
    assert.equal(derivePresence({ ...base, calls: [call({ direction: 'outbound', state: 'dialing' })] }), 'onCall');
    assert.equal(derivePresence({ ...base, calls: [call({ state: 'ended' })], inWrapUp: true }), 'wrapUp');
  });

  it('shows Reconnecting while the engine restarts or the socket is down', () => {
    assert.equal(derivePresence({ ...base, engine: 'restarting' }), 'reconnecting');
    assert.equal(derivePresence({ ...base, registration: { state: 'reconnecting' } }), 'reconnecting');
  });

  it('during wrap-up says the connection is down rather than Wrap-up: a back-to-back caller cannot reach the agent then', () => {
    const ended = [call({ state: 'ended' })];
    assert.equal(derivePresence({ ...base, calls: ended, inWrapUp: true, registration: { state: 'reconnecting' } }), 'reconnecting');
    assert.equal(derivePresence({ ...base, calls: ended, inWrapUp: true, registration: { state: 'registering', registeredAt: 1 } }), 'registering');
    assert.equal(derivePresence({ ...base, calls: ended, inWrapUp: true, engine: 'restarting' }), 'reconnecting');
    assert.equal(derivePresence({ ...base, calls: ended, inWrapUp: true, registration: { state: 'failed', failure: 'forbidden' } }), 'offline');
    // Registered again: Wrap-up, whatever the agent's availability.
    assert.equal(derivePresence({ ...base, calls: ended, inWrapUp: true, availability: { kind: 'notReady', reason: 'break' } }), 'wrapUp');
  });

  it('shows Starting, never Reconnecting, while the engine first starts; Reconnecting once it had been up', () => {
    assert.equal(derivePresence({ ...base, registration: { state: 'registering' }, engine: 'starting' }), 'starting');
    assert.equal(derivePresence({ ...base, registration: { state: 'registering', registeredAt: 1 }, engine: 'starting' }), 'reconnecting');
    assert.equal(derivePresence({ ...base, registration: { state: 'registering' }, engine: 'restarting' }), 'reconnecting');
  });

  it('shows Offline for a failed or missing account, Registering while it first registers', () => {
    assert.equal(derivePresence({ ...base, registration: { state: 'failed', failure: 'authentication' } }), 'offline');
    assert.equal(derivePresence({ ...base, registration: { state: 'unconfigured' }, engine: 'starting' }), 'offline');
    assert.equal(derivePresence({ ...base, registration: { state: 'registering' } }), 'registering');
  });
});

describe('inboundPolicy', () => {
  it('offers calls to an available agent whether or not in wrap-up (back-to-back callers ring), never to a Not Ready one', () => {
    assert.deepEqual(inboundPolicy({ kind: 'available' }), { accepting: true, rejectWith: 486 });
    assert.deepEqual(inboundPolicy({ kind: 'notReady', reason: 'break' }), { accepting: false, rejectWith: 480 });
  });
});
