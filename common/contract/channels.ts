// The one IPC contract. Nothing crosses a process line except these channels, and every payload is
// checked against these schemas on the receiving side (main validates requests, clients validate events).
import { z } from 'zod';
import {
  AgentAvailabilitySchema,
  CallEndReasonSchema,
  CallIdSchema,
  CallSchema,
  QualitySampleSchema,
  RegistrationFailureSchema,
  SnapshotSchema,
} from './model';
import { appearanceRequests } from './appearance';
import { assistEngineEvents, assistEngineRequests, assistUiEvents, assistUiRequests } from './assist';
import { contextEvents, contextRequests } from './context';
import { devicesEngineEvents, devicesEngineRequests, devicesUiEvents, devicesUiRequests } from './devices';
import { monitoringEngineEvents, monitoringEngineRequests, monitoringUiEvents, monitoringUiRequests } from './monitoring';
import { readinessEngineEvents, readinessEngineRequests, readinessUiEvents, readinessUiRequests } from './readiness';
import { secretsEngineEvents, secretsUiRequests } from './secrets';
import { routingUiEvents, routingUiRequests } from './routing';
import { channelGuidanceRequests } from './messages';
import { callbacksUiEvents, callbacksUiRequests } from './callbacks';
import { settingsRequests } from './settings';
import { supervisorEngineEvents, supervisorEngineRequests, supervisorUiEvents, supervisorUiRequests } from './supervisor';
import { wrapUpEvents, wrapUpRequests } from './wrapup';
import { DTMF_GAP_MS_MAX, DTMF_GAP_MS_MIN, DTMF_TONE_MS_MAX, DTMF_TONE_MS_MIN } from './policy';

const Empty = z.object({}).strict();
const CallRef = z.object({ callId: CallIdSchema }).strict();
/** Dial strings: digits, +, *, #, and SIP user characters; no spaces or URIs with parameters. */
export const DialTargetSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[0-9A-Za-z+*#()\-. _]+$/, 'only digits, letters and + * # ( ) - . are allowed');
export const DtmfDigitsSchema = z.string().min(1).max(32).regex(/^[0-9A-D*#]+$/i, 'DTMF digits are 0-9, A-D, * and #');
export const TransferModeSchema = z.enum(['blind', 'attended']);

/** Blind: REFER the call to `target`. Attended: REFER it with Replaces to the party of `consultCallId`. */
export const TransferRequestSchema = z
  .object({
    callId: CallIdSchema,
    mode: TransferModeSchema,
    target: DialTargetSchema.optional(),
    consultCallId: CallIdSchema.optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.mode === 'blind' && !value.target) ctx.addIssue({ code: 'custom', path: ['target'], message: 'a blind transfer needs a number to transfer to' });
    if (value.mode === 'attended' && !value.consultCallId) {
      ctx.addIssue({ code: 'custom', path: ['consultCallId'], message: 'an attended transfer needs the consultation call' });
    }
    if (value.consultCallId !== undefined && value.consultCallId === value.callId) {
      ctx.addIssue({ code: 'custom', path: ['consultCallId'], message: 'the consultation must be a different call' });
    }
  });
/** A three-way conference joins exactly two calls with the agent. */
export const ConferenceRequestSchema = z
  .object({ callIds: z.array(CallIdSchema).length(2) })
  .strict()
  .refine((value) => value.callIds[0] !== value.callIds[1], { message: 'a conference needs two different calls', path: ['callIds'] });

/** Requests the UI renderer may make of main. */
export const uiRequests = {
  'app.snapshot': { request: Empty, response: SnapshotSchema },
  'app.dismissNotice': { request: z.object({ id: z.string().max(64) }).strict(), response: Empty },
  'agent.setAvailability': { request: AgentAvailabilitySchema, response: Empty },
  'agent.endWrapUp': { request: Empty, response: Empty },
  /** consultFor: put that call on hold and dial a consultation (for an attended transfer or a conference). */
  'call.dial': {
    request: z.object({ target: DialTargetSchema, consultFor: CallIdSchema.optional() }).strict(),
    response: z.object({ callId: CallIdSchema }),
  },
  /** holdOthers: call waiting, hold every other call first (else refused while another call is active). */
  'call.answer': { request: z.object({ callId: CallIdSchema, holdOthers: z.boolean().optional() }).strict(), response: Empty },
  'call.hangup': { request: CallRef, response: Empty },
  'call.hold': { request: z.object({ callId: CallIdSchema, on: z.boolean() }).strict(), response: Empty },
  'call.mute': { request: z.object({ callId: CallIdSchema, on: z.boolean() }).strict(), response: Empty },
  'call.dtmf': { request: z.object({ callId: CallIdSchema, digits: DtmfDigitsSchema }).strict(), response: Empty },
  'call.transfer': { request: TransferRequestSchema, response: Empty },
  'call.conference': { request: ConferenceRequestSchema, response: Empty },
  ...settingsRequests,
  ...wrapUpRequests,
  ...assistUiRequests,
  ...contextRequests,
  ...devicesUiRequests,
  ...readinessUiRequests,
  ...appearanceRequests,
  ...monitoringUiRequests,
  ...supervisorUiRequests,
  ...secretsUiRequests,
  ...routingUiRequests,
  ...channelGuidanceRequests,
  ...callbacksUiRequests,
} as const;

/** Events main pushes to the UI renderer. */
export const uiEvents = {
  'app.snapshot': SnapshotSchema,
  ...wrapUpEvents,
  ...assistUiEvents,
  ...contextEvents,
  ...devicesUiEvents,
  ...readinessUiEvents,
  ...monitoringUiEvents,
  ...supervisorUiEvents,
  ...routingUiEvents,
  ...callbacksUiEvents,
} as const;

export const DtmfModeSchema = z.enum(['rfc4733', 'info']);

export const EngineAccountSchema = z.object({
  wsUri: z.string().regex(/^wss?:\/\//, 'the SIP server must be a ws:// or wss:// URL'),
  sipUri: z.string().regex(/^sips?:[^@\s]+@[^\s]+$/, 'a SIP address looks like sip:1001@example.com'),
  authUser: z.string().min(1).max(128),
  password: z.string().max(256),
  displayName: z.string().max(128),
  dtmfMode: DtmfModeSchema,
  registerExpiresSeconds: z.number().int().min(60).max(3600),
  /** How often the engine probes the server with OPTIONS to find a dead WebSocket early. */
  keepAliveSeconds: z.number().int().min(5).max(300),
  /** Length of each keypad tone and the pause between tones (RFC 4733); the engine's defaults when left out. */
  dtmfToneMs: z.number().int().min(DTMF_TONE_MS_MIN).max(DTMF_TONE_MS_MAX).optional(),
  dtmfGapMs: z.number().int().min(DTMF_GAP_MS_MIN).max(DTMF_GAP_MS_MAX).optional(),
});
export type EngineAccount = z.infer<typeof EngineAccountSchema>;

export const EngineCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('configure'), account: EngineAccountSchema }),
  z.object({ type: z.literal('setAccepting'), accepting: z.boolean(), rejectWith: z.union([z.literal(480), z.literal(486)]) }),
  z.object({ type: z.literal('reconnect') }),
  z.object({ type: z.literal('dial'), callId: CallIdSchema, target: DialTargetSchema, consultFor: CallIdSchema.optional() }),
  z.object({ type: z.literal('answer'), callId: CallIdSchema, holdOthers: z.boolean().optional() }),
  /** reason: why a ringing inbound call is refused (the agent declined, or nobody answered in time). */
  z.object({ type: z.literal('hangup'), callId: CallIdSchema, reason: z.enum(['declined', 'missed']).optional() }),
  z.object({ type: z.literal('hold'), callId: CallIdSchema, on: z.boolean() }),
  z.object({ type: z.literal('mute'), callId: CallIdSchema, on: z.boolean() }),
  z.object({ type: z.literal('dtmf'), callId: CallIdSchema, digits: DtmfDigitsSchema }),
  z.object({
    type: z.literal('transfer'),
    callId: CallIdSchema,
    mode: TransferModeSchema,
    target: DialTargetSchema.optional(),
    consultCallId: CallIdSchema.optional(),
  }),
  z.object({ type: z.literal('conference'), callIds: z.array(CallIdSchema).length(2) }),
]);
export type EngineCommand = z.infer<typeof EngineCommandSchema>;

export const EngineReportSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('registration'),
    state: z.enum(['registering', 'registered', 'unregistered', 'failed']),
    failure: RegistrationFailureSchema.optional(),
    detail: z.string().max(500).optional(),
  }),
  z.object({ type: z.literal('transport'), connected: z.boolean(), detail: z.string().max(500).optional() }),
  z.object({ type: z.literal('call'), call: CallSchema }),
  z.object({ type: z.literal('quality'), callId: CallIdSchema, sample: QualitySampleSchema }),
  z.object({
    type: z.literal('transfer'),
    callId: CallIdSchema,
    outcome: z.enum(['accepted', 'failed']),
    detail: z.string().max(500).optional(),
  }),
  z.object({
    type: z.literal('callRemoved'),
    callId: CallIdSchema,
    reason: CallEndReasonSchema,
  }),
  z.object({
    type: z.literal('log'),
    level: z.enum(['debug', 'info', 'warn', 'error']),
    message: z.string().max(2000),
    data: z.record(z.string(), z.unknown()).optional(),
  }),
]);
export type EngineReport = z.infer<typeof EngineReportSchema>;

/** Requests the call engine may make of main. */
export const engineRequests = {
  'engine.hello': { request: z.object({ build: z.string().max(64) }).strict(), response: z.object({ account: EngineAccountSchema.nullable() }) },
  'engine.report': { request: EngineReportSchema, response: Empty },
  ...assistEngineRequests,
  ...devicesEngineRequests,
  ...readinessEngineRequests,
  ...monitoringEngineRequests,
  ...supervisorEngineRequests,
} as const;

/** Events main pushes to the call engine. */
export const engineEvents = {
  'engine.command': EngineCommandSchema,
  ...devicesEngineEvents,
  ...readinessEngineEvents,
  ...monitoringEngineEvents,
  ...supervisorEngineEvents,
  ...secretsEngineEvents,
  ...assistEngineEvents,
} as const;

export type Role = 'ui' | 'engine';

export const requestsByRole = { ui: uiRequests, engine: engineRequests } as const;
export const eventsByRole = { ui: uiEvents, engine: engineEvents } as const;

export type UiRequestChannel = keyof typeof uiRequests;
export type EngineRequestChannel = keyof typeof engineRequests;
export type RequestOf<M extends Record<string, { request: z.ZodType }>, C extends keyof M> = z.input<M[C]['request']>;
export type ResponseOf<M extends Record<string, { response: z.ZodType }>, C extends keyof M> = z.output<M[C]['response']>;
export type UiEventChannel = keyof typeof uiEvents;
export type EngineEventChannel = keyof typeof engineEvents;

export { CallSchema };
