import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AssistView } from '../../common/contract/assist';
import type { Call } from '../../common/contract/model';
import { AppState } from '../session/state';
import { EventHub } from '../ipc/hub';
import { silentLogger } from '../log/logger';
import { loadDriver } from '../store/driver';
import { energyVad } from './asr/textTranscriber';
import type { Transcriber, TranscriberStreamHandlers } from './asr/transcriber';
import { AssistService, type AssistServiceDeps } from './assistService';
import { demoArticles } from './kb/demoKb';
import { OpenAiCompatibleSummary } from './openAiSummary';
import { EmbeddingReranker, OpenAiEmbeddings } from './embeddings';
import { ChatServer } from './testing/chatServer';
import { EmbeddingServer } from './testing/embeddingServer';
import { KnowledgeIndex } from './knowledgeIndex';
import { passthroughVad } from './vad';

/** Says the scripted lines, one per utterance, on the customer leg; the agent leg says `agentLines`. */
class ScriptedTranscriber implements Transcriber {
  readonly provider = 'pocketsphinx' as const;
  opened = 0;
  constructor(private readonly lines: Record<'customer' | 'agent', string[]>) {}
  async status() {
    return { provider: this.provider, state: 'ready' as const, languages: ['en'] };
  }
  open(handlers: TranscriberStreamHandlers) {
    const leg = this.opened++ === 0 ? 'customer' : 'agent';
    const lines = this.lines[leg];
    let heard = 0;
    return {
      write: () => {
        heard += 1;
        if (heard === 1 && lines[0]) handlers.onResult({ kind: 'partial', text: lines[0].split(' ').slice(0, 6).join(' ') });
      },
      endUtterance: () => {
        heard = 0;
        const line = lines.shift();
        if (line !== undefined) queueMicrotask(() => handlers.onResult({ kind: 'final', text: line }));
      },
      close: async () => undefined,
    };
  }
}

const frame = (callId: string, leg: 'customer' | 'agent', seq: number, loud: boolean) => {
  const pcm = new Int16Array(1600).fill(loud ? 1000 : 0);
  return { callId, leg, seq, sampleRate: 16000 as const, pcm: Buffer.from(pcm.buffer).toString('base64') };
};

function setup(lines: Record<'customer' | 'agent', string[]>, extra: Partial<AssistServiceDeps> = {}) {
  const state = new AppState();
  const log = silentLogger();
  const hub = new EventHub(log);
  const views: AssistView[] = [];
  hub.attach('ui', (channel, payload) => {
    if (channel === 'assist.changed') views.push(payload as AssistView);
  });
  const Driver = loadDriver();
  const index = new KnowledgeIndex(new Driver(':memory:'));
  index.replaceAll(demoArticles());
  const transcriber = new ScriptedTranscriber(lines);
  const service = new AssistService({ state, hub, log, index, transcriber: () => transcriber, vad: energyVad, fallbackVad: passthroughVad, finalWaitMs: 50, ...extra });
  const call: Call = { id: 'call-1', direction: 'inbound', state: 'connected', remoteNumber: '1002', startedAt: 1, connectedAt: 2, onHold: false, muted: false };
  return { state, service, views, call, index };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

async function speak(service: AssistService, leg: 'customer' | 'agent', seq: { n: number }, loudFrames = 3) {
  for (let i = 0; i < loudFrames; i += 1) service.ingest(frame('call-1', leg, seq.n++, true));
  service.ingest(frame('call-1', leg, seq.n++, false));
  await settle();
}

/** Starts the service and the call, then lets each leg in `turns` say its next line, in order. */
async function converse(ctx: { service: AssistService; state: AppState; call: Call }, turns: Array<'customer' | 'agent'>) {
  await ctx.service.start();
  ctx.state.upsertCall(ctx.call);
  await settle();
  const seq = { customer: { n: 0 }, agent: { n: 0 } };
  for (const leg of turns) await speak(ctx.service, leg, seq[leg]);
  return seq;
}

describe('AssistService', () => {
  it('a routed intent shows suggestions while the call rings, before anyone speaks; unanswered, it leaves no session', async () => {
    const { state, service, views } = setup({ customer: [], agent: [] });
    await service.start();
    const ringing: Call = { id: 'call-r', direction: 'inbound', state: 'ringing', remoteNumber: '1002', startedAt: 1, onHold: false, muted: false };
    state.upsertCall(ringing);
    service.primeIntent(ringing, ['Charged twice for one order', 'duplicate payment']);
    await settle();
    const shown = service.view().calls.find((c) => c.callId === 'call-r');
    assert.equal(shown?.live, true);
    assert.equal(shown?.suggestions[0]?.articleId, 'double-charge');
    assert.ok(views.some((view) => view.calls.some((c) => c.callId === 'call-r' && c.suggestions.length > 0)), 'pushed to the panel');
    state.upsertCall({ ...ringing, state: 'ended', endedAt: 3, endReason: 'canceled' });
    await settle();
    assert.equal(service.view().calls.find((c) => c.callId === 'call-r'), undefined, 'no session, no draft for a call nobody answered');
    await service.dispose();
  });

  it('turns the customer’s words into a redacted transcript, suggestions, a sentiment dip and a draft at hang-up', async () => {
    const { state, service, views, call } = setup({
      customer: [
        'hello I bought a chair last week and it arrived broken this is unacceptable',
        'I want to return it and get a refund',
        'my card number is four one one one one one one one one one one one one one one one',
      ],
      agent: ["I'm sorry, I will email you a returns label today"],
    });
    await converse({ service, state, call }, ['customer', 'customer', 'agent', 'customer']);

    const live = service.view().calls[0]!;
    assert.equal(live.live, true);
    const customerText = live.turns.filter((turn) => turn.leg === 'customer').map((turn) => turn.text);
    assert.equal(customerText.length, 3);
    assert.match(customerText[0]!, /arrived broken/);
    assert.equal(customerText[2], 'my card number is [card number]');
    assert.ok(JSON.stringify(views).includes('[card number]'));
    assert.ok(!/one one one one/.test(JSON.stringify(views)), 'the spoken card number never reaches the UI');
    assert.ok(live.suggestions.slice(0, 3).some((s) => s.title === 'Returns and refunds'), live.suggestions.map((s) => s.title).join());
    assert.ok(live.mood < 0, `mood ${live.mood}`);
    assert.ok(live.escalation.includes('complaint'));
    assert.ok(service.metrics.turnToSuggestionMs.length >= 2);

    state.upsertCall({ ...call, state: 'ended', endedAt: 10, endReason: 'hungUpRemote' });
    await settle();
    const draft = service.draftFor('call-1');
    assert.ok(draft, 'draft after hang-up');
    assert.equal(draft.reason, 'Returns and refunds');
    assert.deepEqual(draft.promises, ["I'm sorry, I will email you a returns label today"]);
    assert.ok(!draft.notes.includes('one one one'));
    assert.equal(service.view().calls[0]!.live, false);
    await service.dispose();
  });

  it('a Simplified-Chinese caller sees the Simplified article once, and the draft’s reason cites it', async () => {
    const { state, service, call } = setup({ customer: ['你好，我的信用卡被扣了两次钱', '同一个订单扣了两次，能把多扣的退回来吗'], agent: [] });
    await converse({ service, state, call }, ['customer', 'customer']);
    const shown = service.view().calls[0]!.suggestions.map((s) => s.articleId);
    assert.equal(shown[0], 'zh-double-charge', shown.join());
    assert.ok(!shown.includes('zht-double-charge') && !shown.includes('double-charge'), `one copy of the topic: ${shown.join()}`);
    state.upsertCall({ ...call, state: 'ended', endedAt: 10, endReason: 'hungUpRemote' });
    await settle();
    assert.equal(service.draftFor('call-1')?.reason, '重复扣款');
    await service.dispose();
  });

  it('masks what the agent asked for, in partials, finals, the view and the draft: a date of birth, then a card read in two turns', async () => {
    const { state, service, views, call } = setup({
      customer: ['hello I need to change my delivery address', 'yes it is the fourth of July nineteen eighty two', 'four five three nine one four eight eight', 'oh three four three six four six seven'],
      agent: ['can I take your date of birth please', 'thank you and the long number on the card'],
    });
    const { customer: seq } = await converse({ service, state, call }, ['customer', 'agent', 'customer', 'agent']);
    // Mid-utterance the recogniser has only a partial ("four five three nine one four"): it is shown masked.
    for (let i = 0; i < 3; i += 1) service.ingest(frame('call-1', 'customer', seq.n++, true));
    await settle();
    assert.equal(service.view().calls[0]!.partial.customer, '[card number]');
    service.ingest(frame('call-1', 'customer', seq.n++, false));
    await settle();
    await speak(service, 'customer', seq);
    const customerText = service.view().calls[0]!.turns.filter((turn) => turn.leg === 'customer').map((turn) => turn.text);
    assert.deepEqual(customerText.slice(1), ['yes it is the [date of birth]', '[card number]', '[card number]']);
    state.upsertCall({ ...call, state: 'ended', endedAt: 10, endReason: 'hungUpRemote' });
    await settle();
    const seen = JSON.stringify(views) + JSON.stringify(service.draftFor('call-1'));
    for (const secret of ['July', 'nineteen eighty', 'four five three', 'one four eight', 'three four three', 'six four six']) assert.ok(!seen.includes(secret), `"${secret}" never reaches the UI or the draft`);
    await service.dispose();
  });

  it('suggests from the words as they come, before the turn has ended', async () => {
    const { state, service, call } = setup({ customer: ['I want to send the chair back for a refund'], agent: [] });
    await service.start();
    state.upsertCall(call);
    await settle();
    // Speech that has not ended: the recogniser has only a partial ("I want to send the chair").
    for (let i = 0; i < 3; i += 1) service.ingest(frame('call-1', 'customer', i, true));
    await settle();
    const live = service.view().calls[0]!;
    assert.equal(live.turns.length, 0, 'no final transcript yet');
    assert.ok(live.partial.customer);
    assert.ok(live.suggestions.length > 0, 'suggestions already shown from the partial words');
    await service.dispose();
  });

  it('pushes new articles to the panel at once, even right after a transcript push (the coalescing timer is for words only)', async (t) => {
    const { state, service, views, call } = setup({ customer: ['I want to send the chair back for a refund'], agent: [] });
    await service.start();
    state.upsertCall(call);
    await settle();
    t.mock.timers.enable({ apis: ['setTimeout'] });
    service.knowledgeChanged();
    t.mock.timers.tick(200); // a coalesced push goes out now: the last push was a moment ago
    const pushed = views.length;
    // The customer starts talking: the first partial brings articles; the coalescing timer is held still.
    service.ingest(frame('call-1', 'customer', 0, true));
    for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
    assert.ok(service.view().calls[0]!.suggestions.length > 0, 'the partial brought articles');
    assert.ok(views.length > pushed && views.at(-1)!.calls[0]!.suggestions.length > 0, 'the articles reached the panel without waiting for the timer');
    t.mock.timers.reset();
    await service.dispose();
  });

  it('payment mode stops transcription of the call entirely', async () => {
    const { state, service, call } = setup({ customer: ['the long number is four one one one', 'thanks'], agent: [] });
    await service.start();
    state.upsertCall(call);
    await settle();
    service.setPaymentMode('call-1', true);
    const ack = service.ingest(frame('call-1', 'customer', 0, true));
    assert.deepEqual(ack, { accept: false });
    await settle();
    assert.equal(service.view().calls[0]!.turns.length, 0);
    assert.equal(service.view().calls[0]!.paymentMode, true);
    service.setPaymentMode('call-1', false);
    assert.deepEqual(service.ingest(frame('call-1', 'customer', 1, true)), { accept: true });
    await service.dispose();
  });

  it('warns when the call runs on narrowband (8 kHz) audio', async () => {
    const { state, service, call } = setup({ customer: [], agent: [] });
    await service.start();
    state.upsertCall(call);
    await settle();
    assert.equal(service.view().calls[0]!.narrowband, false);
    state.upsertCall({ ...call, quality: { mos: 4.1, rttMs: 10, jitterMs: 1, lossPercent: 0, codec: 'PCMU', warnings: ['narrowband'] } });
    await settle();
    assert.equal(service.view().calls[0]!.narrowband, true);
    await service.dispose();
  });

  it('refuses audio for calls that are not live, and searches by hand with the query redacted', async () => {
    const { service, index } = setup({ customer: [], agent: [] });
    await service.start();
    assert.deepEqual(service.ingest(frame('nope', 'customer', 0, true)), { accept: false });
    assert.equal(service.search('我想退货')[0]?.title, '退货和退款');
    assert.deepEqual(service.search('4111 1111 1111 1111'), []);
    service.feedback('returns-refunds', true);
    assert.equal(index.search('refund')[0]?.articleId, 'returns-refunds');
    await service.dispose();
  });

  it('with a summary service: the extractive draft comes first, prose replaces it when it arrives, and junk or silence keeps it', async () => {
    const chat = new ChatServer();
    await chat.start();
    try {
      const summary = new OpenAiCompatibleSummary({ baseUrl: chat.url, model: 'm', log: silentLogger() });
      // The first fetch in a process loads Node's HTTP client, which on a loaded machine alone can take
      // most of the 300 ms the provider is given below: load it before timing anything.
      await fetch(`${chat.url}/warm-up`, { method: 'POST', body: '{}' }).then((response) => response.body?.cancel());
      for (const answer of ['prose', 'junk', 'never'] as const) {
        chat.answer = answer;
        const { state, service, call } = setup(
          { customer: ['my chair arrived broken and I want a refund', 'my card number is four one one one one one one one one one one one one one one one'], agent: [] },
          { summary: () => summary, summaryTimeoutMs: 300 },
        );
        const drafts: { source: string; notes: string; replaces?: string }[] = [];
        service.onDraft((draft, replaces) => drafts.push({ source: draft.source, notes: draft.notes, replaces: replaces?.notes }));
        await service.start();
        state.upsertCall(call);
        await settle();
        const seq = { n: 0 };
        await speak(service, 'customer', seq);
        await speak(service, 'customer', seq);
        const asked = chat.seen.length;
        state.upsertCall({ ...call, state: 'ended', endedAt: 10, endReason: 'hungUpRemote' });
        for (let i = 0; i < 100 && chat.seen.length === asked; i += 1) await settle();
        // Past the 300 ms the provider is given, whatever it answered.
        await settle();
        await settle();
        assert.equal(drafts[0]?.source, 'extractive', `${answer}: the extractive draft is out first`);
        assert.ok(!chat.seen.at(-1)!.body.messages.some((message) => /one one one one/.test(message.content)), 'only the redacted transcript is sent');
        if (answer === 'prose') {
          assert.equal(drafts.length, 2);
          assert.equal(drafts[1]!.source, 'openai-compatible:m');
          assert.equal(drafts[1]!.replaces, drafts[0]!.notes, 'the prose says which notes it replaces');
          assert.match(service.draftFor('call-1')!.notes, /^The customer returned a broken chair/);
          assert.doesNotMatch(service.draftFor('call-1')!.notes, /4111/, 'a number the service wrote back is redacted again');
        } else {
          assert.equal(drafts.length, 1, `${answer}: no second draft`);
          assert.equal(service.draftFor('call-1')!.source, 'extractive');
        }
        await service.dispose();
      }
    } finally {
      await chat.stop();
    }
  });

  it('with an embedding service: shows the BM25 suggestions at once, then the re-ranked ones; only redacted words are sent', async () => {
    const server = new EmbeddingServer();
    await server.start();
    try {
      const line = 'the chair arrived broken and my card number is 4111 1111 1111 1111';
      const probe = setup({ customer: [], agent: [] }).index;
      const bm25 = probe.suggest([line.replace(/[\d ]{19}$/, '')], { limit: 10 }).map((hit) => hit.articleId);
      // The service finds an article BM25 ranked fifth the closest in meaning to what the customer said.
      const favourite = probe.articleText(bm25[4]!)!;
      server.vector = (text, index) => (index === 0 || text.startsWith(favourite.title) ? [1, 0] : [0, 1]);
      const reranker = new EmbeddingReranker(new OpenAiEmbeddings({ baseUrl: server.url, model: 'kb-embed' }));
      const { state, service, call } = setup({ customer: [line], agent: [] }, { reranker: () => reranker });
      await service.start();
      state.upsertCall(call);
      await settle();
      await speak(service, 'customer', { n: 0 });
      await settle();
      const shown = service.view().calls[0]!.suggestions.map((s) => s.articleId);
      assert.ok(shown.includes(favourite.id), `${favourite.id} in ${shown.join()} (BM25 order ${bm25.join()})`);
      assert.ok(!bm25.slice(0, 3).includes(favourite.id));
      assert.ok(server.seen.length > 0);
      for (const request of server.seen) assert.ok(!request.body.input.some((text) => /4111/.test(text)), 'no card number is sent');
      await service.dispose();
    } finally {
      await server.stop();
    }
  });

  it('keeps the topic while the customer reads out personal details (a redacted turn does not steer suggestions)', async () => {
    const { state, service, call } = setup({
      customer: ['the chair arrived broken and I want to return it for a refund', 'my card number is 4111 1111 1111 1111', 'the card security code on the back is 123', 'the gift card on the card is 4111 1111 1111 1111'],
      agent: [],
    });
    await service.start();
    state.upsertCall(call);
    await settle();
    const seq = { n: 0 };
    for (let turn = 0; turn < 4; turn += 1) await speak(service, 'customer', seq);
    const titles = service.view().calls[0]!.suggestions.map((s) => s.title);
    assert.ok(titles.slice(0, 2).includes('Returns and refunds'), titles.join(' | '));
    assert.ok(!titles.includes('Payment declined at checkout'), titles.join(' | '));
    await service.dispose();
  });
  it('scores only the customer’s turns: the agent’s words get no sentiment and no escalation cues (no inference about the worker)', async () => {
    const { state, service, call } = setup({
      customer: ['thanks that is brilliant, all sorted'],
      agent: ['this is ridiculous and unacceptable, I am so frustrated, I will complain to my manager and cancel'],
    });
    await converse({ service, state, call }, ['customer', 'agent']);
    const live = service.view().calls[0]!;
    const agentTurn = live.turns.find((turn) => turn.leg === 'agent');
    assert.ok(agentTurn, 'the agent turn is transcribed');
    assert.equal(agentTurn.sentiment, undefined, 'no sentiment score for the agent');
    assert.deepEqual(agentTurn.cues, [], 'no escalation cues taken from the agent');
    assert.deepEqual(live.escalation, [], 'the call’s escalation comes from the customer alone');
    assert.ok(live.mood > 0, `the mood is the customer’s (positive), got ${live.mood}`);
    assert.ok(live.trend.every((point) => point.leg === 'customer'));
    await service.dispose();
  });
});
