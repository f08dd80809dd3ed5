import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Downsampler, Framer, FRAME_SAMPLES, toMono, toPcm16 } from './pcm';

function sine(hz: number, rate: number, seconds: number): Float32Array {
  return Float32Array.from({ length: Math.round(rate * seconds) }, (_, i) => 0.5 * Math.sin((2 * Math.PI * hz * i) / rate));
}
const rms = (x: Float32Array) => Math.sqrt(x.reduce((sum, v) => sum + v * v, 0) / x.length);

describe('engine audio tap: PCM', () => {
  it('resamples 48 kHz to 16 kHz in chunks, keeping speech-band tones and cutting ultrasonic ones', () => {
    const down = new Downsampler(48_000);
    const input = sine(440, 48_000, 1);
    const parts: Float32Array[] = [];
    for (let i = 0; i < input.length; i += 128) parts.push(down.process(input.subarray(i, i + 128)));
    const out = Float32Array.from(parts.flatMap((p) => [...p]));
    assert.ok(Math.abs(out.length - 16_000) <= 4, `length ${out.length}`);
    assert.ok(rms(out.subarray(100)) > 0.3, 'a 440 Hz tone keeps its level');
    const aliased = new Downsampler(48_000).process(sine(15_000, 48_000, 0.5));
    assert.ok(rms(aliased) < 0.1, `15 kHz is filtered out, rms ${rms(aliased)}`);
  });

  it('cuts 100 ms frames of 16-bit PCM', () => {
    const frames: Int16Array[] = [];
    const framer = new Framer((frame) => frames.push(frame));
    framer.push(new Int16Array(1000));
    framer.push(new Int16Array(2500));
    assert.equal(frames.length, 2);
    assert.equal(frames[0]!.length, FRAME_SAMPLES);
    const pcm = toPcm16(Float32Array.from([0, 1, -1, 0.5]));
    assert.deepEqual([...pcm], [0, 32767, -32768, 16384]);
  });

  it('leaves audio already at 16 kHz exactly as it is: a 6 kHz consonant keeps its level (no filter at equal rates)', () => {
    const down = new Downsampler(16_000);
    const input = sine(6_000, 16_000, 0.25);
    const out = Float32Array.from([0, 128, 256, 384].flatMap((at) => [...down.process(input.subarray(at, at + 128))]));
    assert.deepEqual([...out], [...input.subarray(0, 512)]);
  });

  it('mixes channels to mono, and hands a single channel through as it is', () => {
    const left = Float32Array.from([1, 0.5]);
    assert.equal(toMono([left], new Float32Array(2)), left);
    assert.deepEqual([...toMono([left, Float32Array.from([0, 0.5])], new Float32Array(2))], [0.5, 0.5]);
  });

  it('frames float samples the same as converting them first', () => {
    const samples = sine(440, 16_000, 0.25);
    const direct: Int16Array[] = [];
    const converted: Int16Array[] = [];
    const viaFloat = new Framer((frame) => direct.push(frame));
    for (let i = 0; i < samples.length; i += 128) viaFloat.pushFloat(samples.subarray(i, i + 128));
    new Framer((frame) => converted.push(frame)).push(toPcm16(samples));
    assert.equal(direct.length, 2);
    assert.deepEqual(direct, converted);
  });
});
