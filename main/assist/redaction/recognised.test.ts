// Integration: sensitive answers spoken by Festival, recognised by the real pocketsphinx helper, every
// partial and final through the call's redactor, as AssistService does: none may show a number or a
// date (the digits of a card, a date of birth, a security code or a one-time code).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PocketsphinxTranscriber } from '../asr/pocketsphinx';
import type { TranscriptResult } from '../asr/transcriber';
import { readWav, speechToolsMissing, speechWav, type Script } from '../testing/speech';
import { ConversationRedactor } from './redactor';
import { findNumbers } from '../spokenNumbers';

const skip = speechToolsMissing();

/** Each exchange: what the agent asked (typed, it only sets the context) and what the customer says. */
const EXCHANGES: Array<{ agent: string; customer: Script }> = [
  { agent: 'can I take your date of birth please', customer: ['Yes, it is the fourth of July, nineteen eighty two.', { pause: 1 }] },
  { agent: 'and the long number on the card', customer: ['Four five three nine, one four eight eight.', { pause: 1.2 }, 'Oh three four three, six four six seven.', { pause: 1 }] },
  { agent: 'and the three digits on the back', customer: ['Seven three one.', { pause: 1 }] },
  { agent: 'I have sent you a code, can you read it out', customer: ['It is four eight two nine one six.', { pause: 1 }] },
];

/** What a leak looks like in recognised text: two or more digits, or a date. */
function shownNumbers(text: string): string[] {
  return findNumbers(text)
    .filter((span) => span.digits.length >= 2 || span.dateLike)
    .map((span) => text.slice(span.start, span.end));
}

async function recognise(transcriber: PocketsphinxTranscriber, script: Script): Promise<TranscriptResult[]> {
  const { samples } = readWav(await speechWav(script));
  const sentences = script.filter((part) => typeof part === 'string').length;
  const results: TranscriptResult[] = [];
  let ended = false;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const stream = transcriber.open({
    onResult: (result) => {
      results.push(result);
      if (ended && result.kind === 'final' && results.filter((r) => r.kind === 'final').length >= sentences) done();
    },
    onError: (error) => assert.fail(error),
  });
  for (let i = 0; i < samples.length; i += 1600) stream.write(samples.subarray(i, i + 1600));
  ended = true;
  stream.endUtterance();
  await Promise.race([finished, new Promise((resolve) => setTimeout(resolve, 20_000).unref())]);
  await stream.close();
  return results;
}

describe('redaction on real recognition (Festival → pocketsphinx)', { skip }, () => {
  it('no partial or final of a spoken date of birth, card number, security code or one-time code shows its digits', async () => {
    const transcriber = new PocketsphinxTranscriber();
    const status = await transcriber.status();
    assert.equal(status.state, 'ready', status.message);
    const redactor = new ConversationRedactor();
    const heard: string[] = [];
    const shown: string[] = [];
    for (const exchange of EXCHANGES) {
      redactor.redact('agent', exchange.agent, 'final');
      for (const result of await recognise(transcriber, exchange.customer)) {
        if (!result.text.trim()) continue;
        heard.push(`${result.kind}: ${result.text}`);
        shown.push(`${result.kind}: ${redactor.redact('customer', result.text.trim(), result.kind === 'partial' ? 'partial' : 'final').text}`);
      }
    }
    const recognisedNumbers = heard.flatMap(shownNumbers);
    assert.ok(recognisedNumbers.length >= 4, `the recogniser heard the numbers (else this test proves nothing): ${heard.join(' | ')}`);
    const leaks = shown.filter((line) => shownNumbers(line).length > 0);
    assert.deepEqual(leaks, [], `heard: ${heard.join(' | ')}\nshown: ${shown.join(' | ')}`);
  });
});
