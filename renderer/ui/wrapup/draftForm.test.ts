import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Disposition } from '../../../common/contract/gateway';
import { addTag, dispositionLabel, fromLocalInputValue, queueHeadline, toLocalInputValue } from './draftForm';

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
});
