import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AssistDraft } from '../../common/contract/assist';
import { redactDraft } from './assistService';

const draft = (notes: string, order?: string): AssistDraft => ({
  callId: 'c',
  reason: 'Damaged on arrival',
  keyTurns: [notes],
  promises: [],
  promiseDetails: [],
  entities: order ? [{ kind: 'order', text: order, value: order }] : [],
  disposition: 'replacement_sent',
  notes,
  generatedAt: 0,
  source: 'extractive',
});

describe('the draft’s second redaction pass', () => {
  it('keeps the order number the draft labelled, even when it is shaped like an ID, and still masks a real ID', () => {
    const out = redactDraft(draft('Details: order JT410327; the customer read NI number QQ 12 34 56 C', 'JT410327'));
    assert.equal(out.notes, 'Details: order JT410327; the customer read NI number [ID number]');
    assert.equal(out.keyTurns[0], out.notes);
  });

  it('masks the same shape when the draft did not label it as the order', () => {
    assert.equal(redactDraft(draft('Details: order JT410327')).notes, 'Details: order [ID number]');
  });
});
