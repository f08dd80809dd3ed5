// Forms from the second blind set of whole calls (assets/eval/assist/{dev,test}/calls-blind2.jsonl,
// docs/assist.md): a card cue whose value comes in a later sentence of the same turn, "one" said as a
// word while a card is open, amounts and dates after a card was mentioned, and a number too long for
// the last four digits the agent asked for.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { speechUnits } from '../asr/textTranscriber';
import { ConversationRedactor, redactText, type Speaker } from './redactor';

/** Every partial a word-by-word recogniser sends, then the final, through one call's redactor. */
function call(turns: Array<[Speaker, string]>): { finals: string[]; partials: string[] } {
  const redactor = new ConversationRedactor({ now: () => 0 });
  const finals: string[] = [];
  const partials: string[] = [];
  for (const [speaker, text] of turns) {
    const units = speechUnits(text);
    for (let i = 1; i <= units.length; i += 1) partials.push(redactor.redact(speaker, units.slice(0, i).join(' '), 'partial').text);
    finals.push(redactor.redact(speaker, text).text);
  }
  return { finals, partials };
}

const shows = (outputs: string[], words: string) => outputs.filter((out) => out.includes(words));

describe('a card cue whose value comes later in the same turn', () => {
  it('masks the digit groups said after the sentence that named the card, in the final and every partial', () => {
    const turn = 'Hmm. Can I give you the card number to pay the rest on another order? It is four nine two one, six six zero seven';
    const { finals, partials } = call([['customer', turn]]);
    assert.equal(finals[0], 'Hmm. Can I give you the card number to pay the rest on another order? It is [card number]');
    assert.deepEqual(shows(partials, 'four nine two one'), []);
    assert.deepEqual(shows(partials, 'six six zero seven'), []);
  });

  it('still keeps a look-alike named in its own sentence, and an amount after a card', () => {
    assert.equal(redactText('My card was declined. The order number is 55821.').text, 'My card was declined. The order number is 55821.');
    assert.equal(redactText('I paid by card. It came to forty two pounds.').text, 'I paid by card. It came to forty two pounds.');
  });
});

describe('"one" as a word while a card is open', () => {
  it('is not taken for a digit in English, nor 一 in 一下, 一起, 一样', () => {
    const { finals } = call([
      ['agent', 'Can I take the card number please?'],
      ['customer', 'Hang on.'],
      ['agent', 'Not on this one, sorry. Which one is it? No one else can see it, and one of us will call. One more thing.'],
      ['customer', '等一下，我们一起看，跟上次一样。'],
    ]);
    assert.equal(finals[2], 'Not on this one, sorry. Which one is it? No one else can see it, and one of us will call. One more thing.');
    assert.equal(finals[3], '等一下，我们一起看，跟上次一样。');
  });

  it('still masks the card digits said after it', () => {
    const { finals } = call([
      ['agent', 'Can I take the card number please?'],
      ['customer', 'This one? Four five three two, one one seven seven'],
    ]);
    assert.equal(finals[1], 'This one? [card number]');
  });
});

describe('an amount or a date after a card was mentioned', () => {
  it('keeps a number followed by a currency or a date unit, in Mandarin, Cantonese and English', () => {
    const { finals } = call([
      ['customer', '我的银行卡被扣了两次钱。'],
      ['agent', '我查一下。同一笔订单扣了两次，每次三百六十八块五。'],
      ['customer', '我张卡俾人扣咗两次。'],
      ['customer', '十二月三號，一部风筒，三百二十蚊。'],
      ['customer', 'My card was charged twice.'],
      ['agent', 'I see two charges of fifty nine pounds.'],
    ]);
    assert.equal(finals[1], '我查一下。同一笔订单扣了两次，每次三百六十八块五。');
    assert.ok(finals[3]!.includes('十二月三號'), finals[3]);
    assert.ok(finals[3]!.includes('三百二十蚊'), finals[3]);
    assert.equal(finals[5], 'I see two charges of fifty nine pounds.');
  });

  it('still masks card digits read one by one after the card cue', () => {
    const { finals } = call([
      ['customer', '我的银行卡号是'],
      ['customer', '四五三二，七七一零，八八二六，一九四三'],
    ]);
    assert.equal(finals[1], '[card number]');
  });
});

describe('a number too long for the last four digits the agent asked for', () => {
  it('is a card in every partial, not only once a later cue arrives', () => {
    const { finals, partials } = call([
      ['agent', 'Sorry, just the last four digits is fine.'],
      ['customer', 'Oh, right, it ends three three one eight, two two five five, sorry, the last four are two two five five.'],
    ]);
    assert.deepEqual(shows(partials, 'three three one eight, two'), []);
    assert.ok(!finals[1]!.includes('three three one eight'), finals[1]);
  });
});
