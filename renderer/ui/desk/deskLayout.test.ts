import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_LAYOUT, layoutStorageKey, readLayout, writeLayout } from './deskLayout';

describe('remembered pane widths', () => {
  it('keeps one layout per agent account', () => {
    assert.notEqual(layoutStorageKey('sip:1001@example.com'), layoutStorageKey('sip:1002@example.com'));
    assert.equal(layoutStorageKey(undefined), 'hearthline.desk.layout:default');
  });

  it('round-trips a dragged layout', () => {
    const saved = writeLayout({ customer: 25.04, assist: 45.01, work: 29.95 });
    assert.deepEqual(readLayout(saved ?? null), { customer: 25, assist: 45, work: 30 });
  });

  it('falls back to the default for anything it cannot trust', () => {
    for (const bad of [null, '', 'not json', '{"customer":50,"assist":50}', '{"customer":2,"assist":49,"work":49}', '{"customer":60,"assist":60,"work":60}', '{"customer":"30","assist":40,"work":30}']) {
      assert.deepEqual(readLayout(bad), DEFAULT_LAYOUT, String(bad));
    }
    assert.equal(writeLayout({ customer: 50, assist: 50 }), undefined);
  });
});
