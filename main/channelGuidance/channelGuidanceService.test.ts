import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Customer } from '../../common/contract/context';
import { GATEWAY_PATH_BY_KIND } from '../../common/contract/gateway';
import { GatewayMessageSchema } from '../../common/contract/messages';
import type { DetectedIntent } from '../../common/contract/routing';
import { redactText } from '../assist/redaction';
import type { OutboxEntry } from '../outbox/module';
import type { OutboxRecord } from '../outbox/outboxRepository';
import { ChannelGuidanceService, SELF_SERVICE_TAG } from './channelGuidanceService';

const margaret: Customer = {
  id: 'c-0001',
  name: 'Margaret Chen',
  phones: [
    { number: '+441632960002', verified: true, label: 'mobile' },
    { number: '1002', verified: true },
  ],
  emails: [{ address: 'margaret.chen@example.com', verified: true }],
  segment: 'Gold',
  lifetimeValue: 1,
  currency: 'GBP',
  language: 'en',
  preferredChannel: 'sms',
  orderNumbers: [],
};
const refundIntent: DetectedIntent = { name: 'orders.refund', label: 'Refund for a return', confidence: 0.9, keywords: [], selfServiceable: true, selfServiceUrl: 'https://app.example.com/returns' };

function setup(options: { intent?: DetectedIntent; customer?: Customer } = {}) {
  const queued: OutboxEntry[] = [];
  const states = new Map<string, Partial<OutboxRecord>>();
  let n = 0;
  const service = new ChannelGuidanceService({
    customerOf: (callId) => (callId === 'call-1' ? { number: '1002', customer: options.customer ?? margaret } : undefined),
    articleOf: () => ({ id: 'returns-refunds', lang: 'en', title: 'Returns and refunds', url: 'https://kb.example.com/en/returns-refunds', customerSummary: 'Your refund is on its way.', customerUrl: 'https://help.example.com/en/returns-refunds' }),
    intentOf: () => ({ intent: options.intent, interactionId: 'INT-42' }),
    promiseOf: () => ({ promises: [] }),
    outbox: {
      enqueue: (...entries) => queued.push(...entries),
      record: (id) => (states.has(id) ? ({ state: 'pending', attempts: 0, ...states.get(id) } as OutboxRecord) : undefined),
    },
    redact: redactText,
    now: () => Date.UTC(2026, 11, 6, 12),
    newId: () => `00000000-0000-4000-8000-00000000000${(n += 1)}`,
  });
  return { service, queued, states };
}

describe('channel guidance service', () => {
  it('suggests the channel with the prefilled message, and nothing for a call it does not know', () => {
    const { service } = setup();
    const guidance = service.guidance('call-1')!;
    assert.deepEqual(guidance.suggested, { channel: 'sms', to: '+441632960002', because: ['preference'] });
    assert.equal(guidance.body, 'Your refund is on its way.\nhttps://help.example.com/en/returns-refunds');
    assert.equal(guidance.selfService, undefined);
    assert.equal(service.guidance('call-unknown'), null);
  });

  it('sends through the outbox as a message the gateway contract accepts, redacted, once per click', () => {
    const { service, queued, states } = setup();
    const body = 'Your refund is on its way. Card 4539 1488 0343 6467, date of birth 4/7/82. https://help.example.com/en/returns-refunds';
    const sent = service.send({ callId: 'call-1', channel: 'sms', to: '+441632960002', body });
    assert.deepEqual(sent.masked.sort(), ['card', 'dob']);
    assert.equal(queued.length, 1);
    const [entry] = queued;
    assert.equal(entry!.kind, 'message');
    assert.equal(GATEWAY_PATH_BY_KIND[entry!.kind], '/v1/messages');
    assert.deepEqual(entry!.about, { number: '1002', callId: 'call-1' });
    const message = GatewayMessageSchema.parse(JSON.parse(entry!.payload));
    assert.doesNotMatch(message.body, /4539|1488|4\/7\/82/, message.body);
    assert.match(message.body, /\[card number\]/);
    assert.equal(message.link, 'https://help.example.com/en/returns-refunds');
    assert.equal(message.interactionId, 'INT-42');
    assert.equal(message.articleId, 'returns-refunds');
    // A double click is the same message.
    assert.equal(service.send({ callId: 'call-1', channel: 'sms', to: '+441632960002', body }).id, sent.id);
    assert.equal(queued.length, 1);
    // The form shows how far it got.
    states.set(sent.id, {});
    assert.equal(service.guidance('call-1')!.sent[0]!.state, 'queued');
    states.set(sent.id, { attempts: 2 });
    assert.equal(service.guidance('call-1')!.sent[0]!.state, 'retrying');
    states.set(sent.id, { state: 'sent', attempts: 3 });
    assert.deepEqual(service.guidance('call-1')!.sent, [{ id: sent.id, channel: 'sms', to: '+441632960002', state: 'synced' }]);
  });

  it('refuses a destination the CRM does not have for the customer, an empty message, and an unknown call', () => {
    const { service, queued } = setup();
    assert.throws(() => service.send({ callId: 'call-1', channel: 'sms', to: '+447700900123', body: 'Hi' }), /no contact detail for that channel/);
    assert.throws(() => service.send({ callId: 'call-1', channel: 'chat', to: '+441632960002', body: 'Hi' }), /no contact detail/);
    assert.throws(() => service.send({ callId: 'call-1', channel: 'sms', to: '+441632960002', body: ' ' }), /cannot be sent/);
    assert.throws(() => service.send({ callId: 'call-unknown', channel: 'sms', to: '+441632960002', body: 'Hi' }), /no wrap-up/);
    assert.equal(queued.length, 0);
  });

  it('a self-serviceable intent: chat link suggested, the link shown to the agent, and the wrap-up record tagged', () => {
    const { service } = setup({ intent: refundIntent });
    const guidance = service.guidance('call-1')!;
    assert.equal(guidance.suggested?.channel, 'chat');
    assert.deepEqual(guidance.selfService, { label: 'Refund for a return', url: 'https://app.example.com/returns' });
    assert.match(guidance.body, /https:\/\/app\.example\.com\/returns$/);
    assert.deepEqual(service.recordTags('call-1'), [SELF_SERVICE_TAG]);
    assert.deepEqual(setup({ intent: { ...refundIntent, selfServiceable: false } }).service.recordTags('call-1'), []);
    assert.deepEqual(setup().service.recordTags('call-1'), []);
  });
});
