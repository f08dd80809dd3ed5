import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Disposition } from '../../../common/contract/gateway';
import { emptyDraft } from '../../../common/contract/wrapup';
import { addTag, adoptMasked, dispositionLabel, fromLocalInputValue, maskedKinds, queueHeadline, toLocalInputValue } from './draftForm';

describe('wrap-up form helpers', () => {
  it('round-trips the callback time through the date-time field in local time', () => {
    const at = new Date(2026, 2, 14, 16, 45).getTime();
    assert.equal(toLocalInputValue(at), '2026-03-14T16:45');
    assert.equal(fromLocalInputValue('2026-03-14T16:45'), at);
    assert.equal(fromLocalInputValue(''), null);
    assert.equal(toLocalInputValue(null), '');
  });

  it('shows disposition labels in the agent’s language with sensible fallbacks', () => {
    const list: Disposition[] = [{ code: 'resolved', labels: { en: 'Resolved', zh: '已解决' } }, { code: 'sale', labels: { en: 'Sale' } }];
    assert.equal(dispositionLabel(list, 'resolved', 'zh'), '已解决');
    assert.equal(dispositionLabel(list, 'resolved', 'zh-CN'), '已解决');
    assert.equal(dispositionLabel(list, 'sale', 'zh'), 'Sale');
    assert.equal(dispositionLabel(list, 'resolved', 'zh', (code) => (code === 'resolved' ? '已解决（界面）' : undefined)), '已解决（界面）', 'the UI catalogue wins for standard codes');
    assert.equal(dispositionLabel(list, 'sale', 'zh', () => undefined), 'Sale');
    assert.equal(dispositionLabel(list, 'gone', 'en'), 'gone');
  });

  it('adds tags without blanks or duplicates', () => {
    assert.deepEqual(addTag(['Billing'], ' billing '), ['Billing']);
    assert.deepEqual(addTag(['Billing'], '   '), ['Billing']);
    assert.deepEqual(addTag(['Billing'], 'refund'), ['Billing', 'refund']);
    assert.equal(addTag([], 'x'.repeat(60))[0]?.length, 40);
  });

  it('headlines the queue: attention first, then waiting, then all clear', () => {
    const base = { waiting: 0, needsAttention: 0, sending: 0, gateway: 'connected' as const };
    assert.deepEqual(queueHeadline({ ...base, waiting: 3 }), [{ key: 'outbox.waiting', count: 3 }]);
    assert.deepEqual(queueHeadline({ ...base, waiting: 3, needsAttention: 1 }), [
      { key: 'outbox.needsAttention', count: 1 },
      { key: 'outbox.waiting', count: 3 },
    ]);
    assert.deepEqual(queueHeadline({ ...base, needsAttention: 2 }), [{ key: 'outbox.needsAttention', count: 2 }]);
    assert.deepEqual(queueHeadline(base), [{ key: 'outbox.allSynced' }]);
  });

  it('never calls the queue synced while the CRM is not connected (it would contradict the gateway line)', () => {
    const empty = { waiting: 0, needsAttention: 0, sending: 0 };
    for (const gateway of ['unknown', 'unconfigured', 'unreachable', 'busy', 'refused'] as const) {
      assert.deepEqual(queueHeadline({ ...empty, gateway }), [{ key: 'desk.noNotesWaiting' }], gateway);
    }
  });
});

describe('masked notes from main', () => {
  it('shows the notes main masked, unless the agent typed more since that save', () => {
    const sent = { ...emptyDraft(), notes: 'card 4539 1488 0343 6467' };
    const masked = { notes: 'card [card number]', reason: '' };
    assert.equal(adoptMasked(sent, sent, masked).notes, 'card [card number]');
    const typedOn = { ...sent, notes: 'card 4539 1488 0343 6467 and' };
    assert.equal(adoptMasked(typedOn, sent, masked), typedOn);
    assert.deepEqual(maskedKinds(['dob', 'card', 'mystery']), ['card', 'dob', 'number']);
  });
});
