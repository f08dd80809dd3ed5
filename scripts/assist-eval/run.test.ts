import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { InputError } from './formats';
import { runAssistEval } from './run';

const jsonl = (rows: unknown[]) => rows.map((row) => JSON.stringify(row)).join('\n') + '\n';

describe('npm run assist:eval', () => {
  it('runs a tiny set through the gateway feed, the encrypted index and the assist path, and reports a planted leak', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'assist-eval-test-'));
    try {
      writeFileSync(
        join(dir, 'articles.jsonl'),
        jsonl([
          { id: 'kb-cancel', lang: 'en', title: 'Cancel an order', body: 'An order that has not been dispatched can be cancelled and the money goes back to the card.', tags: ['cancel', 'order'] },
          { id: 'kb-broadband', lang: 'en', title: 'Broadband outage', body: 'When the internet is down in the whole area, check the outage map.', tags: 'internet outage' },
          { id: 'kb-refund', lang: 'zh', title: '退款', body: '退货后退款到原支付账户。', tags: '退款' },
        ]),
      );
      writeFileSync(
        join(dir, 'queries.jsonl'),
        jsonl([
          { id: 'q1', text: 'my internet is down and the whole street is off', relevant: ['kb-broadband'], lang: 'en', hard: false },
          { id: 'q2', text: 'I want to cancel the order I placed', relevant: ['kb-cancel'], lang: 'en', hard: false },
        ]),
      );
      const turns = [
        { speaker: 'agent', text: 'Hello, how can I help?' },
        { speaker: 'customer', text: 'I want to cancel an order I placed yesterday.' },
        { speaker: 'agent', text: 'What is the order number?' },
        { speaker: 'customer', text: 'Order A B C one two three.' },
        { speaker: 'customer', text: 'My card number is four one one one one one one one one one one one one one one one.' },
        { speaker: 'customer', text: 'We live on Hargreaves Road by the way.' },
        { speaker: 'agent', text: "Thanks. I've cancelled it, and the two hundred pounds goes back to your card on Tuesday." },
      ];
      writeFileSync(
        join(dir, 'calls.jsonl'),
        jsonl([
          {
            id: 'call-1',
            call_date: '2026-12-04',
            customer_number: '+447700900001',
            turns,
            expect: {
              intent_article: 'kb-cancel',
              intent_turn: 1,
              disposition: 'cancelled',
              order_number: 'ABC123',
              amount: { value: 200, currency: 'GBP' },
              date: '2026-12-08',
              promises: ['two hundred pounds back to your card'],
              sensitive: [
                { kind: 'card', turn: 4, text: 'four one one one one one one one one one one one one one one one' },
                // Planted: nothing masks a street name, so the scan must find it in the outputs.
                { kind: 'security_answer', turn: 5, text: 'Hargreaves Road' },
              ],
            },
          },
        ]),
      );
      const out = join(dir, 'out');
      const summary = await runAssistEval({ articles: join(dir, 'articles.jsonl'), queries: join(dir, 'queries.jsonl'), calls: join(dir, 'calls.jsonl'), out, progress: () => undefined });

      for (const file of ['queries.ranked.jsonl', 'calls.top3.jsonl', 'drafts.jsonl', 'transcripts.jsonl', 'shown.jsonl', 'stored.jsonl', 'logged.jsonl', 'summary.json']) assert.ok(existsSync(join(out, file)), file);
      const ranked = readFileSync(join(out, 'queries.ranked.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { id: string; ranked: string[] });
      assert.equal(ranked.find((q) => q.id === 'q1')?.ranked[0], 'kb-broadband');
      assert.ok(ranked.every((q) => q.ranked.length <= 10 && q.ranked.every((id) => ['kb-cancel', 'kb-broadband', 'kb-refund'].includes(id))), 'only the given articles, synced from the gateway');
      const top3 = readFileSync(join(out, 'calls.top3.jsonl'), 'utf8').trim().split('\n');
      assert.equal(top3.length, turns.length, 'the top 3 after every turn');
      const draft = JSON.parse(readFileSync(join(out, 'drafts.jsonl'), 'utf8')) as { disposition: string; order_number: string; amount: { value: number; currency: string }; date: string };
      assert.deepEqual([draft.disposition, draft.order_number, draft.amount, draft.date], ['cancelled', 'ABC123', { value: 200, currency: 'GBP' }, '2026-12-08']);
      const transcript = readFileSync(join(out, 'transcripts.jsonl'), 'utf8');
      assert.match(transcript, /\[card number\]/, 'the transcript written is the redacted one');
      assert.match(readFileSync(join(out, 'stored.jsonl'), 'utf8'), /wrapup_drafts/, 'the wrap-up form pre-filled in the store is dumped');

      assert.equal(summary.calls?.disposition.rate, 1);
      assert.equal(summary.queries.find((s) => s.slice === 'all')?.n, 2);
      assert.deepEqual(
        summary.leaks?.leaks.map((leak) => [leak.call, leak.kind]),
        [['call-1', 'security_answer']],
        'the planted street name is reported; the masked card is not',
      );
      assert.ok(summary.leaks!.leaks[0]!.files.includes('transcripts.jsonl'));
      assert.ok(!readFileSync(join(out, 'summary.json'), 'utf8').includes('Hargreaves'), 'the report names the leak, never its text');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses input that breaks the format, naming each bad line, before starting anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'assist-eval-bad-'));
    try {
      writeFileSync(join(dir, 'articles.jsonl'), jsonl([{ id: 'a', title: 'A', body: 'x' }]));
      writeFileSync(join(dir, 'calls.jsonl'), `${JSON.stringify({ id: 'c', call_date: '4 Dec', turns: [{ speaker: 'agent', text: 'hi' }] })}\nnot json\n`);
      await assert.rejects(runAssistEval({ articles: join(dir, 'articles.jsonl'), calls: join(dir, 'calls.jsonl'), out: join(dir, 'out'), progress: () => undefined }), (error: Error) => {
        assert.ok(error instanceof InputError);
        assert.match(error.message, /calls\.jsonl:1: call_date: YYYY-MM-DD/);
        assert.match(error.message, /calls\.jsonl:2: not valid JSON/);
        return true;
      });
      assert.ok(!existsSync(join(dir, 'out')), 'nothing was written');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
