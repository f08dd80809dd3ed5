import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FALLBACK_DISPOSITIONS } from '../../common/contract/gateway';
import { cardinal, draftWrapUp, extractEntities, isPromise, spokenDigits, type DraftTurn } from './wrapupDraft';

const codes = FALLBACK_DISPOSITIONS.map((d) => d.code);
const turn = (leg: DraftTurn['leg'], text: string, sentiment = 0, cues: string[] = []): DraftTurn => ({ leg, text, sentiment, cues });

describe('wrap-up draft', () => {
  const turns = [
    turn('agent', 'thank you for calling how can I help'),
    turn('customer', 'hello I bought a chair from you last week and it arrived broken', -0.5),
    turn('customer', 'I want to return it and get a refund my order number is five five one two three nine eight', -0.2),
    turn('agent', 'can I have your postcode please'),
    turn('agent', "I'm sorry about that. I will send you a returns label today and the refund of one hundred and twenty pounds follows"),
    turn('customer', 'thank you that is great', 0.6),
  ];

  it('writes nothing into the notes when nothing was transcribed: no placeholder reason, no guessed outcome', () => {
    const draft = draftWrapUp({ callId: 'c0', turns: [], articles: [], dispositions: codes, now: 1000 });
    assert.equal(draft.notes, '');
    assert.equal(draft.reason, '');
    assert.equal(draft.disposition, '');
    assert.deepEqual([draft.keyTurns, draft.promises, draft.entities], [[], [], []]);
    // Only blank turns (the recogniser returned nothing) count as nothing too.
    assert.equal(draftWrapUp({ callId: 'c0', turns: [turn('customer', '  ')], articles: [], dispositions: codes, now: 1000 }).notes, '');
  });

  it('names the reason from the leading article, lists what was promised, the entities and a disposition', () => {
    const draft = draftWrapUp({
      callId: 'c1',
      turns,
      articles: [
        { articleId: 'damaged-on-arrival', title: 'Item damaged or broken on arrival', weight: 1.2 },
        { articleId: 'returns-refunds', title: 'Returns and refunds', weight: 2.5 },
      ],
      dispositions: codes,
      now: 1000,
    });
    assert.equal(draft.reason, 'Returns and refunds');
    assert.equal(draft.reasonArticleId, 'returns-refunds');
    assert.deepEqual(draft.promises, ['I will send you a returns label today and the refund of one hundred and twenty pounds follows']);
    assert.ok(draft.entities.some((e) => e.kind === 'order' && e.text === '5512398'), JSON.stringify(draft.entities));
    assert.ok(draft.entities.some((e) => e.kind === 'amount' && e.text === '120 pounds'));
    assert.ok(draft.entities.some((e) => e.kind === 'date' && e.text === 'last week'));
    assert.ok(draft.entities.some((e) => e.kind === 'product' && e.text === 'chair'));
    assert.equal(draft.disposition, 'resolved');
    assert.ok(draft.keyTurns.some((text) => text.includes('arrived broken')));
    assert.match(draft.notes, /^Reason: Returns and refunds/);
    assert.match(draft.notes, /Customer mood: negative at the start, positive at the end/);
  });

  it('prefers the article the agent marked helpful, and ignores ones marked not helpful', () => {
    const articles = [
      { articleId: 'a', title: 'A', weight: 5, helpful: false },
      { articleId: 'b', title: 'B', weight: 1 },
    ];
    assert.equal(draftWrapUp({ callId: 'c', turns, articles, dispositions: codes, now: 0 }).reason, 'B');
    assert.equal(draftWrapUp({ callId: 'c', turns, articles: [...articles, { articleId: 'c', title: 'C', weight: 0.1, helpful: true }], dispositions: codes, now: 0 }).reason, 'C');
  });

  it('suggests escalated or complaint when the customer asked for a supervisor or complained', () => {
    const angry = [turn('customer', 'this is unacceptable I want your supervisor', -0.8, ['complaint', 'supervisor'])];
    assert.equal(draftWrapUp({ callId: 'c', turns: angry, articles: [], dispositions: codes, now: 0 }).disposition, 'escalated');
    const complaint = [turn('customer', 'I want to make a complaint', -0.5, ['complaint'])];
    assert.equal(draftWrapUp({ callId: 'c', turns: complaint, articles: [], dispositions: codes, now: 0 }).disposition, 'complaint');
    assert.match(draftWrapUp({ callId: 'c', turns: complaint, articles: [], dispositions: codes, now: 0 }).reason, /^Customer said: I want to make/);
  });

  it('does not take a question for a promise', () => {
    assert.equal(isPromise('can I have your order number'), false);
    assert.equal(isPromise("I'll email you the label"), true);
    assert.equal(isPromise('我会给您安排上门取件'), true);
  });

  it('reads spoken numbers', () => {
    assert.equal(spokenDigits(['five', 'double', 'one', '2']), '5112');
    assert.equal(cardinal(['one', 'hundred', 'and', 'twenty']), 120);
    assert.deepEqual(extractEntities('my larger number is five five one two three nine eight'), [{ kind: 'order', text: '5512398' }]);
    assert.deepEqual(extractEntities('我上周买的椅子，花了299元'), [
      { kind: 'date', text: '上周' },
      { kind: 'amount', text: '299元' },
      { kind: 'product', text: '椅子' },
    ]);
  });
});
