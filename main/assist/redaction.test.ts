import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { luhnValid, MASKS, redact } from './redaction';

describe('redaction', () => {
  it('masks a typed card number that passes Luhn, with or without spaces', () => {
    assert.equal(luhnValid('4111111111111111'), true);
    for (const text of ['my card is 4111 1111 1111 1111 thanks', 'card 4111-1111-1111-1111', '4111111111111111']) {
      const out = redact(text);
      assert.doesNotMatch(out.text, /1111/, text);
      assert.ok(out.text.includes(MASKS.card), out.text);
    }
  });

  it('masks a spoken card number, including "double" and digits heard as words', () => {
    const spoken = 'yes it is four one one one one one one one one one one one one one one one';
    const out = redact(spoken);
    assert.equal(out.text, `yes it is ${MASKS.card}`);
    const doubled = redact('the number is four one double one one one one one one one one one one one one one');
    assert.ok(doubled.text.includes(MASKS.card), doubled.text);
    // Recognition heard "for" instead of "four" inside the run, and got one digit wrong (fails Luhn).
    const misheard = redact('it is for one one one one one one two one one one one one one one one');
    assert.doesNotMatch(misheard.text, /\bone one\b/, misheard.text);
  });

  it('keeps ordinary words and small numbers', () => {
    const text = 'I bought two chairs for my office on the 3rd of May for 120 pounds';
    assert.equal(redact(text).text, text);
    assert.equal(redact('I want to return it for a refund').text, 'I want to return it for a refund');
  });

  it('keeps an order number said after "order"', () => {
    const text = 'my order number is 5 5 1 2 3 9 8';
    assert.equal(redact(text).text, text);
  });

  it('masks the security code after its cue, and bank and ID numbers after theirs', () => {
    assert.equal(redact('the security code is seven three one').text, `the security code is ${MASKS.cvv}`);
    assert.equal(redact('my account number is 12345678').text, `my account number is ${MASKS.bank_account}`);
    assert.equal(redact('social security number 123-45-6789').text.includes('6789'), false);
    assert.equal(redact('NI number AB 12 34 56 C please').text.includes('34 56'), false);
    assert.equal(redact('身份证 11010519491231002X').text.includes('1231002'), false);
    assert.equal(redact('IBAN GB82 WEST 1234 5698 7654 32').text.includes('5698'), false);
  });

  it('masks e-mail addresses, typed and spoken, and keeps phone numbers (the agent needs them; they are look-alikes)', () => {
    assert.equal(redact('mail jane.doe@example.com now').text, `mail ${MASKS.email} now`);
    assert.equal(redact('it is jane dot doe at example dot com').text, `it is ${MASKS.email}`);
    assert.equal(redact('call me on +44 20 7946 0958').text, 'call me on +44 20 7946 0958');
    const spokenPhone = 'my phone is oh seven seven double nine one two three four five six';
    assert.equal(redact(spokenPhone).text, spokenPhone);
  });

  it('masks every digit run while the call is about a card, even a piece of the number in its own turn', () => {
    assert.equal(redact('my card number is four one one one').text, `my card number is ${MASKS.card}`);
    assert.equal(redact('one one one one one one', { paymentContext: true }).text, MASKS.card);
    assert.equal(redact('it expires oh four twenty seven').text.includes('four'), false);
    assert.equal(redact('I have two chairs', { paymentContext: true }).text, 'I have two chairs');
  });

  it('is idempotent', () => {
    const once = redact('card 4111 1111 1111 1111 and jane@example.com').text;
    assert.equal(redact(once).text, once);
  });
});
