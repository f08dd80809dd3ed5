import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyDraft } from '../contract/wrapup';
import { mergePrefill, submitBlocker } from './wrapup';

describe('submit rules', () => {
  it('says what still blocks submitting', () => {
    const now = 1_000_000;
    const ready = { ...emptyDraft('+44'), disposition: 'resolved' };
    assert.equal(submitBlocker(ready, true, now), 'callLive');
    assert.equal(submitBlocker({ ...ready, disposition: '' }, false, now), 'noDisposition');
    assert.equal(submitBlocker(ready, false, now), undefined);
    const callback = { ...ready, callback: { requested: true, at: null, number: '+44', reason: '' } };
    assert.equal(submitBlocker(callback, false, now), 'noCallbackTime');
    assert.equal(submitBlocker({ ...callback, callback: { ...callback.callback, at: now - 1 } }, false, now), 'callbackInPast');
    assert.equal(submitBlocker({ ...callback, callback: { ...callback.callback, at: now + 1, number: ' ' } }, false, now), 'noCallbackNumber');
  });
});

describe('pre-filled wrap-up (agent-assist draft)', () => {
  const empty = emptyDraft('1002');
  it('adopts the suggested disposition and notes into an untouched form', () => {
    const merged = mergePrefill(empty, { ...empty, disposition: 'refund', notes: 'Returns and refunds — order 5512398' });
    assert.equal(merged.disposition, 'refund');
    assert.match(merged.notes, /5512398/);
  });
  it('never overwrites what the agent already chose or typed', () => {
    const typed = { ...empty, disposition: 'complaint', notes: 'Customer wants a manager' };
    assert.equal(mergePrefill(typed, { ...empty, disposition: 'refund', notes: 'draft' }), typed);
  });
  it('replaces notes only while they are still exactly what an earlier suggestion wrote, and only with a known disposition', () => {
    const first = mergePrefill(empty, { disposition: 'unknown_code', notes: 'first draft' }, (code) => code === 'refund');
    assert.equal(first.disposition, '');
    assert.equal(mergePrefill(first, { disposition: 'refund', notes: 'better draft', replacesNotes: 'first draft' }).notes, 'better draft');
    const edited = { ...first, notes: 'first draft, edited' };
    assert.equal(mergePrefill(edited, { disposition: '', notes: 'better draft', replacesNotes: 'first draft' }), edited);
  });
});
