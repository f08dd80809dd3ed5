// The headless host starts the engine's browser before it can serve the engine page (warmUp), so the
// browser's cold start overlaps main's own start. The first launch must then open the page in THAT
// browser (not start a second one), a warm browser that dies before launch must be replaced without
// anyone being told an engine was lost, and a host stopped during the warm-up must leave nothing behind.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { silentLogger } from '../log/logger';
import { ChromiumEngineHost } from './chromiumEngineHost';
import { groupAlive } from './processCleanup';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually(check: () => boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (check()) return;
    await sleep(50);
  }
  assert.fail(what);
}

let dir: string;
let tmp: string;
let savedTmp: string | undefined;
let executable: string;
const cdpLog = () => (existsSync(path.join(dir, 'cdp.log')) ? readFileSync(path.join(dir, 'cdp.log'), 'utf8') : '');
const profiles = () => readdirSync(tmp).filter((name) => name.startsWith('hearthline-engine-'));

before(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'hl-warm-'));
  // Engine profiles go to a temp folder of their own: other programs' hearthline-engine-* folders must not count.
  tmp = mkdtempSync(path.join(os.tmpdir(), 'hl-warm-tmp-'));
  savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = tmp;
  // A stand-in browser: logs each DevTools message arriving on its pipe (fd 3) to cdp.log with its pid, and answers it (fd 4).
  executable = path.join(dir, 'fake-chromium');
  writeFileSync(
    executable,
    `#!${process.execPath}
    const fs = require('node:fs');
    const log = ${JSON.stringify(path.join(dir, 'cdp.log'))};
    const reply = fs.createWriteStream('', { fd: 4 });
    fs.createReadStream('', { fd: 3 }).on('data', (chunk) => {
      for (const frame of chunk.toString().split('\\0').filter(Boolean)) {
        fs.appendFileSync(log, process.pid + ' ' + frame + '\\n');
        reply.write(JSON.stringify({ id: JSON.parse(frame).id, result: { targetId: 'target', sessionId: 'session' } }) + '\\0');
      }
    });
    process.on('SIGTERM', () => process.exit(0));
    setInterval(() => {}, 1000);`,
  );
  chmodSync(executable, 0o755);
});
after(() => {
  process.env.TMPDIR = savedTmp;
  if (savedTmp === undefined) delete process.env.TMPDIR;
  rmSync(dir, { recursive: true, force: true });
  rmSync(tmp, { recursive: true, force: true, maxRetries: 5 });
});

function newHost(events: { spawned: number[]; gone: string[]; steps: string[] }): ChromiumEngineHost {
  const host = new ChromiumEngineHost({
    executable,
    url: () => 'http://127.0.0.1:9/engine.html',
    bridgeToken: () => 'engine-token',
    log: silentLogger(),
    onLaunched: ({ pid }) => pid && events.spawned.push(pid),
    onStep: (step) => events.steps.push(step),
  });
  host.onGone((reason) => events.gone.push(reason));
  return host;
}

describe('engine browser warm-up', () => {
  it('opens the engine page in the browser started early, without starting a second one', async () => {
    rmSync(path.join(dir, 'cdp.log'), { force: true });
    const events = { spawned: [] as number[], gone: [] as string[], steps: [] as string[] };
    const host = newHost(events);
    try {
      await host.warmUp();
      const warmPid = host.pid();
      assert.ok(warmPid, 'the browser runs before launch');
      await sleep(200);
      assert.equal(cdpLog(), '', 'no page is opened before launch: the host does not serve it yet');
      await host.launch();
      assert.equal(host.pid(), warmPid, 'launch kept the warm browser');
      await eventually(() => cdpLog().includes('Page.navigate'), 'the page was opened over the warm browser’s pipe');
      assert.match(cdpLog(), new RegExp(`^${warmPid} `), 'by the warm browser');
      assert.match(cdpLog(), /http:\/\/127\.0\.0\.1:9\/engine\.html/);
      assert.deepEqual(events.spawned, [warmPid], 'one browser was started');
      assert.deepEqual(events.steps, ['engineSpawned', 'engineLaunchRequested', 'enginePageOpened']);
      assert.deepEqual(events.gone, []);
    } finally {
      await host.dispose();
    }
    assert.deepEqual(profiles(), [], 'its profile is removed on dispose');
  });

  it('replaces a warm browser that died before launch, without reporting an engine lost', async () => {
    const events = { spawned: [] as number[], gone: [] as string[], steps: [] as string[] };
    const host = newHost(events);
    try {
      await host.warmUp();
      const warmPid = host.pid()!;
      process.kill(-warmPid, 'SIGKILL');
      await eventually(() => host.pid() === undefined, 'the host saw the warm browser exit');
      assert.deepEqual(events.gone, [], 'nobody was told an engine is gone: none was up yet');
      await host.launch();
      const pid = host.pid();
      assert.ok(pid && pid !== warmPid, 'launch started a new browser');
      assert.equal(profiles().length, 1, 'the dead browser’s profile was removed');
      assert.deepEqual(events.gone, []);
    } finally {
      await host.dispose();
    }
  });

  it('leaves no browser and no profile when stopped during the warm-up', async () => {
    const events = { spawned: [] as number[], gone: [] as string[], steps: [] as string[] };
    const host = newHost(events);
    void host.warmUp();
    await host.dispose();
    await sleep(100);
    for (const pid of events.spawned) assert.ok(!groupAlive(pid), 'no browser is left running');
    assert.equal(host.pid(), undefined);
    assert.deepEqual(profiles(), []);
  });
});
