// IT rolled Hearthline back (or the agent installed an older build) and the database on disk has a newer
// schema: the store runs session-only, and the agent is told why, in the notices the UI shows at start.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createApp } from '../app/createApp';
import type { EngineHost } from '../calls/engineHost';
import { defaultConfig } from '../config/appConfig';
import { silentLogger } from '../log/logger';
import { EnvKeyCustody } from '../store/keyCustody';
import { openEncryptedStore, openStore } from '../store/store';
import { ManualScheduler } from '../time/manualScheduler';

const host: EngineHost = { launch: async () => undefined, dispose: async () => undefined, onGone: () => undefined };

describe('a downgrade meeting a newer database', () => {
  it('runs session-only and puts a notice in the snapshot explaining the rollback, in the notices', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'hl-downgrade-')), 'hearthline.db');
    const key = randomBytes(32);
    const newer = openEncryptedStore({ file, key, log: silentLogger() });
    newer.db.pragma('user_version = 99');
    newer.close();

    process.env.HEARTHLINE_DB_KEY = key.toString('hex');
    const store = openStore({ file, custody: new EnvKeyCustody(), log: silentLogger() });
    delete process.env.HEARTHLINE_DB_KEY;
    assert.equal(store.status.mode, 'sessionOnly');

    const app = createApp({ log: silentLogger(), engineHost: host, config: { config: defaultConfig() }, store, scheduler: new ManualScheduler() });
    await app.start();
    const notice = app.state.snapshot().notices.find((candidate) => candidate.key === 'notice.storeFromNewerVersion');
    assert.ok(notice, 'the agent is told');
    assert.equal(notice.level, 'error');
    await app.dispose();
  });
});
