// kill -9 of the headless host must not leave its engine Chromium running (a phone nobody can hang up)
// or its profile behind: the engine dies with its host, and the next host sweeps the stale profile.
// Real Debian Chromium, a real host process, a real SIGKILL.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, it } from 'node:test';
import { silentLogger } from '../log/logger';
import { ChromiumEngineHost } from './chromiumEngineHost';

const CHROMIUM = process.env.HEARTHLINE_CHROMIUM ?? '/usr/bin/chromium';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
}

/** Processes whose command line mentions the profile folder (the browser and all its helpers). */
function processesUsing(profile: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        return readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(profile) && alive(Number(name));
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function waitFor(condition: () => boolean, ms: number): Promise<boolean> {
  for (const until = Date.now() + ms; Date.now() < until; ) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return condition();
}

describe('engine Chromium and a killed host', { skip: !existsSync(CHROMIUM) && 'no Chromium here', timeout: 90_000 }, () => {
  it('dies with its host (SIGKILL), and the next host removes the dead host’s profile', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hl-orphan-'));
    const script = path.join(dir, 'host.mts');
    writeFileSync(
      script,
      `import { ChromiumEngineHost } from ${JSON.stringify(path.join(__dirname, 'chromiumEngineHost.ts'))};
import { silentLogger } from ${JSON.stringify(path.join(__dirname, '..', 'log', 'logger.ts'))};
const host = new ChromiumEngineHost({ executable: ${JSON.stringify(CHROMIUM)}, url: () => 'about:blank', log: silentLogger() });
await host.launch();
process.stdout.write(JSON.stringify({ pid: host.pid() }) + '\\n');
setInterval(() => undefined, 1000);
`,
    );
    const hostProcess = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'], cwd: path.join(__dirname, '..', '..') });
    const line = await new Promise<string>((resolve) => createInterface({ input: hostProcess.stdout! }).once('line', resolve));
    const { pid } = JSON.parse(line) as { pid: number };
    assert.ok(await waitFor(() => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--user-data-dir='), 10_000));
    const profile = /--user-data-dir=([^\0]+)/.exec(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))![1]!;
    try {
      assert.ok(await waitFor(() => processesUsing(profile).length > 0, 10_000), 'the engine browser runs');
      hostProcess.kill('SIGKILL');
      assert.ok(await waitFor(() => processesUsing(profile).length === 0, 20_000), 'no engine process outlives its host');

      const next = new ChromiumEngineHost({ executable: CHROMIUM, url: () => 'about:blank', log: silentLogger() });
      await next.sweepStaleProfiles();
      assert.equal(existsSync(profile), false, 'the dead host’s profile is removed at the next start');
    } finally {
      for (const leftover of processesUsing(profile)) process.kill(leftover, 'SIGKILL');
    }
  });
});
