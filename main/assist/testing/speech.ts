// Test speech made at run time (nothing binary is committed): Festival's HTS voice (Debian festival +
// festvox-us-slt-hts), which pocketsphinx recognises far better than espeak-ng, resampled with sox.
// Files are cached by content hash under .run/audio. Every sox call runs with -R (repeatable): sox
// otherwise dithers with fresh random noise, and a recogniser test would hear different audio each run.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const SPEECH_DIR = resolve(__dirname, '..', '..', '..', '.run', 'audio');

/** Sentences, with pauses (seconds) between them. */
export type Script = ReadonlyArray<string | { pause: number }>;

export interface SpeechOptions {
  rate?: 16000 | 48000 | 8000;
  /** Silence before the first sentence. */
  leadSeconds?: number;
  /** Pad the whole file with silence to this length (baresip's aufile must outlast the call). */
  totalSeconds?: number;
  dir?: string;
}

export async function speechWav(script: Script, options: SpeechOptions = {}): Promise<string> {
  const rate = options.rate ?? 16000;
  const dir = options.dir ?? SPEECH_DIR;
  mkdirSync(dir, { recursive: true });
  const key = createHash('sha256').update(JSON.stringify({ script, rate, lead: options.leadSeconds, total: options.totalSeconds, v: 3 })).digest('hex').slice(0, 16);
  const target = join(dir, `speech-${rate}-${key}.wav`);
  if (existsSync(target)) return target;
  const work = join(dir, `speech-${key}-${process.pid}`);
  mkdirSync(work, { recursive: true });
  try {
    const parts: string[] = [];
    let index = 0;
    const silence = async (seconds: number) => {
      const file = join(work, `${index++}.wav`);
      await run('sox', ['-R', '-n', '-r', '16000', '-c', '1', '-b', '16', file, 'trim', '0', String(seconds)]);
      parts.push(file);
    };
    if (options.leadSeconds) await silence(options.leadSeconds);
    for (const part of script) {
      if (typeof part !== 'string') {
        await silence(part.pause);
        continue;
      }
      const raw = join(work, `${index}.raw.wav`);
      const text = join(work, `${index}.txt`);
      await import('node:fs').then((fs) => fs.writeFileSync(text, part));
      await run('text2wave', ['-o', raw, '-eval', '(voice_cmu_us_slt_arctic_hts)', text]);
      const file = join(work, `${index++}.wav`);
      await run('sox', ['-R', raw, '-r', '16000', '-c', '1', '-b', '16', file]);
      parts.push(file);
    }
    const joined = join(work, 'joined.wav');
    await run('sox', ['-R', ...parts, joined]);
    const tmp = `${target}.${process.pid}.tmp.wav`;
    const effects = options.totalSeconds ? ['pad', '0', String(options.totalSeconds), 'trim', '0', String(options.totalSeconds)] : [];
    await run('sox', ['-R', joined, '-r', String(rate), '-c', '1', '-b', '16', tmp, ...effects]);
    renameSync(tmp, target);
    return target;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** 16-bit mono PCM samples of a WAV file (the data chunk), and its rate. */
export function readWav(path: string): { rate: number; samples: Int16Array } {
  const buffer = readFileSync(path);
  let offset = 12;
  let rate = 0;
  while (offset + 8 <= buffer.length) {
    const id = buffer.toString('ascii', offset, offset + 4);
    const size = buffer.readUInt32LE(offset + 4);
    if (id === 'fmt ') rate = buffer.readUInt32LE(offset + 12);
    if (id === 'data') {
      const data = buffer.subarray(offset + 8, offset + 8 + size);
      const samples = new Int16Array(data.length / 2);
      for (let i = 0; i < samples.length; i += 1) samples[i] = data.readInt16LE(i * 2);
      return { rate, samples };
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error(`${path}: no data chunk`);
}

/** Whether the speech tools are installed (tests that need them skip with this reason otherwise). */
export function speechToolsMissing(): string | undefined {
  for (const tool of ['/usr/bin/text2wave', '/usr/bin/sox']) if (!existsSync(tool)) return `${tool} is not installed (Debian festival festvox-us-slt-hts sox)`;
  if (!existsSync('/usr/share/pocketsphinx/model/en-us/en-us.lm.bin')) return 'pocketsphinx-en-us is not installed';
  return undefined;
}

/** The customer of the assist tests: a broken chair, a refund, a complaint, and a card number read out. */
export const REFUND_CALL: Script = [
  'Hello, I bought a chair from you last week and it arrived broken.',
  { pause: 1.2 },
  'I want to return it and get a refund. This is unacceptable, I am very disappointed.',
  { pause: 1.2 },
  'My order number is five five one two three nine eight.',
  { pause: 1.2 },
  'My card number is four one one one one one one one one one one one one one one one.',
  { pause: 1.2 },
];

/**
 * The talking customer of the perf bench's transcribed call (e2e/bench/perf.bench.ts,
 * bench/transcribedCall.bench.ts): one topic per sentence, each with the shipped article that answers it.
 */
export const TALKING_CUSTOMER: ReadonlyArray<{ say: string; article: string }> = [
  { say: 'Hello, I bought a chair from you last week and it arrived broken.', article: 'damaged-on-arrival' },
  { say: 'I want to return it and get a refund.', article: 'returns-refunds' },
  { say: 'My parcel has not arrived and the delivery is late. Can you track my order?', article: 'track-order' },
  { say: 'My broadband is very slow and the router keeps dropping.', article: 'slow-broadband' },
  { say: 'I was charged twice for one order.', article: 'double-charge' },
  { say: 'I need to cancel my order please.', article: 'cancel-order' },
];

/** The talking customer as one recording's script: each sentence, then 5 s of quiet. */
export const TALKING_SCRIPT: Script = TALKING_CUSTOMER.flatMap(({ say }) => [say, { pause: 5 }]);
