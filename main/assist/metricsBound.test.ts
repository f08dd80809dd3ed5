// A whole shift of calls must not grow assist's memory: the latency samples it keeps are bounded.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Call } from '../../common/contract/model';
import { AppState } from '../session/state';
import { EventHub } from '../ipc/hub';
import { silentLogger } from '../log/logger';
import { loadDriver } from '../store/driver';
import { OffTranscriber } from './asr/transcriber';
import { AssistService } from './assistService';
import { METRIC_SAMPLES_KEPT } from './sampleRing';
import { KnowledgeIndex } from './knowledgeIndex';
import { passthroughVad } from './vad';

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('assist metrics over a long shift', () => {
  it(`keeps at most ${METRIC_SAMPLES_KEPT} samples per measure, the newest, however many calls`, async () => {
    const state = new AppState();
    const log = silentLogger();
    const transcriber = new OffTranscriber();
    const service = new AssistService({ state, hub: new EventHub(log), log, index: new KnowledgeIndex(new (loadDriver())(':memory:')), transcriber: () => transcriber, vad: passthroughVad, fallbackVad: passthroughVad, finalWaitMs: 1 });
    await service.start();
    const calls = METRIC_SAMPLES_KEPT + 50;
    for (let i = 0; i < calls; i += 1) {
      const call: Call = { id: `call-${i}`, direction: 'inbound', state: 'connected', remoteNumber: '1002', startedAt: 1, connectedAt: 2, onHold: false, muted: false };
      state.upsertCall(call);
      await flush();
      state.upsertCall({ ...call, state: 'ended', endedAt: 3, endReason: 'hungUpRemote' });
      for (let n = 0; n < 5; n += 1) await flush();
    }
    assert.ok(service.metrics.hangupToDraftMs.length > 0, 'drafts were made');
    assert.ok(service.metrics.hangupToDraftMs.length <= METRIC_SAMPLES_KEPT, `${service.metrics.hangupToDraftMs.length} samples after ${calls} calls`);
    await service.dispose();
  });
});
