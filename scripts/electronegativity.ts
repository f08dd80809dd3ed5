// Runs Electronegativity (npm @doyensec/electronegativity) over the Electron surface (the glue in
// main/electron, the preloads, the renderer pages) and fails on any HIGH or MEDIUM finding that
// scripts/electronegativity-allowlist.json does not explain. The tool itself exits 0 whatever it finds,
// and its CLI does not start with the commander this repo resolves, so it is driven through its runner.
// Usage: node --import tsx scripts/electronegativity.ts
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { gate, type AllowEntry, type Finding } from './electronegativityGate';

interface RawIssue {
  id: string;
  severity: { name?: string } | string;
  confidence: { name?: string } | string;
  file: string;
  location?: { line?: number };
  description?: string;
}
type Runner = (options: Record<string, unknown>, forCli: boolean) => Promise<{ issues: RawIssue[]; errors: unknown[] }>;

const repo = path.resolve(__dirname, '..');
const SCANNED = ['main/electron', 'preload/electron', 'renderer/ui/ui.html', 'renderer/engine/engine.html'];

/** A copy of just what is scanned (tests excluded: their fake electron is not the app), plus package.json
 *  so the tool reads our Electron version. */
function stage(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hl-electronegativity-'));
  cpSync(path.join(repo, 'package.json'), path.join(dir, 'package.json'));
  for (const entry of SCANNED) {
    cpSync(path.join(repo, entry), path.join(dir, entry), { recursive: true, filter: (source) => !source.endsWith('.test.ts') });
  }
  return dir;
}

function name(value: { name?: string } | string): string {
  return typeof value === 'string' ? value : (value.name ?? '');
}

async function main(): Promise<void> {
  const run = createRequire(__filename)('@doyensec/electronegativity') as Runner;
  const dir = stage();
  let result: Awaited<ReturnType<Runner>>;
  try {
    result = await run({ input: dir, customScan: [], excludeFromScan: [], parserPlugins: [], isRelative: true, isVerbose: false }, false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const findings: Finding[] = result.issues.map((issue) => ({
    id: issue.id,
    severity: name(issue.severity),
    confidence: name(issue.confidence),
    file: path.isAbsolute(issue.file) ? path.relative(dir, issue.file) : issue.file,
    line: issue.location?.line,
    description: issue.description ?? '',
  }));
  const allowlist = JSON.parse(readFileSync(path.join(repo, 'scripts', 'electronegativity-allowlist.json'), 'utf8')) as { findings: AllowEntry[] };
  const verdict = gate(findings, allowlist.findings);
  const scannedFiles = SCANNED.flatMap((entry) => (entry.endsWith('.html') ? [entry] : readdirSync(path.join(repo, entry)).filter((file) => !file.endsWith('.test.ts'))));
  console.log(`electronegativity: ${findings.length} findings in ${scannedFiles.length} files; ${allowlist.findings.length} explained in the allow-list`);
  const problems = [
    ...result.errors.map((error) => `could not scan: ${JSON.stringify(error).slice(0, 300)}`),
    ...verdict.unexplained.map((f) => `${f.severity} ${f.id} at ${f.file}:${f.line ?? '?'} (${f.description}) is not explained in scripts/electronegativity-allowlist.json`),
    ...verdict.stale.map((entry) => `allow-list entry ${entry.id} in ${entry.file} matches no finding any more: remove it`),
    ...verdict.invalid,
  ];
  for (const problem of problems) console.error(`electronegativity: ${problem}`);
  if (problems.length > 0) process.exit(1);
}

main().catch((error: unknown) => {
  console.error(`electronegativity failed: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
