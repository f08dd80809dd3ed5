import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import pino from 'pino';
import type { EngineCommand, EngineReport } from '../../common/contract/channels';
import type { Call } from '../../common/contract/model';
import { AppState } from '../session/state';
import { ServiceError } from '../ipc/errors';
import { silentLogger } from '../log/logger';
import type { AlertState } from './agentAlerts';
import { CallService, type CallServiceOptions } from './callService';
import type { EngineSupervisor } from './engineSupervisor';

class FakeEngine {
  readonly sent: EngineCommand[] = [];
  private listener: ((report: EngineReport) => void) | undefined;
  connected = true;
  onReport(listener: (report: EngineReport) => void): () => void {
    this.listener = listener;
    return () => (this.listener = undefined);
  }
  send(command: EngineCommand): void {
    if (!this.connected) throw new ServiceError('unavailable', 'restarting');
    this.sent.push(command);
  }
  trySend(command: EngineCommand): void {
    if (this.connected) this.sent.push(command);
  }
  report(report: EngineReport): void {
    this.listener?.(report);
  }
}

const flush = async () => {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
};

function setup(options: Partial<CallServiceOptions> = {}) {
  const state = new AppState();
  state.setRegistration({ state: 'registered', registeredAt: 1 });
  const engine = new FakeEngine();
  const alerts: AlertState[] = [];
  const history: Call[] = [];
  const missed: Call[] = [];
  const service = new CallService(
    state,
    engine as unknown as EngineSupervisor,
    silentLogger(),
    { wrapUpSeconds: 30, alertTimeoutSeconds: 20, ...options },
    { alerts: { update: (alert) => alerts.push(alert) }, history: { recordCall: (call) => history.push(call) } },
  );
  service.onMissedCall((call) => missed.push(call));
  return { state, engine, service, alerts, history, missed };
}

const ringing = (id = 'in-1', overrides: Partial<Call> = {}): Call => ({
  id,
  direction: 'inbound',
  state: 'ringing',
  remoteNumber: '1002',
  startedAt: Date.now(),
  onHold: false,
  muted: false,
  ...overrides,
});

describe('CallService', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_000_000 }));
  afterEach(() => mock.timers.reset());

  it('normalises dialled numbers to E.164 with the default region and keeps extensions', () => {
    const { service, engine } = setup({ defaultRegion: 'GB' });
    service.dial('020 7946 0000');
    service.dial('1004');
    assert.deepEqual(
      engine.sent.map((command) => command.type === 'dial' && command.target),
      ['+442079460000', '1004'],
    );
  });

  it('refuses what cannot be dialled, and dialling while not registered, in plain words', () => {
    const { service, state } = setup({ defaultRegion: 'GB' });
    assert.throws(() => service.dial('+44 1'), (error: ServiceError) => error.code === 'invalidPayload' && /not a number/.test(error.message));
    state.setRegistration({ state: 'reconnecting' });
    assert.throws(() => service.dial('1004'), (error: ServiceError) => error.code === 'unavailable' && /Not connected/.test(error.message));
  });

  it('answers a ringing call by itself after the auto-answer delay', async () => {
    const { service, engine, state } = setup({ autoAnswerSeconds: 3 });
    engine.report({ type: 'call', call: ringing() });
    await flush();
    assert.equal(state.getCall('in-1')?.autoAnswerAt, 1_000_000 + 3000, 'the UI can show the countdown');
    mock.timers.tick(2999);
    assert.equal(engine.sent.length, 0);
    mock.timers.tick(1);
    assert.deepEqual(engine.sent, [{ type: 'answer', callId: 'in-1', holdOthers: false }]);
    service.dispose();
  });

  it('does not auto-answer a waiting call while the agent is on another call', async () => {
    const { engine, service } = setup({ autoAnswerSeconds: 1 });
    engine.report({ type: 'call', call: { ...ringing('out-1'), direction: 'outbound', state: 'connected', connectedAt: Date.now() } });
    engine.report({ type: 'call', call: ringing('in-2') });
    await flush();
    mock.timers.tick(5000);
    assert.equal(engine.sent.filter((command) => command.type === 'answer').length, 0);
    service.dispose();
  });

  it('rings but does not auto-answer a call that arrives during wrap-up (the agent is still writing notes)', async () => {
    const { engine, state, service } = setup({ autoAnswerSeconds: 1, wrapUpSeconds: 30 });
    engine.report({ type: 'call', call: { ...ringing('a'), state: 'connected', connectedAt: Date.now() } });
    engine.report({ type: 'call', call: { ...ringing('a'), state: 'ended', connectedAt: Date.now(), endedAt: Date.now(), endReason: 'hungUpLocal' } });
    assert.equal(state.inWrapUp(), true);
    engine.report({ type: 'call', call: ringing('in-2') });
    await flush();
    mock.timers.tick(5000);
    assert.equal(engine.sent.filter((command) => command.type === 'answer').length, 0);
    assert.equal(state.snapshot().presence, 'ringing', 'the call rings for the agent to answer by hand');
    service.dispose();
  });

  it('refuses a call nobody answers at the alert timeout and sets the agent Not Ready', async () => {
    const { engine, state, missed, service } = setup({ alertTimeoutSeconds: 20 });
    engine.report({ type: 'call', call: ringing() });
    await flush();
    mock.timers.tick(20_000);
    assert.deepEqual(engine.sent, [{ type: 'hangup', callId: 'in-1', reason: 'missed' }]);
    assert.equal(missed.length, 1);
    assert.equal(state.snapshot().notices.at(-1)?.key, 'notice.missedCall');
    service.dispose();
  });

  it('stops the alert timer once the call is answered', async () => {
    const { engine, service, missed } = setup({ alertTimeoutSeconds: 5 });
    engine.report({ type: 'call', call: ringing() });
    await flush();
    service.answer('in-1');
    engine.report({ type: 'call', call: { ...ringing(), state: 'connected', connectedAt: Date.now() } });
    await flush();
    mock.timers.tick(10_000);
    assert.equal(missed.length, 0);
    assert.deepEqual(engine.sent, [{ type: 'answer', callId: 'in-1', holdOthers: false }]);
    service.dispose();
  });

  it('alerts outside the window while a call rings (call waiting marked) and clears the alert after', async () => {
    const { engine, alerts, service } = setup();
    engine.report({ type: 'call', call: { ...ringing('out-1'), direction: 'outbound', state: 'connected', connectedAt: Date.now() } });
    engine.report({ type: 'call', call: ringing('in-2', { remoteName: 'Grace' }) });
    await flush();
    assert.deepEqual(alerts.at(-1)?.ringing, [{ callId: 'in-2', from: 'Grace · 1002', waiting: true }]);
    engine.report({ type: 'call', call: ringing('in-2', { state: 'ended', endReason: 'hungUpRemote' }) });
    await flush();
    assert.deepEqual(alerts.at(-1)?.ringing, []);
    service.dispose();
  });

  it('asks for “hold and answer” when another call is active', async () => {
    const { engine, service } = setup();
    engine.report({ type: 'call', call: { ...ringing('out-1'), direction: 'outbound', state: 'connected', connectedAt: Date.now() } });
    engine.report({ type: 'call', call: ringing('in-2') });
    await flush();
    assert.throws(() => service.answer('in-2'), (error: ServiceError) => error.code === 'conflict' && /Hold and answer/.test(error.message));
    service.answer('in-2', true);
    assert.deepEqual(engine.sent.at(-1), { type: 'answer', callId: 'in-2', holdOthers: true });
    service.dispose();
  });

  it('records every finished call in the history sink once, including calls lost with the engine', async () => {
    const { engine, state, history, service } = setup();
    engine.report({ type: 'call', call: ringing() });
    engine.report({ type: 'call', call: { ...ringing(), state: 'connected', connectedAt: Date.now() } });
    await flush();
    assert.equal(history.length, 0);
    engine.report({ type: 'call', call: { ...ringing(), state: 'ended', connectedAt: Date.now(), endedAt: Date.now(), endReason: 'hungUpRemote' } });
    await flush();
    state.upsertCall({ ...ringing('in-2'), state: 'ended', endedAt: Date.now(), endReason: 'engineLost' }); // as the supervisor does
    await flush();
    state.notify('info', 'anything'); // later snapshots do not record again
    await flush();
    assert.deepEqual(
      history.map((call) => [call.id, call.endReason]),
      [
        ['in-1', 'hungUpRemote'],
        ['in-2', 'engineLost'],
      ],
    );
    service.dispose();
  });

  it('starts wrap-up only when the agent’s last call ends, and ends it on “done”', async () => {
    const { engine, state, service } = setup({ wrapUpSeconds: 30 });
    const connected = (id: string): Call => ({ ...ringing(id), state: 'connected', connectedAt: Date.now() });
    engine.report({ type: 'call', call: connected('a') });
    engine.report({ type: 'call', call: connected('b') });
    engine.report({ type: 'call', call: { ...connected('a'), state: 'ended', endedAt: Date.now(), endReason: 'transferred' } });
    assert.equal(state.inWrapUp(), false, 'still on call b');
    engine.report({ type: 'call', call: { ...connected('b'), state: 'ended', endedAt: Date.now(), endReason: 'hungUpLocal' } });
    assert.equal(state.inWrapUp(), true);
    assert.equal(state.snapshot().wrapUpUntil, 1_000_000 + 30_000);
    service.endWrapUp();
    assert.equal(state.inWrapUp(), false);
    service.dispose();
  });

  it('refuses hold, transfer and conference while the server connection is down (they would end the call)', async () => {
    const { engine, state, service } = setup();
    engine.report({ type: 'call', call: { ...ringing('a'), state: 'connected', connectedAt: Date.now() } });
    engine.report({ type: 'call', call: { ...ringing('b'), state: 'connected', connectedAt: Date.now() } });
    state.setRegistration({ state: 'reconnecting', registeredAt: 1 });
    for (const action of [
      () => service.hold('a', true),
      () => service.transfer({ callId: 'a', mode: 'blind', target: '1004' }),
      () => service.conference(['a', 'b']),
    ]) {
      assert.throws(action, (error: ServiceError) => error.code === 'unavailable');
    }
    service.mute('a', true); // mute needs no signalling
    assert.deepEqual(engine.sent, [{ type: 'mute', callId: 'a', on: true }]);
    service.dispose();
  });

  it('sends transfers to the engine and tells the agent when one fails', async () => {
    const { engine, state, service } = setup({ defaultRegion: 'GB' });
    engine.report({ type: 'call', call: { ...ringing('a'), state: 'connected', connectedAt: Date.now() } });
    engine.report({ type: 'call', call: { ...ringing('c', { remoteNumber: '1004' }), direction: 'outbound', state: 'connected', connectedAt: Date.now(), consultFor: 'a' } });
    service.transfer({ callId: 'a', mode: 'blind', target: '020 7946 0000' });
    service.transfer({ callId: 'a', mode: 'attended', consultCallId: 'c' });
    assert.deepEqual(engine.sent, [
      { type: 'transfer', callId: 'a', mode: 'blind', target: '+442079460000' },
      { type: 'transfer', callId: 'a', mode: 'attended', consultCallId: 'c' },
    ]);
    engine.report({ type: 'transfer', callId: 'a', outcome: 'failed', detail: '603 Decline' });
    assert.equal(state.snapshot().notices.at(-1)?.key, 'notice.transferFailed');
    assert.equal(state.snapshot().notices.at(-1)?.values?.detail, '603 Decline');
    service.dispose();
  });
});

describe('CallService engine log lines', () => {
  it('keeps the engine from overwriting the log fields main sets (source, level, time)', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = pino({ level: 'debug' }, sink);
    const engine = new FakeEngine();
    new CallService(new AppState(), engine as unknown as EngineSupervisor, log, { wrapUpSeconds: 30, alertTimeoutSeconds: 20 });
    const before = Date.now();
    engine.report({ type: 'log', level: 'info', message: 'sip socket closed', data: { source: 'main', level: 60, time: 0, msg: 'forged', code: 1006 } });
    await flush();
    const entry = JSON.parse(lines.at(-1) ?? '{}') as Record<string, unknown>;
    assert.equal(entry.source, 'engine');
    assert.equal(entry.level, 30, 'info, as the report says');
    assert.ok(typeof entry.time === 'number' && entry.time >= before, 'main’s own clock');
    assert.equal(entry.msg, 'sip socket closed');
    assert.deepEqual(entry.engine, { source: 'main', level: 60, time: 0, msg: 'forged', code: 1006 }, 'the engine’s data is kept, nested');
  });
});
