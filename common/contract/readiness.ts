// The shift-start readiness check: what the call engine measures (raw figures), what main
// grades them to (green / amber / red with a fix-it hint), the report kept locally and sent to the
// gateway for IT, and the live view the UI draws. channels.ts spreads these maps into its role maps.
import { z } from 'zod';

const Empty = z.object({}).strict();
const IsoTime = z.iso.datetime({ offset: true });

export const ReadinessItemIdSchema = z.enum(['microphone', 'speaker', 'ringer', 'headset', 'network', 'system']);
export type ReadinessItemId = z.infer<typeof ReadinessItemIdSchema>;
export const READINESS_ITEMS = ReadinessItemIdSchema.options;

export const ReadinessGradeSchema = z.enum(['green', 'amber', 'red']);
export type ReadinessGrade = z.infer<typeof ReadinessGradeSchema>;

/** Fix-it hints; the UI owns the wording (readiness.hint.<key> in the i18n files). */
export const ReadinessHintSchema = z.enum([
  'micDenied',
  'micNotFound',
  'micMuted',
  'micSilent',
  'micQuiet',
  'micFailed',
  'speakerNotHeard',
  'ringerNotHeard',
  'notConfirmed',
  'toneFailed',
  'headsetNotConnected',
  'headsetNoPress',
  'headsetUnsupported',
  'networkNotRegistered',
  'networkCallInProgress',
  'networkEchoUnreachable',
  'networkFailed',
  'networkInterrupted',
  'networkNoEcho',
  'networkSlow',
  'networkJitter',
  'networkLoss',
  'systemCpuBusy',
  'systemLowMemory',
  'engineUnavailable',
]);
export type ReadinessHint = z.infer<typeof ReadinessHintSchema>;

/** Every figure an item may show; each item fills the ones it measured. */
export const ReadinessFiguresSchema = z
  .object({
    /** Microphone: RMS and peak level over the probe, dBFS (−100 = silence). */
    micRmsDbfs: z.number().min(-200).max(10),
    micPeakDbfs: z.number().min(-200).max(10),
    /** Network, from the test call's getStats: round trip, jitter, loss over the whole call, E-model MOS. */
    rttMs: z.number().min(0).max(60_000),
    jitterMs: z.number().min(0).max(60_000),
    lossPercent: z.number().min(0).max(100),
    mos: z.number().min(1).max(5),
    /** RTP audio level (0–1) of what came back from the echo extension. */
    echoLevel: z.number().min(0).max(1),
    packetsReceived: z.number().int().min(0),
    callSeconds: z.number().min(0).max(600),
    /** System: 1-minute load average per core (percent), free and total memory, this app's resident memory. */
    cpuLoadPercent: z.number().min(0).max(100_000),
    cpuCount: z.number().int().min(0).max(4096),
    freeMemoryMb: z.number().min(0),
    totalMemoryMb: z.number().min(0),
    appMemoryMb: z.number().min(0),
  })
  .partial()
  .strict();
export type ReadinessFigures = z.infer<typeof ReadinessFiguresSchema>;

export const ReadinessItemResultSchema = z
  .object({
    id: ReadinessItemIdSchema,
    grade: ReadinessGradeSchema,
    hint: ReadinessHintSchema.optional(),
    figures: ReadinessFiguresSchema,
    /** Technical detail for IT (an error name, a SIP cause, a device label); never customer data. */
    detail: z.string().max(300).optional(),
    codec: z.string().max(64).optional(),
  })
  .strict();
export type ReadinessItemResult = z.infer<typeof ReadinessItemResultSchema>;

export const ReadinessReportSchema = z
  .object({
    id: z.uuid(),
    /** The agent's SIP address (who ran it); empty when no account is configured. */
    agent: z.string().max(256),
    startedAt: z.number(),
    finishedAt: z.number(),
    durationMs: z.number().int().min(0),
    verdict: ReadinessGradeSchema,
    items: z.array(ReadinessItemResultSchema).max(READINESS_ITEMS.length),
    platform: z.string().max(64),
    appVersion: z.string().max(64),
  })
  .strict();
export type ReadinessReport = z.infer<typeof ReadinessReportSchema>;

/** The report as the gateway receives it (POST /v1/readiness-reports), times in ISO 8601. */
export const GatewayReadinessReportSchema = ReadinessReportSchema.omit({ startedAt: true, finishedAt: true })
  .extend({ startedAt: IsoTime, finishedAt: IsoTime })
  .strict();
export type GatewayReadinessReport = z.infer<typeof GatewayReadinessReportSchema>;

// ── Engine side: probes main asks for, and the raw measurements the engine sends back ────────────

export const ReadinessProbeKindSchema = z.enum(['microphone', 'network', 'headset', 'tone']);
export type ReadinessProbeKind = z.infer<typeof ReadinessProbeKindSchema>;

export const ReadinessProbeRequestSchema = z.discriminatedUnion('kind', [
  z.object({ runId: z.uuid(), kind: z.literal('microphone'), durationMs: z.number().int().min(200).max(10_000) }).strict(),
  z
    .object({
      runId: z.uuid(),
      kind: z.literal('network'),
      /** The echo/test extension's user part, dialled on the agent's own SIP domain. */
      target: z.string().regex(/^[0-9A-Za-z*#+._-]{1,32}$/),
      durationMs: z.number().int().min(1_000).max(30_000),
    })
    .strict(),
  z.object({ runId: z.uuid(), kind: z.literal('headset'), timeoutMs: z.number().int().min(0).max(60_000) }).strict(),
  /** A short test tone on the call-audio sink (speaker) or the ringer sink. */
  z.object({ runId: z.uuid(), kind: z.literal('tone'), sink: z.enum(['speaker', 'ringer']) }).strict(),
]);
export type ReadinessProbeRequest = z.infer<typeof ReadinessProbeRequestSchema>;

const ErrorName = z.string().max(120);

export const MicMeasurementSchema = z
  .object({
    /** getUserMedia failed: NotAllowedError, NotFoundError, NotReadableError, … */
    error: ErrorName.optional(),
    /** The OS or hardware muted the track (MediaStreamTrack.muted) at any time during the probe. */
    trackMuted: z.boolean(),
    rmsDbfs: z.number().min(-200).max(10),
    peakDbfs: z.number().min(-200).max(10),
    label: z.string().max(256).optional(),
  })
  .strict();
export type MicMeasurement = z.infer<typeof MicMeasurementSchema>;

export const NetworkMeasurementSchema = z
  .object({
    /** refused: the engine would not place it (not registered, a real call is up); interrupted: a real call came in. */
    outcome: z.enum(['completed', 'refused', 'failed', 'interrupted']),
    /** JsSIP cause or the reason it was refused. */
    cause: z.string().max(200).optional(),
    connected: z.boolean(),
    callSeconds: z.number().min(0).max(600),
    rttMs: z.number().min(0).max(60_000).nullable(),
    jitterMs: z.number().min(0).max(60_000).nullable(),
    lossPercent: z.number().min(0).max(100).nullable(),
    packetsReceived: z.number().int().min(0),
    /** Loudest RTP audio level (0–1) of the echoed audio. */
    echoLevel: z.number().min(0).max(1).nullable(),
    codec: z.string().max(64).nullable(),
  })
  .strict();
export type NetworkMeasurement = z.infer<typeof NetworkMeasurementSchema>;

export const HeadsetMeasurementSchema = z
  .object({
    /** supported: the engine has headset call control at all (WebHID wired in). */
    supported: z.boolean(),
    connected: z.boolean(),
    /** A button press arrived within the timeout; null when not asked (no headset). */
    pressed: z.boolean().nullable(),
    name: z.string().max(256).optional(),
  })
  .strict();
export type HeadsetMeasurement = z.infer<typeof HeadsetMeasurementSchema>;

export const ToneMeasurementSchema = z
  .object({
    sink: z.enum(['speaker', 'ringer']),
    played: z.boolean(),
    error: ErrorName.optional(),
  })
  .strict();
export type ToneMeasurement = z.infer<typeof ToneMeasurementSchema>;

export const ReadinessProbeResultSchema = z.discriminatedUnion('kind', [
  z.object({ runId: z.uuid(), kind: z.literal('microphone'), measurement: MicMeasurementSchema }).strict(),
  z.object({ runId: z.uuid(), kind: z.literal('network'), measurement: NetworkMeasurementSchema }).strict(),
  z.object({ runId: z.uuid(), kind: z.literal('headset'), measurement: HeadsetMeasurementSchema }).strict(),
  z.object({ runId: z.uuid(), kind: z.literal('tone'), measurement: ToneMeasurementSchema }).strict(),
]);
export type ReadinessProbeResult = z.infer<typeof ReadinessProbeResultSchema>;

// ── UI side ────────────────────────────────────────────────────────────────────────────────────

/** One line of the screen: still measuring, waiting for the agent (speaker/ringer), or graded. */
export const ReadinessItemViewSchema = z
  .object({
    id: ReadinessItemIdSchema,
    state: z.enum(['running', 'waiting', 'done']),
    result: ReadinessItemResultSchema.optional(),
  })
  .strict();
export type ReadinessItemView = z.infer<typeof ReadinessItemViewSchema>;

export const ReadinessViewSchema = z
  .object({
    /** The run on screen (running or the latest finished one of this app session); null before the first. */
    run: z
      .object({
        id: z.uuid(),
        startedAt: z.number(),
        finished: z.boolean(),
        items: z.array(ReadinessItemViewSchema).max(READINESS_ITEMS.length),
        verdict: ReadinessGradeSchema.optional(),
        durationMs: z.number().int().min(0).optional(),
      })
      .nullable(),
    /** IT requires a passed check (no red item) before the agent may go Ready. */
    required: z.boolean(),
    /** A check without red items finished within the validity window (see docs/readiness.md). */
    passed: z.boolean(),
    /** When the last passing check stops counting (epoch ms). */
    validUntil: z.number().optional(),
    /** Reports saved on this computer (encrypted store); false when the app runs without one. */
    stored: z.boolean(),
    now: z.number(),
  })
  .strict();
export type ReadinessView = z.infer<typeof ReadinessViewSchema>;

export const ReadinessConfirmSchema = z.object({ item: z.enum(['speaker', 'ringer']), heard: z.boolean() }).strict();

/** Requests the UI may make about the readiness check. */
export const readinessUiRequests = {
  'readiness.view': { request: Empty, response: ReadinessViewSchema },
  /** Starts a check; refused while a call is live or a check already runs. */
  'readiness.run': { request: Empty, response: z.object({ runId: z.uuid() }) },
  /** Plays the test tone again on the speaker or ringer sink. */
  'readiness.playTone': { request: z.object({ sink: z.enum(['speaker', 'ringer']) }).strict(), response: Empty },
  /** The agent says whether they heard the tone. */
  'readiness.confirm': { request: ReadinessConfirmSchema, response: Empty },
  /** Finishes the run now: items the agent did not confirm count as amber "not confirmed". */
  'readiness.finish': { request: Empty, response: Empty },
} as const;

export const readinessUiEvents = {
  'readiness.changed': ReadinessViewSchema,
} as const;

/** The engine answers each probe with its raw measurement. */
export const readinessEngineRequests = {
  'readiness.result': { request: ReadinessProbeResultSchema, response: Empty },
} as const;

/** Main asks the engine to run one probe. */
export const readinessEngineEvents = {
  'readiness.probe': ReadinessProbeRequestSchema,
} as const;
