// The engine's profile folder is removed while Chromium's helpers may still be writing to it; the
// cleanup must get rid of it once they stop, and never throw while they do not.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { groupAlive, removeDirQuietly, stopProcessGroup } from './processCleanup';

/** A separate process that keeps creating nested files in `dir` as fast as it can (like Chromium's cache writers). */
function writer(dir: string, options: { ignoreTerm?: boolean } = {}): ChildProcess {
  const script = `
    const fs = require('node:fs'), path = require('node:path');
    ${options.ignoreTerm ? "process.on('SIGTERM', () => {});" : ''}
    let n = 0;
    setInterval(() => {
      for (let i = 0; i < 20; i += 1) {
        try {
          const sub = path.join(process.argv[1], 'Cache', String(n % 7));
          fs.mkdirSync(sub, { recursive: true });
          fs.writeFileSync(path.join(sub, 'f' + n++), 'x'.repeat(512));
        } catch {}
      }
    }, 1);
    process.stdout.write('writing\\n');`;
  return spawn(process.execPath, ['-e', script, dir], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
}

const started = (child: ChildProcess) => new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
const warnings: unknown[] = [];
const log = { warn: (...args: unknown[]) => void warnings.push(args) } as never;

describe('engine profile cleanup', () => {
  it('removes a folder another process is writing into once the writer stops, without throwing', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hearthline-cleanup-test-'));
    const child = writer(dir);
    await started(child);
    // The writer stops a little after removal begins, as Chromium's helpers do after the browser exits.
    setTimeout(() => child.kill('SIGKILL'), 300);
    const removed = await removeDirQuietly(dir, log, { attempts: 20, delayMs: 50 });
    assert.equal(removed, true);
    assert.equal(existsSync(dir), false, 'the folder is gone');
  });

  it('never throws while a writer keeps going, and says so (false) instead', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hearthline-cleanup-test-'));
    const child = writer(dir);
    await started(child);
    try {
      const before = warnings.length;
      const removed = await removeDirQuietly(dir, log, { attempts: 3, delayMs: 1 });
      // A fast writer may or may not win each race; either way cleanup returned instead of throwing.
      assert.equal(typeof removed, 'boolean');
      if (!removed) assert.equal(warnings.length, before + 1, 'a folder left behind is logged');
    } finally {
      child.kill('SIGKILL');
      await removeDirQuietly(dir, log);
    }
  });

  it('stops a whole process group, including a member that ignores SIGTERM, and waits for it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hearthline-cleanup-test-'));
    mkdirSync(path.join(dir, 'Cache'));
    const stubborn = writer(dir, { ignoreTerm: true });
    await started(stubborn);
    assert.ok(stubborn.pid && groupAlive(stubborn.pid));
    const gone = await stopProcessGroup(stubborn.pid!, { graceMs: 300, killWaitMs: 3_000 });
    assert.equal(gone, true);
    assert.equal(groupAlive(stubborn.pid!), false);
    assert.equal(await removeDirQuietly(dir, log), true);
    assert.equal(existsSync(dir), false);
  });
});
