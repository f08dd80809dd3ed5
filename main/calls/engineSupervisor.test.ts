import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createApp } from '../app/createApp';
import { defaultConfig } from '../config/appConfig';
import { silentLogger } from '../log/logger';
import type { EngineHost } from './engineHost';

/** A host that records launches and can "crash"; the real hosts are exercised by the e2e suite. */
class RecordingHost implements EngineHost {
  launches = 0;
  private gone: ((reason: string) => void) | undefined;
  async launch() {
    this.launches += 1;
  }
  async dispose() {}
  onGone(listener: (reason: string) => void) {
    this.gone = listener;
  }
  crash() {
    this.gone?.('renderer crashed');
  }
}

const config = { config: { ...defaultConfig(), sip: { wsUri: 'ws://127.0.0.1:8088', sipUri: 'sip:1001@localhost', password: 'p', displayName: 'Ada', dtmfMode: 'rfc4733' as const, registerExpiresSeconds: 300, keepAliveSeconds: 15 } } };
const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('EngineSupervisor', () => {
  it('relaunches a crashed engine, marks its calls lost and tells the agent', async () => {
    const host = new RecordingHost();
    const app = createApp({ log: silentLogger(), engineHost: host, config, supervisorOptions: { baseDelayMs: 5, maxDelayMs: 20 } });
    await app.start();
    const detach = app.hub.attach('engine', () => undefined);
    assert.equal(app.engine.hello().account?.authUser, '1001');
    app.engine.report({ type: 'registration', state: 'registered' });
    app.engine.report({ type: 'call', call: { id: 'c1', direction: 'inbound', state: 'connected', remoteNumber: '1002', startedAt: 1, connectedAt: 2, onHold: false, muted: false } });
    assert.equal(app.state.snapshot().presence, 'onCall');

    detach();
    host.crash();
    const snapshot = app.state.snapshot();
    assert.equal(snapshot.presence, 'reconnecting');
    assert.equal(snapshot.calls[0]?.endReason, 'engineLost');
    assert.ok(snapshot.notices.some((notice) => notice.key === 'notice.engineRestarted'));
    await tick(40);
    assert.equal(host.launches, 2, 'one relaunch, even though both the socket and the process reported the loss');
    await app.dispose();
  });

  it('ends live calls before the app exits, so a ringing caller is refused at once instead of ringing on', async () => {
    const host = new RecordingHost();
    const app = createApp({ log: silentLogger(), engineHost: host, config });
    await app.start();
    const hangups: string[] = [];
    app.hub.attach('engine', (channel, payload) => {
      const command = payload as { type?: string; callId?: string };
      if (channel !== 'engine.command' || command.type !== 'hangup' || !command.callId) return;
      hangups.push(command.callId);
      // As the engine does: the call ends and is reported (after a SIP round trip).
      const call = app.state.getCall(command.callId);
      if (call) setTimeout(() => app.engine.report({ type: 'call', call: { ...call, state: 'ended', endedAt: 3, endReason: 'rejected' } }), 5);
    });
    app.engine.hello();
    app.engine.report({ type: 'registration', state: 'registered' });
    app.engine.report({ type: 'call', call: { id: 'ringing', direction: 'inbound', state: 'ringing', remoteNumber: '1002', startedAt: 1, onHold: false, muted: false } });
    app.engine.report({ type: 'call', call: { id: 'talking', direction: 'inbound', state: 'connected', remoteNumber: '1004', startedAt: 1, connectedAt: 2, onHold: false, muted: false } });
    await app.dispose();
    assert.deepEqual(hangups.sort(), ['ringing', 'talking']);
    assert.equal(app.state.liveCalls().length, 0, 'the app waited for the engine to end them');
  });

  it('relaunches an engine that never says hello', async () => {
    const host = new RecordingHost();
    const app = createApp({ log: silentLogger(), engineHost: host, config, supervisorOptions: { helloTimeoutMs: 10, baseDelayMs: 5, maxDelayMs: 5 } });
    await app.start();
    // Waited for, not timed: on a loaded machine the 10 ms hello timeout and the relaunch can take longer.
    for (let waited = 0; host.launches < 2 && waited < 5_000; waited += 20) await tick(20);
    assert.ok(host.launches >= 2, `launched ${host.launches} time(s)`);
    await app.dispose();
  });

  it('refuses commands plainly while no engine is connected', async () => {
    const host = new RecordingHost();
    const app = createApp({ log: silentLogger(), engineHost: host, config });
    await app.start();
    const result = await app.router.dispatch({ role: 'ui', id: 't' }, 'call.dial', { target: '1002' });
    assert.equal(!result.ok && result.error.code, 'unavailable');
    await app.dispose();
  });

  it('enters wrap-up after a connected call and still offers new calls meanwhile (back-to-back callers ring)', async () => {
    const host = new RecordingHost();
    const app = createApp({ log: silentLogger(), engineHost: host, config });
    await app.start();
    const commands: unknown[] = [];
    app.hub.attach('engine', (_channel, payload) => commands.push(payload));
    app.engine.hello();
    app.engine.report({ type: 'registration', state: 'registered' });
    const call = { id: 'c1', direction: 'inbound' as const, state: 'connected' as const, remoteNumber: '1002', startedAt: 1, connectedAt: 2, onHold: false, muted: false };
    app.engine.report({ type: 'call', call });
    app.engine.report({ type: 'call', call: { ...call, state: 'ended', endedAt: 3, endReason: 'hungUpRemote' } });
    assert.equal(app.state.snapshot().presence, 'wrapUp');
    assert.deepEqual(commands.at(-1), { type: 'setAccepting', accepting: true, rejectWith: 486 });
    app.calls.endWrapUp();
    assert.deepEqual(commands.at(-1), { type: 'setAccepting', accepting: true, rejectWith: 486 });
    await app.dispose();
  });
});
