import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { MainCensus } from './mainCensus';

describe('MainCensus', () => {
  it('counts pending timers, listeners on the long-lived emitters, open files and the WAL', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'census-'));
    const dbFile = path.join(dir, 'store.db');
    writeFileSync(`${dbFile}-wal`, Buffer.alloc(4096));
    const service = new EventEmitter();
    let sockets = 2;
    const census = new MainCensus({ emitters: () => [service], bridgeSockets: () => sockets, dbFile });

    const before = census.counts();
    const timer = setTimeout(() => undefined, 60_000);
    const onData = () => undefined;
    service.on('data', onData);
    service.on('end', onData);
    const during = census.counts();
    assert.equal(during.timers, before.timers + 1, 'a pending timeout is counted');
    assert.equal(during.listeners, before.listeners + 2);
    assert.equal(during.walBytes, 4096);
    assert.equal(during.bridgeSockets, 2);
    assert.ok(during.openFds > 0 && during.rssBytes > 0);

    clearTimeout(timer);
    service.off('data', onData);
    service.off('end', onData);
    sockets = 1;
    const after = census.counts();
    assert.equal(after.timers, before.timers);
    assert.equal(after.listeners, before.listeners);
    assert.equal(after.bridgeSockets, 1);
  });

  it('once installed, counts unref\'d timers too and forgets them when they fire or are cleared', async () => {
    const clock = { setTimeout, setInterval, clearTimeout, clearInterval };
    const census = new MainCensus({ emitters: () => [], bridgeSockets: () => 0, activeResources: () => [] });
    census.install(clock);
    const quiet = clock.setTimeout(() => undefined, 5);
    quiet.unref();
    const poll = clock.setInterval(() => undefined, 60_000);
    poll.unref();
    const cancelled = clock.setTimeout(() => undefined, 60_000);
    assert.equal(census.counts().timers, 3);
    clock.clearTimeout(cancelled);
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(census.counts().timers, 1, 'the fired timeout is gone, the interval is still there');
    clock.clearInterval(poll);
    assert.equal(census.counts().timers, 0);
  });

  it('reads 0 for a store without a WAL and -1 for unreadable descriptors', () => {
    const census = new MainCensus({ emitters: () => [], bridgeSockets: () => 0, dbFile: path.join(tmpdir(), 'no-such-store.db'), fdDir: '/no/such/dir', activeResources: () => ['Timeout', 'TCPWRAP', 'Timeout'] });
    const counts = census.counts();
    assert.equal(counts.walBytes, 0);
    assert.equal(counts.openFds, -1);
    assert.equal(counts.timers, 2);
    assert.deepEqual(counts.resources, { Timeout: 2, TCPWRAP: 1 });
  });
});
