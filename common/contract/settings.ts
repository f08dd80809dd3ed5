// The settings, updates and diagnostics part of the UI contract. channels.ts spreads settingsRequests
// into uiRequests, so the router and the preload treat these like every other channel.
import { z } from 'zod';
import { AsrProviderSchema, PolicyKeySchema, UpdateModeSchema, type PolicyKey } from './policy';

const Empty = z.object({}).strict();

export const SettingValueSchema = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]);
export type SettingValue = z.infer<typeof SettingValueSchema>;

/** Where an effective value came from: policy beats the agent's own settings, which beat the defaults. */
export const SettingSourceSchema = z.enum(['default', 'user', 'policy']);
export type SettingSource = z.infer<typeof SettingSourceSchema>;

export const SettingEntrySchema = z.object({
  key: PolicyKeySchema,
  /** Secrets are never sent: their value is null and `secret` is true. */
  value: SettingValueSchema,
  source: SettingSourceSchema,
  /** Set by policy: shown read-only, "Managed by your organisation". */
  locked: z.boolean(),
  /** The agent may change it in the app (when not locked). */
  userSettable: z.boolean(),
  secret: z.boolean().optional(),
});
export type SettingEntry = z.infer<typeof SettingEntrySchema>;

export const SettingsViewSchema = z.object({
  entries: z.array(SettingEntrySchema),
  /** Where policy was read from, e.g. "/etc/hearthline/policy.json" or "HKLM\\Software\\Policies\\Hearthline". */
  policySources: z.array(z.string()),
  /** Policy that was found but ignored (unsafe file permissions, invalid values), in plain words. */
  policyProblems: z.array(z.string().max(1000)),
});
export type SettingsView = z.infer<typeof SettingsViewSchema>;

/** Settings an agent may change for themselves (unless policy locks them). */
export const USER_SETTABLE_KEYS = ['autoAnswer', 'wrapUpSeconds', 'asrProvider', 'updateMode'] as const satisfies readonly PolicyKey[];
export type UserSettableKey = (typeof USER_SETTABLE_KEYS)[number];

export const SettingsSetRequestSchema = z.discriminatedUnion('key', [
  z.object({ key: z.literal('autoAnswer'), value: z.boolean() }).strict(),
  z.object({ key: z.literal('wrapUpSeconds'), value: z.number().int().min(0).max(3600) }).strict(),
  z.object({ key: z.literal('asrProvider'), value: AsrProviderSchema }).strict(),
  z.object({ key: z.literal('updateMode'), value: UpdateModeSchema }).strict(),
]);
export type SettingsSetRequest = z.infer<typeof SettingsSetRequestSchema>;

/** Why an update that is ready waits instead of installing. */
export const UpdateDeferReasonSchema = z.enum(['callActive', 'wrapUp', 'unsyncedOutbox']);
export type UpdateDeferReason = z.infer<typeof UpdateDeferReasonSchema>;

export const UpdateStatusSchema = z.object({
  mode: UpdateModeSchema,
  /**
   * unsupported: this build cannot update itself (headless host, unpackaged app); disabled: mode is off or
   * the feed cannot be trusted (see error); ready: downloaded and verified, waiting to install.
   */
  state: z.enum(['unsupported', 'disabled', 'idle', 'checking', 'downloading', 'ready', 'installing', 'error']),
  currentVersion: z.string(),
  channel: z.string(),
  availableVersion: z.string().optional(),
  /** Set while a ready update waits for the agent to be idle. */
  deferredBecause: z.array(UpdateDeferReasonSchema).optional(),
  lastCheckedAt: z.number().optional(),
  error: z.string().max(1000).optional(),
});
export type UpdateStatus = z.infer<typeof UpdateStatusSchema>;

export const DiagnosticsResultSchema = z.object({
  /** Full path of the zip saved on this computer. */
  file: z.string(),
  bytes: z.number().int(),
  upload: z.enum(['notConfigured', 'uploaded', 'failed']),
  uploadError: z.string().max(1000).optional(),
});
export type DiagnosticsResult = z.infer<typeof DiagnosticsResultSchema>;

/** Requests the UI may make about settings, updates and diagnostics. */
export const settingsRequests = {
  'settings.get': { request: Empty, response: SettingsViewSchema },
  /** Refused with `forbidden` when policy locks the key. */
  'settings.set': { request: SettingsSetRequestSchema, response: SettingsViewSchema },
  'diagnostics.export': { request: Empty, response: DiagnosticsResultSchema },
  'updates.status': { request: Empty, response: UpdateStatusSchema },
  /** Installs a ready update now; refused with `conflict` during a call, wrap-up or with unsynced notes. */
  'updates.installNow': { request: Empty, response: UpdateStatusSchema },
} as const;
