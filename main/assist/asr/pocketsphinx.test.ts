// Integration: the real pocketsphinx helper on a Festival-spoken WAV, streamed as the engine would.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readWav, speechToolsMissing, speechWav } from '../testing/speech';
import { PocketsphinxTranscriber } from './pocketsphinx';
import type { TranscriptResult } from './transcriber';

const skip = speechToolsMissing();

describe('pocketsphinx transcriber', { skip }, () => {
  it('streams partial words and a final transcript of a spoken refund request', async () => {
    const transcriber = new PocketsphinxTranscriber();
    const status = await transcriber.status();
    assert.equal(status.state, 'ready', status.message);
    const wav = await speechWav(['I bought a chair last week and it arrived broken. I want to return it and get a refund.', { pause: 1 }]);
    const { rate, samples } = readWav(wav);
    assert.equal(rate, 16000);
    const results: TranscriptResult[] = [];
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    const stream = transcriber.open({
      onResult: (result) => {
        results.push(result);
        if (result.kind === 'final' && /refund/.test(result.text)) done();
      },
      onError: (error) => assert.fail(error),
    });
    for (let i = 0; i < samples.length; i += 1600) stream.write(samples.subarray(i, i + 1600));
    stream.endUtterance();
    await finished;
    await stream.close();
    const finals = results.filter((result) => result.kind === 'final').map((result) => result.text).join(' ');
    assert.ok(results.some((result) => result.kind === 'partial'), 'partial results while speaking');
    for (const word of ['chair', 'broken', 'return', 'refund']) assert.match(finals, new RegExp(`\\b${word}\\b`), finals);
  });

  it('reports a missing model in plain words', async () => {
    const status = await new PocketsphinxTranscriber({ model: { hmm: '/nope/hmm', lm: '/nope/lm', dict: '/nope/dict' } }).status();
    assert.equal(status.state, 'unavailable');
    assert.match(status.message ?? '', /pocketsphinx-en-us/);
  });
});
