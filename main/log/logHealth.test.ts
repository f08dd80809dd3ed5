import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { afterLogFailure, LOG_RETRY_MS, logTroubleNotice, shouldTryFile, type LogFileHealth } from './logHealth';

describe('log file health', () => {
  it('a full disk, a read-only profile and a folder we may not write are told apart for the notice', () => {
    const ok: LogFileHealth = { state: 'ok' };
    assert.deepEqual(logTroubleNotice(afterLogFailure(ok, 'ENOSPC', 0)), { key: 'notice.diskFull', values: { code: 'ENOSPC' } });
    assert.deepEqual(logTroubleNotice(afterLogFailure(ok, 'EROFS', 0)), { key: 'notice.logUnwritable', values: { code: 'EROFS' } });
    const denied = afterLogFailure(ok, 'EACCES', 0);
    assert.ok(denied.state === 'failing' && denied.kind === 'denied');
    assert.equal(logTroubleNotice(ok), undefined);
  });

  it('a failing file is left alone until the retry time, and keeps the time it started failing', () => {
    const first = afterLogFailure({ state: 'ok' }, 'ENOSPC', 1_000);
    assert.equal(shouldTryFile(first, 1_000 + LOG_RETRY_MS - 1), false);
    assert.equal(shouldTryFile(first, 1_000 + LOG_RETRY_MS), true);
    const again = afterLogFailure(first, 'ENOSPC', 9_000);
    assert.ok(again.state === 'failing' && again.since === 1_000 && again.retryAt === 9_000 + LOG_RETRY_MS);
  });
});
