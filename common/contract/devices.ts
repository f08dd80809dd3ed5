// Audio devices and headset call control: what the UI needs to show and choose devices, the
// policy-provided list of certified headsets, and the "Export headset info" file format (which the
// engine's unit tests also load as fixtures), and the devices channels (channels.ts spreads them).
import { z } from 'zod';

/** Chromium's virtual entries: the OS default device and, on Windows, the default communications device. */
export const VirtualDeviceIdSchema = z.enum(['default', 'communications']);
export type VirtualDeviceId = z.infer<typeof VirtualDeviceIdSchema>;

export const AudioDeviceKindSchema = z.enum(['audioinput', 'audiooutput']);
export type AudioDeviceKind = z.infer<typeof AudioDeviceKindSchema>;

/** One entry of `enumerateDevices()`, audio only. */
export const AudioDeviceSchema = z.object({
  deviceId: z.string().max(256),
  kind: AudioDeviceKindSchema,
  label: z.string().max(256),
  groupId: z.string().max(256),
});
export type AudioDevice = z.infer<typeof AudioDeviceSchema>;

/**
 * What the agent chose for one role. `follow` tracks the system's communications (or default) device
 * as it changes; `device` is a concrete device, stored by id plus label and group so it can be found
 * again when the id changes (reboot, OS update, another USB port).
 */
export const DeviceChoiceSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('follow'), target: VirtualDeviceIdSchema }).strict(),
  z
    .object({
      mode: z.literal('device'),
      deviceId: z.string().max(256),
      label: z.string().max(256),
      groupId: z.string().max(256),
    })
    .strict(),
]);
export type DeviceChoice = z.infer<typeof DeviceChoiceSchema>;

/** The three selections a contact-centre softphone needs: microphone, call audio, and ringer. */
export const AudioPreferencesSchema = z
  .object({
    input: DeviceChoiceSchema,
    output: DeviceChoiceSchema,
    /** Where the ringtone plays, e.g. laptop speakers so an agent not wearing the headset hears it. */
    ringer: DeviceChoiceSchema,
  })
  .strict();
export type AudioPreferences = z.infer<typeof AudioPreferencesSchema>;

export const defaultAudioPreferences: AudioPreferences = {
  input: { mode: 'follow', target: 'communications' },
  output: { mode: 'follow', target: 'communications' },
  ringer: { mode: 'follow', target: 'default' },
};

/**
 * Chromium names its virtual entries "Default - X" / "Communications - X"; X is the real device. Choices
 * kept per device (processing, a preference found again by label) use this name.
 */
export function baseDeviceLabel(label: string): string {
  return label.replace(/^(Default|Communications) - /, '').trim();
}

export const AudioRoleSchema = z.enum(['input', 'output', 'ringer']);
export type AudioRole = z.infer<typeof AudioRoleSchema>;

/** The device actually in use for one role; `fallback` is true while the preferred one is missing. */
export const ActiveDeviceSchema = z.object({
  deviceId: z.string().max(256),
  label: z.string().max(256),
  groupId: z.string().max(256),
  fallback: z.boolean(),
});
export type ActiveDevice = z.infer<typeof ActiveDeviceSchema>;

/** Everything a device settings page draws. */
export const AudioDevicesViewSchema = z.object({
  inputs: z.array(AudioDeviceSchema),
  outputs: z.array(AudioDeviceSchema),
  preferences: AudioPreferencesSchema,
  active: z.object({
    input: ActiveDeviceSchema.optional(),
    output: ActiveDeviceSchema.optional(),
    ringer: ActiveDeviceSchema.optional(),
  }),
});
export type AudioDevicesView = z.infer<typeof AudioDevicesViewSchema>;

/** Notice keys the device code raises; the UI owns the wording (values: `from`, `to`, `device`, `name`). */
export const DeviceNoticeKeySchema = z.enum([
  'notice.devices.inputFallback',
  'notice.devices.inputRestored',
  'notice.devices.noInput',
  'notice.devices.outputFallback',
  'notice.devices.outputRestored',
  'notice.devices.ringerFallback',
  'notice.devices.ringerRestored',
  'notice.headset.notCertified',
  'notice.headset.otherSoftphone',
  'notice.headset.removed',
  'notice.headset.removedNotReady',
]);
export type DeviceNoticeKey = z.infer<typeof DeviceNoticeKeySchema>;

const UsbId = z.number().int().min(0).max(0xffff);

/** One entry of the IT policy's certified-headset list. */
export const CertifiedHeadsetSchema = z
  .object({
    vendorId: UsbId,
    /** Omitted: every product of this vendor. */
    productId: UsbId.optional(),
    name: z.string().max(128).optional(),
  })
  .strict();
export type CertifiedHeadset = z.infer<typeof CertifiedHeadsetSchema>;

export const HeadsetPolicySchema = z
  .object({
    /** Omitted: no list, so no device is warned about. */
    certified: z.array(CertifiedHeadsetSchema).max(500).optional(),
  })
  .strict();
export type HeadsetPolicy = z.infer<typeof HeadsetPolicySchema>;

export const HeadsetCertificationSchema = z.enum(['certified', 'notCertified', 'noPolicy']);
export type HeadsetCertification = z.infer<typeof HeadsetCertificationSchema>;

export const HeadsetControlSchema = z.enum(['hookSwitch', 'phoneMute', 'flash', 'redial', 'reject']);
export type HeadsetControl = z.infer<typeof HeadsetControlSchema>;

export const HeadsetStatusSchema = z.object({
  /** none: no telephony HID device granted; unsupported: WebHID missing or turned off by policy. */
  state: z.enum(['none', 'connected', 'disconnected', 'unsupported']),
  name: z.string().max(256).optional(),
  vendorId: UsbId.optional(),
  productId: UsbId.optional(),
  certification: HeadsetCertificationSchema,
  /** True when the HID device is the same headset as the microphone in use, so its buttons make sense. */
  pairedWithAudio: z.boolean(),
  /** The call controls its descriptor declares. */
  controls: z.array(HeadsetControlSchema),
});
export type HeadsetStatus = z.infer<typeof HeadsetStatusSchema>;

// ── "Export headset info" ──────────────────────────────────────────────────────────────────────────
// WebHID's HIDCollectionInfo/HIDReportItem, the fields that matter for call control. Usages are
// 32-bit extended usages: (usage page << 16) | usage id.

export const HidReportItemSchema = z.object({
  isAbsolute: z.boolean(),
  isArray: z.boolean(),
  isBufferedBytes: z.boolean().default(false),
  isConstant: z.boolean(),
  isLinear: z.boolean().default(true),
  isRange: z.boolean(),
  isVolatile: z.boolean().default(false),
  hasNull: z.boolean().default(false),
  hasPreferredState: z.boolean(),
  wrap: z.boolean().default(false),
  usages: z.array(z.number().int().nonnegative()).optional(),
  usageMinimum: z.number().int().nonnegative().optional(),
  usageMaximum: z.number().int().nonnegative().optional(),
  reportSize: z.number().int().nonnegative(),
  reportCount: z.number().int().nonnegative(),
  logicalMinimum: z.number().int(),
  logicalMaximum: z.number().int(),
  physicalMinimum: z.number().int().default(0),
  physicalMaximum: z.number().int().default(0),
});
export type HidReportItemData = z.infer<typeof HidReportItemSchema>;

export const HidReportInfoSchema = z.object({
  reportId: z.number().int().min(0).max(255),
  items: z.array(HidReportItemSchema),
});
export type HidReportInfoData = z.infer<typeof HidReportInfoSchema>;

export interface HidCollectionInfoData {
  usagePage: number;
  usage: number;
  type: number;
  children: HidCollectionInfoData[];
  inputReports: HidReportInfoData[];
  outputReports: HidReportInfoData[];
  featureReports: HidReportInfoData[];
}

export const HidCollectionInfoSchema: z.ZodType<HidCollectionInfoData, unknown> = z.lazy(() =>
  z.object({
    usagePage: z.number().int().min(0).max(0xffff),
    usage: z.number().int().min(0).max(0xffff),
    type: z.number().int().min(0).max(0xff),
    children: z.array(HidCollectionInfoSchema).default([]),
    inputReports: z.array(HidReportInfoSchema).default([]),
    outputReports: z.array(HidReportInfoSchema).default([]),
    featureReports: z.array(HidReportInfoSchema).default([]),
  }),
);

export const HeadsetTraceEntrySchema = z.object({
  /** Milliseconds since the first entry. */
  t: z.number().nonnegative(),
  /** in: input report from the headset; out: output report the app sent. */
  dir: z.enum(['in', 'out']),
  reportId: z.number().int().min(0).max(255),
  /** Report payload without the report id byte, as lowercase hex. */
  data: z.string().regex(/^([0-9a-f]{2})*$/, 'hex bytes, lowercase, no separators').max(2048),
});
export type HeadsetTraceEntry = z.infer<typeof HeadsetTraceEntrySchema>;

export const HEADSET_INFO_FORMAT = 'hearthline.headset-info';
/**
 * Longest export text sent to main: even with every character escaped (2 bytes) it stays inside one
 * bridge frame (wire.ts BRIDGE_MAX_FRAME_BYTES). Bigger exports drop their oldest trace entries.
 */
export const HEADSET_INFO_MAX_CHARS = 480_000;

export const HeadsetInfoSchema = z.object({
  format: z.literal(HEADSET_INFO_FORMAT),
  version: z.literal(1),
  /** Where the data came from (a lab capture, or the public repository and path of a fixture). */
  source: z.string().max(1000).optional(),
  exportedAt: z.string().max(64).optional(),
  device: z.object({
    vendorId: UsbId,
    productId: UsbId,
    productName: z.string().max(256),
  }),
  collections: z.array(HidCollectionInfoSchema),
  trace: z.array(HeadsetTraceEntrySchema).max(1000),
});
export type HeadsetInfo = z.infer<typeof HeadsetInfoSchema>;

// ── Channels ─────────────────────────────────────────────────────────────────────────────────────

/** Browser audio processing for the microphone; agents with a noisy room or a bad headset toggle these. */
export const AudioProcessingSchema = z
  .object({ echoCancellation: z.boolean(), noiseSuppression: z.boolean(), autoGainControl: z.boolean() })
  .strict();
export type AudioProcessing = z.infer<typeof AudioProcessingSchema>;
export const defaultAudioProcessing: AudioProcessing = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };

/** The processing chosen for a microphone (by its label), or the defaults for one never adjusted. */
export function processingFor(processing: Readonly<Record<string, AudioProcessing>>, microphoneLabel: string | undefined): AudioProcessing {
  return (microphoneLabel && processing[baseDeviceLabel(microphoneLabel)]) || defaultAudioProcessing;
}

/**
 * What is kept between runs: the three choices, and processing per microphone (by its label without
 * Chromium's "Default - " prefix, since ids change across reboots).
 */
export const DeviceSettingsSchema = z
  .object({
    preferences: AudioPreferencesSchema,
    processing: z.record(z.string().max(256), AudioProcessingSchema).refine((map) => Object.keys(map).length <= 50, 'at most 50 microphones'),
  })
  .strict();
export type DeviceSettings = z.infer<typeof DeviceSettingsSchema>;
export const defaultDeviceSettings: DeviceSettings = { preferences: defaultAudioPreferences, processing: {} };

/** Everything the device settings page draws. */
export const DevicesViewSchema = AudioDevicesViewSchema.extend({
  /** False while the call engine is (re)starting: the lists are the last ones known. */
  engineReady: z.boolean(),
  /** Processing for the microphone in use. */
  processing: AudioProcessingSchema,
  headset: HeadsetStatusSchema,
});
export type DevicesView = z.infer<typeof DevicesViewSchema>;

export const HeadsetActionSchema = z.enum(['answer', 'hangup', 'reject', 'mute', 'hold', 'redial']);
export type HeadsetAction = z.infer<typeof HeadsetActionSchema>;

const SinkRoleSchema = z.enum(['output', 'ringer']);
const RequestIdSchema = z.string().min(1).max(64);

/** What the engine tells main about devices. */
export const DeviceReportSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('devices'),
    inputs: z.array(AudioDeviceSchema).max(64),
    outputs: z.array(AudioDeviceSchema).max(64),
    active: AudioDevicesViewSchema.shape.active,
  }),
  z.object({
    type: z.literal('notice'),
    level: z.enum(['info', 'warning', 'error']),
    key: DeviceNoticeKeySchema,
    values: z.record(z.string(), z.string().max(256)).optional(),
  }),
  /** The preferred device was found again under a new id: keep the new id. */
  z.object({ type: z.literal('preference'), role: AudioRoleSchema, choice: DeviceChoiceSchema }),
  z.object({ type: z.literal('headset'), status: HeadsetStatusSchema }),
  /** A headset button asked for a call action (already read against the engine's call state). */
  z.object({ type: z.literal('headsetAction'), action: HeadsetActionSchema, callId: z.string().min(1).max(64).optional(), on: z.boolean().optional() }),
  /** Microphone level 0..1 while the meter is on (about ten a second). */
  z.object({ type: z.literal('level'), level: z.number().min(0).max(1) }),
  z.object({ type: z.literal('headsetInfo'), requestId: RequestIdSchema, json: z.string().max(HEADSET_INFO_MAX_CHARS).optional(), error: z.string().max(500).optional() }),
]);
export type DeviceReport = z.infer<typeof DeviceReportSchema>;

/** What main tells the engine about devices. */
export const DeviceCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('settings'), settings: DeviceSettingsSchema, headsetPolicy: HeadsetPolicySchema }),
  z.object({ type: z.literal('testTone'), role: SinkRoleSchema }),
  z.object({ type: z.literal('meter'), on: z.boolean() }),
  z.object({ type: z.literal('exportHeadset'), requestId: RequestIdSchema }),
]);
export type DeviceCommand = z.infer<typeof DeviceCommandSchema>;
export type DeviceSettingsCommand = Extract<DeviceCommand, { type: 'settings' }>;

const Empty = z.object({}).strict();

export const devicesEngineRequests = {
  /** The engine starts (or restarts): the saved choices and the headset policy. */
  'devices.hello': { request: Empty, response: z.object({ type: z.literal('settings'), settings: DeviceSettingsSchema, headsetPolicy: HeadsetPolicySchema }) },
  'devices.report': { request: DeviceReportSchema, response: Empty },
} as const;

export const devicesEngineEvents = {
  'devices.command': DeviceCommandSchema,
} as const;

export const devicesUiRequests = {
  'devices.view': { request: Empty, response: DevicesViewSchema },
  'devices.choose': { request: z.object({ role: AudioRoleSchema, choice: DeviceChoiceSchema }).strict(), response: Empty },
  /** Processing for the microphone in use. */
  'devices.processing': { request: AudioProcessingSchema, response: Empty },
  /** A short tone on the call-audio or ringer device. */
  'devices.testTone': { request: z.object({ role: SinkRoleSchema }).strict(), response: Empty },
  /** Microphone level meter on/off (the settings page turns it on while open). */
  'devices.meter': { request: z.object({ on: z.boolean() }).strict(), response: Empty },
  /** "Export headset info": collections and a short report trace of the connected headset, as JSON. */
  'devices.exportHeadsetInfo': { request: Empty, response: z.object({ fileName: z.string().max(128), json: z.string().max(2_000_000) }) },
} as const;

export const devicesUiEvents = {
  'devices.changed': DevicesViewSchema,
  'devices.level': z.object({ level: z.number().min(0).max(1) }),
} as const;
