// Supervisor help and wellbeing: roles and teams (from the gateway, never from the agent's settings),
// raised hands with their call context, the chat thread of each hand, the team board and the workload
// flags. Shared by the gateway (wire), main, the call engine (SIP MESSAGE bodies) and the UI.
import { z } from 'zod';
import { PresenceSchema } from './model';

const Empty = z.object({}).strict();

/** A SIP user part (1001, agent42): what identifies an agent or supervisor everywhere. */
export const SipUserSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.\-+]+$/, 'a SIP user is letters, digits and . _ - +');
export const RoleSchema = z.enum(['agent', 'supervisor']);
export type SupervisorRole = z.infer<typeof RoleSchema>;

/** The content type of every supervisor SIP MESSAGE (raise hand, chat, read receipts). */
export const HAND_CONTENT_TYPE = 'application/vnd.hearthline.hand+json';
/** The agent's own line when raising a hand, and one chat message. */
export const HAND_TEXT_MAX = 500;
/** How much of the already-redacted transcript a hand may carry (characters). */
export const HAND_EXCERPT_MAX = 600;

// ── Workload flags (facts about the work, never an inferred state of the agent) ──────────────────

export const WellbeingFlagSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('difficultInARow'), count: z.number().int().min(1).max(100) }).strict(),
  z.object({ kind: z.literal('noBreak'), minutes: z.number().int().min(0).max(24 * 60) }).strict(),
  z.object({ kind: z.literal('askedForMinute') }).strict(),
  z.object({ kind: z.literal('longCalls'), count: z.number().int().min(1).max(100) }).strict(),
  z.object({ kind: z.literal('wrapUpBacklog'), count: z.number().int().min(1).max(1000) }).strict(),
]);
export type WellbeingFlag = z.infer<typeof WellbeingFlagSchema>;

/** Organisation policy for supervisor help and wellbeing (the gateway's team policy). */
export const TeamPolicySchema = z
  .object({
    /** Supervisors see the workload flags on the board; off: nothing of wellbeing leaves the laptop. */
    shareWellbeingFlags: z.boolean(),
    /** Length of the recovery break offered after a difficult call, minutes. */
    recoveryBreakMinutes: z.number().int().min(1).max(30),
    /** "Difficult calls in a row" is flagged from this many on (default 3). */
    difficultInARowFlagAt: z.number().int().min(1).max(20).optional(),
  })
  .strict();
export type TeamPolicy = z.infer<typeof TeamPolicySchema>;

// ── Gateway wire ────────────────────────────────────────────────────────────────────────────────

export const GatewayAccountSchema = z
  .object({
    sipUser: SipUserSchema,
    displayName: z.string().max(128),
    role: RoleSchema,
    team: z.string().min(1).max(64),
    /** The supervisors of this account's team (for an agent: who a raised hand goes to). */
    supervisors: z.array(SipUserSchema).max(50),
    policy: TeamPolicySchema,
  })
  .strict();
export type GatewayAccount = z.infer<typeof GatewayAccountSchema>;

export const GatewayTeamSchema = z
  .object({ team: z.string().min(1).max(64), supervisors: z.array(SipUserSchema).max(50), agents: z.array(SipUserSchema).max(500) })
  .strict();
export type GatewayTeam = z.infer<typeof GatewayTeamSchema>;

export const ReadinessResultSchema = z.enum(['passed', 'failed', 'notRun']);

/** What an agent's app publishes about itself for the team board (no transcript, no audio, no customer). */
export const AgentStateSchema = z
  .object({
    agent: SipUserSchema,
    displayName: z.string().max(128),
    presence: PresenceSchema,
    /** The Not Ready reason code, when Not Ready. */
    reason: z.string().max(32).optional(),
    /** Epoch ms the presence started. */
    since: z.number(),
    /** Epoch ms the current call connected, while on a call. */
    callSince: z.number().optional(),
    queue: z.string().max(64).optional(),
    wrapUpBacklog: z.number().int().min(0).max(10_000),
    unsyncedNotes: z.number().int().min(0).max(100_000),
    readiness: ReadinessResultSchema,
    /** Only where the team policy shares them; otherwise always empty. */
    flags: z.array(WellbeingFlagSchema).max(8),
    /** Epoch ms on the agent's laptop when this was published (board lag). */
    publishedAt: z.number(),
  })
  .strict();
export type AgentState = z.infer<typeof AgentStateSchema>;

/** The call context a raised hand carries. Every text in it is already redacted on the agent's laptop. */
export const HandContextSchema = z
  .object({
    caller: z.string().max(128).optional(),
    customerName: z.string().max(256).optional(),
    openCase: z.string().max(300).optional(),
    topSuggestion: z.string().max(300).optional(),
    /** Smoothed customer mood, -1 … +1, and whether it is falling, steady or rising. */
    mood: z.number().min(-1).max(1).optional(),
    moodTrend: z.enum(['falling', 'steady', 'rising']).optional(),
    /** The last customer/agent lines, already redacted, only when the agent chose to send them. */
    excerpt: z.string().max(HAND_EXCERPT_MAX).optional(),
    callSeconds: z.number().int().min(0).max(86_400).optional(),
  })
  .strict();
export type HandContext = z.infer<typeof HandContextSchema>;

export const HandStateSchema = z.enum(['open', 'taken', 'closed']);

export const HandSchema = z
  .object({
    id: z.uuid(),
    agent: SipUserSchema,
    agentName: z.string().max(128),
    team: z.string().min(1).max(64),
    text: z.string().max(HAND_TEXT_MAX),
    context: HandContextSchema,
    raisedAt: z.number(),
    state: HandStateSchema,
    takenBy: SipUserSchema.optional(),
  })
  .strict();
export type Hand = z.infer<typeof HandSchema>;

export const ChatMessageSchema = z
  .object({
    id: z.uuid(),
    handId: z.uuid(),
    from: SipUserSchema,
    text: z.string().min(1).max(HAND_TEXT_MAX),
    at: z.number(),
    /** The gateway's order of the thread (both directions); absent while the gateway was not reachable. */
    seq: z.number().int().min(1).optional(),
  })
  .strict();
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

export const AcceptHandSchema = z.object({ supervisor: SipUserSchema }).strict();
export const ReadReceiptSchema = z.object({ handId: z.uuid(), reader: SipUserSchema, upTo: z.number().int().min(1) }).strict();
export type ReadReceipt = z.infer<typeof ReadReceiptSchema>;

export const BoardSchema = z
  .object({
    team: z.string().max(64),
    agents: z.array(AgentStateSchema.extend({ receivedAt: z.number() })).max(500),
    hands: z.array(HandSchema).max(500),
    /** The gateway's clock when this board was made. */
    at: z.number(),
  })
  .strict();
export type Board = z.infer<typeof BoardSchema>;

export const HandThreadSchema = z.object({ hand: HandSchema, messages: z.array(ChatMessageSchema).max(1000), readUpTo: z.record(z.string(), z.number()) }).strict();
export type HandThread = z.infer<typeof HandThreadSchema>;

// ── SIP MESSAGE bodies (application/vnd.hearthline.hand+json) ────────────────────────────────────

export const HandWireSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hand'), hand: HandSchema }).strict(),
  z.object({ type: z.literal('taken'), handId: z.uuid(), by: SipUserSchema }).strict(),
  z.object({ type: z.literal('closed'), handId: z.uuid() }).strict(),
  z.object({ type: z.literal('chat'), message: ChatMessageSchema }).strict(),
  z.object({ type: z.literal('read'), receipt: ReadReceiptSchema }).strict(),
]);
export type HandWire = z.infer<typeof HandWireSchema>;

// ── IPC ─────────────────────────────────────────────────────────────────────────────────────────

export const ChatLineViewSchema = ChatMessageSchema.extend({ mine: z.boolean(), readByOther: z.boolean() });
export type ChatLineView = z.infer<typeof ChatLineViewSchema>;

export const HandViewSchema = HandSchema.extend({
  messages: z.array(ChatLineViewSchema).max(1000),
  unread: z.number().int().min(0),
  /** Agent: a supervisor got the request live (SIP); false: none was online, it waits in the gateway. */
  deliveredLive: z.boolean().optional(),
});
export type HandView = z.infer<typeof HandViewSchema>;

export const WellbeingViewSchema = z
  .object({
    /** The flags as they stand; shared with the supervisor only when `shared`. */
    flags: z.array(WellbeingFlagSchema).max(8),
    shared: z.boolean(),
    /** A calm offer of a recovery break is on screen (after a difficult call, or asked for). */
    offer: z.object({ minutes: z.number().int().min(1).max(30), why: z.enum(['difficultCall', 'asked']) }).strict().optional(),
    /** On a recovery break until this time (epoch ms). */
    breakUntil: z.number().optional(),
    difficultInARow: z.number().int().min(0),
    lastBreakAt: z.number().optional(),
  })
  .strict();
export type WellbeingView = z.infer<typeof WellbeingViewSchema>;

export const SupervisorViewSchema = z
  .object({
    /** unknown: the gateway has not said yet (nothing supervisor-only is shown). */
    role: z.union([RoleSchema, z.literal('unknown')]),
    me: SipUserSchema.optional(),
    team: z.string().max(64).optional(),
    supervisors: z.array(SipUserSchema).max(50),
    /** Agent: my raised hands; supervisor: the team's queue (open first). */
    hands: z.array(HandViewSchema).max(200),
    /** Supervisor only: the live board and whether its stream is connected. */
    board: BoardSchema.optional(),
    boardLive: z.boolean(),
    wellbeing: WellbeingViewSchema,
    /** What the agent's app sends the board now (the agent sees exactly what is shared). */
    sharedState: AgentStateSchema.optional(),
    now: z.number(),
  })
  .strict();
export type SupervisorView = z.infer<typeof SupervisorViewSchema>;

export const RaiseHandRequestSchema = z
  .object({ text: z.string().max(HAND_TEXT_MAX), includeExcerpt: z.boolean() })
  .strict();

export const supervisorUiRequests = {
  'supervisor.view': { request: Empty, response: SupervisorViewSchema },
  /** What a hand raised now would carry (shown before the agent sends it). */
  'supervisor.previewHand': { request: RaiseHandRequestSchema, response: HandContextSchema },
  'supervisor.raiseHand': { request: RaiseHandRequestSchema, response: z.object({ handId: z.uuid() }) },
  'supervisor.acceptHand': { request: z.object({ handId: z.uuid() }).strict(), response: Empty },
  'supervisor.closeHand': { request: z.object({ handId: z.uuid() }).strict(), response: Empty },
  'supervisor.sendChat': { request: z.object({ handId: z.uuid(), text: z.string().trim().min(1).max(HAND_TEXT_MAX) }).strict(), response: Empty },
  'supervisor.markRead': { request: z.object({ handId: z.uuid() }).strict(), response: Empty },
  /** The agent's own word: "I need a minute". */
  'supervisor.needMinute': { request: Empty, response: Empty },
  'supervisor.takeRecoveryBreak': { request: Empty, response: Empty },
  'supervisor.dismissOffer': { request: Empty, response: Empty },
} as const;

export const supervisorUiEvents = {
  'supervisor.changed': SupervisorViewSchema,
} as const;

/** Main asks the engine to send a SIP MESSAGE to each user (JSON body, HAND_CONTENT_TYPE). */
export const SupervisorSendSchema = z.object({ sendId: z.uuid(), to: z.array(SipUserSchema).min(1).max(50), body: z.string().max(16_000) }).strict();
export type SupervisorSend = z.infer<typeof SupervisorSendSchema>;

export const supervisorEngineEvents = {
  'supervisor.send': SupervisorSendSchema,
} as const;

export const supervisorEngineRequests = {
  /** A MESSAGE with HAND_CONTENT_TYPE arrived; `from` is the identity the SIP server asserted. */
  'supervisor.received': { request: z.object({ from: SipUserSchema, body: z.string().max(16_000) }).strict(), response: Empty },
  /** How each MESSAGE of one send went (delivered: a 2xx from the far end). */
  'supervisor.sent': {
    request: z.object({ sendId: z.uuid(), results: z.array(z.object({ to: SipUserSchema, delivered: z.boolean(), status: z.number().int().optional() }).strict()).max(50) }).strict(),
    response: Empty,
  },
} as const;
