// Redaction benchmark (node --import tsx bench/redaction.bench.ts): the labelled redaction set
// (assets/eval/assist/{dev,test}/redaction*.jsonl, one file per batch) through the call redactor the app runs, partials
// included — leaked sensitive items and kept look-alikes per kind and per language, with n — and the
// time one redaction takes (it runs on every partial the recogniser sends).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { evaluateCase, formatTable, parseRedactionCases, summarise } from '../main/assist/redaction/evaluate';
import { ConversationRedactor } from '../main/assist/redaction/redactor';

const root = path.resolve(__dirname, '../assets/eval/assist');

for (const split of ['dev', 'test']) {
  const cases = readdirSync(path.join(root, split))
    .filter((name) => /^redaction.*\.jsonl$/.test(name))
    .flatMap((name) => parseRedactionCases(readFileSync(path.join(root, split, name), 'utf8')));
  const results = cases.map((testCase) => evaluateCase(testCase));
  const summary = summarise(results);
  console.log(`\n### Redaction, ${split} split: ${cases.length} cases, partials and finals\n`);
  console.log(formatTable('kind', summary.byKind));
  console.log('');
  console.log(formatTable('language', summary.byLang));
  console.log('');
  console.log(formatTable('all', [summary.total]));
  for (const result of results) for (const leak of result.leaks) console.log(`leak: ${leak.caseId} ${leak.kind} (${leak.phase})`);
  // Each batch on its own: a new batch's first run is the honest estimate for an unseen set.
  const perFile = readdirSync(path.join(root, split))
    .filter((name) => /^redaction.*\.jsonl$/.test(name))
    .map((name) => ({ ...summarise(parseRedactionCases(readFileSync(path.join(root, split, name), 'utf8')).map((testCase) => evaluateCase(testCase))).total, slice: name }));
  console.log('');
  console.log(formatTable('file', perFile));
}

// Speed: every text of the test split, 20 times, through one call's redactor.
const texts = parseRedactionCases(readFileSync(path.join(root, 'test', 'redaction.jsonl'), 'utf8')).flatMap((c) => ('text' in c ? [c.text] : c.turns.map((turn) => turn.text)));
const redactor = new ConversationRedactor();
const times: number[] = [];
for (let round = 0; round < 20; round += 1) {
  for (const text of texts) {
    const started = performance.now();
    redactor.redact('customer', text, 'partial');
    times.push(performance.now() - started);
  }
}
times.sort((a, b) => a - b);
const at = (p: number) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)]!;
console.log(`\n| redaction of one partial (${texts.length} texts × 20) | p50 ${(at(50) * 1000).toFixed(0)} µs | p95 ${(at(95) * 1000).toFixed(0)} µs |`);
