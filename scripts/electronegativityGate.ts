// Pure: which Electronegativity findings fail the build. Every HIGH or MEDIUM finding must be explained
// in scripts/electronegativity-allowlist.json (check id + file, with the reason it does not apply and
// the test that proves it); an entry that no longer matches anything is an error too, so the list
// cannot go stale and hide a later finding.

export interface Finding {
  id: string;
  severity: string;
  confidence: string;
  file: string;
  line: number | undefined;
  description: string;
}

export interface AllowEntry {
  id: string;
  file: string;
  reason: string;
}

export interface GateResult {
  unexplained: Finding[];
  stale: AllowEntry[];
  invalid: string[];
}

const GATED = new Set(['HIGH', 'MEDIUM']);
const MIN_REASON_CHARS = 40;

export function gate(findings: readonly Finding[], allowlist: readonly AllowEntry[]): GateResult {
  const invalid = allowlist.filter((entry) => !entry.id || !entry.file || (entry.reason ?? '').trim().length < MIN_REASON_CHARS).map((entry) => `${entry.id} in ${entry.file}: a reason of at least ${MIN_REASON_CHARS} characters is required`);
  const matches = (entry: AllowEntry, finding: Finding) => entry.id === finding.id && entry.file === finding.file;
  const gated = findings.filter((finding) => GATED.has(finding.severity.toUpperCase()));
  return {
    unexplained: gated.filter((finding) => !allowlist.some((entry) => matches(entry, finding))),
    stale: allowlist.filter((entry) => !gated.some((finding) => matches(entry, finding))),
    invalid,
  };
}
