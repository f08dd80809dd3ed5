import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

/**
 * A Linux machine policy file the host trusts for `--policy-file`: in a folder of its own, owned by whoever
 * runs the test, readable by all and writable by nobody else (main/policy/linuxFilePolicySource.ts).
 */
export function machinePolicyFile(values: Record<string, unknown>): string {
  const dir = mkdtempSync(join(os.tmpdir(), 'hl-policy-'));
  chmodSync(dir, 0o755);
  const file = join(dir, 'policy.json');
  writeFileSync(file, JSON.stringify(values), { mode: 0o644 });
  return file;
}
