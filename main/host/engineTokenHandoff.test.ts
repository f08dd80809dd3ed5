// The engine's bridge token must reach the engine page without ever sitting on a command line, where
// every local user can read it (ps, /proc/<pid>/cmdline). Runs the real Debian Chromium.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { silentLogger } from '../log/logger';
import { ChromiumEngineHost } from './chromiumEngineHost';

const CHROMIUM = process.env.HEARTHLINE_CHROMIUM ?? '/usr/lib/chromium/chromium';
const TOKEN = 'engine-secret-0123456789abcdef0123456789abcdef';
// What the bridge script does: read the token it was handed and use it (here: report it back).
const PAGE = `<!doctype html><script>
const token = sessionStorage.getItem('hearthline.bridgeToken') ?? new URLSearchParams(location.hash.slice(1)).get('token');
fetch('/got?token=' + encodeURIComponent(token ?? ''));
</script>`;

let server: Server;
let origin: string;
let received: (token: string) => void;
const receivedToken = new Promise<string>((resolve) => (received = resolve));

before(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/got') received(url.searchParams.get('token') ?? '');
    res.writeHead(200, { 'Content-Type': 'text/html' }).end(PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

/** Every process in the tree under `pid` (Chromium forks zygotes, renderers, utilities). */
function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const ppid = Number(/^\d+ \(.*\) \S (\d+)/s.exec(readFileSync(`/proc/${entry}/stat`, 'utf8'))?.[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const all = [pid];
  for (let i = 0; i < all.length; i++) all.push(...(children.get(all[i]!) ?? []));
  return all;
}

describe('Chromium engine host', { skip: !existsSync(CHROMIUM) && 'no Chromium here' }, () => {
  it('hands the engine page its token without putting it on any command line', async () => {
    const host = new ChromiumEngineHost({ executable: CHROMIUM, url: () => `${origin}/engine.html`, bridgeToken: () => TOKEN, log: silentLogger() });
    await host.launch();
    try {
      assert.equal(await receivedToken, TOKEN, 'the page got the token');
      const pid = host.pid();
      assert.ok(pid);
      for (const process of processTree(pid)) {
        let cmdline = '';
        try {
          cmdline = readFileSync(`/proc/${process}/cmdline`, 'utf8');
        } catch {
          continue;
        }
        assert.doesNotMatch(cmdline, new RegExp(TOKEN), `process ${process} shows the token`);
      }
    } finally {
      await host.dispose();
    }
  });
});
