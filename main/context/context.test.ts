import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CustomerByPhoneResponseSchema, type Customer, type TimelineEntry } from '../../common/contract/context';
import { silentLogger } from '../log/logger';
import { tempStore } from '../store/testSupport';
import { ContextCacheRepository } from './contextCache';
import type { ContextGateway, CustomerRecord } from '../gateway/customers';
import type { GatewayResult } from '../gateway/gatewayClient';
import { ContextService } from './contextService';
import { suggestFollowUp } from './followUp';
import { contextNumber } from './module';
import { fcrSummary, freshness, noteGist, repeatContact } from './summary';
import { validateGatewayPayload } from '../gateway/validate';

const DAY = 86_400_000;
const NOW = Date.parse('2025-03-12T10:32:00Z');
const entry = (daysAgo: number, note: string, overrides: Partial<TimelineEntry> = {}): TimelineEntry => ({
  id: `t${daysAgo}`,
  channel: 'voice',
  at: new Date(NOW - daysAgo * DAY).toISOString(),
  agent: 'Ada',
  outcome: 'complaint_logged',
  note,
  sentiment: null,
  firstContactResolved: null,
  ...overrides,
});
const customer = (overrides: Partial<Customer> = {}): Customer => ({
  id: 'c-1',
  name: 'Margaret Chen',
  phones: [{ number: '+441632960002', verified: true }, { number: '1002', verified: true }],
  emails: [{ address: 'm@example.com', verified: true }],
  segment: 'Gold',
  lifetimeValue: 100,
  currency: 'GBP',
  language: 'en',
  preferredChannel: 'sms',
  orderNumbers: ['HL-1'],
  ...overrides,
});

describe('repeat-contact summary', () => {
  it('counts this call as the next contact in 7 days and quotes the last note', () => {
    const repeat = repeatContact([entry(4, 'Asked where the order is.', { channel: 'chat' }), entry(2, 'Damaged delivery, promised refund by Friday. Upset.'), entry(40, 'Old.')], NOW);
    assert.equal(repeat?.ordinal, 3);
    assert.equal(repeat?.windowDays, 7);
    assert.equal(repeat?.lastNote, 'Damaged delivery, promised refund by Friday');
    assert.equal(repeat?.lastChannel, 'voice');
  });
  it('is absent for a first contact in the window, and uses an open promise when the last note is empty', () => {
    assert.equal(repeatContact([entry(8, 'Too old.')], NOW), undefined);
    const repeat = repeatContact([entry(1, '')], NOW, [{ id: 'x', subject: 's', status: 'open', openedAt: new Date(NOW).toISOString(), promise: 'Refund by Friday' }]);
    assert.equal(repeat?.lastNote, 'Refund by Friday');
  });
  it('gists long notes and counts first-contact resolution from the wrap-up flag only', () => {
    assert.equal(noteGist('x'.repeat(200)).length, 120);
    assert.deepEqual(fcrSummary([entry(1, 'a', { firstContactResolved: true }), entry(2, 'b', { firstContactResolved: false }), entry(3, 'c')]), { resolved: 1, known: 2 });
  });
});

describe('follow-up suggestion', () => {
  it('follows the stated preference and the disposition', () => {
    assert.deepEqual(suggestFollowUp(customer(), 'resolved'), { channel: 'sms', template: 'confirmation', to: '+441632960002', because: 'preference' });
    assert.deepEqual(suggestFollowUp(customer({ preferredChannel: 'email' }), 'information_given'), { channel: 'email', template: 'article', to: 'm@example.com', because: 'preference' });
    assert.equal(suggestFollowUp(customer({ preferredChannel: 'voice' }), 'information_given')?.channel, 'email');
  });
  it('falls back to the only contact detail, never SMS to an extension, and nothing for wrong numbers', () => {
    const extensionOnly = customer({ phones: [{ number: '1002', verified: true }] });
    assert.deepEqual(suggestFollowUp(extensionOnly, 'complaint_logged'), { channel: 'email', template: 'apology', to: 'm@example.com', because: 'onlyOption' });
    assert.equal(suggestFollowUp(customer({ phones: [{ number: '1002', verified: true }], emails: [] }), 'resolved'), null);
    assert.equal(suggestFollowUp(customer(), 'wrong_number'), null);
    assert.equal(suggestFollowUp(customer(), ''), null);
  });
});

describe('stale-while-revalidate', () => {
  it('is fresh, then stale, then expired past the retention', () => {
    assert.equal(freshness(NOW - 60_000, NOW, 10 * 60_000, 30 * DAY), 'fresh');
    assert.equal(freshness(NOW - 11 * 60_000, NOW, 10 * 60_000, 30 * DAY), 'stale');
    assert.equal(freshness(NOW - 31 * DAY, NOW, 10 * 60_000, 30 * DAY), 'expired');
  });
});

describe('gateway payload validation', () => {
  it('rejects malformed customers and names the fields, not the values', () => {
    const bad = { customers: [{ ...customer(), phones: [{ number: 'call me maybe', verified: 'yes' }], lifetimeValue: -5 }] };
    const result = validateGatewayPayload(CustomerByPhoneResponseSchema, bad, '/v1/customers/by-phone/1002');
    assert.equal(result.ok, false);
    const issues = result.ok ? [] : result.issues;
    assert.ok(issues.some((issue) => issue.includes('customers.0.phones.0.number')), issues.join('\n'));
    assert.ok(issues.some((issue) => issue.includes('customers.0.lifetimeValue')));
    assert.ok(!issues.some((issue) => issue.includes('call me maybe')));
    assert.equal(validateGatewayPayload(CustomerByPhoneResponseSchema, { customers: [customer()] }, 'x').ok, true);
  });
  it('maps caller numbers as the gateway indexes them', () => {
    assert.equal(contextNumber('1002'), '1002');
    assert.equal(contextNumber('01632 960002', 'GB'), '+441632960002');
  });
});

class FakeGateway implements ContextGateway {
  next: GatewayResult<CustomerRecord[]> = { kind: 'unreachable', message: 'down' };
  lookupByPhone(): Promise<GatewayResult<CustomerRecord[]>> {
    return Promise.resolve(this.next);
  }
  details(c: Customer): Promise<GatewayResult<CustomerRecord>> {
    return Promise.resolve({ kind: 'ok', value: { customer: c, timeline: [], cases: [] } });
  }
  search(): Promise<GatewayResult<Customer[]>> {
    return Promise.resolve({ kind: 'unreachable', message: 'down' });
  }
}

describe('ContextService with the encrypted cache', () => {
  const setup = () => {
    const store = tempStore();
    const cache = new ContextCacheRepository(store.db);
    const gateway = new FakeGateway();
    let now = NOW;
    const queued: { kind: string; payload: string }[] = [];
    const service = new ContextService({
      gateway,
      cache,
      clock: () => now,
      log: silentLogger(),
      outbox: { enqueue: (record) => void queued.push(record) },
      normalise: (n) => contextNumber(n),
    });
    return { store, cache, gateway, service, queued, advance: (ms: number) => (now += ms) };
  };
  const record: CustomerRecord = { customer: customer(), timeline: [entry(2, 'Damaged delivery, promised refund by Friday.')], cases: [] };

  it('shows cached data at once, refreshes, then falls back to the cache marked offline', async () => {
    const { store, service, gateway, advance } = setup();
    gateway.next = { kind: 'ok', value: [record] };
    await service.lookup({ id: 'a', remoteNumber: '1002', direction: 'inbound' });
    assert.equal(service.get('a')?.status, 'known');
    assert.equal(service.get('a')?.offline, false);
    assert.equal(service.get('a')?.matches[0]?.repeat?.ordinal, 2);

    advance(20 * 60_000);
    gateway.next = { kind: 'unreachable', message: 'ECONNREFUSED' };
    const pending = service.lookup({ id: 'b', remoteNumber: '1002', direction: 'inbound' });
    assert.equal(service.get('b')?.status, 'known', 'cached customer shown before the gateway answers');
    assert.equal(service.get('b')?.refreshing, true);
    assert.equal(service.get('b')?.matches[0]?.stale, true);
    await pending;
    assert.equal(service.get('b')?.offline, true);
    assert.equal(service.get('b')?.asOf, NOW);
    store.close();
  });

  it('does not look a withheld caller up: no number, no guessed customer', async () => {
    const { store, service, gateway } = setup();
    let lookups = 0;
    gateway.lookupByPhone = () => {
      lookups += 1;
      return Promise.resolve({ kind: 'ok', value: [record] });
    };
    await service.lookup({ id: 'a', remoteNumber: 'anonymous', direction: 'inbound' });
    assert.equal(lookups, 0);
    assert.equal(service.get('a')?.status, 'unknown');
    assert.deepEqual(service.get('a')?.matches, []);
    store.close();
  });

  it('caches nothing from a malformed answer and reports the fields', async () => {
    const { store, cache, service, gateway } = setup();
    gateway.next = { kind: 'malformed', issues: ['/v1/customers/by-phone/1002: customers.0.name: Too small'] };
    await service.lookup({ id: 'a', remoteNumber: '1002', direction: 'inbound' });
    assert.deepEqual(service.view().calls[0]?.rejected, ['/v1/customers/by-phone/1002: customers.0.name: Too small']);
    assert.equal(service.view().calls[0]?.status, 'unknown');
    assert.equal(cache.count(), 0);
    store.close();
  });

  it('offline: searches the cache, creates a contact through the outbox, forgets a customer', async () => {
    const { store, cache, service, gateway, queued } = setup();
    cache.put([record, { customer: customer({ id: 'c-2', name: 'Wei Zhang', phones: [{ number: '+441632960100', verified: true }], emails: [{ address: 'wei.zhang@example.com', verified: true }], orderNumbers: ['HL-200871'] }), timeline: [], cases: [] }], NOW);
    gateway.next = { kind: 'unreachable', message: 'down' };
    await service.lookup({ id: 'u', remoteNumber: '1004', direction: 'inbound' });
    assert.equal(service.view().calls[0]?.status, 'unknown');
    assert.equal(service.view().calls[0]?.offline, true);
    const found = await service.search('wei');
    assert.deepEqual({ source: found.source, names: found.customers.map((c) => c.name) }, { source: 'cache', names: ['Wei Zhang'] });
    assert.deepEqual((await service.search('hl-2008')).customers.map((c) => c.id), ['c-2']);
    assert.deepEqual((await service.search('zhang wei.zhang@')).customers.map((c) => c.id), ['c-2']);

    const { customerId } = service.createContact('u', 'New Caller', 'new@example.com');
    assert.equal(queued[0]?.kind, 'contact');
    assert.equal(service.get('u')?.status, 'known');
    assert.equal(service.get('u')?.matches[0]?.provisional, true);
    assert.equal(cache.byPhone('1004')[0]?.customer.id, customerId);

    assert.deepEqual(service.forget('c-1'), { erased: true });
    assert.equal(cache.get('c-1'), undefined);
    assert.equal(cache.byPhone('1002').length, 0);
    assert.equal((store.db.prepare("SELECT count(*) AS n FROM context_search WHERE customer_id = 'c-1'").get() as { n: number }).n, 0);
    store.close();
  });

  it('several customers on one number: the agent picks and the choice sticks for the call', async () => {
    const { store, service, gateway, queued } = setup();
    const shared = [{ number: '+441632960100', verified: true }];
    gateway.next = { kind: 'ok', value: [{ ...record, customer: customer({ id: 'c-2', phones: shared }) }, { ...record, customer: customer({ id: 'c-3', phones: shared }) }] };
    await service.lookup({ id: 'f', remoteNumber: '+441632960100', direction: 'inbound' });
    assert.equal(service.get('f')?.status, 'choose');
    service.select('f', 'c-3');
    assert.equal(service.get('f')?.selectedId, 'c-3');
    assert.equal(queued.at(-1)?.kind, 'callLink');
    assert.equal(service.suggestFollowUp('f', 'resolved')?.channel, 'sms');
    const { id } = service.sendFollowUp('f', 'sms', 'confirmation', 'resolved');
    assert.ok(JSON.parse(queued.at(-1)!.payload).id === id);
    store.close();
  });

  it('retention erases customers not refreshed within the window', async () => {
    const { store, cache, service } = setup();
    cache.put([record], NOW - 31 * DAY);
    assert.equal(await service.purgeExpired(), 1);
    assert.equal(cache.count(), 0);
    store.close();
  });
});
