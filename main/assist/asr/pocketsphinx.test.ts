// Integration: the real pocketsphinx helper on a Festival-spoken WAV, streamed as the engine would.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readWav, speechToolsMissing, speechWav } from '../testing/speech';
import { PocketsphinxTranscriber } from './pocketsphinx';
import type { TranscriptResult } from './transcriber';

const skip = speechToolsMissing();

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 50) {
    if (waited > 20_000) assert.fail(`never: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

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

  it('keeps two helpers started between calls: a call takes one per leg, recognises with it, and the spares are topped up when it ends', async () => {
    const transcriber = new PocketsphinxTranscriber({ spares: 2, firstSparesAfterMs: 0 });
    try {
      assert.equal((await transcriber.status()).state, 'ready');
      await until(() => transcriber.sparesStarted === 2, 'two spares started');
      const wav = await speechWav(['I want to cancel my order please.', { pause: 1 }]);
      const { samples } = readWav(wav);
      const finals: string[] = [];
      let done!: () => void;
      const finished = new Promise<void>((resolve) => (done = resolve));
      const stream = transcriber.open({
        onResult: (result) => {
          if (result.kind !== 'final') return;
          finals.push(result.text);
          if (/cancel/.test(result.text)) done();
        },
        onError: (error) => assert.fail(error),
      });
      assert.equal(transcriber.sparesStarted, 1, 'the call took a started helper');
      for (let i = 0; i < samples.length; i += 1600) stream.write(samples.subarray(i, i + 1600));
      stream.endUtterance();
      await finished;
      assert.match(finals.join(' '), /\bcancel\b/);
      await stream.close();
      await until(() => transcriber.sparesStarted === 2, 'topped up after the call');
    } finally {
      transcriber.dispose();
    }
    assert.equal(transcriber.sparesStarted, 0, 'no spare left after dispose');
  });

  it('reports a missing model in plain words', async () => {
    const status = await new PocketsphinxTranscriber({ model: { hmm: '/nope/hmm', lm: '/nope/lm', dict: '/nope/dict' } }).status();
    assert.equal(status.state, 'unavailable');
    assert.match(status.message ?? '', /pocketsphinx-en-us/);
  });
});
