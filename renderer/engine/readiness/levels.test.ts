import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LevelMeter, SILENCE_DBFS, toDbfs } from './levels';

describe('microphone level meter', () => {
  it('a full-scale sine is −3 dBFS RMS and 0 dBFS peak', () => {
    const meter = new LevelMeter();
    const frame = Float32Array.from({ length: 4800 }, (_, i) => Math.sin((2 * Math.PI * 1000 * i) / 48_000));
    meter.add(frame);
    const { rmsDbfs, peakDbfs } = meter.result();
    assert.ok(Math.abs(rmsDbfs + 3.01) < 0.05, `rms ${rmsDbfs}`);
    assert.ok(Math.abs(peakDbfs) < 0.01, `peak ${peakDbfs}`);
  });
  it('digital silence (an OS-muted microphone) is −100 dBFS, and so is no data at all', () => {
    const meter = new LevelMeter();
    assert.equal(meter.result().rmsDbfs, SILENCE_DBFS);
    meter.add(new Float32Array(1024));
    assert.deepEqual(meter.result(), { rmsDbfs: SILENCE_DBFS, peakDbfs: SILENCE_DBFS, samples: 1024 });
    assert.equal(toDbfs(0.1), -20);
  });
});
