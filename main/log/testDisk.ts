// Real sick disks for tests: a small tmpfs that can be filled up (and freed again), and a read-only one.
// Mounting needs root; without it the helpers return undefined and the tests use /dev/full instead.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TestDisk {
  dir: string;
  /** Fills the disk to the last byte with a filler file. */
  fill(): void;
  /** Removes the filler again. */
  free(): void;
  unmount(): void;
}

export function mountTmpfs(sizeKb: number, readOnly = false): TestDisk | undefined {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hl-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k${readOnly ? ',ro' : ''}`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  const filler = path.join(dir, 'filler');
  return {
    dir,
    fill: () => {
      try {
        // 4 KB at a time until the disk refuses: tmpfs has no reserved blocks, so this is really full.
        for (let i = 0; i < 1_000_000; i += 1) writeFileSync(filler, Buffer.alloc(4096), { flag: 'a' });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      }
    },
    free: () => rmSync(filler, { force: true }),
    unmount: () => {
      execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
