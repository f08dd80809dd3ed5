import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { GatewayCallback, GatewayNote } from '../../common/contract/gateway';
import { emptyDraft, type WrapUpDraft } from '../../common/contract/wrapup';
import { ServiceError } from '../ipc/errors';
import { silentLogger } from '../log/logger';
import { OutboxModule } from '../outbox/module';
import { tempStore } from '../store/testSupport';
import type { Db } from '../store/driver';
import { openEncryptedStore } from '../store/store';
import { DispositionCatalog } from './dispositionCatalog';
import { DraftRepository } from './draftRepository';
import { ReminderRepository } from './reminderRepository';
import { redactText } from '../assist/redaction';
import { WrapUpService } from './wrapUpService';

const NOW = Date.UTC(2026, 0, 5, 9, 0, 0);
const call = { id: 'call-1', remoteNumber: '+44 20 7946 0000', startedAt: NOW - 300_000 };

function service(db: Db, now = () => NOW) {
  const module = new OutboxModule({ db, client: undefined, scheduler: { now, setTimer: () => () => undefined }, log: silentLogger(), normaliseNumber: (number) => number });
  const outbox = module.repository;
  const reminders = new ReminderRepository(db);
  return {
    outbox,
    reminders,
    wrapup: new WrapUpService({ db, outbox: module, drafts: new DraftRepository(db), reminders, dispositions: new DispositionCatalog(db, now), now, redactNotes: redactText }),
  };
}

function draft(overrides: Partial<WrapUpDraft> = {}): WrapUpDraft {
  return { ...emptyDraft(call.remoteNumber), disposition: 'resolved', notes: 'Explained the bill', ...overrides };
}

function serviceError(action: () => unknown, code: ServiceError['code'], pattern: RegExp): void {
  assert.throws(action, (error: unknown) => error instanceof ServiceError && error.code === code && pattern.test(error.message));
}

describe('WrapUpService', () => {
  it('keeps what the agent typed across an app restart, without any Save', () => {
    const store = tempStore();
    const { wrapup } = service(store.db);
    wrapup.openDraft(call);
    wrapup.saveDraft(call.id, draft({ notes: 'Customer moving house on the 12th', tags: ['move'] }));
    store.close();

    const reopened = openEncryptedStore({ file: path.join(store.dir, 'hearthline.db'), key: store.key, log: silentLogger() });
    const [open] = service(reopened.db).wrapup.openDrafts();
    assert.equal(open?.callId, call.id);
    assert.equal(open?.draft.notes, 'Customer moving house on the 12th');
    assert.deepEqual(open?.draft.tags, ['move']);
    reopened.close();
  });

  it('masks a card number, date of birth and password typed into the notes before they are saved or sent, and says what it masked', () => {
    const store = tempStore();
    const { wrapup, outbox } = service(store.db);
    wrapup.openDraft(call);
    const typed = 'Cust DOB 4/7/82, paid by card 4539 1488 0343 6467, pw is hunter2. Order 88213 refunded £45.';
    const saved = wrapup.saveDraft(call.id, draft({ notes: typed, callback: { requested: false, at: null, number: '', reason: '卡号四五三九一四八八零三四三六四六七' } }));
    assert.ok(saved.masked, 'the form is told something was masked');
    assert.deepEqual(new Set(saved.masked.kinds), new Set(['dob', 'card', 'password']));
    const [open] = wrapup.openDrafts();
    for (const text of [open!.draft.notes, open!.draft.callback.reason, saved.masked.notes]) {
      assert.doesNotMatch(text, /4539|1488|4\/7\/82|hunter2|四五三九/, text);
    }
    assert.match(open!.draft.notes, /Order 88213 refunded £45/, 'look-alikes stay');
    assert.equal(wrapup.saveDraft(call.id, draft({ notes: 'Explained the bill' })).masked, undefined);

    const { noteId } = wrapup.submit(call.id, draft({ notes: typed }));
    const payload = outbox.get(noteId)!.payload;
    assert.doesNotMatch(payload, /4539|hunter2|4\/7\/82/, 'the CRM gets the masked notes');
    assert.match(payload, /\[card number\]/);
  });

  it('submitting queues the note and the callback, and schedules a reminder, in one go', () => {
    const store = tempStore();
    const { wrapup, outbox, reminders } = service(store.db);
    wrapup.openDraft(call);
    const at = NOW + 2 * 3600_000;
    const { noteId, queued } = wrapup.submit(call.id, draft({ firstContactResolved: false, callback: { requested: true, at, number: '+442079460001', reason: 'confirm refund' } }));
    assert.equal(queued, true);
    const [noteRecord, callbackRecord] = outbox.listUnsynced(10);
    const note = JSON.parse(noteRecord!.payload) as GatewayNote;
    const callback = JSON.parse(callbackRecord!.payload) as GatewayCallback;
    assert.deepEqual([note.id, note.disposition, note.firstContactResolved, note.callbackRequested], [noteId, 'resolved', false, true]);
    assert.deepEqual([callback.noteId, callback.number, Date.parse(callback.dueAt)], [noteId, '+442079460001', at]);
    assert.equal(noteRecord!.customerKey, callbackRecord!.customerKey, 'same customer: delivered in order, note first');
    assert.deepEqual(reminders.listOpen().map((r) => [r.number, r.dueAt, r.state]), [['+442079460001', at, 'scheduled']]);
    assert.deepEqual(wrapup.openDrafts(), [], 'the form closes');
    store.close();
  });

  it('a second submit (double click, retry after a crash) returns the first note and queues nothing', () => {
    const store = tempStore();
    const { wrapup, outbox } = service(store.db);
    wrapup.openDraft(call);
    const first = wrapup.submit(call.id, draft());
    const second = wrapup.submit(call.id, draft({ notes: 'different' }));
    assert.deepEqual(second, { noteId: first.noteId, queued: false });
    assert.equal(outbox.counts().pending, 1);
    serviceError(() => wrapup.saveDraft(call.id, draft({ notes: 'late keystroke' })), 'conflict', /already submitted/);
    store.close();
  });

  it('explains what is missing instead of queueing an incomplete wrap-up', () => {
    const store = tempStore();
    const { wrapup, outbox } = service(store.db);
    wrapup.openDraft(call);
    serviceError(() => wrapup.submit(call.id, draft({ disposition: '' })), 'invalidPayload', /Choose a disposition/);
    serviceError(() => wrapup.submit(call.id, draft({ disposition: 'made_up' })), 'invalidPayload', /Unknown disposition/);
    serviceError(() => wrapup.submit(call.id, draft({ callback: { requested: true, at: NOW - 1, number: '+44', reason: '' } })), 'invalidPayload', /future/);
    serviceError(() => wrapup.submit(call.id, draft({ callback: { requested: true, at: NOW + 60_000, number: 'sip:x@y;evil', reason: '' } })), 'invalidPayload', /dialled/);
    assert.equal(outbox.counts().pending, 0);
    assert.equal(wrapup.openDrafts().length, 1, 'the draft stays open to fix');
    store.close();
  });

  it('an edited parked note is requeued with the agent’s changes', () => {
    const store = tempStore();
    const { wrapup, outbox } = service(store.db);
    wrapup.openDraft(call);
    const { noteId } = wrapup.submit(call.id, draft());
    serviceError(() => wrapup.editParkedNote(noteId, { disposition: 'resolved', notes: 'x', tags: [] }), 'conflict', /needs attention/);
    outbox.markParked(outbox.get(noteId)!.seq, 422, 'refused');
    wrapup.editParkedNote(noteId, { disposition: 'escalated', notes: 'Escalated to billing team', tags: ['billing', 'billing'] });
    const record = outbox.get(noteId)!;
    const note = JSON.parse(record.payload) as GatewayNote;
    assert.deepEqual([record.state, note.disposition, note.notes, note.tags], ['pending', 'escalated', 'Escalated to billing team', ['billing']]);
    store.close();
  });
});
