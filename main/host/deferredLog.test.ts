import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DeferredLog } from './deferredLog';
import type { EngineHostLog } from './chromiumEngineHost';

function recordingLog(): { log: EngineHostLog; lines: string[] } {
  const lines: string[] = [];
  const line = (level: string) =>
    function (this: unknown, ...args: unknown[]) {
      assert.equal(this, log, 'called on the logger itself (pino needs its this)');
      lines.push(`${level} ${JSON.stringify(args)}`);
    };
  const log = { info: line('info'), warn: line('warn'), error: line('error') } as EngineHostLog;
  return { log, lines };
}

describe('DeferredLog', () => {
  it('holds lines until a logger is attached, then passes them on in order, and later lines straight through', () => {
    const deferred = new DeferredLog();
    deferred.info({ pid: 7 }, 'engine browser launched');
    deferred.warn('slow');
    const { log, lines } = recordingLog();
    assert.deepEqual(lines, []);
    deferred.attach(log);
    assert.deepEqual(lines, ['info [{"pid":7},"engine browser launched"]', 'warn ["slow"]']);
    deferred.error({ code: 1 }, 'engine browser exited');
    assert.deepEqual(lines.at(-1), 'error [{"code":1},"engine browser exited"]');
  });

  it('keeps a bounded number of lines before a logger exists and says how many it dropped', () => {
    const deferred = new DeferredLog();
    for (let index = 0; index < 250; index += 1) deferred.info({ index }, 'line');
    const { log, lines } = recordingLog();
    deferred.attach(log);
    assert.equal(lines.length, 201);
    assert.equal(lines.at(-1), 'warn [{"dropped":50},"log lines dropped before the logger existed"]');
  });

  it('gives what it held as text when the start failed before a logger existed', () => {
    const deferred = new DeferredLog();
    deferred.error({ err: 'ENOENT' }, 'engine browser could not start');
    assert.deepEqual(deferred.drain(), ['error: {"err":"ENOENT"} engine browser could not start']);
    assert.deepEqual(deferred.drain(), []);
  });
});
