/**
 * Test audio, generated at run time with sox / espeak-ng (Debian packages) and
 * cached, so no binary audio is committed.
 *
 * - baresip's microphone: 48 kHz mono 16-bit WAV (baresip 1.0's aufile source
 *   does not resample; see sip-stack.md pitfall 6).
 * - Chromium's fake microphone (--use-file-for-fake-audio-capture): a 1 kHz tone,
 *   48 kHz mono; Chromium loops it.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const run = promisify(execFile);

/** Repository root (this file lives in <repo>/stack/). */
export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

/** Default cache for generated audio, shared by all runs (gitignored .run/). */
export const DEFAULT_AUDIO_DIR = join(REPO_ROOT, '.run', 'audio');

/**
 * How long the customer's microphone file lasts. baresip 1.0's aufile source
 * reports "end of file" when it runs out, so it must outlast any test call.
 */
export const CUSTOMER_MIC_SECONDS = 120;

/** The phrase the customer "says" in the speech file (for transcription tests). */
export const CUSTOMER_PHRASE =
  'Hello, I am calling about my broadband bill. I was charged twice this month and I would like a refund, please.';

export interface TestAudio {
  /** 440 Hz sine at -12 dBFS, 48 kHz mono, CUSTOMER_MIC_SECONDS long: baresip's default mic. */
  customerTone: string;
  /**
   * CUSTOMER_PHRASE spoken by espeak-ng, then silence, 48 kHz mono, padded to
   * CUSTOMER_MIC_SECONDS; usable as a baresip mic for transcription tests.
   */
  customerSpeech: string;
  /** 1 kHz sine at -12 dBFS, 48 kHz mono, 10 s (Chromium loops it): the agent's fake mic. */
  agentTone: string;
}

/** Runs a generator writing to a temp path, then renames: concurrent callers never see half a file. */
async function cached(path: string, generate: (tmpPath: string) => Promise<void>): Promise<string> {
  if (existsSync(path)) return path;
  const tmpPath = `${path}.${process.pid}.tmp.wav`;
  try {
    await generate(tmpPath);
    renameSync(tmpPath, path);
  } finally {
    rmSync(tmpPath, { force: true });
  }
  return path;
}

/** A sine tone as a 16-bit mono WAV at `rate`. */
async function sine(path: string, frequencyHz: number, seconds: number, rate = 48000): Promise<void> {
  await run('sox', ['-R', '-n', '-r', String(rate), '-c', '1', '-b', '16', path, 'synth', String(seconds), 'sine', String(frequencyHz), 'gain', '-12']);
}

/**
 * Generates (once) and returns the test WAVs. `dir` defaults to <repo>/.run/audio.
 * Requires the Debian packages sox and espeak-ng.
 */
export async function ensureTestAudio(dir: string = DEFAULT_AUDIO_DIR): Promise<TestAudio> {
  mkdirSync(dir, { recursive: true });
  const customerTone = cached(join(dir, `customer-tone-440hz-48k-mono-${CUSTOMER_MIC_SECONDS}s.wav`), (tmp) =>
    sine(tmp, 440, CUSTOMER_MIC_SECONDS),
  );
  const agentTone = cached(join(dir, 'agent-tone-1khz-48k-mono-10s.wav'), (tmp) => sine(tmp, 1000, 10));
  const customerSpeech = cached(join(dir, `customer-speech-48k-mono-${CUSTOMER_MIC_SECONDS}s.wav`), async (tmp) => {
    const spoken = `${tmp}.espeak.wav`;
    try {
      await run('espeak-ng', ['-v', 'en-gb', '-s', '150', '-w', spoken, CUSTOMER_PHRASE]);
      // Resample to 48 kHz mono and pad with silence to the full length.
      await run('sox', ['-R', spoken, '-r', '48000', '-c', '1', '-b', '16', tmp, 'pad', '0.5', `${CUSTOMER_MIC_SECONDS}`, 'trim', '0', String(CUSTOMER_MIC_SECONDS)]);
    } finally {
      rmSync(spoken, { force: true });
    }
  });
  return {
    customerTone: await customerTone,
    customerSpeech: await customerSpeech,
    agentTone: await agentTone,
  };
}

/** Statistics from `sox <file> -n stat`. */
export interface AudioStats {
  /** RMS amplitude, 0..1 (full scale). */
  rms: number;
  /** Length of the file in seconds. */
  seconds: number;
  /** Maximum absolute amplitude, 0..1. */
  maxAmplitude: number;
  /** sox's rough frequency estimate in Hz (zero-crossing based). */
  roughFrequency: number;
}

/** Runs `sox <path> -n stat` and parses it (sox prints the table on stderr). */
export async function audioStats(path: string): Promise<AudioStats> {
  const { stderr } = await run('sox', [path, '-n', 'stat']);
  const field = (label: string): number => {
    const match = new RegExp(`^${label}:\\s+(-?[0-9.eE+-]+)`, 'm').exec(stderr);
    if (!match?.[1]) throw new Error(`sox stat: no "${label}" in output for ${path}:\n${stderr}`);
    return Number(match[1]);
  };
  return {
    rms: field('RMS\\s+amplitude'),
    seconds: field('Length \\(seconds\\)'),
    maxAmplitude: Math.max(Math.abs(field('Maximum amplitude')), Math.abs(field('Minimum amplitude'))),
    roughFrequency: field('Rough\\s+frequency'),
  };
}

/** RMS amplitude (0..1) of a WAV via `sox <f> -n stat`. */
export async function rms(path: string): Promise<number> {
  return (await audioStats(path)).rms;
}
