// After a big sync the WAL on disk shrinks again instead of staying at its high-water mark.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { silentLogger } from '../log/logger';
import { ManualScheduler } from '../time/manualScheduler';
import { GatewayClient } from '../gateway/gatewayClient';
import { OutboxRepository } from './outboxRepository';
import { SyncWorker } from './syncWorker';
import { GATEWAY_TOKEN } from '../gateway/testSupport';
import { tempStore } from '../store/testSupport';

describe('WAL after a big sync', () => {
  it('1000 notes synced: the WAL file ends small, and the database is sound', async (t) => {
    const store = tempStore();
    const wal = path.join(store.dir, 'hearthline.db-wal');
    const scheduler = new ManualScheduler();
    const repo = new OutboxRepository(store.db, () => scheduler.now());
    const created = () => new Response(JSON.stringify({ id: 'x', receivedAt: new Date().toISOString() }), { status: 201 });
    const client = new GatewayClient({ baseUrl: 'http://127.0.0.1:9', token: GATEWAY_TOKEN, fetch: async () => created() });
    const worker = new SyncWorker({ repo, client, scheduler, log: silentLogger(), random: () => 0.5 });
    for (let i = 0; i < 1000; i += 1) {
      const id = randomUUID();
      repo.enqueue([{ id, kind: 'note', customerKey: `tel:+44${i % 50}`, payload: JSON.stringify({ id, notes: 'x'.repeat(2000) }) }]);
    }
    const peak = statSync(wal).size;
    assert.ok(peak > 1024 * 1024, `the queue filled the WAL (${peak} bytes)`);
    worker.start();
    await worker.whenIdle();
    assert.equal(repo.counts().pending, 0);
    const after = statSync(wal).size;
    t.diagnostic(`WAL ${peak} bytes at peak, ${after} bytes after the sync`);
    assert.ok(after < 64 * 1024, `the WAL shrank after the sync: ${peak} → ${after} bytes`);
    assert.deepEqual(store.db.pragma('integrity_check'), [{ integrity_check: 'ok' }]);
    await worker.stop();
    store.close();
  });
});
