// The static server faces anything that can reach loopback (other local users, web pages trying DNS
// rebinding), so every request must get an answer and none may read outside the renderer folder.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { mulberry32 } from '../../common/seededRandom';
import { createStaticHandler } from './staticServer';

let server: Server;
let port: number;
let dir: string;
const SECRET = 'outside-the-root-secret';

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'static-test-'));
  const root = path.join(dir, 'renderer');
  mkdirSync(root);
  writeFileSync(path.join(dir, 'secret.txt'), SECRET);
  writeFileSync(path.join(root, 'ui.html'), '<html><!--preload--><body>ui page</body></html>');
  writeFileSync(path.join(root, 'app.js'), 'console.log("asset")');
  server = createServer(createStaticHandler({ rootDir: root, csp: (page) => `default-src 'self'; page=${page}`, port: () => port }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
after(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A raw GET (no URL normalisation by the client), with the Host header a browser would send unless overridden. */
function get(rawPath: string, host = `127.0.0.1:${port}`): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: rawPath, method: 'GET', headers: { Host: host } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.setTimeout(5_000, () => req.destroy(new Error(`no answer to ${rawPath}`)));
    req.on('error', reject);
    req.end();
  });
}

describe('headless static server', () => {
  it('answers a malformed percent escape with 400 and keeps serving', async () => {
    const bad = await get('/%E0%A4%A');
    assert.equal(bad.status, 400);
    const page = await get('/ui.html');
    assert.equal(page.status, 200);
    assert.match(page.body, /ui page/);
    assert.match(page.body, /bridge-ui\.js/);
  });

  it('never serves a file outside its folder, however the path is spelt', async () => {
    for (const attempt of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%2fsecret.txt', '/..%5csecret.txt', '/%00/../secret.txt', '//secret.txt']) {
      const res = await get(attempt);
      assert.notEqual(res.status, 200, attempt);
      assert.doesNotMatch(res.body, new RegExp(SECRET), attempt);
    }
  });

  it('refuses a request whose Host is not this loopback port (DNS rebinding)', async () => {
    assert.equal((await get('/ui.html', `evil.example:${port}`)).status, 421);
    assert.equal((await get('/ui.html', '127.0.0.1:1')).status, 421);
    assert.equal((await get('/ui.html', `localhost:${port}`)).status, 200);
  });

  it('gives every one of many random paths a well-formed answer (bounded fuzz)', async () => {
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
    const random = mulberry32(seed);
    const alphabet = ['/', '.', '..', '%', '%2e', '%2f', '%5c', '%00', '%E0', '%A4', '%ff', '%', 'ui.html', 'app.js', '\\', '?', '#', 'a', 'é', '%C0%AE', '~'];
    for (let i = 0; i < 300; i++) {
      let candidate = '/';
      const parts = 1 + Math.floor(random() * 8);
      for (let p = 0; p < parts; p++) candidate += alphabet[Math.floor(random() * alphabet.length)];
      // Raw bytes a client may put on the wire: keep them to what Node's client will send.
      const onWire = encodeURI(candidate).replace(/%25/g, '%');
      const res = await get(onWire);
      assert.ok([200, 400, 403, 404].includes(res.status), `seed ${seed}: ${onWire} -> ${res.status}`);
      assert.doesNotMatch(res.body, new RegExp(SECRET), `seed ${seed}: ${onWire}`);
    }
    assert.equal((await get('/app.js')).status, 200, `seed ${seed}: still serving after the fuzz`);
  });
});
