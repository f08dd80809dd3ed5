import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CALL_CODECS, DIGIT_WORDS, KEY_WORDS, opusencArgs, wordRecall } from './callCodecs';

test('a key word counts as heard only as often as the turn said it, wherever it was recognised', () => {
  const recall = wordRecall(
    [
      { reference: 'my card number is four four seven', hypothesis: 'by card number is for four seven' },
      { reference: 'the order number, please', hypothesis: 'the older number please' },
    ],
    KEY_WORDS,
  );
  assert.deepEqual(recall, { said: 4, heard: 3 }); // card, number, number heard; order lost

  const digits = wordRecall([{ reference: 'four four seven', hypothesis: 'seven four' }], DIGIT_WORDS);
  assert.deepEqual(digits, { said: 3, heard: 2 }); // one "four" said twice, heard once
});

test('words outside the vocabulary and a turn with none of them count for nothing', () => {
  assert.deepEqual(wordRecall([{ reference: 'how many loyalty points do I have', hypothesis: '' }], KEY_WORDS), { said: 0, heard: 0 });
  assert.deepEqual(wordRecall([{ reference: 'Card NUMBER', hypothesis: 'card(2) number.' }], KEY_WORDS), { said: 2, heard: 2 });
});

test('each Opus codec asks opusenc for its bitrate, 20 ms frames and its widest band; the others are not Opus', () => {
  const narrow = CALL_CODECS.find((codec) => codec.name === 'opus-nb-8k')!;
  assert.deepEqual(opusencArgs(narrow), ['--quiet', '--bitrate', '8', '--framesize', '20', '--speech', '--set-ctl-int', '4004=1101']);
  const wide = CALL_CODECS.find((codec) => codec.name === 'opus-wb-16k')!;
  assert.ok(opusencArgs(wide).join(' ').includes('--bitrate 16 --framesize 20'));
  assert.ok(opusencArgs(wide).includes('4004=1103'));
  for (const codec of CALL_CODECS.filter((known) => known.kind !== 'opus')) assert.throws(() => opusencArgs(codec), /not an Opus codec/);
});
