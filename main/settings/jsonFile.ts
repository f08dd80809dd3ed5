// Small JSON files in the profile (the agent's settings, device choices): written to a temporary file
// and renamed, so a crash mid-write leaves the old file, never half a file. Owner-only (0600).
import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensurePrivateFolder } from '../store/privateFiles';

export function writeJsonAtomic(file: string, value: unknown): void {
  ensurePrivateFolder(path.dirname(file));
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, file);
}
