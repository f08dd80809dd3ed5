// The app's lifecycle: dispose ends everything createApp started. Counted, not assumed: timers on the
// app's scheduler, Node timers, and the listeners services keep on the session state and the engine.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EngineHost } from '../calls/engineHost';
import { EngineSupervisor } from '../calls/engineSupervisor';
import { defaultConfig } from '../config/appConfig';
import { silentLogger } from '../log/logger';
import { AppState } from '../session/state';
import { tempStore } from '../store/testSupport';
import { ManualScheduler } from '../time/manualScheduler';
import { NO_POLICY, type PolicyService } from '../policy/policyService';
import { OutboxRepository } from '../outbox/outboxRepository';
import { createApp } from './createApp';

const host: EngineHost = { launch: async () => undefined, dispose: async () => undefined, onGone: () => undefined };

/** Counts subscriptions that are still live: made by `method`, ended by calling what it returned. */
function countSubscriptions<T extends object>(proto: T, method: keyof T): { live: () => number; restore: () => void } {
  const original = proto[method] as unknown as (...args: unknown[]) => unknown;
  let live = 0;
  (proto as Record<keyof T, unknown>)[method] = function (this: unknown, ...args: unknown[]) {
    const unsubscribe = original.apply(this, args);
    live += 1;
    let ended = false;
    return () => {
      if (!ended && typeof unsubscribe === 'function') {
        ended = true;
        live -= 1;
        unsubscribe();
      }
    };
  };
  return { live: () => live, restore: () => ((proto as Record<keyof T, unknown>)[method] = original) };
}

const nodeTimers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

describe('app lifecycle', () => {
  it('dispose leaves no timer and no listener behind', async () => {
    const stateListeners = countSubscriptions(AppState.prototype, 'onChange');
    const engineListeners = countSubscriptions(EngineSupervisor.prototype, 'onReport');
    try {
      const timersBefore = nodeTimers();
      const scheduler = new ManualScheduler(Date.now());
      const app = createApp({ log: silentLogger(), engineHost: host, config: { config: defaultConfig() }, store: tempStore(), scheduler, assist: false });
      await app.start();
      assert.ok(scheduler.pendingTimers() > 0, 'the app runs timers while it lives');
      assert.ok(stateListeners.live() > 0, 'services watch the session while the app lives');

      await app.dispose();
      assert.equal(scheduler.pendingTimers(), 0, 'timers left on the app scheduler');
      assert.equal(stateListeners.live(), 0, 'listeners left on the session state');
      assert.equal(engineListeners.live(), 0, 'listeners left on the engine');
      await new Promise((resolve) => setImmediate(resolve));
      assert.ok(nodeTimers() <= timersBefore, `Node timers left: ${nodeTimers()} (before: ${timersBefore})`);
    } finally {
      stateListeners.restore();
      engineListeners.restore();
    }
  });
});

describe('data retention', () => {
  it('a 90-day retention policy keeps a sent note that is 60 days old', async () => {
    const DAY = 86_400_000;
    const now = Date.now();
    const store = tempStore();
    const outbox = new OutboxRepository(store.db, () => now - 60 * DAY);
    outbox.enqueue([{ id: 'note-60-days', kind: 'note', customerKey: 'tel:+442079460000', payload: '{}' }]);
    outbox.markSent(outbox.get('note-60-days')!.seq, 201);
    const ninetyDays = { ...NO_POLICY, policy: { dataRetentionDays: 90 }, origins: { dataRetentionDays: 'test policy' } };
    const policy = { current: () => ninetyDays, onChange: () => () => undefined, watch: () => undefined, dispose: () => undefined } as unknown as PolicyService;

    const app = createApp({ log: silentLogger(), engineHost: host, config: { config: defaultConfig() }, store, scheduler: new ManualScheduler(now), assist: false, management: { policy } });
    await app.start();
    try {
      assert.equal(app.management.settings.value('dataRetentionDays'), 90);
      const kept = store.db.prepare("SELECT id FROM outbox WHERE state = 'sent'").all() as { id: string }[];
      assert.deepEqual(kept.map((row) => row.id), ['note-60-days']);
    } finally {
      await app.dispose();
    }
  });
});
