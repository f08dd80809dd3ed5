// Logging on a sick disk: a full filesystem, a read-only one, a log folder that cannot exist. Logging
// never throws into the code that logged, the logger still starts, and the lines come back when it heals.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { LogFileHealth } from './logHealth';
import { LOG_RETRY_MS } from './logHealth';
import { createLogger, logFileWatch } from './logger';
import { RotatingFileStream } from './rotatingFile';
import { mountTmpfs } from './testDisk';

describe('logging on a sick disk', () => {
  it('a log folder that cannot be made (a path under a regular file) does not stop the logger from starting', () => {
    const base = mkdtempSync(path.join(os.tmpdir(), 'hl-log-'));
    writeFileSync(path.join(base, 'not-a-folder'), '');
    const log = createLogger({ dir: path.join(base, 'not-a-folder', 'logs') });
    assert.doesNotThrow(() => log.info('still logging'));
    const status = logFileWatch(log)?.status();
    assert.equal(status?.state, 'failing');
  });

  it('a full disk never throws into the caller; lines are held and written once space is freed', (t) => {
    const disk = mountTmpfs(64);
    if (!disk) return t.skip('mount needs root; /dev/full covers the full-disk throw below');
    try {
      let now = 0;
      const changes: LogFileHealth['state'][] = [];
      const file = path.join(disk.dir, 'hearthline.log');
      const stream = new RotatingFileStream({ file, clock: () => now, onHealth: (health) => changes.push(health.state) });
      stream.write('before\n');
      disk.fill();
      // The log file's last page still has room; enough lines to need a new block.
      for (let n = 0; n < 100; n += 1) assert.doesNotThrow(() => stream.write(`while full ${n} ${'x'.repeat(100)}\n`));
      assert.deepEqual(changes, ['failing']);
      assert.ok(stream.status.state === 'failing' && stream.status.kind === 'diskFull');
      disk.free();
      now += LOG_RETRY_MS;
      stream.write('after\n');
      assert.deepEqual(changes, ['failing', 'ok']);
      const text = readFileSync(file, 'utf8');
      assert.match(text, /before\n[\s\S]*while full 0 x+\n[\s\S]*while full 99 x+\nafter\n$/, 'held lines in order');
      assert.equal(text.match(/while full/g)?.length, 100, 'each line once: nothing lost, nothing doubled');
    } finally {
      disk.unmount();
    }
  });

  it('a read-only log folder: the logger starts and logs without throwing', (t) => {
    const disk = mountTmpfs(64, true);
    if (!disk) return t.skip('mount needs root');
    try {
      const log = createLogger({ dir: disk.dir });
      assert.doesNotThrow(() => log.error({ err: new Error('x') }, 'an error path logging'));
      const status = logFileWatch(log)?.status();
      assert.ok(status?.state === 'failing' && status.kind === 'readOnly');
    } finally {
      disk.unmount();
    }
  });

  it('the logger on a device that is always full (/dev/full) never throws', () => {
    const stream = new RotatingFileStream({ file: '/dev/full', maxBytes: Number.MAX_SAFE_INTEGER });
    assert.doesNotThrow(() => {
      for (let n = 0; n < 10; n += 1) stream.write(`line ${n}\n`);
    });
    assert.ok(stream.status.state === 'failing' && stream.status.kind === 'diskFull');
  });
});
