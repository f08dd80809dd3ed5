import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AssistCallView } from '../../common/contract/assist';
import type { Call } from '../../common/contract/model';
import { energyVad, TextTranscriber } from '../assist/asr/textTranscriber';
import { AssistService } from '../assist/assistService';
import { demoArticles } from '../assist/kb/demoKb';
import { KnowledgeIndex } from '../assist/knowledgeIndex';
import { passthroughVad } from '../assist/vad';
import { EventHub } from '../ipc/hub';
import { silentLogger } from '../log/logger';
import { AppState } from '../session/state';
import { loadDriver } from '../store/driver';
import { customerSideOf, difficultyOf, median, WellbeingTally, type FinishedCallFacts } from './wellbeing';

const calm: FinishedCallFacts = { connectedAt: 0, endedAt: 120_000, holdMs: 0, customerMood: [0.2, 0.3], customerCues: [], supervisorRequest: false };

describe('wellbeing signals', () => {
  it('a call is difficult from facts: the customer’s mood stayed negative, escalation words, a supervisor request, long hold', () => {
    assert.deepEqual(difficultyOf(calm), []);
    assert.deepEqual(difficultyOf({ ...calm, customerMood: [-0.1, -0.4] }), ['customerMood']);
    assert.deepEqual(difficultyOf({ ...calm, customerMood: [-0.6, 0.1] }), [], 'a customer who calmed down does not make it difficult');
    assert.deepEqual(difficultyOf({ ...calm, customerCues: ['complaint'] }), ['escalation']);
    assert.deepEqual(difficultyOf({ ...calm, supervisorRequest: true }), ['supervisorRequest']);
    assert.deepEqual(difficultyOf({ ...calm, holdMs: 180_000 }), ['longHold']);
  });

  it('flags difficult calls in a row, long calls against the agent’s own median, no break, asking for a minute and the backlog; a break resets', () => {
    const tally = new WellbeingTally(0);
    for (let i = 0; i < 5; i += 1) tally.callFinished({ ...calm, endedAt: 100_000 });
    const difficult = { ...calm, customerCues: ['legal'] };
    tally.callFinished({ ...difficult, endedAt: 300_000 });
    tally.callFinished({ ...difficult, endedAt: 300_000 });
    assert.deepEqual(tally.flags(60_000, 0), [{ kind: 'longCalls', count: 2 }], 'two of the last five over twice the median of 100 s');
    tally.callFinished(difficult);
    const hours = 3 * 3600_000 + 5 * 60_000;
    tally.askedForMinute(hours - 1000);
    assert.deepEqual(
      tally.flags(hours, 3).map((flag) => flag.kind),
      ['difficultInARow', 'noBreak', 'askedForMinute', 'longCalls', 'wrapUpBacklog'],
    );
    assert.deepEqual(tally.flags(hours, 3)[0], { kind: 'difficultInARow', count: 3 });
    tally.breakStarted(hours);
    assert.deepEqual(tally.flags(hours + 60_000, 0).map((flag) => flag.kind), ['longCalls']);
    assert.equal(median([3, 1, 2, 10]), 2.5);
  });

  it('reads only the customer’s side of an assist view, even if agent turns carried scores', () => {
    const view = {
      trend: [{ at: 1, score: 0.5, leg: 'customer' }],
      turns: [
        { id: 'a', leg: 'agent', text: 'I am furious, I will complain to my manager', at: 1, sentiment: -1, cues: ['complaint', 'supervisor'] },
        { id: 'b', leg: 'customer', text: 'thanks, all sorted', at: 2, sentiment: 0.5, cues: [] },
      ],
    } as unknown as AssistCallView;
    assert.deepEqual(customerSideOf(view), { customerMood: [0.5], customerCues: [] });
  });

  it('the agent leg never feeds the signals: an angry agent with a calm customer is not a difficult call; the reverse is', async () => {
    async function judge(lines: { customer: string; agent: string }): Promise<string[]> {
      const state = new AppState();
      const log = silentLogger();
      const Driver = loadDriver();
      const index = new KnowledgeIndex(new Driver(':memory:'));
      index.replaceAll(demoArticles());
      const transcriber = new TextTranscriber();
      const service = new AssistService({ state, hub: new EventHub(log), log, index, transcriber: () => transcriber, vad: energyVad, fallbackVad: passthroughVad, finalWaitMs: 50 });
      await service.start();
      const call: Call = { id: 'call-w', direction: 'inbound', state: 'connected', remoteNumber: '1002', startedAt: 1, connectedAt: 2, onHold: false, muted: false };
      state.upsertCall(call);
      await new Promise((resolve) => setTimeout(resolve, 50));
      let seq = 0;
      for (const leg of ['customer', 'agent'] as const) {
        const frame = (loud: boolean) => ({ callId: 'call-w', leg, seq: seq++, sampleRate: 16000 as const, pcm: Buffer.from(new Int16Array(1600).fill(loud ? 1000 : 0).buffer).toString('base64') });
        service.ingest(frame(true));
        const stream = transcriber.lastOpened!;
        stream.say(lines[leg]);
        const final = stream.nextFinal();
        for (let i = 0; i < stream.wordCount; i += 1) service.ingest(frame(true));
        service.ingest(frame(false));
        await final;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const view = service.view().calls.find((candidate) => candidate.callId === 'call-w');
      await service.dispose();
      return difficultyOf({ connectedAt: 2, endedAt: 60_000, holdMs: 0, supervisorRequest: false, ...customerSideOf(view) });
    }
    const angryAgent = await judge({ customer: 'thank you that is brilliant, all sorted, really helpful', agent: 'this is ridiculous and unacceptable, I am furious, I will complain to my manager' });
    assert.deepEqual(angryAgent, [], 'nothing the agent said counts');
    const angryCustomer = await judge({ customer: 'this is ridiculous and unacceptable, it arrived broken again, I want to complain', agent: 'thank you that is brilliant, I am happy to help' });
    assert.ok(angryCustomer.includes('customerMood') && angryCustomer.includes('escalation'), angryCustomer.join());
  });
});
