import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FALLBACK_DISPOSITIONS } from '../../common/contract/gateway';
import { draftWrapUp, extractEntities, type DraftTurn } from './wrapupDraft';

const codes = FALLBACK_DISPOSITIONS.map((d) => d.code);
const turn = (leg: DraftTurn['leg'], text: string, sentiment = 0, cues: string[] = []): DraftTurn => ({ leg, text, sentiment, cues });

describe('wrap-up draft', () => {
  const turns = [
    turn('agent', 'thank you for calling how can I help'),
    turn('customer', 'hello I bought a chair from you last week and it arrived broken', -0.5),
    turn('customer', 'I want to return it and get a refund my order number is five five one two three nine eight', -0.2),
    turn('agent', 'can I have your postcode please'),
    turn('agent', "I'm sorry about that. I will send you a returns label today and the refund of one hundred and twenty pounds follows"),
    turn('agent', "I've issued the refund now."),
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
    assert.deepEqual(draft.promises, ['I will send you a returns label today and the refund of one hundred and twenty pounds follows', "I've issued the refund now."]);
    assert.ok(draft.entities.some((e) => e.kind === 'order' && e.value === '5512398'), JSON.stringify(draft.entities));
    assert.ok(draft.entities.some((e) => e.kind === 'amount' && e.value === '120 GBP' && e.text === '£120'));
    assert.ok(draft.entities.some((e) => e.kind === 'product' && e.text === 'chair'));
    assert.equal(draft.disposition, 'refund_issued');
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

  it('takes the outcome from what the agent did, not from what the customer asked for', () => {
    const outcome = (...lines: Array<[DraftTurn['leg'], string]>) => draftWrapUp({ callId: 'c', turns: lines.map(([leg, text]) => turn(leg, text)), articles: [], dispositions: codes, now: 0 }).disposition;
    assert.equal(outcome(['customer', 'I want to cancel my order'], ['agent', "No problem, I've cancelled it for you."]), 'cancelled');
    assert.equal(outcome(['customer', 'I want to cancel my order'], ['agent', "I'm afraid I can't cancel it, it has already shipped."]), 'information_given');
    assert.equal(outcome(['customer', 'I want your supervisor'], ['agent', 'Let me put you through to my team leader.']), 'escalated');
    assert.equal(outcome(['customer', '我要投诉'], ['agent', '我已经帮您登记了投诉。']), 'complaint_logged');
    assert.equal(outcome(['customer', '我想取消張單'], ['agent', '好，我已經幫你取消咗。']), 'cancelled');
    assert.equal(outcome(['agent', 'We refund within fourteen days of getting it back.']), 'information_given', 'policy is not an action');
    assert.equal(outcome(['agent', "I'll put a refund through for you today."]), 'refund_issued');
    assert.equal(outcome(['agent', 'Can I cancel it for you?']), 'information_given');
    assert.equal(outcome(['agent', "I'll get a replacement out to you tomorrow."]), 'replacement_sent');
    assert.equal(outcome(['agent', 'Someone from the team will give you a call on Friday.']), 'callback_scheduled');
    assert.equal(outcome(['agent', '好的，我帮您办理退款。']), 'refund_issued');
    assert.equal(outcome(['agent', '我哋會同你換過個新嘅。']), 'replacement_sent');
  });

  it('reads spoken order numbers, amounts and the decisive date against the call day', () => {
    const callDay = new Date(2026, 11, 4, 12); // a Friday
    const said = [
      turn('agent', 'Could I have the order number?'),
      turn('customer', 'A B C one two three.'),
      turn('agent', 'And your date of birth?'),
      turn('customer', 'The twelfth of June nineteen seventy-nine.'),
      turn('agent', "I've refunded forty-nine ninety-nine back to your card, it'll be with you next Thursday."),
    ];
    const entities = extractEntities(said, callDay);
    assert.deepEqual(
      entities.filter((e) => e.kind !== 'product').map((e) => [e.kind, e.value]),
      [
        ['order', 'ABC123'],
        ['amount', '49.99 GBP'],
        ['date', '2026-12-10'],
      ],
    );
    // A recogniser's lower-case letters, and a misheard "order": still the reference.
    const heard = extractEntities([turn('customer', 'my older number is h l two zero four five one eight')], callDay);
    assert.equal(heard.find((e) => e.kind === 'order')?.value, 'HL204518');
    const dateOf = (text: string) => extractEntities([turn('agent', text)], callDay).find((e) => e.kind === 'date')?.value;
    assert.equal(dateOf("I'll ring you on the 14th"), '2026-12-14');
    assert.equal(dateOf('后天给您送到'), '2026-12-06');
    assert.equal(dateOf('三號之前覆你'), '2027-01-03', 'a day of the month already past is next month');
    assert.equal(dateOf('Can you confirm the first line of your address?'), undefined);
    const amountOf = (text: string) => extractEntities([turn('agent', text)], callDay).find((e) => e.kind === 'amount')?.value;
    assert.equal(amountOf('that comes to forty nine pounds ninety nine'), '49.99 GBP');
    assert.equal(amountOf('HK$350 goes back to you'), '350 HKD');
    const chinese = extractEntities([turn('customer', '订单号是 H L 四四七一九。'), turn('agent', '已经帮你退款了，二百五十八元，下个星期四之前到账。')], callDay);
    assert.deepEqual(chinese.filter((e) => e.kind !== 'product').map((e) => e.value), ['HL44719', '258 CNY', '2026-12-10']);
  });

  it('lists the agent\'s promises with their day, and not questions or holding phrases', () => {
    const draft = draftWrapUp({
      callId: 'c',
      turns: [turn('agent', 'Can I have your order number?'), turn('agent', 'Let me check.'), turn('agent', "I'll call you back on Monday with an update."), turn('agent', '我明天下午给您回电话。')],
      articles: [],
      dispositions: codes,
      now: new Date(2026, 10, 27, 12).getTime(),
    });
    assert.deepEqual(draft.promiseDetails, [
      { what: "I'll call you back on Monday with an update.", due: '2026-11-30' },
      { what: '我明天下午给您回电话。', due: '2026-11-28' },
    ]);
  });

  it('takes the day the agent promised as the date, also after a masked date of birth, with a weekday and a part of day', () => {
    const thursday = new Date(2026, 11, 10, 12);
    const dateOf = (said: DraftTurn[], day = thursday) =>
      draftWrapUp({ callId: 'c', turns: said, articles: [], dispositions: codes, now: day.getTime() }).entities.find((e) => e.kind === 'date')?.value;
    const afterBirth = (promise: string) => [turn('agent', '請講一講你嘅出世日期。'), turn('customer', '[date of birth]。'), turn('agent', promise)];
    assert.equal(dateOf(afterBirth('好，新嘅會喺下個禮拜二送到。')), '2026-12-15');
    assert.equal(dateOf([turn('agent', 'Can I take your date of birth?'), turn('customer', "It's [date of birth]."), turn('agent', "I'll call you back on Monday morning.")]), '2026-12-14');
    const monday = new Date(2026, 11, 7, 12);
    assert.equal(dateOf([turn('agent', '我星期四上午给您回电话。')], monday), '2026-12-10');
    assert.equal(dateOf([turn('agent', '我哋禮拜五下晝打返俾你。')], monday), '2026-12-11');
    assert.equal(dateOf([turn('agent', "I'll ring you Thursday morning.")], monday), '2026-12-10');
    // The promise decides over a day the customer mentioned first.
    assert.equal(dateOf([turn('customer', 'It was meant to come on Friday.'), turn('agent', 'The Friday slot is full. I will send the new one on Tuesday.')], monday), '2026-12-08');
  });
});
