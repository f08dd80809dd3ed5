// Channel guidance at wrap-up: the follow-up message the agent sends the customer (SMS, e-mail or a chat
// link) and what the wrap-up form shows about it. Two halves: the gateway's message resource
// (POST /v1/messages through the outbox, idempotent like notes; gateway/openapi.yaml), and the UI channels
// that carry "the suggested follow-up for call X". channels.ts spreads the maps below.
import { z } from 'zod';
import { GATEWAY_API_PREFIX } from './gateway';
import { isHttpsUrl } from './knowledge';
import { CallIdSchema } from './model';
import { InteractionIdSchema } from './routing';
import { OutboxItemStateSchema } from './wrapup';

const IsoTime = z.iso.datetime({ offset: true });

/** chat: a link that opens a chat (or the self-service page) with the conversation's context. */
export const MessageChannelSchema = z.enum(['sms', 'email', 'chat']);
export type MessageChannel = z.infer<typeof MessageChannelSchema>;

export const MESSAGE_BODY_MAX = 2000;
export const GATEWAY_MESSAGES_PATH = `${GATEWAY_API_PREFIX}/messages`;

const HttpsLink = z.string().max(2048).refine(isHttpsUrl, 'must be an https:// link');

/** A follow-up message as the gateway receives it. `id` is made by the app when the agent sends. */
export const GatewayMessageSchema = z
  .object({
    id: z.uuid(),
    callId: z.string().min(1).max(64),
    interactionId: InteractionIdSchema.optional(),
    customerId: z.string().min(1).max(64).optional(),
    customerNumber: z.string().min(1).max(128),
    channel: MessageChannelSchema,
    /** A phone number (E.164) for SMS and chat links, an e-mail address for e-mail. */
    to: z.string().trim().min(3).max(254),
    subject: z.string().max(200).optional(),
    /** Already redacted by the app: no card numbers, dates of birth, passwords or codes. */
    body: z.string().trim().min(1).max(MESSAGE_BODY_MAX),
    /** The knowledge article the message came from, if any. */
    articleId: z.string().min(1).max(64).optional(),
    link: HttpsLink.optional(),
    createdAt: IsoTime,
  })
  .strict()
  .superRefine((message, ctx) => {
    const email = z.email().safeParse(message.to).success;
    const phone = /^\+[1-9]\d{6,14}$/.test(message.to);
    if (message.channel === 'email' ? !email : !phone) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: message.channel === 'email' ? 'an e-mail address is needed for e-mail' : 'a phone number in E.164 form (+44…) is needed for SMS and chat links' });
    }
  });
export type GatewayMessage = z.infer<typeof GatewayMessageSchema>;

// ---------------------------------------------------------------- what the wrap-up form shows

/**
 * Why this channel: the customer's stated preference; the answer is mostly a link (better read by e-mail
 * or a link in an SMS); the intent was self-serviceable (a chat/app link); the article says which channel
 * fits; or it is the only contact detail there is.
 */
export const ChannelReasonSchema = z.enum(['preference', 'linkHeavy', 'selfService', 'article', 'onlyOption']);
export type ChannelReason = z.infer<typeof ChannelReasonSchema>;

export const ChannelOptionSchema = z.object({ channel: MessageChannelSchema, to: z.string().max(254) });
export type ChannelOption = z.infer<typeof ChannelOptionSchema>;

export const ChannelGuidanceSchema = z.object({
  callId: CallIdSchema,
  /** null: the customer has no written contact detail (or is unknown): nothing to send. */
  suggested: ChannelOptionSchema.extend({ because: z.array(ChannelReasonSchema).max(4) }).nullable(),
  /** Every channel the customer can be reached on, the suggested one first. */
  options: z.array(ChannelOptionSchema).max(3),
  subject: z.string().max(200),
  /** Pre-filled from the article used on the call and the agent's promise; redacted. */
  body: z.string().max(MESSAGE_BODY_MAX),
  link: z.string().max(2048).optional(),
  article: z.object({ id: z.string().max(64), title: z.string().max(300) }).optional(),
  /** The call's intent could have been done in the app: the link to give the customer. */
  selfService: z.object({ label: z.string().max(120), url: z.string().max(500) }).optional(),
  /** Messages sent for this call and how far each got. */
  sent: z.array(z.object({ id: z.string().max(64), channel: MessageChannelSchema, to: z.string().max(254), state: OutboxItemStateSchema })).max(10),
});
export type ChannelGuidance = z.infer<typeof ChannelGuidanceSchema>;

export const SendMessageRequestSchema = z
  .object({
    callId: CallIdSchema,
    channel: MessageChannelSchema,
    to: z.string().trim().min(1).max(254),
    body: z.string().trim().min(1, 'The message is empty').max(MESSAGE_BODY_MAX),
  })
  .strict();
export type SendMessageRequest = z.infer<typeof SendMessageRequestSchema>;

export const channelGuidanceRequests = {
  /** The suggested follow-up for a call in wrap-up; null when the call is unknown. */
  'channels.guidance': {
    /** `channel`: pre-fill for this channel instead of the suggested one (the agent picked another). */
    request: z.object({ callId: CallIdSchema, channel: MessageChannelSchema.optional() }).strict(),
    response: z.object({ guidance: ChannelGuidanceSchema.nullable() }),
  },
  /** Queues the (redacted) message in the outbox; `body`: the text as sent; `masked`: what was masked in the agent's text. */
  'channels.send': {
    request: SendMessageRequestSchema,
    response: z.object({ id: z.string(), body: z.string().max(MESSAGE_BODY_MAX), masked: z.array(z.string().max(32)).max(20) }),
  },
} as const;
