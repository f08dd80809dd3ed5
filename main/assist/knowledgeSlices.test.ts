// A page of the knowledge change feed is indexed a few articles at a time, with main's event loop turning
// between them, and still written with its cursor in one transaction.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KnowledgeChange } from '../../common/contract/knowledge';
import { silentLogger } from '../log/logger';
import { loadDriver } from '../store/driver';
import { openEncryptedStore } from '../store/store';
import { tempStore } from '../store/testSupport';
import { demoArticles } from './kb/demoKb';
import { INDEX_FORMAT, KnowledgeIndex } from './knowledgeIndex';

const AT = '2026-01-05T09:00:00.000Z';
const page = (): KnowledgeChange[] => demoArticles().map((article) => ({ ...article, updatedAt: AT }) as KnowledgeChange);
const freshIndex = () => new KnowledgeIndex(new (loadDriver())(':memory:'));
const QUERIES = ['I want a refund for my order', 'my parcel has not arrived', '我想退款', '密码忘记了'];

describe('knowledge page applied in slices', () => {
  it('indexes exactly as one synchronous apply does, lets timers run meanwhile, and writes nothing until the whole page is ready', async () => {
    const reference = freshIndex();
    reference.applyChanges(page(), '7', { replace: true });
    const sliced = freshIndex();
    const seenByTimers: number[] = [];
    const watcher = setInterval(() => seenByTimers.push(sliced.count()), 0);
    const applied = await sliced.applyChangesInSlices(page(), '7', { replace: true });
    clearInterval(watcher);
    assert.equal(applied.upserted, page().length);
    assert.ok(seenByTimers.length > 0, 'the event loop turned while the page was being indexed');
    assert.ok(seenByTimers.every((count) => count === 0), 'no article was visible before the whole page was written');
    assert.equal(sliced.count(), reference.count());
    assert.equal(sliced.syncState().cursor, '7');
    assert.ok(QUERIES.every((query) => reference.search(query).length > 0), 'every query finds something, so the comparison means something');
    for (const query of QUERIES) {
      assert.deepEqual(
        sliced.search(query).map((hit) => [hit.articleId, hit.score]),
        reference.search(query).map((hit) => [hit.articleId, hit.score]),
        query,
      );
    }
  });

  it('a page that fails to write changes nothing: no article, and the cursor stays where it was', async () => {
    const db = new (loadDriver())(':memory:');
    const index = new KnowledgeIndex(db);
    const articles = page();
    index.applyChanges(articles.slice(0, 3), '1', { replace: true });
    const last = articles.at(-1)!;
    db.exec(`CREATE TEMP TRIGGER refuse_one BEFORE INSERT ON kb_articles WHEN new.id = '${last.id}' BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    await assert.rejects(index.applyChangesInSlices(articles.slice(3), '2'), /disk full/);
    assert.equal(index.count(), 3);
    assert.equal(index.syncState().cursor, '1');
  });

  it('an index from an earlier version is re-indexed after the start in slices, and a re-index cut short starts again next time', async () => {
    const store = tempStore();
    const file = store.file!;
    const first = new KnowledgeIndex(store.db);
    first.applyChanges(page(), '7', { replace: true });
    const expected = QUERIES.map((query) => first.search(query).map((hit) => hit.articleId));
    store.db.prepare("UPDATE kb_sync SET value = 'an older format' WHERE key = 'indexFormat'").run();
    store.close();

    // Opened by this version: nothing indexed inside the constructor; a slice at a time afterwards.
    const reopened = openEncryptedStore({ file, key: store.key, log: silentLogger() });
    const index = new KnowledgeIndex(reopened.db);
    assert.equal(index.count(), page().length, 'the articles are all still there');
    assert.deepEqual(index.search(QUERIES[0]!), [], 'none is indexed yet when the constructor returns');
    const indexedWhileTimersRan: number[] = [];
    const watcher = setInterval(() => indexedWhileTimersRan.push(reopened.db.prepare('SELECT count(*) FROM kb_fts').pluck().get() as number), 0);
    // Cut short: the app closes after a few slices; the format stays old.
    await new Promise((resolve) => setTimeout(resolve, 0));
    await new Promise((resolve) => setImmediate(resolve));
    clearInterval(watcher);
    reopened.close();
    await index.whenRebuilt();
    assert.ok(indexedWhileTimersRan.length > 0 && indexedWhileTimersRan.every((n) => n < page().length), `timers ran during the re-index (saw ${indexedWhileTimersRan.join(', ')})`);

    const again = openEncryptedStore({ file, key: store.key, log: silentLogger() });
    assert.equal(again.db.prepare("SELECT value FROM kb_sync WHERE key = 'indexFormat'").pluck().get(), 'an older format', 'the cut-short re-index did not claim the new format');
    const rebuilt = new KnowledgeIndex(again.db);
    await rebuilt.whenRebuilt();
    assert.equal(again.db.prepare("SELECT value FROM kb_sync WHERE key = 'indexFormat'").pluck().get(), INDEX_FORMAT);
    assert.equal(again.db.prepare('SELECT count(*) FROM kb_fts').pluck().get(), page().length, 'every article indexed exactly once');
    assert.deepEqual(QUERIES.map((query) => rebuilt.search(query).map((hit) => hit.articleId)), expected, 'found as before the upgrade');
    assert.equal(rebuilt.syncState().cursor, '7', 'the sync cursor survives a re-index');
    again.close();
  });
});
