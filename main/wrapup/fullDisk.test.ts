// A full disk during wrap-up: the submitted note is kept in memory (not lost, not an error to the agent),
// written once there is room again, and the database is never damaged. Real SQLite on a real full tmpfs.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Call } from '../../common/contract/model';
import type { IpcResult } from '../../common/contract/wire';
import { emptyDraft, type WrapUpView } from '../../common/contract/wrapup';
import { createApp } from '../app/createApp';
import type { EngineHost } from '../calls/engineHost';
import { defaultConfig } from '../config/appConfig';
import { ManualScheduler } from '../time/manualScheduler';
import { silentLogger } from '../log/logger';
import { mountTmpfs } from '../log/testDisk';
import { OutboxModule } from '../outbox/module';
import type { Db } from '../store/driver';
import { openEncryptedStore } from '../store/store';
import { DispositionCatalog } from './dispositionCatalog';
import { DraftRepository } from './draftRepository';
import { ReminderRepository } from './reminderRepository';
import { WrapUpService } from './wrapUpService';
import { redactText } from '../assist/redaction';

const NOW = Date.UTC(2026, 0, 5, 9, 0, 0);

function service(db: Db) {
  const now = () => NOW;
  const module = new OutboxModule({ db, client: undefined, scheduler: { now, setTimer: () => () => undefined }, log: silentLogger(), normaliseNumber: (number) => number });
  const outbox = module.repository;
  return { outbox, wrapup: new WrapUpService({ db, outbox: module, drafts: new DraftRepository(db), reminders: new ReminderRepository(db), dispositions: new DispositionCatalog(db, now), now, redactNotes: redactText }) };
}

describe('wrap-up on a full disk', () => {
  it('keeps submitted notes in memory while the disk is full, writes them when there is room, and the store stays sound', (t) => {
    const disk = mountTmpfs(4096);
    if (!disk) return t.skip('mounting a small tmpfs needs root');
    const file = path.join(disk.dir, 'hearthline.db');
    const key = randomBytes(32);
    try {
      const store = openEncryptedStore({ file, key, log: silentLogger() });
      const { wrapup, outbox } = service(store.db);
      const calls = Array.from({ length: 5 }, (_, i) => ({ id: `call-${i}`, remoteNumber: `+4420794600${i}0`, startedAt: NOW - 60_000 }));
      for (const call of calls) wrapup.openDraft(call);
      disk.fill();

      const notes = calls.map((call, i) => ({ ...emptyDraft(call.remoteNumber), disposition: 'resolved', notes: `Note ${i} ${'typed while the disk was full '.repeat(200)}` }));
      const results = calls.map((call, i) => wrapup.submit(call.id, notes[i]!));
      assert.ok(results.every((result) => result.queued), 'the agent sees each note accepted, not an error');
      assert.equal(wrapup.heldCount(), 5, 'all five are held in memory');
      assert.deepEqual(wrapup.openDrafts(), [], 'no form reopens for a held note');
      assert.deepEqual(wrapup.submit(calls[0]!.id, notes[0]!), { noteId: results[0]!.noteId, queued: false }, 'submitting again returns the held note');
      assert.equal(wrapup.flushHeld(), 0, 'still full: nothing written, nothing lost');
      assert.equal(wrapup.heldCount(), 5);

      disk.free();
      assert.equal(wrapup.flushHeld(), 5);
      assert.equal(wrapup.heldCount(), 0);
      assert.deepEqual(outbox.listUnsynced(10).map((record) => record.id).sort(), results.map((result) => result.noteId).sort());
      store.close();

      const reopened = openEncryptedStore({ file, key, log: silentLogger() });
      assert.deepEqual(reopened.db.pragma('integrity_check'), [{ integrity_check: 'ok' }]);
      const notesAfter = service(reopened.db).outbox.listUnsynced(10).map((record) => (JSON.parse(record.payload) as { notes: string }).notes.slice(0, 6));
      assert.deepEqual(notesAfter.sort(), ['Note 0', 'Note 1', 'Note 2', 'Note 3', 'Note 4']);
      reopened.close();
    } finally {
      disk.unmount();
    }
  });
});

describe('wrap-up on a full disk, as the agent sees it', () => {
  it('the submit succeeds, a notice says the note is kept in memory, and another says it was saved once there is room', async (t) => {
    const disk = mountTmpfs(4096);
    if (!disk) return t.skip('mounting a small tmpfs needs root');
    const host: EngineHost = { launch: async () => undefined, dispose: async () => undefined, onGone: () => undefined };
    const scheduler = new ManualScheduler(Date.now());
    const store = openEncryptedStore({ file: path.join(disk.dir, 'hearthline.db'), key: randomBytes(32), log: silentLogger() });
    const app = createApp({ log: silentLogger(), engineHost: host, config: { config: defaultConfig() }, store, scheduler });
    const flush = () => new Promise((resolve) => setImmediate(resolve));
    const invoke = async (channel: string, payload: unknown) => {
      const result: IpcResult = await app.router.dispatch({ role: 'ui', id: 'test-ui' }, channel, payload);
      if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
      return result.value;
    };
    try {
      await app.start();
      const call: Call = { id: 'call-full', direction: 'inbound', state: 'connected', remoteNumber: '+442079460000', startedAt: Date.now() - 60_000, connectedAt: Date.now() - 50_000, onHold: false, muted: false };
      app.engine.report({ type: 'call', call });
      await flush();
      app.engine.report({ type: 'call', call: { ...call, state: 'ended', endedAt: Date.now(), endReason: 'hungUpRemote' } });
      await flush();
      disk.fill();
      await invoke('wrapup.submit', { callId: 'call-full', draft: { ...emptyDraft(), disposition: 'resolved', notes: 'written while the disk was full' } });
      assert.ok(app.state.snapshot().notices.some((notice) => notice.key === 'notice.notesHeld' && notice.values?.count === 1));
      assert.equal(app.outbox!.unsyncedCount() + app.wrapup!.heldCount(), 1, 'the quit warning counts it');
      disk.free();
      await scheduler.advance(10_000);
      assert.ok(app.state.snapshot().notices.some((notice) => notice.key === 'notice.notesSaved'));
      const view = (await invoke('wrapup.view', {})) as WrapUpView;
      assert.equal(view.queue.waiting, 1, 'the note is in the outbox');
    } finally {
      await app.dispose();
      disk.unmount();
    }
  });
});
