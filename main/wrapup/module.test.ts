// The wrap-up feature end to end inside main: engine reports a call, the UI talks through the IPC
// router exactly as the renderer would, the outbox syncs to the real reference gateway.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Call } from '../../common/contract/model';
import { emptyDraft, type WrapUpView } from '../../common/contract/wrapup';
import type { IpcResult } from '../../common/contract/wire';
import { createApp, type HearthlineApp } from '../app/createApp';
import type { EngineHost } from '../calls/engineHost';
import { defaultConfig } from '../config/appConfig';
import { silentLogger } from '../log/logger';
import { GATEWAY_TOKEN, testGateway } from '../gateway/testSupport';
import { tempStore } from '../store/testSupport';
import { openEncryptedStore, type StoreHandle } from '../store/store';
import { ManualScheduler } from '../time/manualScheduler';
import path from 'node:path';

const host: EngineHost = { launch: async () => undefined, dispose: async () => undefined, onGone: () => undefined };
const ui = { role: 'ui' as const, id: 'test-ui' };
const flush = () => new Promise((resolve) => setImmediate(resolve));

async function invoke(app: HearthlineApp, channel: string, payload: unknown): Promise<unknown> {
  const result: IpcResult = await app.router.dispatch(ui, channel, payload);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

async function answeredAndEndedCall(app: HearthlineApp, id: string, remoteNumber: string): Promise<void> {
  const base: Call = { id, direction: 'inbound', state: 'connected', remoteNumber, startedAt: Date.now() - 60_000, connectedAt: Date.now() - 50_000, onHold: false, muted: false };
  app.engine.report({ type: 'call', call: base });
  await flush();
  app.engine.report({ type: 'call', call: { ...base, state: 'ended', endedAt: Date.now(), endReason: 'hungUpRemote' } });
  await flush();
}

async function setup(options: { gateway?: Awaited<ReturnType<typeof testGateway>>; store?: StoreHandle } = {}) {
  const scheduler = new ManualScheduler(Date.now());
  const app = createApp({
    log: silentLogger(),
    engineHost: host,
    config: { config: defaultConfig() },
    store: options.store ?? tempStore(),
    gateway: options.gateway ? { url: options.gateway.url, token: GATEWAY_TOKEN } : undefined,
    scheduler,
  });
  const pushed: WrapUpView[] = [];
  app.hub.attach('ui', (channel, payload) => {
    if (channel === 'wrapup.changed') pushed.push(payload as WrapUpView);
  });
  await app.start();
  const view = async () => (await invoke(app, 'wrapup.view', {})) as WrapUpView;
  const settle = () => app.outbox!.worker.whenIdle();
  return { app, scheduler, pushed, view, settle };
}

describe('wrap-up through the IPC contract', () => {
  it('an answered call gets a wrap-up form; autosave, submit, sync, reminder at its time, click-to-dial', async () => {
    const gateway = await testGateway();
    const { app, scheduler, pushed, view, settle } = await setup({ gateway });
    await answeredAndEndedCall(app, 'call-a', '+442079460000');
    const [form] = (await view()).drafts;
    assert.equal(form?.callId, 'call-a');
    assert.equal(form?.draft.callback.number, '+442079460000', 'callback number defaults to the caller');
    assert.equal(app.callHistory!.recentCalls(5)[0]?.state, 'ended', 'the call is in the history');

    const draft = { ...emptyDraft('+442079460000'), notes: 'Wants a refund', disposition: 'callback_scheduled' };
    await invoke(app, 'wrapup.saveDraft', { callId: 'call-a', draft });
    assert.equal((await view()).drafts[0]?.draft.notes, 'Wants a refund');

    const dueAt = scheduler.now() + 3600_000;
    await invoke(app, 'wrapup.submit', { callId: 'call-a', draft: { ...draft, callback: { requested: true, at: dueAt, number: '+442079460000', reason: 'refund decision' } } });
    await settle();
    const synced = await view();
    assert.equal(synced.queue.waiting, 0);
    assert.deepEqual(synced.items.map((item) => [item.kind, item.state]), [['callback', 'synced'], ['note', 'synced']]);
    assert.deepEqual([(await gateway.notes()).length, (await gateway.callbacks()).length], [1, 1]);
    assert.ok(pushed.length > 0, 'the UI was told about the changes');

    await gateway.close(); // reminders need no network
    await scheduler.advance(3600_000, settle);
    const due = await view();
    assert.deepEqual(due.reminders.map((r) => [r.number, r.state]), [['+442079460000', 'due']]);
    assert.ok(app.state.snapshot().notices.some((n) => n.key === 'reminder.due' && n.values?.number === '+442079460000'));
    await invoke(app, 'reminder.resolve', { id: due.reminders[0]!.id, outcome: 'dialed' });
    assert.deepEqual((await view()).reminders, []);
    await app.dispose();
  });

  it('shows "3 notes waiting" without a gateway; a relaunch with the gateway sends them, once each', async () => {
    const store = tempStore();
    const { app, view } = await setup({ store });
    for (const id of ['c1', 'c2', 'c3']) {
      await answeredAndEndedCall(app, id, `+4411100${id}`);
      await invoke(app, 'wrapup.submit', { callId: id, draft: { ...emptyDraft(), disposition: 'resolved', notes: id } });
    }
    const current = await view();
    assert.deepEqual([current.queue.waiting, current.queue.gateway], [3, 'unconfigured']);
    assert.deepEqual(current.items.map((i) => i.state), ['queued', 'queued', 'queued']);
    assert.equal(app.outbox!.unsyncedCount(), 3, 'what the quit warning reports');
    await app.dispose();

    const gateway = await testGateway();
    const reopened = openEncryptedStore({ file: path.join(store.dir, 'hearthline.db'), key: store.key, log: silentLogger() });
    const relaunched = await setup({ gateway, store: reopened });
    await relaunched.settle();
    assert.equal((await relaunched.view()).queue.waiting, 0);
    const stored = await gateway.notes();
    assert.deepEqual([stored.length, new Set(stored.map((n) => n.id)).size], [3, 3]);
    await relaunched.app.dispose();
    await gateway.close();
  });

  it('a refused note is shown as needing attention with the reason, and can be edited and resent', async () => {
    const gateway = await testGateway({ rejectMarker: 'POISON' });
    const { app, view, settle } = await setup({ gateway });
    await answeredAndEndedCall(app, 'call-p', '+4477000');
    await invoke(app, 'wrapup.submit', { callId: 'call-p', draft: { ...emptyDraft(), disposition: 'resolved', notes: 'POISON pill' } });
    await settle();
    const parked = (await view()).items[0]!;
    assert.deepEqual([parked.state, parked.lastError?.status, parked.editable?.notes], ['needsAttention', 422, 'POISON pill']);
    assert.match(parked.lastError?.message ?? '', /refused/);
    assert.equal((await view()).queue.needsAttention, 1);

    await invoke(app, 'outbox.editParked', { id: parked.id, note: { disposition: 'resolved', notes: 'Account closed; told the customer', tags: [] } });
    await settle();
    const after = await view();
    assert.deepEqual([after.queue.needsAttention, after.items[0]?.state], [0, 'synced']);
    assert.equal((await gateway.notes())[0]?.notes, 'Account closed; told the customer');
    await app.dispose();
    await gateway.close();
  });

  it('the app still starts without a store, and the wrap-up channels say they are unavailable', async () => {
    const app = createApp({ log: silentLogger(), engineHost: host, config: { config: defaultConfig() } });
    await app.start();
    const result = await app.router.dispatch(ui, 'wrapup.view', {});
    assert.equal(!result.ok && result.error.code, 'unavailable');
    await app.dispose();
  });
});

describe('wrap-up pre-filled from the agent-assist draft', () => {
  it('the hang-up draft lands in the form; what the agent typed is never overwritten', async () => {
    const { app, view } = await setup();
    await answeredAndEndedCall(app, 'call-p', '1002');
    // Agent assist drafts on hang-up. Nothing was transcribed here (no audio), so its draft is empty and
    // the form is left alone: no placeholder reason, no guessed outcome.
    for (let i = 0; i < 100 && !app.assist?.service.draftFor('call-p'); i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.ok(app.assist?.service.draftFor('call-p'), 'assist drafted');
    const untouched = (await view()).drafts[0]!.draft;
    assert.deepEqual([untouched.disposition, untouched.notes], ['', '']);

    app.wrapup!.prefill('call-p', { disposition: 'resolved', notes: 'Reason: Returns and refunds' });
    let filled = (await view()).drafts[0]!.draft;
    assert.deepEqual([filled.disposition, filled.notes], ['resolved', 'Reason: Returns and refunds'], 'a draft with content is pre-filled');
    // A prose summary arriving later replaces the notes the first draft wrote, as long as they are unedited.
    app.wrapup!.prefill('call-p', { disposition: 'resolved', notes: 'The customer returns a broken chair.', replacesNotes: 'Reason: Returns and refunds' });
    filled = (await view()).drafts[0]!.draft;
    assert.equal(filled.notes, 'The customer returns a broken chair.');

    await invoke(app, 'wrapup.saveDraft', { callId: 'call-p', draft: { ...filled, notes: 'Agent wrote this' } });
    app.wrapup!.prefill('call-p', { disposition: filled.disposition, notes: 'A later draft', replacesNotes: 'The customer returns a broken chair.' });
    assert.equal((await view()).drafts[0]!.draft.notes, 'Agent wrote this');

    await invoke(app, 'wrapup.saveDraft', { callId: 'call-p', draft: { ...filled, disposition: '', notes: '' } });
    app.wrapup!.prefill('call-p', { disposition: 'no-such-code', notes: 'Order 5512398' });
    const after = (await view()).drafts[0]!.draft;
    assert.equal(after.disposition, '', 'an unknown disposition is never put in the form');
    assert.match(after.notes, /5512398/, 'notes the agent emptied again take a later draft');
    await app.dispose();
  });
});
