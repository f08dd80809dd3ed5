// The optional prose summary against a small real HTTP server speaking the OpenAI chat-completions format
// (no llama.cpp server exists on this machine; this one answers like it). The extractive draft is
// always out first; prose replaces its notes when it arrives; junk, errors and a server that never
// answers leave the extractive draft.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AssistDraft, TranscriptTurn } from '../../common/contract/assist';
import { silentLogger } from '../log/logger';
import { OpenAiCompatibleSummary } from './openAiSummary';
import { ChatServer } from './testing/chatServer';

const extractive: AssistDraft = {
  callId: 'call-1',
  reason: 'Returns and refunds',
  reasonArticleId: 'returns-refunds',
  keyTurns: [],
  promises: [],
  entities: [{ kind: 'order', text: '5512398' }],
  disposition: 'resolved',
  notes: 'Reason: Returns and refunds\nDetails: order 5512398',
  generatedAt: 1,
  source: 'extractive',
};
const turns: TranscriptTurn[] = [
  { id: 't1', leg: 'customer', text: 'my chair arrived broken and I want a refund', at: 1, sentiment: -0.4, cues: [] },
  { id: 't2', leg: 'customer', text: 'my card number is [card number]', at: 2, sentiment: 0, cues: [] },
];

describe('OpenAI-compatible summary provider', () => {
  const chat = new ChatServer();
  before(() => chat.start());
  after(() => chat.stop());
  const provider = () => new OpenAiCompatibleSummary({ baseUrl: chat.url, model: 'wrapup-7b', token: 'summary-token', log: silentLogger() });

  it('POSTs the redacted transcript to /v1/chat/completions and leads the notes with the prose', async () => {
    chat.answer = 'prose';
    const draft = await provider().summarise(extractive, turns, AbortSignal.timeout(5000));
    const request = chat.seen.at(-1)!;
    assert.equal(request.path, '/v1/chat/completions');
    assert.equal(request.auth, 'Bearer summary-token');
    assert.equal(request.body.model, 'wrapup-7b');
    const sent = request.body.messages.map((message) => message.content).join('\n');
    assert.match(sent, /Customer: my card number is \[card number\]/);
    assert.match(draft.notes, /^The customer returned a broken chair/);
    assert.match(draft.notes, /Details: order 5512398/, 'the extracted details stay for the CRM');
    assert.equal(draft.source, 'openai-compatible:wrapup-7b');
  });

  it('refuses junk, an error status and an empty transcript', async () => {
    chat.answer = 'junk';
    await assert.rejects(provider().summarise(extractive, turns, AbortSignal.timeout(5000)), /does not look like chat completions/);
    chat.answer = 'error';
    await assert.rejects(provider().summarise(extractive, turns, AbortSignal.timeout(5000)), /HTTP 500/);
    const before = chat.seen.length;
    await assert.rejects(provider().summarise(extractive, [], AbortSignal.timeout(5000)), /nothing was transcribed/);
    assert.equal(chat.seen.length, before, 'nothing sent for an empty call');
  });
});

