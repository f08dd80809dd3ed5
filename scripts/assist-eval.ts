// npm run assist:eval -- --articles A.jsonl [--queries Q.jsonl] [--calls C.jsonl] --out DIR [--speech]
// Runs articles, spoken queries and scripted calls through the app's real assist path and writes what
// it ranked, showed, drafted, stored and logged to DIR, with summary.json and the tables (docs/assist.md).
import { parseArgs } from 'node:util';
import { InputError } from './assist-eval/formats';
import { runAssistEval } from './assist-eval/run';

const USAGE = 'usage: npm run assist:eval -- --articles A.jsonl|kb.json [--queries Q.jsonl] [--calls C.jsonl] --out DIR [--speech]';

async function main(): Promise<number> {
  let values: { articles?: string; queries?: string; calls?: string; out?: string; speech?: boolean };
  try {
    ({ values } = parseArgs({ options: { articles: { type: 'string' }, queries: { type: 'string' }, calls: { type: 'string' }, out: { type: 'string' }, speech: { type: 'boolean' } } }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (!values.articles || !values.out || (!values.queries && !values.calls)) {
    process.stderr.write(`${USAGE}\n(--articles, --out and at least one of --queries and --calls are needed)\n`);
    return 2;
  }
  try {
    const summary = await runAssistEval({ articles: values.articles, queries: values.queries, calls: values.calls, out: values.out, speech: values.speech });
    process.stdout.write(`${summary.table}\n\nwritten to ${values.out}\n`);
    return 0;
  } catch (error) {
    if (error instanceof InputError) {
      process.stderr.write(`the input does not match the documented format (docs/assist.md), nothing was run:\n${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`assist:eval failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
