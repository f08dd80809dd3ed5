import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Downsampler, FrameSender, Framer, FRAME_SAMPLES, pcmToBase64, toPcm16 } from './pcm';

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

  it('resamples exactly as the plain triangle filter does, at 48 kHz (whole ratio) and 44.1 kHz', () => {
    for (const rate of [48_000, 44_100]) {
      const input = sine(440, rate, 0.2).map((v, i) => v + 0.1 * Math.sin(i / 7));
      const fast = new Downsampler(rate);
      const plain = new PlainDownsampler(rate);
      for (let i = 0; i < input.length; i += 128) {
        const chunk = input.subarray(i, i + 128);
        const a = fast.process(chunk);
        const b = plain.process(chunk);
        assert.equal(a.length, b.length);
        for (let k = 0; k < a.length; k += 1) assert.ok(Math.abs(a[k]! - b[k]!) < 1e-6, `${rate} Hz, sample ${k}: ${a[k]} vs ${b[k]}`);
      }
    }
  });

  it('cuts 100 ms frames and base64-encodes little-endian PCM', () => {
    const frames: Int16Array[] = [];
    const framer = new Framer((frame) => frames.push(frame));
    framer.push(new Int16Array(1000));
    framer.push(new Int16Array(2500));
    assert.equal(frames.length, 2);
    assert.equal(frames[0]!.length, FRAME_SAMPLES);
    const pcm = toPcm16(Float32Array.from([0, 1, -1, 0.5]));
    assert.deepEqual([...pcm], [0, 32767, -32768, 16384]);
    assert.equal(pcmToBase64(pcm), Buffer.from(pcm.buffer).toString('base64'));
    assert.equal(pcmToBase64(Int16Array.from([1])), Buffer.from(Int16Array.from([1]).buffer).toString('base64'));
  });

  it('drops frames instead of queueing when main is slow, and pauses when main declines', async () => {
    const pending: Array<(ack: { accept: boolean }) => void> = [];
    let now = 0;
    const sender = new FrameSender<number>((_) => new Promise((resolve) => pending.push(resolve)), { maxInFlight: 2, pauseMs: 1000, now: () => now });
    assert.equal(sender.offer(1), true);
    assert.equal(sender.offer(2), true);
    assert.equal(sender.offer(3), false);
    pending.shift()!({ accept: false });
    await Promise.resolve();
    assert.equal(sender.offer(4), false, 'paused after accept:false');
    now = 1500;
    pending.shift()!({ accept: true });
    await Promise.resolve();
    assert.equal(sender.offer(5), true);
    assert.equal(sender.dropped, 2);
  });
});

/** The resampler written plainly (per-sample weights, array output): the reference the fast one must match. */
class PlainDownsampler {
  private readonly ratio: number;
  private readonly half: number;
  private history = new Float32Array(0);
  private position = 0;

  constructor(inputRate: number) {
    this.ratio = inputRate / 16_000;
    this.half = Math.max(1, Math.ceil(this.ratio));
  }

  process(input: Float32Array): Float32Array {
    const buffer = new Float32Array(this.history.length + input.length);
    buffer.set(this.history);
    buffer.set(input, this.history.length);
    const out: number[] = [];
    while (this.position + this.half < buffer.length) {
      const centre = this.position;
      let sum = 0;
      let weights = 0;
      for (let i = Math.max(0, Math.ceil(centre - this.half)); i <= Math.min(buffer.length - 1, Math.floor(centre + this.half)); i += 1) {
        const weight = 1 - Math.abs(i - centre) / (this.half + 1);
        if (weight <= 0) continue;
        sum += buffer[i]! * weight;
        weights += weight;
      }
      out.push(weights > 0 ? sum / weights : 0);
      this.position += this.ratio;
    }
    const keepFrom = Math.max(0, Math.floor(this.position - this.half));
    this.history = buffer.slice(keepFrom);
    this.position -= keepFrom;
    return Float32Array.from(out);
  }
}
