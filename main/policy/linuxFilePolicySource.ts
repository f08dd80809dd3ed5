// Linux machine policy: a JSON file only root can change (VS Code and Chromium do the same). A file anyone
// else could have written is not policy: it is ignored and the reason is reported.
import { watch, type FSWatcher } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { untrustedBecause } from './fileTrust';
import type { PolicyReading, PolicySource } from './policySource';

export const LINUX_POLICY_FILE = '/etc/hearthline/policy.json';

export interface LinuxFilePolicySourceOptions {
  file?: string;
  /** The only owner trusted to write policy; 0 (root) except in tests that cannot chown. */
  trustedUid?: number;
}

export class LinuxFilePolicySource implements PolicySource {
  readonly name = 'linux-file';
  private readonly file: string;
  private readonly trustedUid: number;

  constructor(options: LinuxFilePolicySourceOptions = {}) {
    this.file = options.file ?? LINUX_POLICY_FILE;
    this.trustedUid = options.trustedUid ?? 0;
  }

  async read(): Promise<PolicyReading> {
    const origin = this.file;
    let info;
    try {
      info = await stat(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { origin, values: null, problems: [] };
      return { origin, values: null, problems: [`${origin}: cannot read policy (${(error as Error).message})`] };
    }
    const unsafe = await untrustedBecause(this.file, this.trustedUid);
    if (unsafe) return { origin, values: null, problems: [`${origin}: ignored because ${unsafe}`] };
    if (!info.isFile()) return { origin, values: null, problems: [`${origin}: ignored because it is not a regular file`] };

    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(this.file, 'utf8'));
    } catch (error) {
      return { origin, values: null, problems: [`${origin}: ignored because it is not valid JSON (${(error as Error).message})`] };
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      return { origin, values: null, problems: [`${origin}: ignored because it is not a JSON object`] };
    }
    return { origin, values: raw as Record<string, unknown>, problems: [] };
  }

  /** Watches the folder, not the file: tools replace policy files by rename, which a file watch misses. */
  watch(onChange: () => void): () => void {
    let watcher: FSWatcher | undefined;
    try {
      watcher = watch(path.dirname(this.file), { persistent: false }, (_event, name) => {
        if (name === null || name === path.basename(this.file)) onChange();
      });
      watcher.on('error', () => undefined);
    } catch {
      // The folder does not exist (no policy deployed): PolicyService's polling still notices a new file.
    }
    return () => watcher?.close();
  }
}
