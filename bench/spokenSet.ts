// The spoken query set: each labelled English query spoken in every condition of SPOKEN_CONDITIONS
// (main/assist/testing/spokenVariants.ts: Festival and espeak-ng voices, rates, pitch, noise), as a
// VAD-sized turn (300 ms before, 500 ms after) of 16 kHz mono PCM. Made at run time with festival,
// espeak-ng and sox (nothing binary is committed) and cached by content hash under .run/audio/spoken.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readWav, SPEECH_DIR } from '../main/assist/testing/speech';
import { opusencArgs, type CallCodec } from '../main/assist/testing/callCodecs';
import { mixNoise, seedOf, type SpokenCondition } from '../main/assist/testing/spokenVariants';

const run = promisify(execFile);
const RATE = 16000;
const LEAD_SECONDS = 0.3;
const TAIL_SECONDS = 0.5;

export function spokenToolsMissing(): string | undefined {
  for (const tool of ['/usr/bin/text2wave', '/usr/bin/sox', '/usr/bin/espeak-ng']) {
    if (!existsSync(tool)) return `${tool} is not installed (Debian festival festvox-us-slt-hts espeak-ng sox)`;
  }
  return undefined;
}

/**
 * 16 kHz samples cached under `dir` as `<name>-<key>.pcm`: read when there, else made by `make` in a
 * scratch folder (removed after) and written atomically, so parallel jobs never read half a file.
 */
async function cachedPcm(dir: string, name: string, key: string, make: (work: string) => Promise<Int16Array>): Promise<Int16Array> {
  mkdirSync(dir, { recursive: true });
  const target = join(dir, `${name}-${key}.pcm`);
  if (existsSync(target)) {
    const bytes = readFileSync(target);
    return new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2).slice();
  }
  const work = join(dir, `work-${key}-${process.pid}`);
  mkdirSync(work, { recursive: true });
  try {
    const samples = await make(work);
    const tmp = `${target}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength));
    renameSync(tmp, target);
    return samples;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** One query spoken in one condition: 16 kHz samples, lead and tail silence (and noise) included. */
export function spokenTurn(text: string, condition: SpokenCondition, dir = join(SPEECH_DIR, 'spoken')): Promise<Int16Array> {
  const key = createHash('sha256').update(JSON.stringify({ text, condition, LEAD_SECONDS, TAIL_SECONDS, v: 1 })).digest('hex').slice(0, 16);
  return cachedPcm(dir, condition.name, key, async (work) => {
    const raw = join(work, 'raw.wav');
    if (condition.engine === 'festival') {
      const script = join(work, 'text.txt');
      writeFileSync(script, text);
      await run('text2wave', ['-o', raw, '-eval', `(${condition.voice ?? 'voice_cmu_us_slt_arctic_hts'})`, script]);
    } else {
      const args = ['-v', condition.voice ?? 'en-us', '-s', String(condition.wordsPerMinute ?? 175), '-p', String(condition.pitch ?? 50), '-w', raw, text];
      await run('espeak-ng', args);
    }
    const shaped = join(work, 'shaped.wav');
    const effects: string[] = [];
    if (condition.tempo && condition.tempo !== 1) effects.push('tempo', '-s', String(condition.tempo));
    if (condition.pitchCents) effects.push('pitch', String(condition.pitchCents));
    effects.push('rate', String(RATE), 'pad', String(LEAD_SECONDS), String(TAIL_SECONDS));
    await run('sox', ['-R', raw, '-c', '1', '-b', '16', shaped, ...effects]); // -R: no random dither (main/assist/testing/speech.ts)
    const samples = readWav(shaped).samples;
    return condition.noise ? mixNoise(samples, condition.noise, seedOf(`${condition.name}\n${text}`), RATE) : samples;
  });
}

export function codecToolsMissing(): string | undefined {
  for (const tool of ['/usr/bin/opusenc', '/usr/bin/opusdec']) if (!existsSync(tool)) return `${tool} is not installed (Debian opus-tools)`;
  return undefined;
}

/**
 * A 16 kHz turn as the tap would hand it to main after a call coded it (CALL_CODECS in
 * main/assist/testing/callCodecs.ts): coded and decoded, then at 48 kHz (WebRTC's output) resampled
 * to 16 kHz by sox's windowed-sinc filter, standing in for the tap's 16 kHz AudioContext. Cached by
 * content hash beside the spoken turns.
 */
export function codedTurn(samples: Int16Array, codec: CallCodec, dir = join(SPEECH_DIR, 'spoken', 'coded')): Promise<Int16Array> {
  if (codec.kind === 'clean') return Promise.resolve(samples);
  const key = createHash('sha256').update(JSON.stringify(codec)).update(new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength)).update('v1').digest('hex').slice(0, 16);
  return cachedPcm(dir, codec.name, key, async (work) => {
    const raw = join(work, 'in.raw');
    writeFileSync(raw, Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength));
    const rawIn = ['-t', 'raw', '-r', String(RATE), '-e', 'signed', '-b', '16', '-c', '1', raw];
    const at48k = join(work, 'decoded-48k.wav');
    if (codec.kind === 'opus') {
      const coded = join(work, 'coded.opus');
      await run('opusenc', [...opusencArgs(codec), '--raw', '--raw-rate', String(RATE), '--raw-chan', '1', raw, coded]);
      await run('opusdec', ['--quiet', '--rate', '48000', '--no-dither', coded, at48k]);
    } else {
      const coded = join(work, 'coded.wav');
      await run('sox', ['-R', ...rawIn, '-e', 'mu-law', '-r', '8000', coded]);
      await run('sox', ['-R', coded, '-e', 'signed', '-b', '16', '-r', '48000', at48k]);
    }
    const out = join(work, 'out.wav');
    await run('sox', ['-R', at48k, '-c', '1', '-b', '16', out, 'rate', String(RATE)]);
    return readWav(out).samples;
  });
}

/** Runs fn over items with at most `limit` at a time, results in order. */
export async function inParallel<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
