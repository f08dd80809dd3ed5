import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NetworkMeasurement } from '../../common/contract/readiness';
import { gradeHeadset, gradeMicrophone, gradeNetwork, gradeSystem, gradeTone, gradeUnanswered, passedUntil, verdictOf } from './grading';

const goodCall: NetworkMeasurement = {
  outcome: 'completed',
  connected: true,
  callSeconds: 6,
  rttMs: 3,
  jitterMs: 1,
  lossPercent: 0,
  packetsReceived: 300,
  echoLevel: 0.2,
  codec: 'audio/opus',
};

describe('readiness grading: microphone', () => {
  it('a microphone that hears something is green, with its levels as figures', () => {
    const result = gradeMicrophone({ trackMuted: false, rmsDbfs: -22.34, peakDbfs: -12, label: 'Fake mic' });
    assert.equal(result.grade, 'green');
    assert.deepEqual(result.figures, { micRmsDbfs: -22.3, micPeakDbfs: -12 });
  });
  it('muted by the OS or digitally silent is red "muted or silent"; very quiet is amber', () => {
    assert.deepEqual(pick(gradeMicrophone({ trackMuted: true, rmsDbfs: -100, peakDbfs: -100 })), ['red', 'micMuted']);
    assert.deepEqual(pick(gradeMicrophone({ trackMuted: false, rmsDbfs: -100, peakDbfs: -100 })), ['red', 'micSilent']);
    assert.deepEqual(pick(gradeMicrophone({ trackMuted: false, rmsDbfs: -62, peakDbfs: -50 })), ['amber', 'micQuiet']);
  });
  it('a refused or missing microphone says which, so the agent knows what to fix', () => {
    assert.deepEqual(pick(gradeMicrophone({ error: 'NotAllowedError', trackMuted: false, rmsDbfs: -100, peakDbfs: -100 })), ['red', 'micDenied']);
    assert.deepEqual(pick(gradeMicrophone({ error: 'NotFoundError', trackMuted: false, rmsDbfs: -100, peakDbfs: -100 })), ['red', 'micNotFound']);
    assert.deepEqual(pick(gradeMicrophone({ error: 'NotReadableError', trackMuted: false, rmsDbfs: -100, peakDbfs: -100 })), ['red', 'micFailed']);
  });
});

describe('readiness grading: network from the echo test call', () => {
  it('a clean loopback call is green with RTT, jitter, loss and MOS', () => {
    const result = gradeNetwork(goodCall);
    assert.equal(result.grade, 'green');
    assert.equal(result.figures.rttMs, 3);
    assert.equal(result.figures.lossPercent, 0);
    assert.ok((result.figures.mos ?? 0) > 4.3);
  });
  it('grades loss, jitter and delay at the in-call warning lines (red) and half of them (amber)', () => {
    assert.deepEqual(pick(gradeNetwork({ ...goodCall, lossPercent: 2 })), ['amber', 'networkLoss']);
    assert.deepEqual(pick(gradeNetwork({ ...goodCall, lossPercent: 5 })), ['red', 'networkLoss']);
    assert.deepEqual(pick(gradeNetwork({ ...goodCall, jitterMs: 20 })), ['amber', 'networkJitter']);
    assert.deepEqual(pick(gradeNetwork({ ...goodCall, jitterMs: 45 })), ['red', 'networkJitter']);
    assert.deepEqual(pick(gradeNetwork({ ...goodCall, rttMs: 250 })), ['amber', 'networkSlow']);
    assert.deepEqual(pick(gradeNetwork({ ...goodCall, rttMs: 500 })), ['red', 'networkSlow']);
  });
  it('audio that does not come back is red even when the call connected', () => {
    assert.deepEqual(pick(gradeNetwork({ ...goodCall, echoLevel: 0 })), ['red', 'networkNoEcho']);
    assert.deepEqual(pick(gradeNetwork({ ...goodCall, packetsReceived: 0, echoLevel: null })), ['red', 'networkNoEcho']);
  });
  it('an echo extension the server says is missing or not answering is "could not test" (amber) with the reason, not red', () => {
    const never = { ...goodCall, outcome: 'failed' as const, connected: false, rttMs: null, jitterMs: null, lossPercent: null, packetsReceived: 0, echoLevel: null };
    const missing = gradeNetwork({ ...never, cause: 'Not Found' });
    assert.deepEqual(pick(missing), ['amber', 'networkEchoUnreachable']);
    assert.equal(missing.detail, 'Not Found');
    for (const cause of ['Unavailable', 'Busy', 'Rejected', 'no answer in time']) assert.deepEqual(pick(gradeNetwork({ ...never, cause })), ['amber', 'networkEchoUnreachable'], cause);
    // A test call that fails on the way (no connection, no response, media) would fail a customer call too.
    for (const cause of ['Connection Error', 'Request Timeout', 'WebRTC Error', 'RTP Timeout', 'microphone: NotAllowedError']) {
      assert.deepEqual(pick(gradeNetwork({ ...never, cause })), ['red', 'networkFailed'], cause);
    }
  });
  it('no registration or a live call are red with their own hint', () => {
    assert.deepEqual(pick(gradeNetwork({ ...goodCall, outcome: 'refused', connected: false, cause: 'notRegistered' })), ['red', 'networkNotRegistered']);
    assert.deepEqual(pick(gradeNetwork({ ...goodCall, outcome: 'refused', connected: false, cause: 'callInProgress' })), ['red', 'networkCallInProgress']);
  });
  it('a test call cut short by a customer call is amber, keeping what was measured', () => {
    const result = gradeNetwork({ ...goodCall, outcome: 'interrupted', callSeconds: 2 });
    assert.deepEqual(pick(result), ['amber', 'networkInterrupted']);
    assert.equal(result.figures.callSeconds, 2);
  });
});

describe('readiness grading: speaker, ringer, headset, system', () => {
  it('the agent’s answer decides the speaker and ringer; no answer is amber "not confirmed"', () => {
    assert.equal(gradeTone('speaker', { sink: 'speaker', played: true }, true).grade, 'green');
    assert.deepEqual(pick(gradeTone('speaker', { sink: 'speaker', played: true }, false)), ['red', 'speakerNotHeard']);
    assert.deepEqual(pick(gradeTone('ringer', { sink: 'ringer', played: true }, false)), ['amber', 'ringerNotHeard']);
    assert.deepEqual(pick(gradeTone('speaker', { sink: 'speaker', played: true }, undefined)), ['amber', 'notConfirmed']);
    assert.deepEqual(pick(gradeTone('speaker', { sink: 'speaker', played: false, error: 'NotFoundError' }, true)), ['red', 'toneFailed']);
  });
  it('no headset is amber, never green; a pressed button is green', () => {
    assert.deepEqual(pick(gradeHeadset({ supported: true, connected: false, pressed: null })), ['amber', 'headsetNotConnected']);
    assert.deepEqual(pick(gradeHeadset({ supported: false, connected: false, pressed: null })), ['amber', 'headsetUnsupported']);
    assert.deepEqual(pick(gradeHeadset({ supported: true, connected: true, pressed: false })), ['amber', 'headsetNoPress']);
    assert.equal(gradeHeadset({ supported: true, connected: true, pressed: true }).grade, 'green');
  });
  it('low free memory is red, a busy CPU only amber', () => {
    const base = { cpuBusyPercent: 20, cpuCount: 4, freeMemoryMb: 4000, totalMemoryMb: 8000, appMemoryMb: 150 };
    assert.equal(gradeSystem(base).grade, 'green');
    assert.deepEqual(pick(gradeSystem({ ...base, cpuBusyPercent: 99 })), ['amber', 'systemCpuBusy']);
    assert.deepEqual(pick(gradeSystem({ ...base, freeMemoryMb: 800 })), ['amber', 'systemLowMemory']);
    assert.deepEqual(pick(gradeSystem({ ...base, freeMemoryMb: 100 })), ['red', 'systemLowMemory']);
  });
  it('a probe the engine never answered counts against the check', () => {
    assert.deepEqual(pick(gradeUnanswered('network')), ['red', 'engineUnavailable']);
    assert.deepEqual(pick(gradeUnanswered('headset')), ['amber', 'engineUnavailable']);
  });
});

describe('readiness verdict and the shift window', () => {
  it('the verdict is the worst item', () => {
    assert.equal(verdictOf([gradeNetwork(goodCall)]), 'green');
    assert.equal(verdictOf([gradeNetwork(goodCall), gradeHeadset({ supported: true, connected: false, pressed: null })]), 'amber');
    assert.equal(verdictOf([gradeNetwork({ ...goodCall, echoLevel: 0 }), gradeHeadset({ supported: true, connected: false, pressed: null })]), 'red');
  });
  it('the latest check counts for validHours after it finished when it has no red item', () => {
    const hour = 3_600_000;
    const now = 100 * hour;
    assert.equal(passedUntil([], now, 10), undefined);
    assert.equal(passedUntil([{ finishedAt: now - 2 * hour, verdict: 'amber' }], now, 10), now + 8 * hour);
    assert.equal(passedUntil([{ finishedAt: now - 11 * hour, verdict: 'green' }], now, 10), undefined);
    assert.equal(passedUntil([{ finishedAt: now - hour, verdict: 'red' }], now, 10), undefined);
    // The latest check counts: a red one after a pass withdraws it, a pass after a red restores it.
    assert.equal(passedUntil([{ finishedAt: now - hour, verdict: 'red' }, { finishedAt: now - 3 * hour, verdict: 'green' }], now, 10), undefined);
    assert.equal(passedUntil([{ finishedAt: now - 3 * hour, verdict: 'red' }, { finishedAt: now - hour, verdict: 'green' }], now, 10), now + 9 * hour);
    assert.equal(passedUntil([{ finishedAt: now + 5 * hour, verdict: 'green' }], now, 10), undefined, 'a report from the future (clock went back) does not count');
  });
});

function pick(result: { grade: string; hint?: string }): [string, string | undefined] {
  return [result.grade, result.hint];
}
