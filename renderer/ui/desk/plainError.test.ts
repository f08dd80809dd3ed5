import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IpcError } from '../../../common/contract/wire';
import { adviceKey, plainFailure } from './plainError';

describe('plain failure words', () => {
  it('keeps main’s sentence and its kind, without the class name', () => {
    const failure = new IpcError({ code: 'forbidden', message: 'Your organisation requires the readiness check first.' });
    assert.deepEqual(plainFailure(failure), { kind: 'forbidden', detail: 'Your organisation requires the readiness check first.' });
    assert.doesNotMatch(JSON.stringify(plainFailure(failure)), /IpcError/);
  });

  it('lists field problems instead of the bare message for bad input', () => {
    const failure = new IpcError({ code: 'invalidPayload', message: 'Invalid payload', issues: ['target: only digits'] });
    assert.deepEqual(plainFailure(failure), { kind: 'invalidPayload', detail: 'target: only digits' });
  });

  it('reads an error that crossed Electron’s context bridge as text', () => {
    const crossed = new Error("Error invoking remote method 'hearthline:invoke': IpcError: Your organisation requires the readiness check first.");
    assert.deepEqual(plainFailure(crossed), { kind: 'failed', detail: 'Your organisation requires the readiness check first.' });
    assert.deepEqual(plainFailure('IpcError: Not allowed'), { kind: 'failed', detail: 'Not allowed' });
  });

  it('hides programming errors behind a generic kind, never their text', () => {
    assert.deepEqual(plainFailure(new TypeError("Cannot read properties of undefined (reading 'id')")), { kind: 'internal', detail: '' });
    assert.deepEqual(plainFailure(undefined), { kind: 'internal', detail: '' });
    assert.equal(adviceKey('internal'), 'desk.advice.internal');
  });
});
