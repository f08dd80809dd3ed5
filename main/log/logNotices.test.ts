import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppState } from '../session/state';
import { createLogger } from './logger';
import { noticeLogTrouble } from './logNotices';
import { mountTmpfs } from './testDisk';

describe('log trouble reaches the agent as a notice', () => {
  it('a full disk under the log folder shows the disk-full notice in the snapshot the UI draws', (t) => {
    const disk = mountTmpfs(64);
    if (!disk) return t.skip('mounting a small tmpfs needs root');
    try {
      const state = new AppState();
      const log = createLogger({ dir: disk.dir });
      noticeLogTrouble(log, (level, key, values) => state.notify(level, key, values));
      assert.deepEqual(state.snapshot().notices, [], 'nothing to say while the disk has room');
      disk.fill();
      for (let n = 0; n < 100; n += 1) log.info({ n, padding: 'x'.repeat(100) }, 'a call event');
      assert.deepEqual(
        state.snapshot().notices.map((notice) => [notice.level, notice.key, notice.values?.code]),
        [['warning', 'notice.diskFull', 'ENOSPC']],
      );
    } finally {
      disk.unmount();
    }
  });

  it('a log folder that cannot be opened at start is told at once', () => {
    const state = new AppState();
    const log = createLogger({ dir: '/dev/null/logs' });
    noticeLogTrouble(log, (level, key, values) => state.notify(level, key, values));
    assert.deepEqual(state.snapshot().notices.map((notice) => notice.key), ['notice.logUnwritable']);
  });
});
