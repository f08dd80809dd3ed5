// Hosts in different PID namespaces (containers, parallel e2e runs) share /tmp: a host must never remove
// the engine profile of a live host it cannot see, and must still remove the profile of a dead one.
// A real host process in a real second PID namespace (unshare), whose pid means nothing in ours.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, it } from 'node:test';
import { sweepStaleProfiles } from './engineWatchdog';

const canUnshare = spawnSync('unshare', ['--pid', '--fork', '--mount-proc', 'true']).status === 0;

/** A pid no process has in this namespace, so a pid-based sweep here would take its owner for dead. */
function pidFreeHere(): number {
  for (let pid = 20_000 + Math.floor(Math.random() * 5_000); ; pid += 1) if (!existsSync(`/proc/${pid}`)) return pid;
}

async function waitFor(condition: () => Promise<boolean>, ms: number): Promise<boolean> {
  for (const until = Date.now() + ms; Date.now() < until; ) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return condition();
}

describe('engine profiles across PID namespaces', { skip: !canUnshare && 'cannot make a PID namespace here', timeout: 60_000 }, () => {
  it('keeps the profile of a live host in another PID namespace and removes it once that host is dead', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hl-profile-ns-'));
    const fakeChromium = path.join(dir, 'fake-chromium');
    writeFileSync(fakeChromium, '#!/bin/sh\nexec sleep 600\n');
    chmodSync(fakeChromium, 0o755);
    const script = path.join(dir, 'host.mts');
    writeFileSync(
      script,
      `import { ChromiumEngineHost } from ${JSON.stringify(path.join(__dirname, 'chromiumEngineHost.ts'))};
import { silentLogger } from ${JSON.stringify(path.join(__dirname, '..', 'log', 'logger.ts'))};
const host = new ChromiumEngineHost({ executable: ${JSON.stringify(fakeChromium)}, url: () => 'about:blank', log: silentLogger() });
await host.launch();
process.stdout.write(JSON.stringify({ pid: process.pid }) + '\\n');
setInterval(() => undefined, 1000);
`,
    );
    const profilesDir = path.join(dir, 'tmp');
    mkdirSync(profilesDir);
    const namespacePid = pidFreeHere();
    // The namespace's first process (sh) is its init; the host it starts gets the chosen pid.
    const inner = `echo ${namespacePid - 1} > /proc/sys/kernel/ns_last_pid && ${JSON.stringify(process.execPath)} --import tsx ${JSON.stringify(script)}`;
    const namespace = spawn('unshare', ['--pid', '--fork', '--mount-proc', '--kill-child', 'sh', '-c', inner], {
      stdio: ['ignore', 'pipe', 'inherit'],
      cwd: path.join(__dirname, '..', '..'),
      env: { ...process.env, TMPDIR: profilesDir },
    });
    try {
      const line = await new Promise<string>((resolve) => createInterface({ input: namespace.stdout! }).once('line', resolve));
      assert.equal((JSON.parse(line) as { pid: number }).pid, namespacePid, 'the other host’s pid is one nobody has here');
      const profiles = readdirSync(profilesDir).filter((name) => name.startsWith('hearthline-engine-'));
      assert.equal(profiles.length, 1, 'the other host made its engine profile');
      const profile = path.join(profilesDir, profiles[0]!);

      await sweepStaleProfiles(profilesDir);
      assert.ok(existsSync(profile), 'a live host’s profile survives a sweep from another PID namespace');

      namespace.kill('SIGKILL'); // --kill-child: the namespace's init, and with it the host, dies too
      const removed = await waitFor(async () => {
        await sweepStaleProfiles(profilesDir);
        return !existsSync(profile);
      }, 15_000);
      assert.ok(removed, 'a dead host’s profile is removed even though its pid meant nothing here');
    } finally {
      namespace.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

