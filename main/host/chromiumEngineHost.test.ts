// Stopping the engine browser must not race its helpers: a stand-in "Chromium" (a Node script) forks
// a helper that keeps writing to the profile for a while after the browser itself has exited, as
// Chromium's children do. dispose() must wait for them, remove the profile and never throw.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { silentLogger } from '../log/logger';
import { ChromiumEngineHost } from './chromiumEngineHost';
import { groupAlive } from './processCleanup';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fake browser: forks a helper that writes into --user-data-dir and outlives the browser by ~600 ms on SIGTERM. */
function fakeChromium(dir: string): string {
  const helper = `
    const fs = require('node:fs'), path = require('node:path');
    const profile = process.argv[1];
    let n = 0, stopAt = Infinity;
    process.on('SIGTERM', () => { stopAt = Date.now() + 600; });
    setInterval(() => {
      if (Date.now() > stopAt) process.exit(0);
      for (let i = 0; i < 20; i += 1) {
        try {
          const sub = path.join(profile, 'Default', 'Cache', String(n % 5));
          fs.mkdirSync(sub, { recursive: true });
          fs.writeFileSync(path.join(sub, 'data_' + n++), 'x'.repeat(256));
        } catch {}
      }
    }, 1);`;
  const browser = `#!${process.execPath}
    const { spawn } = require('node:child_process');
    const profile = process.argv.find((arg) => arg.startsWith('--user-data-dir=')).slice('--user-data-dir='.length);
    spawn(process.execPath, ['-e', ${JSON.stringify(helper)}, profile], { stdio: 'ignore' });
    process.on('SIGTERM', () => process.exit(0));
    setInterval(() => {}, 1000);`;
  const file = path.join(dir, 'fake-chromium');
  writeFileSync(file, browser);
  chmodSync(file, 0o755);
  return file;
}

describe('ChromiumEngineHost stop', () => {
  it('waits for the browser and its helpers, removes the profile, and never throws (5 launches and stops)', async () => {
    const fakeDir = mkdtempSync(path.join(os.tmpdir(), 'hl-fake-chromium-'));
    const executable = fakeChromium(fakeDir);
    // A temp folder of its own: other programs' hearthline-engine-* folders must not count.
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'hl-engine-host-test-'));
    const savedTmp = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    const engineProfiles = () => readdirSync(tmp).filter((name) => name.startsWith('hearthline-engine-'));
    const groups: number[] = [];
    try {
      for (let round = 1; round <= 5; round += 1) {
        const host = new ChromiumEngineHost({ executable, url: () => 'http://127.0.0.1:9/engine.html', log: silentLogger(), onLaunched: ({ pid }) => pid && groups.push(pid) });
        await host.launch();
        await sleep(300); // the helper is writing by now
        const profiles = engineProfiles();
        assert.equal(profiles.length, 1, `round ${round}: one profile while running`);
        await host.dispose();
        assert.equal(existsSync(path.join(tmp, profiles[0]!)), false, `round ${round}: the profile is removed`);
        assert.ok(!groupAlive(groups.at(-1)!), `round ${round}: no helper of the browser is left`);
      }
      assert.deepEqual(engineProfiles(), [], 'no hearthline-engine-* folder is left');
    } finally {
      process.env.TMPDIR = savedTmp;
      if (savedTmp === undefined) delete process.env.TMPDIR;
      for (const group of groups) if (groupAlive(group)) process.kill(-group, 'SIGKILL');
      rmSync(tmp, { recursive: true, force: true, maxRetries: 5 });
      rmSync(fakeDir, { recursive: true, force: true });
    }
  });
});
