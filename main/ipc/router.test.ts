import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { silentLogger } from '../log/logger';
import { ServiceError } from './errors';
import { IpcRouter } from './router';

function router(): IpcRouter {
  const r = new IpcRouter(silentLogger());
  r.handle('ui', 'call.dtmf', ({ digits }) => {
    if (digits === '9') throw new ServiceError('conflict', 'The call is not connected yet');
    if (digits === '0') throw new Error('boom');
    return {};
  });
  r.handle('ui', 'call.dial', () => ({ callId: 'c1' }));
  r.handle('engine', 'engine.report', () => ({}));
  return r;
}

const ui = { role: 'ui' as const, id: 'test-ui' };

describe('IpcRouter', () => {
  it('answers a valid request with the handler result', async () => {
    assert.deepEqual(await router().dispatch(ui, 'call.dial', { target: '+44 20 7946 0000' }), { ok: true, value: { callId: 'c1' } });
  });

  it('refuses an unknown channel with a typed error', async () => {
    const result = await router().dispatch(ui, 'fs.readFile', { path: '/etc/passwd' });
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.error.code, 'unknownChannel');
  });

  it('refuses a non-string channel name without throwing', async () => {
    const result = await router().dispatch(ui, { toString: () => 'call.dial' }, {});
    assert.equal(!result.ok && result.error.code, 'unknownChannel');
  });

  it('does not let the UI use the engine’s channels', async () => {
    const result = await router().dispatch(ui, 'engine.report', { type: 'transport', connected: false });
    assert.equal(!result.ok && result.error.code, 'forbidden');
  });

  it('explains which field of a malformed payload is wrong', async () => {
    const result = await router().dispatch(ui, 'call.dial', { target: 'sip:evil@example.com;transport=tcp' });
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.error.code, 'invalidPayload');
    assert.match(result.error.issues?.join() ?? '', /target: only digits/);
  });

  it('rejects extra fields instead of passing them to services', async () => {
    const result = await router().dispatch(ui, 'call.dtmf', { callId: 'c1', digits: '1', __proto__: { admin: true }, extra: 1 });
    assert.equal(!result.ok && result.error.code, 'invalidPayload');
  });

  it('passes a service refusal through as a typed error', async () => {
    const result = await router().dispatch(ui, 'call.dtmf', { callId: 'c1', digits: '9' });
    assert.deepEqual(result, { ok: false, error: { code: 'conflict', message: 'The call is not connected yet' } });
  });

  it('turns an unexpected handler crash into a generic error, not a crash', async () => {
    const result = await router().dispatch(ui, 'call.dtmf', { callId: 'c1', digits: '0' });
    assert.equal(!result.ok && result.error.code, 'failed');
    assert.doesNotMatch(!result.ok ? result.error.message : '', /boom/);
  });

  it('says a contract channel without a handler is unavailable', async () => {
    const result = await router().dispatch(ui, 'call.hold', { callId: 'c1', on: true });
    assert.equal(!result.ok && result.error.code, 'unavailable');
  });

  it('will not register a handler for a channel outside the contract', () => {
    assert.throws(() => router().handle('ui', 'engine.hello' as never, () => ({}) as never), /not a ui channel/);
  });
});
