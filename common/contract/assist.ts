// The agent-assist part of the contract: audio frames from the call engine (both legs, 16 kHz mono PCM),
// and what the UI sees (redacted live transcript, knowledge suggestions, sentiment, the wrap-up draft).
// channels.ts spreads these maps into engineRequests / uiRequests / uiEvents.
import { z } from 'zod';
import { ASSIST_MAX_FRAME_BYTES, AssistLegSchema, AudioBatchAckSchema, AudioBatchSchema, AudioFrameHeaderSchema } from './audioEnvelope';
import { CallIdSchema } from './model';

export { ASSIST_MAX_FRAME_BYTES, ASSIST_SAMPLE_RATE, AssistLegSchema, type AssistLeg } from './audioEnvelope';

const Empty = z.object({}).strict();

const MAX_FRAME_BASE64 = Math.ceil(ASSIST_MAX_FRAME_BYTES / 3) * 4;

/**
 * One frame with its PCM as base64: what the offline tools (scripts/assist-eval, bench/assist.bench.ts)
 * hand the assist service. The engine sends binary batches instead (engine.audioFrames, audioEnvelope.ts).
 */
export const AudioFrameSchema = AudioFrameHeaderSchema.extend({
  /** Little-endian signed 16-bit PCM, base64. */
  pcm: z.string().min(4).max(MAX_FRAME_BASE64).regex(/^[A-Za-z0-9+/]+={0,2}$/, 'pcm must be base64'),
}).strict();
export type AudioFrame = z.infer<typeof AudioFrameSchema>;

export const AsrStatusSchema = z.object({
  /** Which provider is configured: off, pocketsphinx (built in), sherpa-onnx (local model directory), remote (service). */
  provider: z.enum(['off', 'pocketsphinx', 'sherpa-onnx', 'remote']),
  state: z.enum(['off', 'ready', 'unavailable']),
  /** Why it is unavailable, in plain words (e.g. no model installed in …). */
  message: z.string().max(1000).optional(),
  /** Languages the provider transcribes, e.g. ["en"]. */
  languages: z.array(z.string().max(16)).max(8),
});
export type AsrStatus = z.infer<typeof AsrStatusSchema>;

export const TranscriptTurnSchema = z.object({
  id: z.string().max(64),
  leg: AssistLegSchema,
  /** Already redacted: card numbers, IDs, bank numbers, e-mail and phone are masked on the device. */
  text: z.string().max(4000),
  at: z.number(),
  /** Per-turn sentiment, -1 (very negative) … +1 (very positive); customer turns only (the agent is never scored). */
  sentiment: z.number().min(-1).max(1).optional(),
  /** Escalation cues heard in this turn: cancel, complaint, supervisor, legal. */
  cues: z.array(z.string().max(32)).max(8),
});
export type TranscriptTurn = z.infer<typeof TranscriptTurnSchema>;

export const SuggestionSchema = z.object({
  articleId: z.string().max(64),
  title: z.string().max(300),
  /** The passage that matched, with the query terms marked as [[term]]. */
  passage: z.string().max(1000),
  /** 0 … 1 */
  confidence: z.number().min(0).max(1),
  url: z.string().max(2048),
  lang: z.string().max(8),
  /** The agent's vote on this article for this call, if any. */
  feedback: z.enum(['helpful', 'notHelpful']).optional(),
});
export type Suggestion = z.infer<typeof SuggestionSchema>;

export const EntitySchema = z.object({
  kind: z.enum(['order', 'date', 'amount', 'product']),
  text: z.string().max(200),
  /** Normalised: order "HL204518", amount "49.99 GBP", date "2026-12-09" (YYYY-MM-DD). */
  value: z.string().max(64).optional(),
});
export type Entity = z.infer<typeof EntitySchema>;

/** The pre-filled wrap-up: the agent edits it in the wrap-up form before it is saved. */
export const AssistDraftSchema = z.object({
  callId: CallIdSchema,
  /** Call reason: the top knowledge article (or intent) of the call. */
  reason: z.string().max(300),
  reasonArticleId: z.string().max(64).optional(),
  keyTurns: z.array(z.string().max(500)).max(6),
  /** What the agent promised or did for the customer ("I'll send you a returns label"). */
  promises: z.array(z.string().max(500)).max(8),
  /** The same promises with the day each names, when it names one (YYYY-MM-DD). */
  promiseDetails: z.array(z.object({ what: z.string().max(500), due: z.string().max(10).optional() })).max(8).optional(),
  entities: z.array(EntitySchema).max(20),
  /** A disposition code from the catalogue (resolved, complaint, escalated, …). */
  disposition: z.string().max(64),
  /** Notes text ready to drop into the form's notes field. */
  notes: z.string().max(5000),
  generatedAt: z.number(),
  /** Which summariser made it: extractive (on the laptop) or a configured provider. */
  source: z.string().max(32),
});
export type AssistDraft = z.infer<typeof AssistDraftSchema>;

export const SentimentPointSchema = z.object({ at: z.number(), score: z.number().min(-1).max(1), leg: AssistLegSchema });

export const AssistCallViewSchema = z.object({
  callId: CallIdSchema,
  live: z.boolean(),
  paymentMode: z.boolean(),
  /** The call runs on 8 kHz audio: transcription will be poor. */
  narrowband: z.boolean(),
  turns: z.array(TranscriptTurnSchema).max(200),
  /** The words being spoken right now (redacted), per leg. */
  partial: z.object({ customer: z.string().max(2000).optional(), agent: z.string().max(2000).optional() }),
  suggestions: z.array(SuggestionSchema).max(5),
  /** Customer sentiment over the call (smoothed), oldest first. */
  trend: z.array(SentimentPointSchema).max(200),
  /** Current smoothed customer sentiment. */
  mood: z.number().min(-1).max(1),
  /** Escalation cues heard so far in the call. */
  escalation: z.array(z.string().max(32)).max(8),
  draft: AssistDraftSchema.optional(),
});
export type AssistCallView = z.infer<typeof AssistCallViewSchema>;

/** The local knowledge index and its sync with the gateway. */
export const KnowledgeStatusSchema = z.object({
  /**
   * off: no gateway configured (the shipped articles are used); seed: not synced yet (shipped articles);
   * synced: the last sync worked; offline: the gateway could not be reached (the last index is used);
   * rejected: the gateway sent articles that break the contract (ignored; the last index is used).
   */
  state: z.enum(['off', 'seed', 'synced', 'offline', 'rejected']),
  articles: z.number().int().nonnegative(),
  /** When articles were last taken from the gateway (ms). */
  syncedAt: z.number().optional(),
  /** Why the last sync failed, in plain words (field paths, never article text). */
  message: z.string().max(1000).optional(),
});
export type KnowledgeStatus = z.infer<typeof KnowledgeStatusSchema>;

export const AssistViewSchema = z.object({
  asr: AsrStatusSchema,
  knowledge: KnowledgeStatusSchema.optional(),
  /** Live calls first, then the most recent ended ones (their draft is there). */
  calls: z.array(AssistCallViewSchema).max(6),
});
export type AssistView = z.infer<typeof AssistViewSchema>;

export const KbSearchRequestSchema = z.object({ query: z.string().trim().min(1).max(300), callId: CallIdSchema.optional() }).strict();

/**
 * Whether main wants call audio at all: off while live transcription is off by policy or unavailable, so
 * the engine opens no tap, no worklet and sends no frames.
 */
export const AssistTapSchema = z.object({ on: z.boolean() }).strict();
export type AssistTap = z.infer<typeof AssistTapSchema>;

/** Requests the call engine may make about assist. */
export const assistEngineRequests = {
  /** Binary batches of PCM frames (audioEnvelope.ts); malformed ones are refused with the reason logged. */
  'engine.audioFrames': { request: AudioBatchSchema, response: AudioBatchAckSchema },
  /** Asked once the engine page is up; changes come as assist.tap events. */
  'assist.tapWanted': { request: Empty, response: AssistTapSchema },
} as const;

/** Events main pushes to the call engine about assist. */
export const assistEngineEvents = {
  'assist.tap': AssistTapSchema,
} as const;

/** Requests the UI may make about assist. */
export const assistUiRequests = {
  'assist.view': { request: Empty, response: AssistViewSchema },
  /** The agent searches the knowledge base by hand; the query is redacted before it is used or kept. */
  'assist.search': { request: KbSearchRequestSchema, response: z.object({ results: z.array(SuggestionSchema).max(10) }) },
  'assist.feedback': {
    request: z.object({ callId: CallIdSchema.optional(), articleId: z.string().max(64), helpful: z.boolean() }).strict(),
    response: Empty,
  },
  /** Payment mode pauses transcription of the call entirely (both legs) while a card is taken. */
  'assist.paymentMode': { request: z.object({ callId: CallIdSchema, on: z.boolean() }).strict(), response: Empty },
  /** The wrap-up draft for a call (made within a second of hang-up); null while none is ready. */
  'assist.draft': { request: z.object({ callId: CallIdSchema }).strict(), response: z.object({ draft: AssistDraftSchema.nullable() }) },
} as const;

/** Events main pushes about assist (sent whole, coalesced, like app.snapshot). */
export const assistUiEvents = {
  'assist.changed': AssistViewSchema,
} as const;
