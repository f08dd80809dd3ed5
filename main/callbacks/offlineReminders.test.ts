// Offline, the agent's own promised callbacks still ring: the reminder comes from the local store, while
// the gateway (its callback queue and the outbox's target) does not answer at all.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
import type { CallbacksView } from '../../common/contract/callbacks';
import type { Call } from '../../common/contract/model';
import type { IpcResult } from '../../common/contract/wire';
import { emptyDraft, type WrapUpView } from '../../common/contract/wrapup';
import { createApp, type HearthlineApp } from '../app/createApp';
import type { EngineHost } from '../calls/engineHost';
import { defaultConfig } from '../config/appConfig';
import { silentLogger } from '../log/logger';
import { PolicyService } from '../policy/policyService';
import { tempStore } from '../store/testSupport';
import { ManualScheduler } from '../time/manualScheduler';

const host: EngineHost = { launch: async () => undefined, dispose: async () => undefined, onGone: () => undefined };
const ui = { role: 'ui' as const, id: 'test-ui' };
const flush = () => new Promise((resolve) => setImmediate(resolve));

async function invoke<T>(app: HearthlineApp, channel: string, payload: unknown): Promise<T> {
  const result: IpcResult = await app.router.dispatch(ui, channel, payload);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/** A loopback port nobody listens on: every request is refused at once, like a gateway that is down. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('callbacks offline', () => {
  it('with the gateway unreachable, a callback promised at wrap-up still rings as a reminder at its time; the queue just waits', async () => {
    const scheduler = new ManualScheduler(Date.now());
    const policy = new PolicyService([{ name: 'test', read: () => Promise.resolve({ origin: 'test', values: { callbackSkills: ['billing'] }, problems: [] }) }], silentLogger());
    await policy.load();
    const app = createApp({
      log: silentLogger(),
      engineHost: host,
      config: { config: { ...defaultConfig(), sip: { wsUri: 'ws://127.0.0.1:8088', sipUri: 'sip:1001@localhost', password: 'p', displayName: 'Ada', dtmfMode: 'rfc4733', registerExpiresSeconds: 300, keepAliveSeconds: 15 } } },
      store: tempStore(),
      gateway: { url: `http://127.0.0.1:${await deadPort()}`, token: 'offline-token-0123' },
      scheduler,
      management: { policy },
      assist: false,
    });
    await app.start();
    app.engine.hello();
    app.engine.report({ type: 'registration', state: 'registered' });
    await flush();
    assert.equal(app.state.snapshot().presence, 'ready');
    await scheduler.advance(10_000);
    assert.equal((await invoke<CallbacksView>(app, 'callbacks.view', {})).stage, 'waiting', 'claims fail quietly; nothing is offered');

    const number = '+442079460000';
    const call: Call = { id: 'call-offline', direction: 'inbound', state: 'connected', remoteNumber: number, startedAt: Date.now() - 60_000, connectedAt: Date.now() - 50_000, onHold: false, muted: false };
    app.engine.report({ type: 'call', call });
    await flush();
    app.engine.report({ type: 'call', call: { ...call, state: 'ended', endedAt: Date.now(), endReason: 'hungUpRemote' } });
    await flush();
    const dueAt = scheduler.now() + 3600_000;
    const draft = { ...emptyDraft(number), notes: 'Will call back with the refund decision', disposition: 'callback_scheduled' };
    await invoke(app, 'wrapup.submit', { callId: 'call-offline', draft: { ...draft, callback: { requested: true, at: dueAt, number, reason: 'refund decision' } } });

    await scheduler.advance(3600_000);
    const view = await invoke<WrapUpView>(app, 'wrapup.view', {});
    assert.deepEqual(
      view.reminders.map((reminder) => [reminder.number, reminder.state]),
      [[number, 'due']],
      'the reminder rings with nothing from the network',
    );
    assert.ok(app.state.snapshot().notices.some((notice) => notice.key === 'reminder.due' && notice.values?.number === number), 'the agent is alerted');
    assert.equal(view.queue.waiting, 2, 'the note and the callback wait safely in the outbox');
    assert.equal((await invoke<CallbacksView>(app, 'callbacks.view', {})).callback, undefined);
    await app.dispose();
  });
});
