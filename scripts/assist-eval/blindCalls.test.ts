// The second blind set of whole labelled calls (assets/eval/assist/{dev,test}/calls-blind2.jsonl,
// docs/assist.md "A second blind set of whole calls") through the product's own path. The floors were
// set before the test split's one run, lower for test than for the dev split the rules were tuned on;
// they are goals, not to be lowered to pass.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { speechUnits } from '../../main/assist/asr/textTranscriber';
import { ConversationRedactor } from '../../main/assist/redaction/redactor';
import { EvalCallSchema, readJsonLines } from './formats';
import { runAssistEval } from './run';
import { leakKey, type CallScores } from './score';

const root = path.resolve(__dirname, '../../assets');

type Floors = Record<'disposition' | 'allEntities' | 'promiseRecall' | 'articleWithinTwoTurns' | 'reasonArticle', number>;
const FLOORS: Record<'dev' | 'test', Floors> = {
  dev: { disposition: 0.8, allEntities: 0.6, promiseRecall: 0.9, articleWithinTwoTurns: 0.8, reasonArticle: 0.65 },
  test: { disposition: 0.6, allEntities: 0.5, promiseRecall: 0.75, articleWithinTwoTurns: 0.7, reasonArticle: 0.5 },
};

describe('the second blind call set', () => {
  for (const split of ['dev', 'test'] as const) {
    it(`${split}: outcome, entities, promises, the article during the call and the draft's reason; no sensitive item in the drafts or transcripts`, async (t) => {
      const out = mkdtempSync(path.join(tmpdir(), `assist-blind2-${split}-`));
      try {
        const summary = await runAssistEval({ articles: path.join(root, 'kb', 'demo-articles.json'), calls: path.join(root, 'eval', 'assist', split, 'calls-blind2.jsonl'), out, progress: () => undefined });
        const scores = summary.calls!;
        assert.equal(scores.n, 18);
        for (const { slice, scores: s } of summary.callSlices) t.diagnostic(`${split} ${slice}: ${describeScores(s)}`);
        for (const [metric, floor] of Object.entries(FLOORS[split]) as Array<[keyof Floors, number]>) {
          assert.ok(scores[metric].rate >= floor, `${metric} ${scores[metric].right}/${scores[metric].n} below ${floor}`);
        }
        // The drafts and transcripts are what is kept; partials pushed while a number is still being said
        // are the redaction's own (docs/assist.md), and millisecond timestamps in the store can hold any four digits.
        t.diagnostic(`${split} leaks in any output: ${JSON.stringify(summary.leaks!.leaks)}`);
        const kept = summary.leaks!.leaks.filter((leak) => leak.files.some((file) => file === 'drafts.jsonl' || file === 'transcripts.jsonl'));
        assert.deepEqual(kept, [], 'a labelled sensitive item is in a draft or a transcript');
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    });
  }
});

describe('the second blind call set, every partial', () => {
  // The service pushes the view at most once per short delay, so which partials reach the screen depends
  // on timing: every partial a word-by-word recogniser sends is checked here, as AssistService redacts it.
  for (const split of ['dev', 'test'] as const) {
    it(`${split}: no labelled sensitive item shows in any partial or final of its call`, () => {
      const calls = readJsonLines(path.join(root, 'eval', 'assist', split, 'calls-blind2.jsonl'), EvalCallSchema);
      const leaks: string[] = [];
      for (const call of calls) {
        const keys = (call.expect?.sensitive ?? []).map((item) => ({ item, key: leakKey(item.text) })).filter(({ key }) => key.length >= 4);
        const redactor = new ConversationRedactor({ now: () => 0 });
        for (const turn of call.turns) {
          const units = speechUnits(turn.text);
          const outputs = units.map((_unit, i) => redactor.redact(turn.speaker, units.slice(0, i + 1).join(' '), 'partial').text);
          outputs.push(redactor.redact(turn.speaker, turn.text).text);
          for (const { item, key } of keys) if (outputs.some((out) => leakKey(out).includes(key))) leaks.push(`${call.id} ${item.kind} ${item.turn}`);
        }
      }
      assert.deepEqual([...new Set(leaks)], []);
    });
  }
});

function describeScores(s: CallScores): string {
  const r = (x: { right: number; n: number }) => `${x.right}/${x.n}`;
  return `disposition ${r(s.disposition)}, entities ${r(s.allEntities)}, promises ${r(s.promiseRecall)}, article within 2 turns ${r(s.articleWithinTwoTurns)}, reason ${r(s.reasonArticle)}`;
}
