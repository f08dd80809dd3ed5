import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { silentLogger } from '../log/logger';
import { openEncryptedStore } from '../store/store';
import { tempStore } from '../store/testSupport';
import { CACHE_SLICE, ContextCacheRepository } from './contextCache';
import { sampleCustomer } from './sampleCustomers';

const customer = sampleCustomer;
const customers = (from: number, count: number) => Array.from({ length: count }, (_, k) => customer(from + k));
const T0 = Date.UTC(2026, 0, 5);

describe('customer-context cache: bulk paths in slices', () => {
  it('a bulk fill is written in slices, in order, each slice whole and findable between slices', async () => {
    const store = tempStore();
    const cache = new ContextCacheRepository(store.db);
    const between: Array<{ count: number; lastFound: boolean; nextFound: boolean }> = [];
    const total = CACHE_SLICE * 2 + 37;
    const progress = await cache.putInSlices(customers(0, total), T0, {
      pause: async () => {
        const count = cache.count();
        between.push({ count, lastFound: cache.byPhone(customer(count - 1).customer.phones[0]!.number).length === 1, nextFound: cache.get(`c${count}`) !== undefined });
      },
    });
    assert.deepEqual(progress, { done: total, complete: true });
    assert.deepEqual(between, [
      { count: CACHE_SLICE, lastFound: true, nextFound: false },
      { count: CACHE_SLICE * 2, lastFound: true, nextFound: false },
    ]);
    assert.equal(cache.count(), total);
    assert.equal(cache.search(`customer${total - 1}`)[0]?.customer.id, `c${total - 1}`, 'the last slice is searchable too');
    store.close();
  });

  it('a fill cut short (the app closed mid-fill) keeps whole customers; after a restart, the same fill completes it without duplicates', async () => {
    const store = tempStore();
    const records = customers(0, CACHE_SLICE + 10);
    const cut = await new ContextCacheRepository(store.db).putInSlices(records, T0, { pause: async () => store.close() });
    assert.deepEqual(cut, { done: CACHE_SLICE, complete: false });
    const reopened = openEncryptedStore({ file: store.file!, key: store.key, log: silentLogger() });
    const cache = new ContextCacheRepository(reopened.db);
    assert.equal(cache.count(), CACHE_SLICE, 'the first slice was committed whole');
    await cache.putInSlices(records, T0 + 1);
    assert.equal(cache.count(), CACHE_SLICE + 10);
    assert.equal(reopened.db.prepare('SELECT count(*) FROM context_phones').pluck().get(), CACHE_SLICE + 10);
    assert.equal(cache.get('c5')?.fetchedAt, T0 + 1);
    reopened.close();
  });

  it('the retention purge deletes oldest first in slices; a customer refreshed meanwhile stays; the rest stays intact', async () => {
    const store = tempStore();
    const cache = new ContextCacheRepository(store.db);
    // Oldest first: c0 … c(2·SLICE+4) fetched one ms apart, then 5 fresh ones.
    const expired = customers(0, CACHE_SLICE * 2 + 5);
    expired.forEach((record, i) => cache.put([record], T0 + i));
    await cache.putInSlices(customers(10_000, 5), T0 + 1_000_000);
    const refreshed = expired.at(-1)!;
    const countsBetween: number[] = [];
    const purged = await cache.purgeOlderThan(T0 + 500_000, async () => {
      countsBetween.push(cache.count());
      assert.equal(cache.get('c0'), undefined, 'the oldest went in the first slice');
      if (countsBetween.length === 1) cache.put([refreshed], T0 + 1_000_000); // a call looked them up again
    });
    assert.deepEqual(countsBetween, [CACHE_SLICE + 10, 10]);
    assert.equal(purged, CACHE_SLICE * 2 + 4);
    assert.deepEqual(
      (store.db.prepare('SELECT id FROM context_customers ORDER BY id').pluck().all() as string[]).sort(),
      [refreshed.customer.id, 'c10000', 'c10001', 'c10002', 'c10003', 'c10004'].sort(),
    );
    assert.equal(store.db.prepare('SELECT count(*) FROM context_phones').pluck().get(), 6, 'no phone rows left behind for purged customers');
    assert.equal(store.db.prepare('SELECT count(*) FROM context_search WHERE customer_id NOT IN (SELECT id FROM context_customers)').pluck().get(), 0);
    store.close();
  });
});
