// A supervisor joining an agent's call: monitor (hears agent and customer), whisper (the agent hears the
// supervisor too; the customer does not), barge (all three talk). The supervisor's engine calls the
// agent's engine with a join request; the agent's engine verifies the caller's identity as the SIP
// server asserts it against the list main gives it, and mixes the legs (docs/monitoring.md).
import { z } from 'zod';

const Empty = z.object({}).strict();

// A plain list first, so a page that needs only the modes does not build (or load) zod for them.
export const JOIN_MODES = ['monitor', 'whisper', 'barge'] as const;
export const JoinModeSchema = z.enum(JOIN_MODES);
export type JoinMode = z.infer<typeof JoinModeSchema>;

/** A SIP user part (an extension such as 1001): what supervisors and agents are named by. */
export const SipUserSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[0-9A-Za-z+*#._-]+$/, 'a SIP user looks like 1001 (digits, letters and + * # . _ -)');

/** The INVITE header carrying the requested mode (monitor, whisper or barge). */
export const JOIN_HEADER = 'X-Hearthline-Join';
/** In-dialog INFO body type that switches the mode of a joined call without a re-INVITE. */
export const JOIN_MODE_CONTENT_TYPE = 'application/vnd.hearthline.join+json';

/** Why a join did not happen or ended, in words the supervisor's screen can translate. */
export const JoinEndReasonSchema = z.enum(['notAllowed', 'noCall', 'busy', 'unreachable', 'failed', 'callEnded', 'left']);
export type JoinEndReason = z.infer<typeof JoinEndReasonSchema>;

/** Someone listening to this agent's call, as the agent's screen shows it. */
export const ListenerSchema = z
  .object({
    supervisor: SipUserSchema,
    displayName: z.string().max(128).optional(),
    mode: JoinModeSchema,
    since: z.number(),
  })
  .strict();
export type Listener = z.infer<typeof ListenerSchema>;

/** This app's own join, on the supervisor's side. */
export const JoinSessionSchema = z
  .object({
    agent: SipUserSchema,
    mode: JoinModeSchema,
    state: z.enum(['joining', 'joined', 'ended']),
    /** Set when state is ended. */
    reason: JoinEndReasonSchema.optional(),
  })
  .strict();
export type JoinSession = z.infer<typeof JoinSessionSchema>;

export const MonitoringViewSchema = z
  .object({
    /** Agent side: who is on this agent's call right now, and how. */
    listeners: z.array(ListenerSchema).max(4),
    /** Supervisor side: the join this app made, if any. */
    session: JoinSessionSchema.nullable(),
    /** Agents whose calls this app offers to join (the joining controls show for these). */
    agents: z.array(SipUserSchema).max(200),
    now: z.number(),
  })
  .strict();
export type MonitoringView = z.infer<typeof MonitoringViewSchema>;

export const JoinRequestSchema = z.object({ agent: SipUserSchema, mode: JoinModeSchema }).strict();

export const monitoringUiRequests = {
  'monitoring.view': { request: Empty, response: MonitoringViewSchema },
  /** Joins the agent's call (or switches mode when already joined to that agent). */
  'monitoring.join': { request: JoinRequestSchema, response: Empty },
  'monitoring.leave': { request: Empty, response: Empty },
} as const;

export const monitoringUiEvents = {
  'monitoring.changed': MonitoringViewSchema,
} as const;

export const MonitoringReportSchema = z.discriminatedUnion('type', [
  /** Agent side: the listeners now on the call (empty when the last one left). */
  z.object({ type: z.literal('listeners'), listeners: z.array(ListenerSchema).max(4) }).strict(),
  /** Supervisor side: the join's progress. */
  z.object({ type: z.literal('session'), session: JoinSessionSchema.nullable() }).strict(),
]);
export type MonitoringReport = z.infer<typeof MonitoringReportSchema>;

export const monitoringEngineRequests = {
  'monitoring.report': { request: MonitoringReportSchema, response: Empty },
  /** Who may join this agent's calls, asked for each join request so a policy change counts at once. */
  'monitoring.supervisors': { request: Empty, response: z.object({ supervisors: z.array(SipUserSchema).max(200) }) },
} as const;

export const MonitoringCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('join'), agent: SipUserSchema, mode: JoinModeSchema }).strict(),
  z.object({ type: z.literal('setMode'), mode: JoinModeSchema }).strict(),
  z.object({ type: z.literal('leave') }).strict(),
]);
export type MonitoringCommand = z.infer<typeof MonitoringCommandSchema>;

export const monitoringEngineEvents = {
  'monitoring.command': MonitoringCommandSchema,
} as const;
