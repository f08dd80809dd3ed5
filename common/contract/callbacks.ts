// The desktop's share of the callback queue (common/contract/callbackQueue.ts holds the gateway's side):
// what the agent sees of the callback assigned to them, and what they may do with it.
import { z } from 'zod';
import { CallbackOutcomeCodeSchema, CallbackSourceSchema } from './callbackQueue';
import { CallIdSchema } from './model';

const Empty = z.object({}).strict();
const CallbackId = z.uuid();

/**
 * off: this agent takes no queued callbacks (no callbackSkills in policy, no gateway, no SIP account);
 * waiting: asking the gateway while the agent is Ready; preview: one is assigned, the agent decides;
 * calling: the customer is being called; outcome: the call ended, the agent says how it went.
 */
export const CallbackStageSchema = z.enum(['off', 'waiting', 'preview', 'calling', 'outcome']);
export type CallbackStage = z.infer<typeof CallbackStageSchema>;

/** Something the agent should know about their last action. */
export const CallbackNoticeSchema = z.enum(['taken', 'gatewayDown', 'dialFailed']);
export type CallbackNotice = z.infer<typeof CallbackNoticeSchema>;

export const CallbackPreviewSchema = z.object({
  id: CallbackId,
  source: CallbackSourceSchema,
  skill: z.string().max(40),
  customerName: z.string().max(200),
  customerNumber: z.string().max(64),
  reason: z.string().max(500),
  lastContact: z.string().max(300).optional(),
  /** Epoch ms; the UI shows them in the agent's language and time zone. */
  windowStart: z.number(),
  windowEnd: z.number(),
});
export type CallbackPreview = z.infer<typeof CallbackPreviewSchema>;

export const CallbacksViewSchema = z.object({
  stage: CallbackStageSchema,
  callback: CallbackPreviewSchema.optional(),
  /** Main's clock when the automatic dial happens (policy callbackAutoDialSeconds); absent when none is counting. */
  autoDialAt: z.number().optional(),
  /** The call placed for the callback, while it lasts. */
  callId: CallIdSchema.optional(),
  notice: CallbackNoticeSchema.optional(),
  /** Main's clock when the view was made (the countdown is shown against it). */
  now: z.number(),
});
export type CallbacksView = z.infer<typeof CallbacksViewSchema>;

export const CallbackLaterRequestSchema = z.object({ id: CallbackId, reason: z.string().trim().min(1).max(200) }).strict();
export const CallbackOutcomeRequestSchema = z.object({ id: CallbackId, outcome: CallbackOutcomeCodeSchema, note: z.string().max(1000).optional() }).strict();

export const callbacksUiRequests = {
  'callbacks.view': { request: Empty, response: CallbacksViewSchema },
  'callbacks.callNow': { request: z.object({ id: CallbackId }).strict(), response: Empty },
  'callbacks.stopAutoDial': { request: z.object({ id: CallbackId }).strict(), response: Empty },
  'callbacks.later': { request: CallbackLaterRequestSchema, response: Empty },
  'callbacks.outcome': { request: CallbackOutcomeRequestSchema, response: Empty },
} as const;

export const callbacksUiEvents = {
  'callbacks.changed': CallbacksViewSchema,
} as const;
