// Routing context: why this call came to this agent. Two halves: the gateway's interaction record
// (what the self-service part captured: IVR path, bot transcript, detected intent), and the UI channels
// that carry "routing context for call X" from main to the customer panel. channels.ts spreads the maps.
import { z } from 'zod';
import { GATEWAY_API_PREFIX } from './gateway';
import { CallIdSchema } from './model';

const Empty = z.object({}).strict();
const IsoTime = z.iso.datetime({ offset: true });

/** Interaction ids: what the routing platform and the gateway agree on; safe in a URL path as is. */
export const InteractionIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/, 'letters, digits and _ . : - (at most 64)');

export const IvrStepSchema = z.string().min(1).max(40);
export const BotTurnSchema = z.object({
  speaker: z.enum(['bot', 'customer']),
  text: z.string().min(1).max(500),
});
export type BotTurn = z.infer<typeof BotTurnSchema>;

export const DetectedIntentSchema = z.object({
  /** Machine name, e.g. "billing.refund_status"; the knowledge query uses `label` and `keywords`. */
  name: z.string().regex(/^[a-z0-9_.-]{1,64}$/),
  label: z.string().min(1).max(120),
  confidence: z.number().min(0).max(1),
  /** Words that describe the intent for the knowledge search (the bot's own vocabulary). */
  keywords: z.array(z.string().min(1).max(40)).max(12).default([]),
  /** The customer could have done this in the app or on the web. */
  selfServiceable: z.boolean().default(false),
  selfServiceUrl: z.url({ protocol: /^https?$/ }).max(500).optional(),
});
export type DetectedIntent = z.infer<typeof DetectedIntentSchema>;

/** The interaction record the gateway serves at GET /v1/interactions/{id} (gateway/openapi.yaml). */
export const InteractionRecordSchema = z.object({
  id: InteractionIdSchema,
  /** The caller as the IVR saw it (E.164 or a short internal number). */
  caller: z.string().max(32).optional(),
  queue: z.string().max(64).optional(),
  skill: z.string().max(64).optional(),
  ivrPath: z.array(IvrStepSchema).max(20),
  transcript: z.array(BotTurnSchema).max(40),
  intent: DetectedIntentSchema.optional(),
  /** When the customer entered the IVR. */
  startedAt: IsoTime,
});
export type InteractionRecord = z.infer<typeof InteractionRecordSchema>;
export const InteractionCreateSchema = InteractionRecordSchema.strict();

export const GATEWAY_INTERACTION_PATHS = {
  collection: `${GATEWAY_API_PREFIX}/interactions`,
  one: (id: string) => `${GATEWAY_API_PREFIX}/interactions/${encodeURIComponent(id)}`,
} as const;

// ---------------------------------------------------------------- what the desktop shows

/**
 * none: the call carried no routing headers (a direct call, or a platform that sends none) — nothing to
 * show and nothing wrong. ok: parsed. unavailable: headers were there but malformed or oversized.
 */
export const RoutingStatusSchema = z.enum(['none', 'ok', 'unavailable']);
export type RoutingStatus = z.infer<typeof RoutingStatusSchema>;

export const RecordStateSchema = z.enum(['none', 'loading', 'loaded', 'failed']);

export const CallRoutingSchema = z.object({
  callId: CallIdSchema,
  status: RoutingStatusSchema,
  queue: z.string().max(64).optional(),
  skill: z.string().max(64).optional(),
  interactionId: InteractionIdSchema.optional(),
  /** Seconds the customer had waited (IVR + queue) when the call reached this agent. */
  waitedSeconds: z.number().int().min(0).max(86_400).optional(),
  ivrPath: z.array(IvrStepSchema).max(20),
  /** Main's clock when the call started ringing here: the panel adds the time since. */
  ringingSince: z.number(),
  record: RecordStateSchema,
  transcript: z.array(BotTurnSchema).max(40),
  intent: DetectedIntentSchema.optional(),
});
export type CallRouting = z.infer<typeof CallRoutingSchema>;

/** `now`: main's clock when the view was made (a reloaded UI keeps the newer of fetch and push). */
export const RoutingViewSchema = z.object({ calls: z.array(CallRoutingSchema).max(10), now: z.number() });
export type RoutingView = z.infer<typeof RoutingViewSchema>;

export const routingUiRequests = {
  'routing.view': { request: Empty, response: RoutingViewSchema },
} as const;

export const routingUiEvents = {
  'routing.changed': RoutingViewSchema,
} as const;
