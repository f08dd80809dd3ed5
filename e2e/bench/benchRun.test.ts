import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BenchSamples, OpenThings } from './benchRun';

describe('bench samples', () => {
  it('keeps finite figures and leaves out marks that never came', () => {
    const samples = new BenchSamples(() => undefined);
    samples.record('ringing', 12);
    samples.record('ringing', undefined);
    samples.record('ringing', Number.NaN);
    samples.record('ringing', 30);
    assert.deepEqual(samples.values('ringing'), [12, 30]);
    assert.deepEqual(samples.values('never'), []);
  });

  it('counts a failed sample, logs it and goes on with the next', async () => {
    const lines: string[] = [];
    const samples = new BenchSamples((line) => lines.push(line));
    const results = [];
    for (let i = 0; i < 3; i += 1) {
      results.push(
        await samples.attempt('host start', async () => {
          if (i === 1) throw new Error('Ready not shown within 60 s\n  at stack');
          return i;
        }),
      );
    }
    assert.deepEqual(results, [0, undefined, 2]);
    assert.equal(samples.failures('host start'), 1);
    assert.deepEqual(samples.failureLines(), ['host start: 1 of 3 failed (first: Ready not shown within 60 s)']);
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /host start failed/);
  });

  it('prints no failure line for phases that lost nothing', async () => {
    const samples = new BenchSamples(() => undefined);
    await samples.attempt('page load', async () => 1);
    assert.deepEqual(samples.failureLines(), []);
  });
});

describe('open things', () => {
  it('closes what is still open, newest first, even when one close fails', async () => {
    const open = new OpenThings();
    const closed: string[] = [];
    open.track('browser', async (name) => closed.push(name));
    const closeApp = open.track('app', async (name) => closed.push(name));
    open.track('broken', async () => {
      throw new Error('already gone');
    });
    await closeApp();
    await closeApp();
    assert.deepEqual(closed, ['app'], 'closed once');
    const problems = await open.closeAll();
    assert.deepEqual(closed, ['app', 'browser']);
    assert.deepEqual(problems, ['Error: already gone']);
    assert.equal(open.size, 0);
  });
});
