// Channel guidance through the real encrypted store: a follow-up message is an outbox record of its own
// kind (store migration 7), and a self-serviceable call's wrap-up note carries the tag for the digital team.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GatewayNote } from '../../common/contract/gateway';
import { emptyDraft } from '../../common/contract/wrapup';
import { redactText } from '../assist/redaction';
import { silentLogger } from '../log/logger';
import { OutboxModule } from '../outbox/module';
import { tempStore } from '../store/testSupport';
import { DispositionCatalog } from '../wrapup/dispositionCatalog';
import { DraftRepository } from '../wrapup/draftRepository';
import { ReminderRepository } from '../wrapup/reminderRepository';
import { WrapUpService } from '../wrapup/wrapUpService';
import { ChannelGuidanceService, SELF_SERVICE_TAG } from './channelGuidanceService';

const NOW = Date.UTC(2026, 0, 5, 9, 0, 0);

describe('channel guidance records', () => {
  it('a sent message waits in the outbox as kind "message" and a self-serviceable call\'s note is tagged', () => {
    const store = tempStore();
    try {
      const now = () => NOW;
      const outbox = new OutboxModule({ db: store.db, client: undefined, scheduler: { now, setTimer: () => () => undefined }, log: silentLogger(), normaliseNumber: (number) => number });
      const wrapup = new WrapUpService({ db: store.db, outbox, drafts: new DraftRepository(store.db), reminders: new ReminderRepository(store.db), dispositions: new DispositionCatalog(store.db, now), now, redactNotes: redactText });
      const guidance = new ChannelGuidanceService({
        customerOf: () => ({ number: '1002', customer: { id: 'c-0001', name: 'Margaret Chen', phones: [{ number: '+441632960002', verified: true }], emails: [], segment: '', lifetimeValue: 0, currency: 'GBP', language: 'en', preferredChannel: 'sms', orderNumbers: [] } }),
        articleOf: () => undefined,
        intentOf: (callId) => ({ intent: { name: 'orders.track', label: 'Track an order', confidence: 0.9, keywords: [], selfServiceable: callId === 'call-app', selfServiceUrl: 'https://app.example.com/track' } }),
        promiseOf: () => ({ promises: [] }),
        outbox,
        redact: redactText,
        now,
      });
      wrapup.tagRecordsWith((callId) => guidance.recordTags(callId));

      const { id } = guidance.send({ callId: 'call-app', channel: 'sms', to: '+441632960002', body: 'Track it in the app: https://app.example.com/track' });
      const record = outbox.record(id);
      assert.equal(record?.kind, 'message');
      assert.equal(record?.state, 'pending');
      assert.equal(outbox.items().find((item) => item.id === id)?.summary, 'Track it in the app: https://app.example.com/track');

      for (const callId of ['call-app', 'call-other']) {
        wrapup.openDraft({ id: callId, remoteNumber: '1002', startedAt: NOW - 60_000 });
        const { noteId } = wrapup.submit(callId, { ...emptyDraft('1002'), disposition: 'resolved', tags: ['billing'] });
        const note = JSON.parse(outbox.record(noteId)!.payload) as GatewayNote;
        assert.deepEqual(note.tags, callId === 'call-app' ? ['billing', SELF_SERVICE_TAG] : ['billing'], callId);
      }
    } finally {
      store.close();
    }
  });
});
