// Customer context for every call. It watches the calls in main's state (not the engine): a
// new inbound ringing call, an outbound call or a callback gets a lookup at once. The cache answers
// first (stale-while-revalidate: shown at once, marked stale and how old), the gateway refreshes in the
// background with a short deadline, and nothing here ever waits on the gateway before call controls.
// Writes (contact records, call links, follow-ups) go through the outbox like wrap-up notes.
import { createHash, randomUUID } from 'node:crypto';
import type {
  CallContext,
  ContextView,
  Customer,
  CustomerContext,
  CustomerSearchResult,
  FollowUpChannel,
  FollowUpSuggestion,
  FollowUpTemplate,
  GatewayCallLink,
  GatewayContact,
  GatewayFollowUp,
} from '../../common/contract/context';
import { CustomerPhoneSchema } from '../../common/contract/context';
import type { Call } from '../../common/contract/model';
import { ServiceError } from '../ipc/errors';
import type { Logger } from '../log/logger';
import type { ContextCacheRepository, CachedRecord } from './contextCache';
import type { ContextGateway, CustomerRecord } from '../gateway/customers';
import { followUpAddress, suggestFollowUp } from './followUp';
import { fcrSummary, freshness, repeatContact } from './summary';
import type { OutboxPort } from '../outbox/module';

/** Queues records for the gateway (durably, before returning). */
export type ContextOutboxPort = Pick<OutboxPort, 'enqueue'>;

export interface ContextServiceOptions {
  /** Cached data older than this is shown marked stale (and refreshed). */
  staleAfterMs?: number;
  /** Cached customers not refreshed for this many days are erased. */
  retentionDays?: number;
  /** Deadline for a gateway lookup; past it the panel stays on cached data, marked offline. */
  lookupTimeoutMs?: number;
}

export interface ContextServiceDeps {
  gateway: ContextGateway | undefined;
  cache: ContextCacheRepository;
  clock: () => number;
  log: Logger;
  outbox: ContextOutboxPort;
  /** Caller number → the key the gateway indexes (E.164, or a short internal number as is). */
  normalise: (number: string) => string;
  options?: ContextServiceOptions;
}

const DAY_MS = 86_400_000;
const MAX_CONTEXTS = 10;

/** A short, non-reversible reference for logs (never the customer's id or number in clear). */
export function logRef(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 12);
}

export class ContextService {
  private readonly contexts = new Map<string, CallContext>();
  private readonly listeners = new Set<() => void>();
  /** Customers found by the last gateway searches, so a link can cache them without asking again. */
  private readonly searched = new Map<string, Customer>();
  /** Erased this session: an answer already on its way must not put them back. */
  private readonly forgotten = new Set<string>();
  readonly staleAfterMs: number;
  readonly retentionDays: number;
  private readonly lookupTimeoutMs: number;

  constructor(private readonly deps: ContextServiceDeps) {
    this.staleAfterMs = deps.options?.staleAfterMs ?? 10 * 60_000;
    this.retentionDays = deps.options?.retentionDays ?? 30;
    this.lookupTimeoutMs = deps.options?.lookupTimeoutMs ?? 2500;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  view(): ContextView {
    const now = this.deps.clock();
    return { calls: [...this.contexts.values()].map((context) => this.refreshAges(context, now)), retentionDays: this.retentionDays, now };
  }

  get(callId: string): CallContext | undefined {
    return this.contexts.get(callId);
  }

  /** Retention: erase what was not refreshed within the window. */
  async purgeExpired(): Promise<number> {
    const purged = await this.deps.cache.purgeOlderThan(this.deps.clock() - this.retentionDays * DAY_MS);
    if (purged > 0) this.deps.log.info({ purged, retentionDays: this.retentionDays }, 'customer cache: expired customers erased');
    return purged;
  }

  /** A call started (ringing or being dialled): look its customer up. A consultation call is about the same customer. */
  callStarted(call: Call): void {
    if (this.contexts.has(call.id) || call.state === 'ended' || call.consultFor !== undefined || this.contexts.size >= MAX_CONTEXTS) return;
    void this.lookup(call);
    this.emit();
  }

  /** The call's card is gone: so is its context. */
  callForgotten(callId: string): void {
    if (this.contexts.delete(callId)) this.emit();
  }

  /** The lookup for one call: cache first (synchronously), then the gateway in the background. */
  async lookup(call: Pick<Call, 'id' | 'remoteNumber' | 'direction'>): Promise<void> {
    const number = this.deps.normalise(call.remoteNumber);
    if (!/\d/.test(number)) {
      // A withheld caller ("anonymous", "restricted"…): no number to look up, no customer to guess at.
      // The agent still sees the unknown-caller panel and can search by name.
      this.contexts.set(call.id, { callId: call.id, number, direction: call.direction, status: 'unknown', matches: [], refreshing: false, offline: false });
      this.emit();
      return;
    }
    const now = this.deps.clock();
    const cached = this.deps.cache.byPhone(number).filter((record) => freshness(record.fetchedAt, now, this.staleAfterMs, this.retentionMs()) !== 'expired');
    const gateway = this.deps.gateway;
    this.contexts.set(call.id, {
      callId: call.id,
      number,
      direction: call.direction,
      ...this.matchState(cached.map((record) => this.toContext(record, now))),
      refreshing: gateway !== undefined,
      offline: gateway === undefined,
      asOf: oldest(cached),
    });
    this.emit();
    if (!gateway) return;

    const started = this.deps.clock();
    const result = await gateway.lookupByPhone(number, this.lookupTimeoutMs);
    const context = this.contexts.get(call.id);
    if (!context) return;
    const at = this.deps.clock();
    if (result.kind === 'ok') {
      const records = result.value.filter((record) => !this.forgotten.has(record.customer.id));
      this.deps.cache.replaceForNumber(number, records, at);
      this.update(call.id, { ...this.matchState(records.map((record) => this.toContext({ ...record, fetchedAt: at, provisional: false }, at)), context.selectedId), refreshing: false, offline: false, asOf: at, rejected: undefined });
      this.deps.log.info({ call: call.id, matches: records.length, ms: at - started }, 'customer context refreshed from the gateway');
    } else if (result.kind === 'unreachable') {
      this.update(call.id, { refreshing: false, offline: true, ...(context.status === 'loading' ? { status: 'unknown' } : {}) });
      this.deps.log.warn({ call: call.id, reason: result.message, cached: context.matches.length }, 'gateway unreachable: customer context from the cache');
    } else {
      this.update(call.id, { refreshing: false, rejected: result.issues, ...(context.status === 'loading' ? { status: 'unknown' } : {}) });
      this.deps.log.warn({ call: call.id, issues: result.issues }, 'gateway sent malformed customer data: rejected, nothing cached');
    }
  }

  select(callId: string, customerId: string): void {
    const context = this.requireContext(callId);
    if (!context.matches.some((match) => match.customer.id === customerId)) throw new ServiceError('notFound', 'That customer is not among the matches for this call');
    this.update(callId, { selectedId: customerId, status: 'known' });
    this.queueLink(context, customerId, 'picked among customers sharing the number');
  }

  async search(query: string): Promise<CustomerSearchResult> {
    const gateway = this.deps.gateway;
    if (gateway) {
      const result = await gateway.search(query, this.lookupTimeoutMs);
      if (result.kind === 'ok') {
        const customers = result.value.filter((customer) => !this.forgotten.has(customer.id));
        for (const customer of customers) this.searched.set(customer.id, customer);
        if (this.searched.size > 500) for (const id of [...this.searched.keys()].slice(0, 250)) this.searched.delete(id);
        return { source: 'gateway', customers, offline: false };
      }
      if (result.kind === 'malformed') this.deps.log.warn({ issues: result.issues }, 'gateway sent malformed search results: searching the cache instead');
    }
    return { source: 'cache', customers: this.deps.cache.search(query).map((record) => record.customer), offline: true };
  }

  async link(callId: string, customerId: string): Promise<void> {
    const context = this.requireContext(callId);
    const now = this.deps.clock();
    let record: CachedRecord | undefined = this.deps.cache.get(customerId);
    const found = this.searched.get(customerId);
    if (!record && !found) throw new ServiceError('notFound', 'Search for the customer first');
    if (found && this.deps.gateway) {
      const details = await this.deps.gateway.details(found, this.lookupTimeoutMs);
      const fresh: CustomerRecord = details.kind === 'ok' ? details.value : { customer: found, timeline: record?.timeline ?? [], cases: record?.cases ?? [] };
      this.deps.cache.put([fresh], details.kind === 'ok' ? now : (record?.fetchedAt ?? now));
      record = this.deps.cache.get(customerId);
    }
    if (!record) throw new ServiceError('notFound', 'That customer is no longer cached');
    this.deps.cache.linkNumber(context.number, customerId);
    this.update(callId, { matches: [this.toContext(record, now)], selectedId: customerId, status: 'known' });
    this.queueLink(context, customerId, 'linked by the agent after a search');
  }

  createContact(callId: string, name: string, email: string | undefined): { customerId: string } {
    const context = this.requireContext(callId);
    const now = this.deps.clock();
    const id = randomUUID();
    const phone = CustomerPhoneSchema.safeParse({ number: context.number, verified: false, label: 'caller id' });
    const customer: Customer = {
      id,
      name,
      phones: phone.success ? [phone.data] : [],
      emails: email ? [{ address: email, verified: false }] : [],
      segment: 'New contact',
      lifetimeValue: 0,
      currency: 'GBP',
      language: 'en',
      preferredChannel: email ? 'email' : 'voice',
      orderNumbers: [],
    };
    const payload: GatewayContact = { id, callId, customerNumber: context.number, name, ...(email ? { email } : {}), summary: `New contact: ${name}`, createdAt: new Date(now).toISOString() };
    // Queued first: if the outbox refuses, nothing is shown that would not reach the CRM.
    this.deps.outbox.enqueue({ id, kind: 'contact', about: { number: context.number, callId: context.callId }, payload: JSON.stringify(payload) });
    this.deps.cache.put([{ customer, timeline: [], cases: [] }], now, true);
    this.deps.cache.linkNumber(context.number, id);
    const cached = this.deps.cache.get(id);
    this.update(callId, { matches: cached ? [this.toContext(cached, now)] : [], selectedId: id, status: 'known' });
    this.deps.log.info({ call: callId, customer: logRef(id) }, 'contact record created for an unknown caller (queued)');
    return { customerId: id };
  }

  /** GDPR: erases the customer from the local cache and every open panel. The log keeps only a hash. */
  forget(customerId: string): { erased: boolean } {
    this.forgotten.add(customerId);
    this.searched.delete(customerId);
    const erased = this.deps.cache.erase(customerId);
    for (const context of this.contexts.values()) {
      if (!context.matches.some((match) => match.customer.id === customerId)) continue;
      const matches = context.matches.filter((match) => match.customer.id !== customerId);
      this.update(context.callId, { ...this.matchState(matches, context.selectedId === customerId ? undefined : context.selectedId) });
    }
    this.deps.log.info({ customer: logRef(customerId), erased, at: new Date(this.deps.clock()).toISOString() }, 'customer erased from the local cache at the agent\'s request (GDPR)');
    return { erased };
  }

  suggestFollowUp(callId: string, disposition: string): FollowUpSuggestion | null {
    const customer = this.selected(callId)?.customer;
    return customer ? suggestFollowUp(customer, disposition) : null;
  }

  sendFollowUp(callId: string, channel: FollowUpChannel, template: FollowUpTemplate, disposition: string): { id: string } {
    const context = this.requireContext(callId);
    const customer = this.selected(callId)?.customer;
    if (!customer) throw new ServiceError('conflict', 'Pick the customer first');
    const to = followUpAddress(customer, channel);
    if (!to) throw new ServiceError('conflict', channel === 'sms' ? 'The customer has no mobile number for an SMS' : 'The customer has no email address');
    const id = randomUUID();
    const payload: GatewayFollowUp = {
      id,
      callId,
      customerId: customer.id,
      customerNumber: context.number,
      channel,
      to,
      template,
      disposition,
      summary: `${channel.toUpperCase()} ${template} to ${customer.name}`,
      createdAt: new Date(this.deps.clock()).toISOString(),
    };
    this.deps.outbox.enqueue({ id, kind: 'followUp', about: { number: context.number, callId: context.callId }, payload: JSON.stringify(payload) });
    return { id };
  }

  private selected(callId: string): CustomerContext | undefined {
    const context = this.contexts.get(callId);
    if (!context) return undefined;
    return context.matches.find((match) => match.customer.id === context.selectedId) ?? (context.matches.length === 1 ? context.matches[0] : undefined);
  }

  private queueLink(context: CallContext, customerId: string, reason: string): void {
    const payload: GatewayCallLink = { id: randomUUID(), callId: context.callId, customerId, customerNumber: context.number, summary: reason, createdAt: new Date(this.deps.clock()).toISOString() };
    this.deps.outbox.enqueue({ id: payload.id, kind: 'callLink', about: { number: context.number, callId: context.callId }, payload: JSON.stringify(payload) });
  }

  private retentionMs(): number {
    return this.retentionDays * DAY_MS;
  }

  private toContext(record: CachedRecord, now: number): CustomerContext {
    const timeline = [...record.timeline].sort((a, b) => b.at.localeCompare(a.at));
    return {
      customer: record.customer,
      timeline,
      cases: record.cases,
      repeat: repeatContact(timeline, now, record.cases),
      fcr: fcrSummary(timeline),
      fetchedAt: record.fetchedAt,
      stale: freshness(record.fetchedAt, now, this.staleAfterMs, this.retentionMs()) !== 'fresh',
      provisional: record.provisional,
    };
  }

  /** known / choose / loading-or-unknown from the matches, keeping a still-valid choice. */
  private matchState(matches: CustomerContext[], selectedId?: string): Pick<CallContext, 'status' | 'matches' | 'selectedId'> {
    if (matches.length === 0) return { status: 'loading', matches, selectedId: undefined };
    if (matches.length === 1) return { status: 'known', matches, selectedId: matches[0]!.customer.id };
    const kept = matches.some((match) => match.customer.id === selectedId) ? selectedId : undefined;
    return { status: kept ? 'known' : 'choose', matches, selectedId: kept };
  }

  private refreshAges(context: CallContext, now: number): CallContext {
    const status = context.status === 'loading' && !context.refreshing ? 'unknown' : context.status;
    return { ...context, status, matches: context.matches.map((match) => ({ ...match, stale: freshness(match.fetchedAt, now, this.staleAfterMs, this.retentionMs()) !== 'fresh' })) };
  }

  private requireContext(callId: string): CallContext {
    const context = this.contexts.get(callId);
    if (!context) throw new ServiceError('notFound', 'No customer context for that call');
    return context;
  }

  private update(callId: string, patch: Partial<CallContext>): void {
    const context = this.contexts.get(callId);
    if (!context) return;
    this.contexts.set(callId, { ...context, ...patch });
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

function oldest(records: readonly CachedRecord[]): number | undefined {
  return records.length === 0 ? undefined : Math.min(...records.map((record) => record.fetchedAt));
}
