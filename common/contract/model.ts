// The data that crosses process lines. Every type here is inferred from a zod schema so that
// main, preload, the call engine and the UI validate against exactly the same definitions.
import { z } from 'zod';
import { RawRoutingHeadersSchema } from './routingHeaders';

export const CallIdSchema = z.string().min(1).max(64);

/** What the agent sees as their headline state. */
export const PresenceSchema = z.enum([
  'starting',
  'registering',
  'ready',
  'notReady',
  'ringing',
  'onCall',
  'wrapUp',
  'reconnecting',
  'offline',
]);
export type Presence = z.infer<typeof PresenceSchema>;

export const RegistrationStateSchema = z.enum(['unconfigured', 'registering', 'registered', 'reconnecting', 'failed', 'offline']);
export type RegistrationState = z.infer<typeof RegistrationStateSchema>;

/** Why registration failed, in a form the UI can translate into plain words. */
export const RegistrationFailureSchema = z.enum(['authentication', 'transport', 'timeout', 'rejected', 'engineLost', 'forbidden', 'notFound', 'unavailable']);
export type RegistrationFailure = z.infer<typeof RegistrationFailureSchema>;

export const RegistrationSchema = z.object({
  state: RegistrationStateSchema,
  failure: RegistrationFailureSchema.optional(),
  /** SIP status or transport detail, shown in diagnostics only. */
  detail: z.string().max(500).optional(),
  /** Epoch ms of the last successful REGISTER. */
  registeredAt: z.number().optional(),
  /** Epoch ms of the next scheduled reconnect attempt while reconnecting. */
  nextRetryAt: z.number().optional(),
});
export type Registration = z.infer<typeof RegistrationSchema>;

/** headsetRemoved: the headset was unplugged between calls; readinessCheck: IT requires the shift-start check and it has not passed yet. */
/** The list beside its schema: the UI offers it without loading zod (scripts/contractShaking.mjs). */
export const NOT_READY_REASONS = ['break', 'lunch', 'training', 'meeting', 'missedCall', 'offline', 'headsetRemoved', 'readinessCheck', 'recovery'] as const;
export const NotReadyReasonSchema = z.enum(NOT_READY_REASONS);
export type NotReadyReason = z.infer<typeof NotReadyReasonSchema>;

export const AgentAvailabilitySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('available') }),
  z.object({ kind: z.literal('notReady'), reason: NotReadyReasonSchema }),
]);
export type AgentAvailability = z.infer<typeof AgentAvailabilitySchema>;

export const CallDirectionSchema = z.enum(['inbound', 'outbound']);
export const CallStateSchema = z.enum(['ringing', 'dialing', 'connected', 'ended']);
export type CallState = z.infer<typeof CallStateSchema>;

/** Plain-word reasons for a call that ended or failed. */
export const CallEndReasonSchema = z.enum([
  'hungUpLocal',
  'hungUpRemote',
  'busy',
  'noAnswer',
  'rejected',
  'canceled',
  'notFound',
  'unavailable',
  'failed',
  'connectionLost',
  'engineLost',
  /** The agent handed the call on (blind or attended transfer). */
  'transferred',
  /** An inbound call rang until the alert timeout without being answered. */
  'missed',
]);
export type CallEndReason = z.infer<typeof CallEndReasonSchema>;

/** One second of call statistics from the engine's getStats(). */
export const QualitySampleSchema = z.object({
  at: z.number(),
  rttMs: z.number().min(0).max(60_000),
  jitterMs: z.number().min(0).max(60_000),
  /** Loss over the last interval, percent. */
  lossPercent: z.number().min(0).max(100),
  bytesReceived: z.number().int().min(0),
  bytesSent: z.number().int().min(0),
  /** RTP audio level 0–1 of what the agent hears / says; null when the browser has no figure. */
  inboundLevel: z.number().min(0).max(1).nullable(),
  outboundLevel: z.number().min(0).max(1).nullable(),
  codec: z.string().max(64).nullable(),
  clockRate: z.number().int().positive().nullable(),
});
export type QualitySample = z.infer<typeof QualitySampleSchema>;

export const QualityWarningSchema = z.enum(['packetLoss', 'highLatency', 'jitter', 'lowMos', 'deadMic', 'narrowband']);
export type QualityWarning = z.infer<typeof QualityWarningSchema>;

export const CallQualitySchema = z.object({
  mos: z.number(),
  rttMs: z.number(),
  jitterMs: z.number(),
  lossPercent: z.number(),
  codec: z.string().nullable(),
  warnings: z.array(QualityWarningSchema),
});
export type CallQuality = z.infer<typeof CallQualitySchema>;

export const CallSchema = z.object({
  id: CallIdSchema,
  direction: CallDirectionSchema,
  state: CallStateSchema,
  /** Remote party as a SIP user part or E.164 number. */
  remoteNumber: z.string().max(128),
  remoteName: z.string().max(256).optional(),
  startedAt: z.number(),
  connectedAt: z.number().optional(),
  endedAt: z.number().optional(),
  onHold: z.boolean(),
  heldSince: z.number().optional(),
  muted: z.boolean(),
  endReason: CallEndReasonSchema.optional(),
  quality: CallQualitySchema.optional(),
  /** Part of a three-way conference mixed by the engine. */
  conference: z.boolean().optional(),
  /** This call is a consultation for another (held) call: it can complete an attended transfer or become a conference. */
  consultFor: CallIdSchema.optional(),
  /** A transfer (REFER) is on its way. */
  transferring: z.boolean().optional(),
  /** The network or the server connection dropped during the call and the engine is trying to keep it. */
  recovering: z.boolean().optional(),
  /** The far end put the call on hold (a re-INVITE sendonly or inactive): their silence is expected. */
  remoteHold: z.boolean().optional(),
  /** Epoch ms at which main answers a ringing call automatically (auto-answer policy). */
  autoAnswerAt: z.number().optional(),
  /** Routing headers of an inbound INVITE as received (untrusted, clipped): main's routing capability parses them. */
  routingHeaders: RawRoutingHeadersSchema.optional(),
});
export type Call = z.infer<typeof CallSchema>;

export const EngineStatusSchema = z.enum(['starting', 'running', 'restarting', 'down']);
export type EngineStatus = z.infer<typeof EngineStatusSchema>;

export const NoticeSchema = z.object({
  id: z.string(),
  level: z.enum(['info', 'warning', 'error']),
  /** i18n key plus interpolation values; the UI owns the wording. */
  key: z.string(),
  values: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  /** When it last happened. */
  at: z.number(),
  /** How many times the same notice was raised since it was last dismissed (absent: once). */
  count: z.number().int().min(2).optional(),
});
export type Notice = z.infer<typeof NoticeSchema>;

export const AccountSummarySchema = z.object({
  displayName: z.string(),
  sipUri: z.string(),
  server: z.string(),
  /** No password is kept for this account yet: the UI asks the agent for it. */
  passwordMissing: z.boolean().optional(),
});
export type AccountSummary = z.infer<typeof AccountSummarySchema>;

/** Everything the UI needs to draw itself; pushed whole on every change so a reloaded UI re-attaches instantly. */
export const SnapshotSchema = z.object({
  version: z.number().int(),
  presence: PresenceSchema,
  registration: RegistrationSchema,
  availability: AgentAvailabilitySchema,
  engine: EngineStatusSchema,
  account: AccountSummarySchema.optional(),
  calls: z.array(CallSchema),
  notices: z.array(NoticeSchema),
  /** Epoch ms at which after-call work ends by itself; set while in wrap-up. */
  wrapUpUntil: z.number().optional(),
  /** Main's clock when the snapshot was made, so UI timers stay right across reloads. */
  now: z.number(),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;
