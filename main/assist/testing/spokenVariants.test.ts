import assert from 'node:assert/strict';
import { test } from 'node:test';
import { colouredNoise, mixNoise, seedOf, speechLevel, SPOKEN_CONDITIONS, wordEdits, wordErrorRate } from './spokenVariants';

const db = (ratio: number) => 20 * Math.log10(ratio);
const rms = (samples: ArrayLike<number>) => Math.sqrt(Array.from(samples).reduce((sum, x) => sum + x * x, 0) / samples.length);

/** A 300 Hz tone burst with silence either side, like a VAD-sized turn. */
function burst(): Int16Array {
  const out = new Int16Array(16000 * 2);
  for (let i = 8000; i < 24000; i += 1) out[i] = Math.round(8000 * Math.sin((2 * Math.PI * 300 * i) / 16000));
  return out;
}

test('noise is mixed at the asked SNR below the speech, measured on the speech alone (not diluted by the pauses)', () => {
  const speech = burst();
  for (const colour of ['white', 'pink', 'brown'] as const) {
    const mixed = mixNoise(speech, { colour, snrDb: 15 }, 7);
    const noise = Int16Array.from(mixed, (x, i) => x - speech[i]!);
    const snr = db(speechLevel(speech) / rms(noise));
    assert.ok(Math.abs(snr - 15) < 0.5, `${colour}: SNR ${snr.toFixed(2)} dB`);
    // The pauses carry the noise too (a line is never digitally silent).
    assert.ok(rms(mixed.subarray(0, 8000)) > 100, `${colour}: the lead is not silent`);
  }
  // The speech level ignores the silent half: it is the burst's own RMS.
  assert.ok(Math.abs(db(speechLevel(speech) / rms(speech.subarray(8000, 24000)))) < 0.2);
});

test('the same query in the same condition always gets the same noise; another seed gets other noise', () => {
  const speech = burst();
  const seed = seedOf('espeak-gb-f-noisy\nI was charged twice');
  assert.deepEqual(mixNoise(speech, { colour: 'pink', snrDb: 20 }, seed), mixNoise(speech, { colour: 'pink', snrDb: 20 }, seed));
  assert.notDeepEqual(mixNoise(speech, { colour: 'pink', snrDb: 20 }, seed), mixNoise(speech, { colour: 'pink', snrDb: 20 }, seed + 1));
});

test('pink and brown noise carry more of their energy low than white noise does', () => {
  const lowShare = (noise: Float64Array) => {
    // One-pole smoothing keeps the low frequencies: its share of the energy says how "dark" the noise is.
    let smooth = 0;
    let low = 0;
    let all = 0;
    for (const x of noise) {
      smooth = 0.95 * smooth + 0.05 * x;
      low += smooth * smooth;
      all += x * x;
    }
    return low / all;
  };
  const white = lowShare(colouredNoise(32000, 'white', 1));
  const pink = lowShare(colouredNoise(32000, 'pink', 1));
  const brown = lowShare(colouredNoise(32000, 'brown', 1));
  assert.ok(white < pink && pink < brown, `white ${white.toFixed(3)}, pink ${pink.toFixed(3)}, brown ${brown.toFixed(3)}`);
});

test('word error rate: substitutions, insertions and deletions over the reference words, punctuation and pronunciation marks ignored', () => {
  assert.equal(wordEdits(['a', 'b', 'c'], ['a', 'x', 'c', 'd']), 2);
  assert.equal(wordErrorRate([{ reference: "I'd like a refund, please.", hypothesis: "i'd like the(2) refund please" }]), 1 / 5);
  assert.equal(wordErrorRate([
    { reference: 'cancel my order', hypothesis: '' },
    { reference: 'track my parcel', hypothesis: 'track my parcel' },
  ]), 3 / 6);
});

test('the conditions have distinct names and vary voice, rate and noise', () => {
  assert.equal(new Set(SPOKEN_CONDITIONS.map((c) => c.name)).size, SPOKEN_CONDITIONS.length);
  assert.ok(SPOKEN_CONDITIONS.some((c) => c.engine === 'festival') && SPOKEN_CONDITIONS.some((c) => c.engine === 'espeak'));
  assert.ok(SPOKEN_CONDITIONS.some((c) => c.noise) && SPOKEN_CONDITIONS.some((c) => !c.noise));
  assert.ok(SPOKEN_CONDITIONS.some((c) => (c.tempo ?? 1) !== 1 || c.wordsPerMinute));
});
