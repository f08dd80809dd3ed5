// Customer context: who is calling, what happened before, and what to offer next.
// Two halves: the gateway's customer resources (GET by phone, search, timeline, cases; the app validates
// every answer against these schemas and caches nothing from an answer that fails), and the UI channels
// that carry "context for call X" from main to the customer panel. channels.ts spreads the maps below.
import { z } from 'zod';
import { GATEWAY_API_PREFIX } from './gateway';
import { CallIdSchema } from './model';

const IsoTime = z.iso.datetime({ offset: true });
const Empty = z.object({}).strict();

// ---------------------------------------------------------------- gateway resources (gateway/openapi.yaml)

export const ContactChannelSchema = z.enum(['voice', 'chat', 'email', 'sms', 'social']);
export type ContactChannel = z.infer<typeof ContactChannelSchema>;
export const SentimentSchema = z.enum(['positive', 'neutral', 'negative']);
export const CustomerLanguageSchema = z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'a language tag such as en or zh-CN');
/** How the customer asked to be contacted; drives the follow-up suggestion. */
export const PreferredChannelSchema = z.enum(['sms', 'email', 'voice']);
export type PreferredChannel = z.infer<typeof PreferredChannelSchema>;

export const CustomerPhoneSchema = z.object({
  /** E.164 (+441632960002), or a short internal number (≤ 6 digits) exactly as the phone system presents it. */
  number: z.string().regex(/^(\+[1-9]\d{6,14}|\d{2,6})$/, 'E.164 or a short internal number'),
  verified: z.boolean(),
  label: z.string().max(40).optional(),
});
export const CustomerEmailSchema = z.object({ address: z.email(), verified: z.boolean() });

export const CustomerSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  phones: z.array(CustomerPhoneSchema).max(10),
  emails: z.array(CustomerEmailSchema).max(10),
  /** e.g. "Gold", "Standard", "Small business". */
  segment: z.string().max(60),
  /** Lifetime value in the CRM's currency, whole units. */
  lifetimeValue: z.number().nonnegative().max(1e9),
  currency: z.string().regex(/^[A-Z]{3}$/),
  language: CustomerLanguageSchema,
  preferredChannel: PreferredChannelSchema,
  orderNumbers: z.array(z.string().max(40)).max(50),
});
export type Customer = z.infer<typeof CustomerSchema>;

export const CustomerCaseSchema = z.object({
  id: z.string().min(1).max(64),
  subject: z.string().max(300),
  status: z.enum(['open', 'pending', 'closed']),
  openedAt: IsoTime,
  /** What was promised and by when, if anything. */
  promise: z.string().max(300).optional(),
});
export type CustomerCase = z.infer<typeof CustomerCaseSchema>;

export const TimelineEntrySchema = z.object({
  id: z.string().min(1).max(64),
  channel: ContactChannelSchema,
  at: IsoTime,
  agent: z.string().max(120),
  /** A disposition code (voice) or the channel's outcome. */
  outcome: z.string().max(64),
  note: z.string().max(2000),
  sentiment: SentimentSchema.nullable(),
  /** From the wrap-up flag; null when nobody said. */
  firstContactResolved: z.boolean().nullable(),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

export const CustomerByPhoneResponseSchema = z.object({ customers: z.array(CustomerSchema).max(20) });
export const CustomerSearchResponseSchema = z.object({ customers: z.array(CustomerSchema).max(50) });
export const TimelineResponseSchema = z.object({ entries: z.array(TimelineEntrySchema).max(200) });
export const CasesResponseSchema = z.object({ cases: z.array(CustomerCaseSchema).max(100) });

export const GATEWAY_CUSTOMER_PATHS = {
  byPhone: (number: string) => `${GATEWAY_API_PREFIX}/customers/by-phone/${encodeURIComponent(number)}`,
  search: (query: string) => `${GATEWAY_API_PREFIX}/customers?q=${encodeURIComponent(query)}`,
  timeline: (id: string) => `${GATEWAY_API_PREFIX}/customers/${encodeURIComponent(id)}/timeline`,
  cases: (id: string) => `${GATEWAY_API_PREFIX}/customers/${encodeURIComponent(id)}/cases`,
} as const;

/** Writes that go through the outbox (POST, Idempotency-Key), like notes. */
export const GatewayContactSchema = z
  .object({
    /** Made by the app, so the record can be shown (and linked) before the gateway has it. */
    id: z.uuid(),
    callId: z.string().min(1).max(64).optional(),
    customerNumber: z.string().min(1).max(128),
    name: z.string().trim().min(1).max(200),
    email: z.email().optional(),
    summary: z.string().max(300),
    createdAt: IsoTime,
  })
  .strict();
export type GatewayContact = z.infer<typeof GatewayContactSchema>;

export const GatewayCallLinkSchema = z
  .object({
    id: z.uuid(),
    callId: z.string().min(1).max(64),
    customerId: z.string().min(1).max(64),
    customerNumber: z.string().min(1).max(128),
    summary: z.string().max(300),
    createdAt: IsoTime,
  })
  .strict();
export type GatewayCallLink = z.infer<typeof GatewayCallLinkSchema>;

export const FollowUpTemplateSchema = z.enum(['confirmation', 'article', 'callbackReminder', 'apology']);
export type FollowUpTemplate = z.infer<typeof FollowUpTemplateSchema>;
export const FollowUpChannelSchema = z.enum(['sms', 'email']);
export type FollowUpChannel = z.infer<typeof FollowUpChannelSchema>;

export const GatewayFollowUpSchema = z
  .object({
    id: z.uuid(),
    callId: z.string().min(1).max(64),
    customerId: z.string().min(1).max(64),
    customerNumber: z.string().min(1).max(128),
    channel: FollowUpChannelSchema,
    to: z.string().min(1).max(254),
    template: FollowUpTemplateSchema,
    disposition: z.string().max(64),
    summary: z.string().max(300),
    createdAt: IsoTime,
  })
  .strict();
export type GatewayFollowUp = z.infer<typeof GatewayFollowUpSchema>;

// ---------------------------------------------------------------- UI contract

/** "3rd contact in 7 days — last: damaged delivery, promised refund by Friday". */
export const RepeatContactSchema = z.object({
  /** This call's place among the customer's contacts in the window (2 = second contact). */
  ordinal: z.number().int().min(2),
  windowDays: z.number().int().positive(),
  lastAt: z.number(),
  lastChannel: ContactChannelSchema,
  lastOutcome: z.string(),
  /** The last note's first sentence(s), or an open case's promise. */
  lastNote: z.string().max(300),
});
export type RepeatContact = z.infer<typeof RepeatContactSchema>;

export const FcrSummarySchema = z.object({ resolved: z.number().int(), known: z.number().int() });

export const CustomerContextSchema = z.object({
  customer: CustomerSchema,
  timeline: z.array(TimelineEntrySchema),
  cases: z.array(CustomerCaseSchema),
  repeat: RepeatContactSchema.optional(),
  fcr: FcrSummarySchema,
  /** Epoch ms the data was fetched from the gateway (or created locally). */
  fetchedAt: z.number(),
  /** Older than the freshness window: shown, and being (or to be) refreshed. */
  stale: z.boolean(),
  /** Created on this laptop; the gateway has not confirmed it yet. */
  provisional: z.boolean(),
});
export type CustomerContext = z.infer<typeof CustomerContextSchema>;

/**
 * loading: first lookup with nothing cached; known: one customer (or the agent's pick); choose: several
 * customers share the number; unknown: the gateway (or, offline, the cache) knows no one with it.
 */
export const CallContextStatusSchema = z.enum(['loading', 'known', 'choose', 'unknown']);

export const CallContextSchema = z.object({
  callId: CallIdSchema,
  number: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  status: CallContextStatusSchema,
  /** Every customer the number matched (one for known). */
  matches: z.array(CustomerContextSchema),
  /** The agent's choice among several matches (or the linked/created customer) for this call. */
  selectedId: z.string().optional(),
  /** A gateway request is under way (never blocks anything). */
  refreshing: z.boolean(),
  /** The last refresh could not reach the gateway; what is shown is as of `asOf`. */
  offline: z.boolean(),
  asOf: z.number().optional(),
  /** The gateway answered with data that broke the contract: those fields, nothing from it cached. */
  rejected: z.array(z.string().max(300)).max(20).optional(),
});
export type CallContext = z.infer<typeof CallContextSchema>;

export const ContextViewSchema = z.object({
  calls: z.array(CallContextSchema),
  retentionDays: z.number().int().positive(),
  now: z.number(),
});
export type ContextView = z.infer<typeof ContextViewSchema>;

export const CustomerSearchResultSchema = z.object({
  source: z.enum(['gateway', 'cache']),
  customers: z.array(CustomerSchema),
  /** Set when the gateway could not be asked and the cache answered instead. */
  offline: z.boolean(),
});
export type CustomerSearchResult = z.infer<typeof CustomerSearchResultSchema>;

export const FollowUpSuggestionSchema = z.object({
  channel: FollowUpChannelSchema,
  template: FollowUpTemplateSchema,
  to: z.string(),
  /** Why this one: the customer's stated preference, or the only contact detail there is. */
  because: z.enum(['preference', 'onlyOption']),
});
export type FollowUpSuggestion = z.infer<typeof FollowUpSuggestionSchema>;

const SearchQuerySchema = z.string().trim().min(2).max(100);

export const contextRequests = {
  'context.view': { request: Empty, response: ContextViewSchema },
  /** Several customers share the number: remember this one for the call. */
  'context.select': { request: z.object({ callId: CallIdSchema, customerId: z.string().min(1).max(64) }).strict(), response: Empty },
  /** Name, email or order number; the gateway when it answers, the local cache otherwise. */
  'context.search': { request: z.object({ query: SearchQuerySchema }).strict(), response: CustomerSearchResultSchema },
  /** Links the call to a customer found by search (queued to the gateway through the outbox). */
  'context.link': { request: z.object({ callId: CallIdSchema, customerId: z.string().min(1).max(64) }).strict(), response: Empty },
  /** Creates a contact record for an unknown caller (queued through the outbox; shown at once). */
  'context.createContact': {
    request: z
      .object({ callId: CallIdSchema, name: z.string().trim().min(1).max(200), email: z.email().max(254).optional() })
      .strict(),
    response: z.object({ customerId: z.string() }),
  },
  /** GDPR: erases the customer from this laptop's cache (and from the panel). Logged. */
  'context.forget': { request: z.object({ customerId: z.string().min(1).max(64) }).strict(), response: z.object({ erased: z.boolean() }) },
  'context.suggestFollowUp': {
    request: z.object({ callId: CallIdSchema, disposition: z.string().max(64) }).strict(),
    response: z.object({ suggestion: FollowUpSuggestionSchema.nullable() }),
  },
  'context.sendFollowUp': {
    request: z
      .object({ callId: CallIdSchema, channel: FollowUpChannelSchema, template: FollowUpTemplateSchema, disposition: z.string().max(64) })
      .strict(),
    response: z.object({ id: z.string() }),
  },
} as const;

export const contextEvents = {
  'context.changed': ContextViewSchema,
} as const;
