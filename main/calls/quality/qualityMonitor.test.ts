import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { QualitySample } from '../../../common/contract/model';
import { QualityMonitor } from './qualityMonitor';

const sample = (at: number, patch: Partial<QualitySample> = {}): QualitySample => ({
  at,
  rttMs: 30,
  jitterMs: 3,
  lossPercent: 0,
  bytesReceived: at,
  bytesSent: at,
  inboundLevel: 0.2,
  outboundLevel: 0.2,
  codec: 'audio/opus',
  clockRate: 48000,
  ...patch,
});

describe('QualityMonitor', () => {
  it('stays quiet on a good call', () => {
    const monitor = new QualityMonitor();
    let quality;
    for (let t = 0; t < 5; t += 1) quality = monitor.add(sample(t * 1000), true);
    assert.deepEqual(quality?.warnings, []);
    assert.ok((quality?.mos ?? 0) > 4.3);
  });

  it('warns about packet loss only when 3 of the last 5 seconds were bad', () => {
    const monitor = new QualityMonitor();
    monitor.add(sample(0, { lossPercent: 12 }), true);
    monitor.add(sample(1000), true);
    assert.deepEqual(monitor.add(sample(2000, { lossPercent: 12 }), true).warnings.includes('packetLoss'), false);
    const third = monitor.add(sample(3000, { lossPercent: 12 }), true);
    assert.ok(third.warnings.includes('packetLoss'));
    assert.ok(third.warnings.includes('lowMos'), 'three lossy seconds also pull MOS under 3.5');
  });

  it('forgets a burst once it leaves the 5-sample window', () => {
    const monitor = new QualityMonitor();
    for (let t = 0; t < 3; t += 1) monitor.add(sample(t * 1000, { rttMs: 900 }), true);
    let quality = monitor.add(sample(3000), true);
    assert.ok(quality.warnings.includes('highLatency'));
    for (let t = 4; t < 7; t += 1) quality = monitor.add(sample(t * 1000), true);
    assert.deepEqual(quality.warnings, []);
  });

  it('flags jitter above 30 ms', () => {
    const monitor = new QualityMonitor();
    let quality;
    for (let t = 0; t < 3; t += 1) quality = monitor.add(sample(t * 1000, { jitterMs: 45 }), true);
    assert.ok(quality?.warnings.includes('jitter'));
  });

  it('reports a dead microphone after 5 s of silence, but not while muted or on hold', () => {
    const monitor = new QualityMonitor();
    let quality;
    for (let t = 0; t <= 5; t += 1) quality = monitor.add(sample(t * 1000, { outboundLevel: 0 }), true);
    assert.ok(quality?.warnings.includes('deadMic'));
    const muted = new QualityMonitor();
    for (let t = 0; t <= 6; t += 1) quality = muted.add(sample(t * 1000, { outboundLevel: 0 }), false);
    assert.equal(quality?.warnings.includes('deadMic'), false);
  });

  it('warns when the call fell back to narrowband (8 kHz) audio', () => {
    assert.ok(new QualityMonitor().add(sample(0, { codec: 'audio/PCMU', clockRate: 8000 }), true).warnings.includes('narrowband'));
  });
});
