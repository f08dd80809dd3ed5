import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ReadinessProbeRequest, ReadinessView } from '../../common/contract/readiness';
import { GatewayReadinessReportSchema } from '../../common/contract/readiness';
import { AppState } from '../session/state';
import { ServiceError } from '../ipc/errors';
import { silentLogger } from '../log/logger';
import { OutboxModule } from '../outbox/module';
import { openSessionStore } from '../store/store';
import { ManualScheduler } from '../time/manualScheduler';
import { ReadinessRepository } from './readinessRepository';
import { ReadinessService } from './readinessService';

const RUN_ID = '6f1c3a52-8d0e-4b7a-9c51-0a2b3c4d5e6f';
const HOUR = 3_600_000;

function setup(options: { required?: boolean; engineUp?: boolean } = {}) {
  const scheduler = new ManualScheduler();
  const state = new AppState();
  state.setAccount({ displayName: 'Ada', sipUri: 'sip:1001@hearthline.test', server: 'ws://127.0.0.1:8088' });
  const store = openSessionStore();
  const outboxModule = new OutboxModule({ db: store.db, client: undefined, scheduler, log: silentLogger(), normaliseNumber: (number) => number });
  const outbox = outboxModule.repository;
  const probes: ReadinessProbeRequest[] = [];
  const views: ReadinessView[] = [];
  let engineUp = options.engineUp ?? true;
  const service = new ReadinessService({
    state,
    engine: { isConnected: () => engineUp, probe: (request) => probes.push(request) },
    required: () => options.required ?? false,
    validHours: () => undefined,
    repository: new ReadinessRepository(store.db),
    outbox: outboxModule,
    system: { measure: async () => ({ cpuBusyPercent: 12, cpuCount: 2, freeMemoryMb: 3000, totalMemoryMb: 8000, appMemoryMb: 120 }) },
    echoExtension: '9196',
    agent: () => 'sip:1001@hearthline.test',
    appVersion: '1.2.3',
    platform: 'linux-x64',
    scheduler,
    newId: () => RUN_ID,
    log: silentLogger(),
    onChange: (view) => views.push(view),
  });
  return { scheduler, state, store, outbox, probes, views, service, setEngine: (up: boolean) => (engineUp = up) };
}

/** The engine answers every automatic probe with healthy figures. */
function answerHealthy(service: ReadinessService): void {
  service.onProbeResult({ runId: RUN_ID, kind: 'microphone', measurement: { trackMuted: false, rmsDbfs: -20, peakDbfs: -9 } });
  service.onProbeResult({
    runId: RUN_ID,
    kind: 'network',
    measurement: { outcome: 'completed', connected: true, callSeconds: 6, rttMs: 2, jitterMs: 0.5, lossPercent: 0, packetsReceived: 290, echoLevel: 0.3, codec: 'audio/opus' },
  });
  service.onProbeResult({ runId: RUN_ID, kind: 'headset', measurement: { supported: false, connected: false, pressed: null } });
  service.onProbeResult({ runId: RUN_ID, kind: 'tone', measurement: { sink: 'speaker', played: true } });
  service.onProbeResult({ runId: RUN_ID, kind: 'tone', measurement: { sink: 'ringer', played: true } });
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('ReadinessService', () => {
  it('asks the engine for every probe, including a call to the configured echo extension', () => {
    const { service, probes } = setup();
    service.runCheck();
    assert.deepEqual(
      probes.map((probe) => (probe.kind === 'tone' ? `tone:${probe.sink}` : probe.kind)),
      ['microphone', 'network', 'headset', 'tone:speaker'],
    );
    assert.equal((probes[1] as Extract<ReadinessProbeRequest, { kind: 'network' }>).target, '9196');
  });

  it('finishes once the agent answered both tone questions: report saved and queued for the gateway', async () => {
    const { service, store, outbox } = setup();
    service.runCheck();
    answerHealthy(service);
    await flush();
    assert.equal(service.view().run?.finished, false, 'waits for the agent to confirm the tones');
    assert.deepEqual(
      service.view().run?.items.map((item) => `${item.id}:${item.state}`),
      ['microphone:done', 'speaker:waiting', 'ringer:waiting', 'headset:done', 'network:done', 'system:done'],
    );
    service.confirm('speaker', true);
    service.confirm('ringer', true);
    const view = service.view();
    assert.equal(view.run?.finished, true);
    assert.equal(view.run?.verdict, 'amber', 'no headset: amber, not a made-up green');
    assert.equal(view.passed, true);

    const saved = new ReadinessRepository(store.db).get(RUN_ID);
    assert.equal(saved?.items.find((item) => item.id === 'network')?.figures.rttMs, 2);
    const [queued] = outbox.listUnsynced(10);
    assert.equal(queued?.kind, 'readiness');
    const payload = GatewayReadinessReportSchema.parse(JSON.parse(queued!.payload));
    assert.equal(payload.agent, 'sip:1001@hearthline.test');
    assert.equal(payload.items.length, 6);
  });

  it('a microphone that is silent makes the check red, and a red check does not pass', async () => {
    const { service } = setup();
    service.runCheck();
    answerHealthy(service);
    // The healthy microphone answer above already settled it: a second run shows a silent one.
    service.confirm('speaker', true);
    service.confirm('ringer', true);
    await flush();
    service.runCheck();
    service.onProbeResult({ runId: RUN_ID, kind: 'microphone', measurement: { trackMuted: false, rmsDbfs: -100, peakDbfs: -100 } });
    answerHealthy(service);
    await flush();
    service.confirm('speaker', true);
    service.confirm('ringer', false);
    const view = service.view();
    assert.equal(view.run?.verdict, 'red');
    assert.equal(view.run?.items.find((item) => item.id === 'microphone')?.result?.hint, 'micSilent');
    assert.equal(view.passed, false, 'the latest check is red');
  });

  it('a probe the engine never answers turns red after its grace time instead of hanging the check', async () => {
    const { service, scheduler } = setup();
    service.runCheck();
    await flush();
    await scheduler.advance(40_000);
    service.finish();
    const items = service.view().run?.items ?? [];
    assert.equal(items.find((item) => item.id === 'network')?.result?.hint, 'engineUnavailable');
    assert.equal(items.find((item) => item.id === 'speaker')?.result?.hint, 'notConfirmed');
    assert.equal(service.view().run?.verdict, 'red');
  });

  it('refuses a check during a call, while one runs, or without an engine; late results are ignored', () => {
    const { service, state, setEngine } = setup();
    state.upsertCall({ id: 'c1', direction: 'inbound', state: 'connected', remoteNumber: '1002', startedAt: 1, onHold: false, muted: false });
    assert.throws(() => service.runCheck(), (error: unknown) => error instanceof ServiceError && error.code === 'conflict');
    state.upsertCall({ id: 'c1', direction: 'inbound', state: 'ended', remoteNumber: '1002', startedAt: 1, onHold: false, muted: false });
    setEngine(false);
    assert.throws(() => service.runCheck(), (error: unknown) => error instanceof ServiceError && error.code === 'unavailable');
    setEngine(true);
    service.runCheck();
    assert.throws(() => service.runCheck(), (error: unknown) => error instanceof ServiceError && error.code === 'conflict');
    service.onProbeResult({ runId: '00000000-0000-4000-8000-000000000000', kind: 'headset', measurement: { supported: true, connected: true, pressed: true } });
    assert.equal(service.view().run?.items.find((item) => item.id === 'headset')?.state, 'running');
  });

  it('when IT requires it: starts Not Ready, refuses Ready until a check passes, and the pass expires', async () => {
    const { service, state, scheduler } = setup({ required: true });
    service.start((next) => state.setAvailability(next));
    assert.deepEqual(state.getAvailability(), { kind: 'notReady', reason: 'readinessCheck' });
    assert.throws(
      () => service.guardAvailability({ kind: 'available' }),
      (error: unknown) => error instanceof ServiceError && error.code === 'forbidden' && /readiness check/.test(error.message),
    );
    service.guardAvailability({ kind: 'notReady', reason: 'break' });
    service.runCheck();
    answerHealthy(service);
    await flush();
    service.confirm('speaker', true);
    service.confirm('ringer', true);
    service.guardAvailability({ kind: 'available' });
    assert.ok(service.view().validUntil === scheduler.now() + 10 * HOUR);
    await scheduler.advance(10 * HOUR + 1);
    assert.throws(() => service.guardAvailability({ kind: 'available' }), ServiceError);
  });

  it('a pass is remembered in the store across an app restart', async () => {
    const first = setup({ required: true });
    first.service.runCheck();
    answerHealthy(first.service);
    await flush();
    first.service.confirm('speaker', true);
    first.service.confirm('ringer', true);
    const repository = new ReadinessRepository(first.store.db);
    const restarted = new ReadinessService({
      state: new AppState(),
      engine: { isConnected: () => true, probe: () => undefined },
      required: () => true,
      validHours: () => 8,
      repository,
      echoExtension: '9196',
      agent: () => '',
      appVersion: 'dev',
      platform: 'linux-x64',
      scheduler: first.scheduler,
      log: silentLogger(),
      onChange: () => undefined,
    });
    restarted.guardAvailability({ kind: 'available' });
    assert.equal(restarted.view().validUntil, first.scheduler.now() + 8 * HOUR);
  });
});
