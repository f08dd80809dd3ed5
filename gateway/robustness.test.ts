// The reference gateway under hostile input: an oversized authenticated body, malformed percent-escapes,
// and a bounded, seeded fuzz of every route. Every request must get a 2xx/4xx answer and the server must
// stay up (its health check still answers afterwards).
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { mulberry32 } from './demoData';
import { startGateway, type RunningGateway } from './server';

const TOKEN = 'test-token-0123456789';

interface RawAnswer {
  status: number;
  body: string;
}

/** One request over a fresh connection; a dropped connection resolves as status 0, never as a throw. */
function raw(url: string, method: string, target: string, headers: Record<string, string>, body?: Buffer): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const { hostname, port } = new URL(url);
    const req = request({ hostname, port, method, path: target, headers: { connection: 'close', ...headers }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, body: '' }));
    });
    req.on('error', () => resolve({ status: 0, body: '' }));
    if (body) req.end(body);
    else req.end();
  });
}

describe('reference gateway robustness', { timeout: 60_000 }, () => {
  let gateway: RunningGateway;
  const failures: unknown[] = [];
  const healthy = async () => (await raw(gateway.url, 'GET', '/healthz', {})).status === 200;

  before(async () => {
    gateway = await startGateway({
      dbFile: path.join(mkdtempSync(path.join(tmpdir(), 'hl-gw-')), 'gw.db'),
      token: TOKEN,
      onError: (error) => failures.push(error),
    });
  });
  after(() => gateway.close());

  it('answers an authenticated body over 256 KB with 413 and stays up', async () => {
    const body = Buffer.alloc(300 * 1024, 'a');
    const answer = await raw(
      gateway.url,
      'POST',
      '/v1/notes',
      { authorization: `Bearer ${TOKEN}`, 'idempotency-key': 'oversized-0001', 'content-type': 'application/json', 'content-length': String(body.length) },
      body,
    );
    assert.equal(answer.status, 413);
    assert.equal((JSON.parse(answer.body) as { error: { code: string } }).error.code, 'invalid_request');
    assert.ok(await healthy(), 'the gateway is still up');
  });

  it('answers malformed percent-escapes in a path with 400, not 500', async () => {
    for (const target of ['/v1/customers/by-phone/%E0%A4%A', '/v1/customers/%/timeline', '/v1/customers/%ZZ/cases']) {
      const answer = await raw(gateway.url, 'GET', target, { authorization: `Bearer ${TOKEN}` });
      assert.equal(answer.status, 400, target);
    }
    assert.deepEqual(failures, []);
  });

  it('fuzz: 400 seeded random requests over every route get a 2xx/4xx answer and the server stays up', async () => {
    const random = mulberry32(16);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const routes = [
      ['GET', '/v1/dispositions'],
      ['POST', '/v1/notes'],
      ['GET', '/v1/notes'],
      ['POST', '/v1/callbacks'],
      ['GET', '/v1/callbacks'],
      ['GET', '/v1/customers/by-phone/'],
      ['GET', '/v1/customers'],
      ['GET', '/v1/customers/c-1/timeline'],
      ['GET', '/v1/customers/c-1/cases'],
      ['POST', '/v1/contacts'],
      ['POST', '/v1/call-links'],
      ['POST', '/v1/follow-ups'],
      ['POST', '/v1/readiness-reports'],
      ['GET', '/v1/readiness-reports'],
      ['GET', '/v1/knowledge/articles'],
      ['GET', '/healthz'],
    ] as const;
    const noise = (max: number): string => {
      const alphabet = 'ab%/?&=#;:.-_~09AZzé中\u0000\u00ff{}[]",\\ ';
      return Array.from({ length: Math.floor(random() * max) }, () => pick([...alphabet])).join('');
    };
    const bodies = [
      () => '',
      () => noise(64),
      () => '{',
      () => 'null',
      () => '[]',
      () => JSON.stringify({ id: noise(10), notes: noise(40), tags: [noise(5)], disposition: noise(3) }),
      () => JSON.stringify({ id: 1, callId: null, customerNumber: [], createdAt: 'never' }),
      () => `{"a":${'['.repeat(200)}`,
    ];
    const queries = () => pick(['', '?limit=abc', '?limit=-1', '?since=99999999999999999', `?q=${noise(8)}`, `?customer=${noise(6)}`, `?after=${noise(4)}`, '?%=%', '?limit=1e309']);
    const methods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];
    const statuses = new Map<number, number>();
    for (let i = 0; i < 400; i += 1) {
      const [routeMethod, routePath] = pick(routes);
      const method = random() < 0.8 ? routeMethod : pick(methods);
      // Escape the noise only sometimes, so raw '%' and broken escapes reach the router too.
      const tail = random() < 0.5 ? encodeURIComponent(noise(12)) : noise(12).replace(/[^\x21-\x7e]/g, '%E0');
      const target = (routePath.endsWith('/') ? routePath + tail : random() < 0.2 ? `${routePath}/${tail}` : routePath) + queries();
      const headers: Record<string, string> = {};
      if (random() < 0.9) headers.authorization = `Bearer ${random() < 0.95 ? TOKEN : noise(20).replace(/[^\x21-\x7e]/g, 'x')}`;
      if (random() < 0.8) headers['idempotency-key'] = random() < 0.7 ? `fuzz-key-${i.toString().padStart(4, '0')}` : noise(10).replace(/[^\x21-\x7e]/g, 'x');
      const body = method === 'GET' ? undefined : Buffer.from(pick(bodies)(), 'utf8');
      const safeTarget = target.replace(/[^\x21-\x7e]/g, '%20');
      const answer = await raw(gateway.url, method, safeTarget, headers, body);
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      assert.ok(answer.status >= 200 && answer.status < 500, `${method} ${safeTarget} → ${answer.status} ${answer.body}`);
    }
    assert.deepEqual(failures, [], 'no request failed inside the gateway');
    assert.ok(await healthy(), 'the gateway is still up');
    assert.ok((statuses.get(200) ?? 0) > 0 && (statuses.get(400) ?? 0) > 0, `a spread of answers: ${JSON.stringify([...statuses])}`);
  });
});
