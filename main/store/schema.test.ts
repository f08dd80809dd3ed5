import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadDriver } from './driver';
import { migrate } from './migrations';
import { MIGRATIONS } from './schema';

/** The outbox queries the sync worker runs per record must stay index lookups, or 10 000 queued notes crawl. */
describe('outbox schema', () => {
  it('finds a customer’s oldest pending record through an index, not by scanning the queue', () => {
    const db = new (loadDriver())(':memory:');
    migrate(db, MIGRATIONS);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('x') as { detail: string }[]).map((row) => row.detail).join(' | ');
    assert.match(plan("SELECT * FROM outbox WHERE state = 'pending' AND customer_key = ? ORDER BY seq LIMIT 1"), /INDEX outbox_by_state_customer \(state=\? AND customer_key=\?\)/);
    assert.doesNotMatch(plan("SELECT * FROM outbox WHERE state = 'pending' AND customer_key = ? ORDER BY seq LIMIT 1"), /TEMP B-TREE/);
    db.close();
  });
});
