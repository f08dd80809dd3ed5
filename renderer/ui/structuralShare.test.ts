import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shareUnchanged } from './structuralShare';

describe('shareUnchanged', () => {
  it('keeps the earlier objects where nothing changed and new ones only where something did', () => {
    const before = { version: 1, calls: [{ id: 'a', state: 'connected' }], drafts: [{ callId: 'x', notes: 'n' }] };
    const after = { version: 2, calls: [{ id: 'a', state: 'connected' }, { id: 'b', state: 'ringing' }], drafts: [{ callId: 'x', notes: 'n' }] };
    const shared = shareUnchanged(before, after);
    assert.notEqual(shared, before);
    assert.equal(shared.drafts, before.drafts, 'the unchanged drafts are the same array');
    assert.equal(shared.calls[0], before.calls[0], 'the unchanged call is the same object');
    assert.notEqual(shared.calls, before.calls);
    assert.deepEqual(shared, after);
  });

  it('returns the earlier value itself when everything is equal', () => {
    const before = { a: [1, 2, { b: 'c' }], d: null };
    assert.equal(shareUnchanged(before, { a: [1, 2, { b: 'c' }], d: null }), before);
  });

  it('sees added, removed and changed keys', () => {
    const before: Record<string, unknown> = { a: 1, b: undefined };
    assert.notEqual(shareUnchanged(before, { a: 1 }), before);
    const plain = { a: 1 };
    assert.notEqual(shareUnchanged(plain, { a: 1, b: undefined }), plain);
    assert.deepEqual(shareUnchanged({ a: { b: 1 } }, { a: { b: 2 } }), { a: { b: 2 } });
    assert.deepEqual(shareUnchanged([1, 2], [1]), [1]);
  });
});
