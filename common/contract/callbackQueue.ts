// Callbacks as a queue on the gateway (gateway/openapi.yaml): created by agents at wrap-up, by the IVR's
// "call me back" option or by the web; each waits for an agent of its skill within its time window. The
// gateway assigns one callback to one agent at a time, so two agents never dial the same one.
import { z } from 'zod';
import { GATEWAY_API_PREFIX } from './gateway';

const IsoTime = z.iso.datetime({ offset: true });
const Skill = z.string().regex(/^[a-z0-9_.-]{1,40}$/, 'a skill name such as billing');
const Agent = z.string().min(1).max(128);

export const CallbackSourceSchema = z.enum(['agent', 'ivr', 'web']);
export const CallbackStateSchema = z.enum(['queued', 'assigned', 'dialing', 'done', 'escalated']);
export type CallbackState = z.infer<typeof CallbackStateSchema>;

export const QueuedCallbackCreateSchema = z
  .object({
    id: z.uuid(),
    source: CallbackSourceSchema,
    skill: Skill,
    customer: z.object({ id: z.string().max(64).optional(), name: z.string().min(1).max(200), number: z.string().regex(/^(\+[1-9]\d{6,14}|\d{2,6})$/) }).strict(),
    reason: z.string().min(1).max(500),
    /** The last contact the customer had, in a line ("Chat, 2 days ago: refund not received"). */
    lastContact: z.string().max(300).optional(),
    windowStart: IsoTime,
    windowEnd: IsoTime,
    createdAt: IsoTime,
  })
  .strict()
  .refine((value) => Date.parse(value.windowEnd) > Date.parse(value.windowStart), { message: 'the window must end after it starts', path: ['windowEnd'] });
export type QueuedCallbackCreate = z.infer<typeof QueuedCallbackCreateSchema>;

export const QueuedCallbackSchema = z.object({
  id: z.uuid(),
  source: CallbackSourceSchema,
  skill: Skill,
  customer: z.object({ id: z.string().max(64).optional(), name: z.string(), number: z.string() }),
  reason: z.string(),
  lastContact: z.string().optional(),
  windowStart: IsoTime,
  windowEnd: IsoTime,
  createdAt: IsoTime,
  state: CallbackStateSchema,
  agent: Agent.optional(),
  assignedAt: IsoTime.optional(),
  /** Why the last agent said "later". */
  deferredReason: z.string().optional(),
  outcome: z.string().optional(),
  escalatedAt: IsoTime.optional(),
});
export type QueuedCallback = z.infer<typeof QueuedCallbackSchema>;

export const CALLBACK_OUTCOMES = ['reached', 'noAnswer', 'busy', 'wrongNumber', 'resolvedElsewhere'] as const;
export const CallbackOutcomeCodeSchema = z.enum(CALLBACK_OUTCOMES);
export type CallbackOutcomeCode = z.infer<typeof CallbackOutcomeCodeSchema>;

/** An agent who is free asks for the next callback of their skills. */
export const CallbackClaimSchema = z.object({ agent: Agent, skills: z.array(Skill).min(1).max(20) }).strict();
export const CallbackDialSchema = z.object({ agent: Agent }).strict();
export const CallbackLaterSchema = z.object({ agent: Agent, reason: z.string().trim().min(1).max(200) }).strict();
export const CallbackOutcomeSchema = z
  .object({
    agent: Agent,
    outcome: CallbackOutcomeCodeSchema,
    note: z.string().max(1000).optional(),
    at: IsoTime,
  })
  .strict();

export const GATEWAY_CALLBACK_QUEUE_PATHS = {
  collection: `${GATEWAY_API_PREFIX}/callback-queue`,
  claim: `${GATEWAY_API_PREFIX}/callback-queue/claim`,
  dial: (id: string) => `${GATEWAY_API_PREFIX}/callback-queue/${encodeURIComponent(id)}/dial`,
  later: (id: string) => `${GATEWAY_API_PREFIX}/callback-queue/${encodeURIComponent(id)}/later`,
  outcome: (id: string) => `${GATEWAY_API_PREFIX}/callback-queue/${encodeURIComponent(id)}/outcome`,
} as const;

/**
 * An outcome as the desktop's outbox delivers it (kind `callbackOutcome`): the same fields as
 * `…/{id}/outcome` plus the callback's id, so every record goes to one fixed path (GATEWAY_PATH_BY_KIND in gateway.ts) and is retried with its
 * Idempotency-Key until the gateway has it.
 */
export const CallbackOutcomeRecordSchema = z
  .object({
    callbackId: z.uuid(),
    agent: Agent,
    outcome: CallbackOutcomeCodeSchema,
    note: z.string().max(1000).optional(),
    at: IsoTime,
    /** Shown in the agent's outbox panel; the gateway already knows the customer. */
    customerNumber: z.string().max(64).optional(),
  })
  .strict();
export type CallbackOutcomeRecord = z.infer<typeof CallbackOutcomeRecordSchema>;
