// The HTTP contract between the desktop app and the contact centre's gateway (the CRM integration).
// gateway/openapi.yaml documents the same shapes; the reference gateway and the app's sync worker both
// validate against these schemas, so the two cannot drift apart silently.
import { z } from 'zod';

export const GATEWAY_API_PREFIX = '/v1';
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** How long a gateway remembers an Idempotency-Key: longer than the app's outbox retries a record
 *  (7 days, main/outbox/retryPolicy.ts; a unit test there keeps the two in step). */
export const IDEMPOTENCY_KEY_RETENTION_MS = 8 * 24 * 3600_000;
/** Set on a response that repeats the stored first answer for an Idempotency-Key. */
export const IDEMPOTENT_REPLAY_HEADER = 'Idempotent-Replayed';

const IsoTime = z.iso.datetime({ offset: true });
export const GatewayTagSchema = z.string().trim().min(1).max(40);

/** A wrap-up note as the CRM receives it. `id` is created by the app when the agent submits. */
export const GatewayNoteSchema = z
  .object({
    id: z.uuid(),
    callId: z.string().min(1).max(64),
    customerNumber: z.string().min(1).max(128),
    disposition: z.string().min(1).max(64),
    notes: z.string().max(20_000),
    tags: z.array(GatewayTagSchema).max(20),
    /** null when the agent did not say. */
    firstContactResolved: z.boolean().nullable(),
    callbackRequested: z.boolean(),
    /** When the agent submitted the wrap-up (not when it reached the gateway). */
    createdAt: IsoTime,
  })
  .strict();
export type GatewayNote = z.infer<typeof GatewayNoteSchema>;

export const GatewayCallbackSchema = z
  .object({
    id: z.uuid(),
    noteId: z.uuid(),
    callId: z.string().min(1).max(64),
    customerNumber: z.string().min(1).max(128),
    /** The number to call back; may differ from the number the customer called from. */
    number: z.string().min(1).max(64),
    dueAt: IsoTime,
    reason: z.string().max(500),
    createdAt: IsoTime,
  })
  .strict();
export type GatewayCallback = z.infer<typeof GatewayCallbackSchema>;

export const GatewayAcceptedSchema = z.object({ id: z.string(), receivedAt: IsoTime });
export type GatewayAccepted = z.infer<typeof GatewayAcceptedSchema>;

export const GatewayErrorCodeSchema = z.enum([
  'unauthorized',
  'not_found',
  'invalid_request',
  'idempotency_key_missing',
  'idempotency_key_reused',
  'rejected_by_crm',
  'note_id_conflict',
  'not_implemented',
  'internal',
]);
export const GatewayErrorSchema = z.object({
  error: z.object({ code: z.union([GatewayErrorCodeSchema, z.string()]), message: z.string(), issues: z.array(z.string()).optional() }),
});
export type GatewayError = z.infer<typeof GatewayErrorSchema>;

export const DispositionSchema = z.object({
  code: z.string().min(1).max(64),
  /** Labels by language ("en", "zh"); the UI falls back to "en", then to the code. */
  labels: z.record(z.string(), z.string().max(120)),
});
export type Disposition = z.infer<typeof DispositionSchema>;
export const DispositionListSchema = z.object({ dispositions: z.array(DispositionSchema).max(200) });

/**
 * The standard outcome codes: the reference gateway's seed, the app's list until it has reached a
 * gateway, and the codes the assist draft can suggest (a gateway may serve more; the draft only picks
 * codes the served list has). The UI labels them from its own i18n catalogue (renderer/ui/i18n).
 */
export const STANDARD_DISPOSITION_CODES = [
  'information_given',
  'refund_issued',
  'replacement_sent',
  'cancelled',
  'escalated',
  'callback_scheduled',
  'resolved',
  'complaint_logged',
] as const;
export const StandardDispositionSchema = z.enum(STANDARD_DISPOSITION_CODES);
export type StandardDisposition = z.infer<typeof StandardDispositionSchema>;

/** The list the app offers before it has ever reached the gateway, and the reference gateway's seed. */
export const FALLBACK_DISPOSITIONS: readonly Disposition[] = [
  { code: 'information_given', labels: { en: 'Information given', zh: '已提供信息' } },
  { code: 'refund_issued', labels: { en: 'Refund issued', zh: '已退款' } },
  { code: 'replacement_sent', labels: { en: 'Replacement sent', zh: '已补发' } },
  { code: 'cancelled', labels: { en: 'Cancelled', zh: '已取消' } },
  { code: 'escalated', labels: { en: 'Escalated', zh: '已升级' } },
  { code: 'callback_scheduled', labels: { en: 'Callback scheduled', zh: '已约回电' } },
  { code: 'resolved', labels: { en: 'Resolved', zh: '已解决' } },
  { code: 'complaint_logged', labels: { en: 'Complaint logged', zh: '已登记投诉' } },
];

/** Outbox record kinds and the gateway path each one is POSTed to. */
/** contact, callLink, followUp: customer-context writes (common/contract/context.ts). */
/** readiness: shift-start readiness reports for IT (common/contract/readiness.ts). */
/** message: follow-up messages chosen at wrap-up (common/contract/messages.ts). */
/** callbackOutcome: how a callback from the gateway's queue went (common/contract/callbackQueue.ts). */
export const OutboxKindSchema = z.enum(['note', 'callback', 'contact', 'callLink', 'followUp', 'readiness', 'message', 'callbackOutcome']);
export type OutboxKind = z.infer<typeof OutboxKindSchema>;
export const GATEWAY_PATH_BY_KIND: Record<OutboxKind, string> = {
  note: `${GATEWAY_API_PREFIX}/notes`,
  callback: `${GATEWAY_API_PREFIX}/callbacks`,
  contact: `${GATEWAY_API_PREFIX}/contacts`,
  callLink: `${GATEWAY_API_PREFIX}/call-links`,
  followUp: `${GATEWAY_API_PREFIX}/follow-ups`,
  readiness: `${GATEWAY_API_PREFIX}/readiness-reports`,
  message: `${GATEWAY_API_PREFIX}/messages`,
  callbackOutcome: `${GATEWAY_API_PREFIX}/callback-queue/outcomes`,
};

/** What the reference gateway did (printed when it stops): requests seen, writes committed, answers replayed by key, answers dropped (fault), writes refused. */
export interface GatewayCounters {
  requests: number;
  committed: number;
  replayed: number;
  dropped: number;
  rejected: number;
}
