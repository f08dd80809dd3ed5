// The pocketsphinx helper is a program we run: it must come from our own build in a folder only we can
// write, never from the working directory, and a binary someone else could have replaced is not run.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ensurePsstream, psstreamCacheDir } from './psstreamBuild';

describe('pocketsphinx helper build', () => {
  it('builds into a per-user cache folder, not the working directory', () => {
    const dir = psstreamCacheDir({ XDG_CACHE_HOME: '/home/agent/.cache' });
    assert.equal(dir, '/home/agent/.cache/hearthline/psstream');
    assert.ok(!psstreamCacheDir({}).startsWith(process.cwd()), 'not under the working directory');
  });

  it('never runs an existing helper that others could have written; rebuilds it owner-only in a 0700 folder', async () => {
    const cacheDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'hl-psstream-')), 'psstream');
    const first = await ensurePsstream(cacheDir).catch((error: Error) => error);
    if (first instanceof Error) return assert.match(first.message, /pocketsphinx|compile/); // no toolchain here: nothing ran
    assert.equal(statSync(cacheDir).mode & 0o777, 0o700);
    // Someone with group/world write access swaps in their own program.
    writeFileSync(first, '#!/bin/sh\necho planted\n');
    chmodSync(first, 0o777);
    const second = await ensurePsstream(cacheDir);
    assert.doesNotMatch(readFileSync(second, 'latin1'), /planted/);
    assert.equal(statSync(second).mode & 0o022, 0, 'not group/world-writable');
  });

  it('refuses a cache folder others can write to', async () => {
    const cacheDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'hl-psstream-')), 'shared');
    mkdirSync(cacheDir, { mode: 0o777 });
    chmodSync(cacheDir, 0o777);
    const result = await ensurePsstream(cacheDir).catch((error: Error) => error);
    if (result instanceof Error) return assert.match(result.message, /writable by others|pocketsphinx/);
    assert.equal(statSync(cacheDir).mode & 0o777, 0o700, 'tightened before use');
  });
});
