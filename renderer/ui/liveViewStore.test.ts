import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IpcError } from '../../common/contract/wire';
import { LiveViewStore } from './liveViewStore';

interface View {
  now: number;
  drafts: Array<{ callId: string; notes: string }>;
}

/** A fake main: counts fetches and subscriptions, pushes views to every subscriber. */
function fakeMain(initial: () => Promise<View>) {
  const subscribers = new Set<(view: View) => void>();
  const timers: Array<() => void> = [];
  const counts = { fetches: 0, subscriptions: 0 };
  const source = {
    fetch: () => {
      counts.fetches += 1;
      return initial();
    },
    subscribe: (listener: (view: View) => void) => {
      counts.subscriptions += 1;
      subscribers.add(listener);
      return () => subscribers.delete(listener);
    },
    setTimer: (run: () => void) => {
      timers.push(run);
      return () => timers.splice(timers.indexOf(run), 1);
    },
  };
  return { source, counts, timers, subscribers, push: (view: View) => subscribers.forEach((listener) => listener(view)) };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('LiveViewStore', () => {
  it('fetches and subscribes once for the whole page, however many components read the view', async () => {
    const main = fakeMain(async () => ({ now: 1, drafts: [] }));
    const store = new LiveViewStore<View>(main.source);
    let told = 0;
    for (let reader = 0; reader < 20; reader += 1) store.subscribe(() => (told += 1));
    await tick();
    assert.deepEqual(main.counts, { fetches: 1, subscriptions: 1 });
    assert.deepEqual(store.get(), { now: 1, drafts: [] });
    main.push({ now: 2, drafts: [{ callId: 'a', notes: '' }] });
    assert.equal(told, 40, 'every reader hears of the fetch and of the push');
  });

  it('keeps the identity of unchanged parts and ignores a view older than the one it has', async () => {
    const main = fakeMain(async () => ({ now: 5, drafts: [{ callId: 'a', notes: 'x' }] }));
    const store = new LiveViewStore<View>(main.source);
    store.subscribe(() => undefined);
    await tick();
    const drafts = store.get()!.drafts;
    main.push({ now: 6, drafts: [{ callId: 'a', notes: 'x' }] });
    assert.equal(store.get()!.now, 6);
    assert.equal(store.get()!.drafts, drafts, 'an equal draft list keeps its identity (memoised forms do not render)');
    main.push({ now: 4, drafts: [] });
    assert.equal(store.get()!.now, 6, 'an older view that crossed the newer one is dropped');
  });

  it('says null when main runs without the feature, and fetches again after other failures', async () => {
    const unavailable = fakeMain(() => Promise.reject(new IpcError({ code: 'unavailable', message: 'no store' })));
    const withoutFeature = new LiveViewStore<View>(unavailable.source);
    withoutFeature.subscribe(() => undefined);
    await tick();
    assert.equal(withoutFeature.get(), null);
    assert.equal(unavailable.timers.length, 0);

    let fail = true;
    const flaky = fakeMain(() => (fail ? Promise.reject(new Error('lost')) : Promise.resolve({ now: 1, drafts: [] })));
    const store = new LiveViewStore<View>(flaky.source);
    store.subscribe(() => undefined);
    await tick();
    assert.equal(store.get(), undefined, 'still loading');
    fail = false;
    flaky.timers.shift()!();
    await tick();
    assert.deepEqual(store.get(), { now: 1, drafts: [] });
    assert.equal(flaky.counts.fetches, 2);
  });

  it('ends its subscription and retries when the last reader goes, and starts again for the next', async () => {
    const main = fakeMain(() => Promise.reject(new Error('lost')));
    const store = new LiveViewStore<View>(main.source);
    const first = store.subscribe(() => undefined);
    const second = store.subscribe(() => undefined);
    await tick();
    assert.equal(main.timers.length, 1, 'a retry is waiting');
    first();
    assert.equal(main.subscribers.size, 1, 'one reader left: still subscribed');
    second();
    assert.equal(main.subscribers.size, 0);
    assert.equal(main.timers.length, 0, 'the retry was cancelled');
    store.subscribe(() => undefined);
    assert.equal(main.subscribers.size, 1);
    assert.equal(main.counts.fetches, 2);
  });
});
