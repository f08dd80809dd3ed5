// The labelled redaction sets (assets/eval/assist/{dev,test}/redaction*.jsonl, one file per batch) through the same redactor
// the app runs, partials included: not one sensitive item may show; look-alikes should survive.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { evaluateCase, formatTable, parseRedactionCases, summarise } from './evaluate';

const root = path.resolve(__dirname, '../../../assets/eval/assist');

describe('labelled redaction set', () => {
  for (const split of ['dev', 'test']) {
    it(`${split}: no sensitive item leaks, in partials or finals`, (t) => {
      const files = readdirSync(path.join(root, split)).filter((name) => /^redaction.*\.jsonl$/.test(name));
      assert.ok(files.length >= 2, `${split}: the first batches and batch 3 are there`);
      const cases = files.flatMap((name) => parseRedactionCases(readFileSync(path.join(root, split, name), 'utf8')));
      const results = cases.map((testCase) => evaluateCase(testCase));
      const summary = summarise(results);
      t.diagnostic(`${split}: ${cases.length} cases, ${summary.total.items} sensitive items, ${summary.total.leaked} leaked; look-alikes kept ${summary.total.kept}/${summary.total.keeps}`);
      t.diagnostic(`\n${formatTable('kind', summary.byKind)}`);
      const leaks = results.flatMap((result) => result.leaks).map((leak) => `${leak.caseId} ${leak.kind} (${leak.phase})`);
      assert.deepEqual([...new Set(leaks)], []);
      assert.ok(summary.total.items >= 100, 'the split is big enough to mean something');
      // Look-alikes are not the safety goal, but masking everything would make the transcript useless.
      assert.ok(summary.total.kept / summary.total.keeps >= 0.85, `kept ${summary.total.kept}/${summary.total.keeps}`);
    });
  }

  it('the scorer catches a leak: digits with no cue in the final, a password with no cue', () => {
    // Six digits with no cue at all: partials hide them (2+ digits), the final keeps them: one final leak.
    const [card] = parseRedactionCases(JSON.stringify({ id: 'x', lang: 'en', text: 'ok here goes seven one two three four five', sensitive: [{ kind: 'card', text: 'seven one two three four five' }], keep: [] }));
    const result = evaluateCase(card!);
    assert.deepEqual(
      result.leaks.map((leak) => leak.phase),
      ['final'],
    );
    assert.deepEqual(result.items, [{ kind: 'card', leaked: true }]);
    const [weak] = parseRedactionCases(JSON.stringify({ id: 'y', lang: 'en', text: 'it is zebra crossing', sensitive: [{ kind: 'password', text: 'zebra crossing' }], keep: ['it is'] }));
    const missed = evaluateCase(weak!);
    assert.ok(missed.leaks.some((leak) => leak.phase === 'final'), 'a password with no cue shows, and the scorer says so');
    assert.equal(missed.keeps[0]!.kept, true);
  });
});
