import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EvalCall } from './formats';
import { findLeaks, leakKey, promiseFound, sameTopic, scoreCalls, scoreQueries, type CallOutput } from './score';

describe('assist:eval scoring', () => {
  it('finds a sensitive item in any spoken or written form, and not a masked one', () => {
    assert.equal(leakKey('four five, double three'), leakKey('4533'));
    assert.equal(leakKey('四五三九'), '4539');
    const call = { id: 'c', call_date: '2026-12-04', customer_number: '', turns: [{ speaker: 'customer', text: 'x' }], expect: { sensitive: [{ kind: 'otp', turn: 0, text: 'eight one three, three nine two' }, { kind: 'pin', turn: 0, text: 'one two' }] } } as EvalCall;
    const found = findLeaks([call], new Map([['a.jsonl', '{"text":"the code is 813 392"}'], ['b.jsonl', 'the code is [code]']]));
    assert.deepEqual(found.leaks, [{ call: 'c', kind: 'otp', turn: 0, files: ['a.jsonl'] }]);
    assert.equal(found.skipped, 1, 'too short to scan without matching by chance');
  });

  it('counts a promise found when a predicted one covers half of its words, in English and Chinese', () => {
    assert.ok(promiseFound('call back on Monday with an update', ["I'll call you back on Monday morning with an update on the engineer."]));
    assert.ok(!promiseFound('email a returns label', ["I'll call you back on Monday."]));
    assert.ok(promiseFound('五个工作日内到账', ['我已经把多扣的钱退给您了，五个工作日内到账。']));
  });

  it('scores dispositions, entities and the article shown within two customer turns of the intent', () => {
    const call: EvalCall = {
      id: 'c',
      call_date: '2026-12-04',
      customer_number: '',
      turns: [
        { speaker: 'agent', text: 'hi' },
        { speaker: 'customer', text: 'intent' },
        { speaker: 'agent', text: 'ok' },
        { speaker: 'customer', text: 'more' },
        { speaker: 'customer', text: 'late' },
      ],
      expect: { intent_article: 'a1', intent_turn: 1, disposition: 'cancelled', order_number: 'HL-12', amount: { value: 49.99, currency: 'GBP' } },
    };
    const output = (top3ByTurn: string[][]): CallOutput => ({ id: 'c', top3ByTurn, disposition: 'cancelled', orderNumber: 'hl12', amount: { value: 49.99, currency: 'GBP' }, promises: [] });
    const early = scoreCalls([call], new Map([['c', output([[], [], [], ['x', 'a1'], []])]]));
    assert.deepEqual([early.disposition.rate, early.order_number.rate, early.amount.rate, early.allEntities.rate, early.articleWithinTwoTurns.rate], [1, 1, 1, 1, 1]);
    const late = scoreCalls([call], new Map([['c', output([[], [], [], [], ['a1']])]]));
    assert.equal(late.articleWithinTwoTurns.rate, 0, 'shown only at the third customer turn');
  });

  it('counts the labelled article’s copy in another script (same topic) as the right article, and no other', () => {
    const call: EvalCall = { id: 'c', call_date: '2026-12-04', customer_number: '', turns: [{ speaker: 'customer', text: '我想取消張單' }], expect: { intent_article: 'zh-cancel', intent_turn: 0 } };
    const same = sameTopic([{ id: 'zh-cancel', topic: 'cancel' }, { id: 'zht-cancel', topic: 'cancel' }, { id: 'zht-return', topic: 'return' }, { id: 'loose' }]);
    const scored = (shown: string) => scoreCalls([call], new Map<string, CallOutput>([['c', { id: 'c', top3ByTurn: [[shown]], disposition: '', reasonArticleId: shown, promises: [] }]]), same);
    assert.deepEqual([scored('zht-cancel').articleWithinTwoTurns.rate, scored('zht-cancel').reasonArticle.rate], [1, 1]);
    assert.deepEqual([scored('zht-return').articleWithinTwoTurns.rate, scored('loose').reasonArticle.rate], [0, 0]);
  });

  it('scores retrieval per slice', () => {
    const slices = scoreQueries(
      [
        { id: 'q1', text: 'x', relevant: ['a'], lang: 'en', hard: true, confusable_with: 'b' },
        { id: 'q2', text: 'y', relevant: ['c'], lang: 'zh-Hans', hard: false },
      ],
      new Map([
        ['q1', ['b', 'a']],
        ['q2', ['c']],
      ]),
    );
    const all = slices.find((s) => s.slice === 'all')!;
    assert.deepEqual([all.n, all.hit1, all.hit3, all.mrr10, all.confused], [2, 0.5, 1, 0.75, 1]);
    assert.equal(slices.find((s) => s.slice === 'hard')!.hit1, 0);
  });
});
