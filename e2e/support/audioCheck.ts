/**
 * What a phone's recording (baresip's -dec.wav: what that party heard) contains, measured precisely:
 *  - bandLevel: RMS of one tone (±60 Hz band-pass with sox), so "1004 heard 1002's 440 Hz" does not
 *    depend on how loud anything else was;
 *  - windowLevels / quietStretches: RMS per short window, to find where the far end went silent
 *    (mute, hold) without assuming exactly when the recording started.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** RMS (0..1) of the band around `hz` in a WAV, optionally within [startS, startS + durationS]. */
export async function bandLevel(path: string, hz: number, options: { startS?: number; durationS?: number } = {}): Promise<number> {
  const args = [path, '-n'];
  if (options.startS !== undefined || options.durationS !== undefined) args.push('trim', String(options.startS ?? 0), ...(options.durationS ? [String(options.durationS)] : []));
  args.push('sinc', `${Math.max(20, hz - 60)}-${hz + 60}`, 'stat');
  const { stderr } = await run('sox', args);
  const match = /^RMS\s+amplitude:\s+([0-9.eE+-]+)/m.exec(stderr);
  if (!match?.[1]) throw new Error(`sox stat gave no RMS for ${path}:\n${stderr}`);
  return Number(match[1]);
}

export interface WavData {
  sampleRate: number;
  samples: Int16Array;
}

/** Reads a 16-bit PCM WAV (what baresip's sndfile filter writes); of several channels, the first. */
export function readWav(path: string): WavData {
  const buffer = readFileSync(path);
  if (buffer.toString('ascii', 0, 4) !== 'RIFF' || buffer.toString('ascii', 8, 12) !== 'WAVE') throw new Error(`${path} is not a WAV file`);
  let offset = 12;
  let sampleRate = 0;
  let bits = 0;
  let channels = 0;
  while (offset + 8 <= buffer.length) {
    const id = buffer.toString('ascii', offset, offset + 4);
    const size = buffer.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      channels = buffer.readUInt16LE(body + 2);
      sampleRate = buffer.readUInt32LE(body + 4);
      bits = buffer.readUInt16LE(body + 14);
    } else if (id === 'data') {
      if (bits !== 16 || channels < 1) throw new Error(`${path}: expected 16-bit PCM, got ${bits}-bit ${channels} channels`);
      const frameBytes = 2 * channels;
      const frames = Math.floor(Math.min(size, buffer.length - body) / frameBytes);
      const samples = new Int16Array(frames);
      for (let i = 0; i < frames; i += 1) samples[i] = buffer.readInt16LE(body + i * frameBytes);
      return { sampleRate, samples };
    }
    offset = body + size + (size % 2);
  }
  throw new Error(`${path} has no data chunk`);
}

/** RMS (0..1) of each consecutive window of `windowMs`. */
export function windowLevels(wav: WavData, windowMs = 100): number[] {
  const size = Math.max(1, Math.round((wav.sampleRate * windowMs) / 1000));
  const levels: number[] = [];
  for (let start = 0; start + size <= wav.samples.length; start += size) {
    let sum = 0;
    for (let i = start; i < start + size; i += 1) {
      const value = (wav.samples[i] ?? 0) / 32768;
      sum += value * value;
    }
    levels.push(Math.sqrt(sum / size));
  }
  return levels;
}

/**
 * RMS (0..1) of the `hz` component in each window (Goertzel), i.e. how loudly one party's tone was
 * heard, window by window, independent of everything else in the recording.
 */
export function toneLevels(wav: WavData, hz: number, windowMs = 100): number[] {
  const size = Math.max(1, Math.round((wav.sampleRate * windowMs) / 1000));
  const coefficient = 2 * Math.cos((2 * Math.PI * hz) / wav.sampleRate);
  const levels: number[] = [];
  for (let start = 0; start + size <= wav.samples.length; start += size) {
    let previous = 0;
    let beforePrevious = 0;
    for (let i = start; i < start + size; i += 1) {
      const current = (wav.samples[i] ?? 0) / 32768 + coefficient * previous - beforePrevious;
      beforePrevious = previous;
      previous = current;
    }
    const power = previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
    levels.push((Math.sqrt(Math.max(0, power)) * 2) / size / Math.SQRT2);
  }
  return levels;
}

/** How many seconds of the recording carry the `hz` tone at an RMS above `threshold`. */
export function secondsHeard(wav: WavData, hz: number, threshold: number, windowMs = 100): number {
  return (toneLevels(wav, hz, windowMs).filter((level) => level > threshold).length * windowMs) / 1000;
}

export interface Stretch {
  /** Seconds from the start of the recording. */
  startS: number;
  durationS: number;
}

/**
 * Runs of windows quieter than `threshold` that have loud audio before and after them (so leading
 * and trailing silence — call set-up, hang-up — do not count).
 */
export function quietStretches(levels: readonly number[], windowMs: number, threshold: number): Stretch[] {
  const stretches: Stretch[] = [];
  let runStart: number | undefined;
  let seenLoud = false;
  levels.forEach((level, index) => {
    if (level < threshold) {
      if (seenLoud && runStart === undefined) runStart = index;
      return;
    }
    if (runStart !== undefined) stretches.push({ startS: (runStart * windowMs) / 1000, durationS: ((index - runStart) * windowMs) / 1000 });
    runStart = undefined;
    seenLoud = true;
  });
  return stretches;
}

/** Generates (once, cached in `dir`) a sine tone WAV for a baresip microphone: 48 kHz mono, as baresip 1.0 needs. */
export async function toneWav(dir: string, hz: number, seconds: number): Promise<string> {
  const path = join(dir, `tone-${hz}hz-48k-mono-${seconds}s.wav`);
  if (existsSync(path)) return path;
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp.wav`;
  await run('sox', ['-n', '-r', '48000', '-c', '1', '-b', '16', tmp, 'synth', String(seconds), 'sine', String(hz), 'gain', '-12']);
  renameSync(tmp, path);
  return path;
}
