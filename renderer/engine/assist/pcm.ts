// Pure: the engine side of the assist audio tap. Mono float audio at the AudioContext's rate is
// converted to 16-bit PCM and cut into 100 ms frames (sent to main in binary batches: frameBatcher.ts).
// The tap asks Chromium for a 16 kHz AudioContext (audioTap.ts), which resamples the call's 48 kHz
// tracks natively; the JavaScript resampler here runs only where a context refuses that rate.

export const TARGET_RATE = 16_000;
/** 100 ms at 16 kHz. */
export const FRAME_SAMPLES = 1_600;

/**
 * Streaming resampler: each output sample is a triangle-weighted average of the input around its
 * position (width = the rate ratio), which removes most energy above the new Nyquist frequency.
 */
export class Downsampler {
  /** Already at the target rate: samples pass through untouched (no filter, no copy). */
  readonly passthrough: boolean;
  private readonly ratio: number;
  private readonly half: number;
  /** Input samples kept from earlier chunks for the filter's left side. */
  private history = new Float32Array(0);
  /** Position of the next output sample, in input samples relative to the start of `history`. */
  private position = 0;

  constructor(inputRate: number, outputRate = TARGET_RATE) {
    if (inputRate < outputRate) throw new Error(`cannot resample ${inputRate} Hz up to ${outputRate} Hz`);
    this.passthrough = inputRate === outputRate;
    this.ratio = inputRate / outputRate;
    this.half = Math.max(1, Math.ceil(this.ratio));
  }

  process(input: Float32Array): Float32Array {
    if (this.passthrough) return input;
    const buffer = new Float32Array(this.history.length + input.length);
    buffer.set(this.history);
    buffer.set(input, this.history.length);
    const out: number[] = [];
    while (this.position + this.half < buffer.length) {
      const centre = this.position;
      let sum = 0;
      let weights = 0;
      const from = Math.max(0, Math.ceil(centre - this.half));
      const to = Math.min(buffer.length - 1, Math.floor(centre + this.half));
      for (let i = from; i <= to; i += 1) {
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

/**
 * The input's channels as one: the first channel itself when there is only one (the tap asks for mono,
 * so this is every render quantum: no allocation), else their average written into `scratch`.
 */
export function toMono(channels: readonly Float32Array[], scratch: Float32Array): Float32Array {
  if (channels.length === 1) return channels[0]!;
  const length = channels[0]!.length;
  const out = scratch.length === length ? scratch : new Float32Array(length);
  out.fill(0);
  for (const channel of channels) for (let i = 0; i < length; i += 1) out[i]! += channel[i]! / channels.length;
  return out;
}

function pcm16(sample: number): number {
  const s = Math.max(-1, Math.min(1, sample));
  return s < 0 ? Math.round(s * 32768) : Math.round(s * 32767);
}

export function toPcm16(samples: Float32Array): Int16Array {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i += 1) out[i] = pcm16(samples[i]!);
  return out;
}

/** Collects samples and hands out whole frames. */
export class Framer {
  private buffer = new Int16Array(FRAME_SAMPLES);
  private filled = 0;

  constructor(private readonly onFrame: (frame: Int16Array) => void) {}

  /** Float samples, converted to 16-bit straight into the frame (the worklet's path: no array per quantum). */
  pushFloat(samples: Float32Array): void {
    for (let i = 0; i < samples.length; i += 1) {
      this.buffer[this.filled++] = pcm16(samples[i]!);
      if (this.filled === FRAME_SAMPLES) this.emit();
    }
  }

  push(samples: Int16Array): void {
    let offset = 0;
    while (offset < samples.length) {
      const take = Math.min(FRAME_SAMPLES - this.filled, samples.length - offset);
      this.buffer.set(samples.subarray(offset, offset + take), this.filled);
      this.filled += take;
      offset += take;
      if (this.filled === FRAME_SAMPLES) this.emit();
    }
  }

  private emit(): void {
    this.onFrame(this.buffer);
    this.buffer = new Int16Array(FRAME_SAMPLES);
    this.filled = 0;
  }
}
