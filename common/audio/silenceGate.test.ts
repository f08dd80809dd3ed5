import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readWav, speechToolsMissing, speechWav } from '../../main/assist/testing/speech';
import { sileroVad } from '../../main/assist/vad';
import { levelDbfs, SilenceGate } from './silenceGate';

const RATE = 16_000;
const FRAME = 1_600;

function frames(samples: Int16Array): Int16Array[] {
  const out: Int16Array[] = [];
  for (let i = 0; i + FRAME <= samples.length; i += FRAME) out.push(samples.slice(i, i + FRAME));
  return out;
}

/** Which frames the gate sent (by index), checking it hands them over in order, each once. */
function gate(input: Int16Array[], gateUnderTest = new SilenceGate()): { sent: Set<number>; order: number[] } {
  const index = new Map(input.map((frame, i) => [frame, i]));
  const order: number[] = [];
  for (const frame of input) for (const out of gateUnderTest.push(frame)) order.push(index.get(out)!);
  return { sent: new Set(order), order };
}

/** Where the words are: runs of samples above the dither of Festival's silent pauses (-96 dBFS), split at gaps over 300 ms. */
function spokenSpans(samples: Int16Array): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  for (let i = 0; i < samples.length; i += 1) {
    if (Math.abs(samples[i]!) <= 4) continue;
    const last = spans.at(-1);
    if (last && i - last.end <= 0.3 * RATE) last.end = i;
    else spans.push({ start: i, end: i });
  }
  return spans;
}

function noise(dbfs: number, seconds: number, seed = 1): Int16Array {
  let state = seed;
  const random = () => ((state = (state * 1_103_515_245 + 12_345) & 0x7fffffff) / 0x7fffffff) * 2 - 1;
  // Uniform noise on [-a, a] has an RMS of a / sqrt(3).
  const amplitude = 32768 * 10 ** (dbfs / 20) * Math.sqrt(3);
  return Int16Array.from({ length: seconds * RATE }, () => Math.round(random() * amplitude));
}

describe('assist tap: silence gate', () => {
  it('measures a frame’s level in dB below full scale', () => {
    assert.equal(levelDbfs(new Int16Array(FRAME)), Number.NEGATIVE_INFINITY);
    assert.ok(Math.abs(levelDbfs(noise(-40, 1)) - -40) < 0.5, `${levelDbfs(noise(-40, 1))}`);
  });

  it('sends nothing of a quiet line and everything of a noisy one', () => {
    const quiet = gate(frames(noise(-62, 5)));
    assert.equal(quiet.sent.size, 0, 'a line hissing at -62 dBFS costs nothing');
    const noisy = frames(noise(-40, 5));
    assert.equal(gate(noisy).sent.size, noisy.length, 'at -40 dBFS the gate leaves the call to main’s VAD');
  });

  it('keeps each spoken sentence with its edges, drops the pauses, and main’s VAD still finds every turn end', { skip: speechToolsMissing() }, async () => {
    const wav = await speechWav(['I would like a refund please.', { pause: 4 }, 'The chair arrived broken.', { pause: 3 }, 'Can you send a courier?', { pause: 4 }], {
      leadSeconds: 3,
    });
    const { samples } = readWav(wav);
    const input = frames(samples);
    const { sent, order } = gate(input);
    assert.deepEqual(order, [...sent].sort((a, b) => a - b), 'frames go out in order, each once');

    const spans = spokenSpans(samples);
    assert.equal(spans.length, 3, 'three sentences in the recording');
    const frameOf = (sample: number) => Math.floor(sample / FRAME);
    for (const [n, span] of spans.entries()) {
      // Every frame from 100 ms before the first sound to 500 ms after the last (above main's 480 ms end of turn).
      const from = Math.max(0, frameOf(span.start - 0.1 * RATE));
      const to = Math.min(input.length - 1, frameOf(span.end + 0.5 * RATE));
      const missing = [];
      for (let i = from; i <= to; i += 1) if (!sent.has(i)) missing.push(i);
      assert.deepEqual(missing, [], `sentence ${n + 1} (frames ${frameOf(span.start)}–${frameOf(span.end)}) is sent whole with its edges`);
    }
    // Frames a second or more from any sound are silence: none of them is sent.
    const far = input.map((_, i) => i).filter((i) => spans.every((span) => i * FRAME + FRAME < span.start - RATE || i * FRAME > span.end + RATE));
    assert.ok(far.length >= 60, `the pauses hold at least 6 s of frames far from speech (${far.length})`);
    assert.deepEqual(
      far.filter((i) => sent.has(i)),
      [],
      'no frame of the long pauses is sent',
    );

    // Main's VAD, fed only what the gate sent, sees the same three turns, each ended.
    const turns = async (audio: Int16Array[]) => {
      const events: string[] = [];
      const vad = await sileroVad()({ onSpeechStart: () => events.push('start'), onSpeechEnd: () => events.push('end') });
      for (const frame of audio) await vad.push(frame);
      await vad.close();
      return events;
    };
    const all = await turns(input);
    assert.deepEqual(all, ['start', 'end', 'start', 'end', 'start', 'end']);
    assert.deepEqual(await turns(order.map((i) => input[i]!)), all);
  });
});
