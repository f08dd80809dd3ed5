import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readWav, speechToolsMissing, speechWav } from './testing/speech';
import { sileroVad } from './vad';

describe('Silero VAD', { skip: speechToolsMissing() }, () => {
  it('finds each spoken sentence as one utterance and nothing in silence', async () => {
    const wav = await speechWav(['I would like a refund please.', { pause: 1.5 }, 'The chair arrived broken.', { pause: 1.5 }], { leadSeconds: 1 });
    const { samples } = readWav(wav);
    const events: string[] = [];
    const vad = await sileroVad()({ onSpeechStart: () => events.push('start'), onSpeechEnd: () => events.push('end') });
    for (let i = 0; i < samples.length; i += 1600) await vad.push(samples.subarray(i, i + 1600));
    await vad.close();
    assert.deepEqual(events, ['start', 'end', 'start', 'end']);
  });
});
