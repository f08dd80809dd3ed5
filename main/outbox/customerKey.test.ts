import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contextNumber } from '../context/module';
import { customerKeyFor } from './customerKey';

describe('outbox ordering key', () => {
  it('names a customer the same way whichever way the number arrived, so a new contact is delivered before the note about it', () => {
    const fromCallerId = customerKeyFor(contextNumber('sip:02079460018@pbx.example.com', 'GB'), 'call-1');
    const fromWrapUp = customerKeyFor(contextNumber('+44 20 7946 0018', 'GB'), 'call-1');
    assert.equal(fromCallerId, fromWrapUp);
    assert.equal(fromCallerId, 'tel:+442079460018');
  });

  it('keeps short internal numbers as they are and gives an anonymous caller its own queue', () => {
    assert.equal(customerKeyFor(contextNumber('1002', 'GB')), 'tel:1002');
    assert.equal(customerKeyFor('', 'call-7'), 'call:call-7');
  });
});
