import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { GatewayReadinessReport } from '../common/contract/readiness';
import { startGateway, type RunningGateway } from './server';

const TOKEN = 'readiness-test-token-0123';

function report(overrides: Partial<GatewayReadinessReport> = {}): GatewayReadinessReport {
  return {
    id: randomUUID(),
    agent: 'sip:1001@hearthline.test',
    startedAt: '2026-01-05T09:00:00.000Z',
    finishedAt: '2026-01-05T09:00:09.000Z',
    durationMs: 9000,
    verdict: 'amber',
    items: [
      { id: 'network', grade: 'green', figures: { rttMs: 3, jitterMs: 1, lossPercent: 0, mos: 4.4 }, codec: 'audio/opus' },
      { id: 'headset', grade: 'amber', hint: 'headsetNotConnected', figures: {} },
    ],
    platform: 'linux-x64',
    appVersion: '0.1.0',
    ...overrides,
  };
}

describe('reference gateway: readiness reports', () => {
  let gateway: RunningGateway;
  const post = (body: unknown, key: string) =>
    fetch(`${gateway.url}/v1/readiness-reports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(body),
    });
  const list = async (query = '') =>
    ((await (await fetch(`${gateway.url}/v1/readiness-reports${query}`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as { reports: GatewayReadinessReport[] }).reports;

  before(async () => {
    gateway = await startGateway({ dbFile: path.join(mkdtempSync(path.join(tmpdir(), 'hl-gw-')), 'gw.db'), token: TOKEN });
  });
  after(() => gateway.close());

  it('stores a report once per Idempotency-Key and lists it for IT, newest first', async () => {
    const first = report();
    const key = randomUUID();
    assert.equal((await post(first, key)).status, 201);
    const replay = await post(first, key);
    assert.equal(replay.status, 201);
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    const second = report({ agent: 'sip:1003@hearthline.test', verdict: 'red' });
    assert.equal((await post(second, randomUUID())).status, 201);
    assert.deepEqual((await list()).map((r) => r.id), [second.id, first.id]);
    const mine = await list(`?agent=${encodeURIComponent('sip:1001@hearthline.test')}`);
    assert.equal(mine.length, 1);
    assert.equal(mine[0]?.items[0]?.figures.rttMs, 3);
  });

  it('refuses a report that breaks the schema, naming the field', async () => {
    const response = await post({ ...report(), verdict: 'purple' }, randomUUID());
    assert.equal(response.status, 422);
    const body = (await response.json()) as { error: { issues: string[] } };
    assert.ok(body.error.issues.some((issue) => issue.startsWith('verdict')));
  });
});
