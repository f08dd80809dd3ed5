// A full disk during wrap-up: the submitted note is kept in memory (not lost, not an error to the agent),
// written once there is room again, and the database is never damaged. Real SQLite on a real full tmpfs.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, it } from 'node:test';
import { emptyDraft } from '../../common/contract/wrapup';
import { silentLogger } from '../log/logger';
import { mountTmpfs } from '../log/testDisk';
import { OutboxRepository } from '../outbox/outboxRepository';
import type { Db } from '../store/driver';
import { openEncryptedStore } from '../store/store';
import { DispositionCatalog } from './dispositionCatalog';
import { DraftRepository } from './draftRepository';
import { ReminderRepository } from './reminderRepository';
import { WrapUpService } from './wrapUpService';

const NOW = Date.UTC(2026, 0, 5, 9, 0, 0);

function service(db: Db) {
  const now = () => NOW;
  const outbox = new OutboxRepository(db, now);
  return { outbox, wrapup: new WrapUpService({ db, outbox, drafts: new DraftRepository(db), reminders: new ReminderRepository(db), dispositions: new DispositionCatalog(db, now), now }) };
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
