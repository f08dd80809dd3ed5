import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { callEndReason, endReasonWhileRecovering, registrationFailure } from './causes';

describe('call end reasons', () => {
  it('tells who hung up', () => {
    assert.equal(callEndReason('Terminated', 'local', true), 'hungUpLocal');
    assert.equal(callEndReason('Terminated', 'remote', true), 'hungUpRemote');
  });
  it('names busy, no answer, unknown number and lost connections in plain categories', () => {
    assert.equal(callEndReason('Busy', 'remote', false), 'busy');
    assert.equal(callEndReason('No Answer', 'system', false), 'noAnswer');
    assert.equal(callEndReason('Not Found', 'remote', false), 'notFound');
    assert.equal(callEndReason('RTP Timeout', 'system', true), 'connectionLost');
    assert.equal(callEndReason('Canceled', 'local', false), 'canceled');
    assert.equal(callEndReason('Canceled', 'remote', false), 'hungUpRemote');
    assert.equal(callEndReason('Something new', 'system', false), 'failed');
  });
});

describe('a call that ends while it is being recovered', () => {
  it('ended because the connection failed, even when the far end (its carrier’s media timeout) sent the BYE', () => {
    assert.equal(endReasonWhileRecovering(callEndReason('Terminated', 'remote', true)), 'connectionLost');
    assert.equal(endReasonWhileRecovering(callEndReason('Dialog Error', 'system', true)), 'connectionLost');
  });
  it('keeps reasons the agent caused or that are still true', () => {
    assert.equal(endReasonWhileRecovering('hungUpLocal'), 'hungUpLocal');
    assert.equal(endReasonWhileRecovering('transferred'), 'transferred');
  });
});

describe('registration failures', () => {
  it('separates a wrong password from an unreachable server', () => {
    assert.equal(registrationFailure('Authentication Error'), 'authentication');
    assert.equal(registrationFailure('Connection Error'), 'transport');
    assert.equal(registrationFailure('Rejected'), 'rejected');
  });
});
