// The knowledge base syncs from the real reference gateway (gateway/cli.ts as its own process) into the
// index attached to a real encrypted store: first-run seed, paged first sync, incremental changes with a
// withdrawn article, a junk page that must change nothing, and an unreachable gateway.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { loadDriver } from '../store/driver';
import { openEncryptedStore } from '../store/store';
import { silentLogger } from '../log/logger';
import { GatewayClient } from '../gateway/gatewayClient';
import { GATEWAY_TOKEN, testGateway, type TestGateway } from '../gateway/testSupport';
import { tempStore } from '../store/testSupport';
import { systemScheduler } from '../time/scheduler';
import { demoArticles } from './kb/demoKb';
import { HttpKnowledgeSource, KnowledgeSync, type KnowledgeSource } from './knowledgeSync';
import { KNOWLEDGE_DB_FILE, openKnowledgeIndex } from './module';

/** What the CRM's knowledge system does to the gateway's feed: publish a change (or, buggy, junk). */
function publish(gateway: TestGateway, id: string, body: unknown): void {
  const db = new (loadDriver())(gateway.dbFile);
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare('INSERT INTO kb_changes (id, seq, body) VALUES (?, (SELECT max(seq) + 1 FROM kb_changes), ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, body = excluded.body').run(
      id,
      JSON.stringify(body),
    );
  } finally {
    db.close();
  }
}

function capturingLogger(): { log: pino.Logger; lines: () => string } {
  const out: string[] = [];
  return { log: pino({ level: 'info' }, { write: (line: string) => out.push(line) }), lines: () => out.join('') };
}

/** The HTTP source, counting the pages it fetched. */
function countingSource(gateway: TestGateway, pageSize: number): KnowledgeSource & { pages: number } {
  const http = new HttpKnowledgeSource(new GatewayClient({ baseUrl: gateway.url, token: GATEWAY_TOKEN }), pageSize);
  const source = {
    pages: 0,
    fetchPage: (since: string | undefined, signal: AbortSignal) => {
      source.pages += 1;
      return http.fetchPage(since, signal);
    },
  };
  return source;
}

describe('knowledge sync from the reference gateway', () => {
  let gateway: TestGateway;
  const store = tempStore();
  const logs = capturingLogger();
  const opened = openKnowledgeIndex(store, silentLogger());
  const index = opened.index;
  let source: ReturnType<typeof countingSource>;
  let sync: KnowledgeSync;

  before(async () => {
    gateway = await testGateway();
    source = countingSource(gateway, 10);
    sync = new KnowledgeSync({ source, index, log: logs.log, scheduler: systemScheduler });
  });
  after(async () => {
    sync.dispose();
    if (store.db.open) {
      opened.close();
      store.close();
    }
    await gateway?.close();
  });

  it('uses the shipped articles until the first sync, then takes the gateway’s, page by page, into an encrypted file', async () => {
    index.replaceAll([{ id: 'seed-only', lang: 'en', title: 'Seed article', url: 'https://kb.example.com/seed', body: 'An article only the shipped seed has: gazebo.', tags: '' }]);
    assert.equal(sync.status().state, 'seed');
    assert.equal(index.search('gazebo').length, 1);

    const status = await sync.syncNow();
    assert.equal(status.state, 'synced');
    assert.equal(status.articles, demoArticles().length, 'every gateway article');
    assert.ok(source.pages >= Math.ceil(demoArticles().length / 10), `fetched ${source.pages} pages of 10`);
    assert.equal(index.search('gazebo').length, 0, 'the seed is gone after the first sync');
    assert.ok(index.search('refund broken chair').some((hit) => hit.articleId === 'returns-refunds'));
    assert.equal(index.search('我想退货')[0]?.lang, 'zh');
    assert.ok(index.syncState().cursor, 'cursor kept');

    const header = readFileSync(path.join(store.dir, KNOWLEDGE_DB_FILE)).subarray(0, 16).toString('latin1');
    assert.notEqual(header, 'SQLite format 3\u0000', 'the knowledge file is encrypted like the store');
  });

  it('applies only what changed since the cursor: a new version, a withdrawn article; votes stay', async () => {
    assert.ok(index.recordFeedback('returns-refunds', true, 'call-1'));
    const cursor = index.syncState().cursor;
    const pagesBefore = source.pages;
    const original = demoArticles().find((article) => article.id === 'returns-refunds')!;
    publish(gateway, 'returns-refunds', { ...original, body: `${original.body} Trampolines are collected by courier.`, updatedAt: new Date().toISOString() });
    publish(gateway, 'roaming', { id: 'roaming', deleted: true, updatedAt: new Date().toISOString() });

    const status = await sync.syncNow();
    assert.equal(status.state, 'synced');
    assert.equal(source.pages - pagesBefore, 1, 'one page for two changes');
    assert.notEqual(index.syncState().cursor, cursor);
    assert.equal(index.search('trampolines')[0]?.articleId, 'returns-refunds', 'the new version is searchable');
    assert.equal(index.search('roaming abroad').some((hit) => hit.articleId === 'roaming'), false, 'the withdrawn article is gone');
    assert.equal(status.articles, demoArticles().length - 1);
    assert.equal(index.search('refund', { callId: 'call-1' })[0]?.feedback, 'helpful', 'the agent’s vote survived the update');
  });

  it('rejects a junk page whole: clear error logged and shown, index and cursor untouched, then recovers', async () => {
    const before = { count: index.count(), cursor: index.syncState().cursor, hits: index.search('refund broken chair').map((hit) => hit.articleId) };
    publish(gateway, 'junk-1', { id: 'junk-1', title: '', lang: 'english please', updatedAt: 'yesterday' });

    const status = await sync.syncNow();
    assert.equal(status.state, 'rejected');
    assert.match(status.message ?? '', /knowledge\/articles: changes\.0/);
    assert.match(logs.lines(), /break the contract; rejected them, the knowledge index is unchanged/);
    assert.deepEqual({ count: index.count(), cursor: index.syncState().cursor, hits: index.search('refund broken chair').map((hit) => hit.articleId) }, before);

    publish(gateway, 'junk-1', { id: 'junk-1', lang: 'en', title: 'Gift wrapping', url: 'https://kb.example.com/gift-wrap', body: 'Gift wrapping costs 3 pounds.', tags: '', updatedAt: new Date().toISOString() });
    assert.equal((await sync.syncNow()).state, 'synced');
    assert.equal(index.search('gift wrapping')[0]?.articleId, 'junk-1');
  });

  it('keeps the last index when the gateway is unreachable, and after a restart it has it without syncing', async () => {
    const count = index.count();
    await gateway.close();
    const status = await sync.syncNow();
    assert.equal(status.state, 'offline');
    assert.equal(index.count(), count);
    assert.equal(index.search('gift wrapping')[0]?.articleId, 'junk-1');

    // Restart: the same store file and key, no gateway configured. The synced index is there, not the seed.
    sync.dispose();
    opened.close();
    store.close();
    const reopened = openEncryptedStore({ file: path.join(store.dir, 'hearthline.db'), key: store.key, log: silentLogger() });
    const again = openKnowledgeIndex(reopened, silentLogger());
    try {
      assert.equal(again.index.count(), count);
      assert.equal(again.index.search('gift wrapping')[0]?.articleId, 'junk-1');
      assert.equal(new KnowledgeSync({ source: undefined, index: again.index, log: silentLogger(), scheduler: systemScheduler }).status().state, 'synced');
    } finally {
      again.close();
      reopened.close();
    }
  });
});
