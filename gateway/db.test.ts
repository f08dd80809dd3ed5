import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { STANDARD_DISPOSITION_CODES } from '../common/contract/gateway';
import { GatewayDb } from './db';

describe('GatewayDb dispositions', () => {
  it('serves the standard outcome list, also to a database seeded with the first list', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gateway-db-'));
    try {
      const fresh = new GatewayDb(join(dir, 'fresh.db'));
      assert.deepEqual(fresh.dispositions().map((d) => d.code), [...STANDARD_DISPOSITION_CODES]);
      fresh.db.close();

      // A schema-1 database as the earlier gateway left it: the first list, no refund/replacement/cancel.
      const old = new GatewayDb(join(dir, 'old.db'));
      old.db.exec("DELETE FROM dispositions; INSERT INTO dispositions VALUES ('info_given', '{\"en\":\"Information given\"}', 0), ('sale', '{\"en\":\"Sale\"}', 1)");
      old.db.pragma('user_version = 1');
      old.db.close();
      const reopened = new GatewayDb(join(dir, 'old.db'));
      assert.deepEqual(reopened.dispositions().map((d) => d.code), [...STANDARD_DISPOSITION_CODES]);
      assert.equal(reopened.dispositions().find((d) => d.code === 'refund_issued')?.labels.zh, '已退款');
      reopened.db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
