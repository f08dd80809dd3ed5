// Machine-wide policy set by IT (Windows registry, macOS configuration profile, Linux /etc file) and the
// settings it can lock. One flat set of keys is used by every OS source, so an administrator writes the
// same names in a .reg file, a .mobileconfig payload or policy.json. `npm run policy:schema` emits
// policy/policy.schema.json from PolicySchema; a unit test keeps the committed file equal to it.
import { z } from 'zod';
import { isLoopbackHostname as isLoopbackHost } from './urls';

/** HTTPS only, except plain HTTP to this machine (local test feeds and gateways). */
const SecureUrl = z
  .url()
  .max(2048)
  .refine((value) => {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
  }, 'must be an https:// URL (http:// only to this machine: 127.0.0.0/8, ::1 or localhost)');

/** wss:// only, except plain ws:// to this machine (a recogniser running locally). */
const SecureWebSocketUrl = z
  .string()
  .max(2048)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'wss:' || (url.protocol === 'ws:' && isLoopbackHost(url.hostname));
    } catch {
      return false;
    }
  }, 'must be a wss:// URL (ws:// only to this machine: 127.0.0.0/8, ::1 or localhost)');

const WebSocketUrl = z.string().max(2048).regex(/^wss?:\/\/[^\s/]+/, 'must be a ws:// or wss:// URL');

/** A headset by USB vendor and product id in hex, e.g. "0B0E:24B8"; "*" for every product of a vendor. */
export const HeadsetIdSchema = z
  .string()
  .regex(/^[0-9A-Fa-f]{4}:([0-9A-Fa-f]{4}|\*)$/, 'must look like 0B0E:24B8 (vendor:product in hex) or 0B0E:*');

/** Keypad tone limits: shorter tones reach some far ends as end-of-event packets only (Opus calls). */
export const DTMF_TONE_MS_MIN = 100;
export const DTMF_TONE_MS_MAX = 1000;
export const DTMF_GAP_MS_MIN = 50;
export const DTMF_GAP_MS_MAX = 1000;

/** "<server URL> <tone ms> [<gap ms>]": one SIP server's keypad tone timing (a string, so every policy source can hold it). */
export const DtmfTrunkTimingSchema = z
  .string()
  .max(2100)
  .refine((value) => parseDtmfTrunkTiming(value) !== undefined, `must be "<ws:// or wss:// server URL> <tone ms ${DTMF_TONE_MS_MIN}-${DTMF_TONE_MS_MAX}> [<gap ms ${DTMF_GAP_MS_MIN}-${DTMF_GAP_MS_MAX}>]"`);

export interface DtmfTrunkTiming {
  server: string;
  toneMs: number;
  gapMs?: number;
}

export function parseDtmfTrunkTiming(value: string): DtmfTrunkTiming | undefined {
  const match = /^\s*(wss?:\/\/\S+)\s+(\d{1,4})(?:\s+(\d{1,4}))?\s*$/.exec(value);
  if (!match) return undefined;
  const toneMs = Number(match[2]);
  const gapMs = match[3] === undefined ? undefined : Number(match[3]);
  if (toneMs < DTMF_TONE_MS_MIN || toneMs > DTMF_TONE_MS_MAX) return undefined;
  if (gapMs !== undefined && (gapMs < DTMF_GAP_MS_MIN || gapMs > DTMF_GAP_MS_MAX)) return undefined;
  return { server: match[1]!, toneMs, gapMs };
}

/** Lists beside their schemas: the UI's settings rows show them without loading zod (scripts/contractShaking.mjs). */
export const UPDATE_MODES = ['auto', 'notify', 'off'] as const;
export const UpdateModeSchema = z.enum(UPDATE_MODES);
export type UpdateMode = z.infer<typeof UpdateModeSchema>;
export const ASR_PROVIDERS = ['off', 'local', 'cloud'] as const;
export const AsrProviderSchema = z.enum(ASR_PROVIDERS);
export const SipTransportSchema = z.enum(['wss', 'any']);

/**
 * Every key is optional: a key IT leaves out stays under the agent's control. Key names are the value
 * names in the registry and the keys in the plist and JSON file (matched case-insensitively in the
 * registry, as Windows does).
 */
export const PolicySchema = z
  .object({
    sipServers: z
      .array(WebSocketUrl)
      .min(1)
      .max(8)
      .describe('SIP-over-WebSocket servers the softphone may use, most preferred first. The agent’s own server is kept only if it is in this list.'),
    sipTransport: SipTransportSchema.describe('wss (the default): only TLS WebSocket servers are used, plain ws:// only to this machine (an account on ws:// elsewhere is refused); any: ws:// to any server is allowed too (test labs).'),
    gatewayUrl: SecureUrl.describe('Base URL of the contact centre gateway (CRM integration) that receives wrap-up notes and callbacks.'),
    updateMode: UpdateModeSchema.describe('auto: download in the background and install at the next idle moment; notify: download and tell the agent, install when they choose or at quit; off: never contact the update feed.'),
    updateFeedUrl: SecureUrl.describe('Generic update feed hosted by IT (the folder holding latest.yml, latest-mac.yml, latest-linux.yml).'),
    updateChannel: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,31}$/, 'lower-case letters, digits and -')
      .describe('Update channel, e.g. latest or beta: the feed file read is <channel>.yml.'),
    updateAllowDowngrade: z.boolean().describe('Allow installing an older version than the running one (to roll back a bad release). Off unless set here.'),
    updatePublisherNames: z
      .array(z.string().min(1).max(256))
      .min(1)
      .max(8)
      .describe('Windows: code-signing certificate subject names an update must be signed with. Updates are refused on Windows when no publisher name is known.'),
    dtmfToneMs: z
      .number()
      .int()
      .min(DTMF_TONE_MS_MIN)
      .max(DTMF_TONE_MS_MAX)
      .describe('Length of each keypad tone sent to the phone server, in milliseconds (default 200). Far ends on Opus calls miss tones much shorter than 160 ms.'),
    dtmfGapMs: z.number().int().min(DTMF_GAP_MS_MIN).max(DTMF_GAP_MS_MAX).describe('Pause between keypad tones, in milliseconds (default 100).'),
    dtmfTrunkTiming: z
      .array(DtmfTrunkTimingSchema)
      .max(16)
      .describe('Keypad tone timing for particular SIP servers, overriding dtmfToneMs and dtmfGapMs there: each entry is "<server URL> <tone ms> [<gap ms>]", e.g. "wss://sbc1.example.com/ws 250 120".'),
    updateSigningKeys: z
      .array(z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'an Ed25519 public key: base64 of its 32 raw bytes'))
      .min(1)
      .max(8)
      .describe('Linux: Ed25519 public keys (base64 of the 32 raw bytes) an update file must carry a detached signature by (<file>.sig on the feed). Replaces the key pinned in the build, e.g. when IT re-signs what it hosts.'),
    wrapUpSeconds: z.number().int().min(0).max(3600).describe('After-call work time in seconds; 0 turns wrap-up off.'),
    autoAnswer: z.boolean().describe('Answer incoming calls automatically.'),
    allowedHeadsets: z
      .array(HeadsetIdSchema)
      .max(100)
      .describe('Certified headsets (vendor:product). Any headset still works; one not on this list gets a gentle “not certified” notice. Leave out for no list (no notices).'),
    headsetRemovedAction: z
      .enum(['notReady', 'notify'])
      .describe('When the headset is unplugged between calls: notReady sets an available agent Not Ready (default); notify only tells them. Never during a live call: then it is decided when the call ends.'),
    asrProvider: AsrProviderSchema.describe('Live transcription for agent assist: off, local (on this computer), or cloud.'),
    dataRetentionDays: z.number().int().min(1).max(3650).describe('Days synced wrap-up notes, call history and logs are kept on the laptop.'),
    diagnosticsUploadUrl: SecureUrl.describe('Where “Export diagnostics” also uploads the bundle. Leave out to only save it locally.'),
    diagnosticsUploadToken: z.string().min(8).max(4096).describe('Bearer token sent with diagnostics uploads. Secret: never shown in the app or in diagnostics.'),
    globalCallShortcuts: z
      .boolean()
      .describe('Let agents answer and hang up with OS-wide keys while Hearthline is in the background (default on). Off: only the keys inside the Hearthline window work.'),
    readinessCheckRequired: z
      .boolean()
      .describe('The agent must pass the shift-start readiness check (no red item) before going Ready; until then Ready is refused.'),
    readinessValidHours: z
      .number()
      .int()
      .min(1)
      .max(24)
      .describe('How many hours a passed readiness check counts as this shift’s check (default 10).'),
    asrServiceUrl: SecureWebSocketUrl.describe('The streaming transcription service used when asrProvider is cloud (Hearthline’s small WebSocket protocol, docs/assist.md). Call audio leaves the computer only with this setting.'),
    asrServiceToken: z.string().min(8).max(4096).describe('Bearer token sent to the transcription service. Secret: never shown in the app or in diagnostics.'),
    summaryServiceUrl: SecureUrl.describe('Base URL of an OpenAI-compatible API (ending in /v1; e.g. a llama.cpp server) that rewrites the wrap-up draft as prose from the redacted transcript. Leave out to keep the draft on this computer.'),
    summaryServiceModel: z.string().min(1).max(200).describe('The model name sent to the summary service.'),
    summaryServiceToken: z.string().min(8).max(4096).describe('Bearer token sent to the summary service. Secret: never shown in the app or in diagnostics.'),
    embeddingServiceUrl: SecureUrl.describe('Base URL of an OpenAI-compatible API (ending in /v1) whose /embeddings re-orders knowledge suggestions by meaning. Only the redacted words the suggestions already use are sent. Leave out to rank on this computer.'),
    embeddingServiceModel: z.string().min(1).max(200).describe('The model name sent to the embedding service.'),
    embeddingServiceToken: z.string().min(8).max(4096).describe('Bearer token sent to the embedding service. Secret: never shown in the app or in diagnostics.'),
    supervisorSipUsers: z
      .array(z.string().regex(/^[0-9A-Za-z+*#._-]{1,64}$/, 'a SIP user such as 2001'))
      .max(200)
      .describe('SIP users (e.g. 2001) who may join this agent’s calls to monitor, whisper or barge. Checked against the identity the SIP server asserts after authenticating the caller. Leave out: nobody may join.'),
    supervisedAgentSipUsers: z
      .array(z.string().regex(/^[0-9A-Za-z+*#._-]{1,64}$/, 'a SIP user such as 1001'))
      .max(200)
      .describe('Agents (SIP users) whose calls this app offers to join (Monitor, Whisper, Barge). Grants nothing by itself: each agent’s own app decides who may join, from its supervisorSipUsers.'),
    embeddingModelDir: z.string().min(1).max(1024).describe('A folder holding a sentence-embedding model (ONNX, transformers.js layout) that re-orders knowledge suggestions on this computer; nothing is downloaded. Ignored when embeddingServiceUrl is set.'),
    callbackSkills: z
      .array(z.string().regex(/^[a-z0-9_.-]{1,40}$/, 'a skill name such as billing'))
      .min(1)
      .max(20)
      .describe('Skills this agent takes callbacks for from the gateway’s callback queue (e.g. billing); the same names the SIP server routes calls by. Leave out: this agent is offered no queued callbacks.'),
    callbackAutoDialSeconds: z
      .number()
      .int()
      .min(0)
      .max(600)
      .describe('Dial a previewed queued callback automatically after this many seconds (the agent sees the countdown and can stop it). 0 or left out: only when the agent presses Call now.'),
  })
  .partial()
  .strict()
  .meta({ title: 'Hearthline machine policy', description: 'Settings an administrator enforces for every user of this computer.' });

export type Policy = z.infer<typeof PolicySchema>;
export type PolicyKey = keyof Policy;
export type PolicyValue<K extends PolicyKey = PolicyKey> = NonNullable<Policy[K]>;

export const POLICY_KEYS = Object.keys(PolicySchema.shape) as PolicyKey[];
export const PolicyKeySchema = z.enum(POLICY_KEYS as [PolicyKey, ...PolicyKey[]]);

/** Values that must never leave main: masked in settings.get and in diagnostics. */
export const SECRET_POLICY_KEYS: ReadonlySet<PolicyKey> = new Set<PolicyKey>(['diagnosticsUploadToken', 'asrServiceToken', 'summaryServiceToken', 'embeddingServiceToken']);

/** How a key's value is written in sources that only have strings and numbers (the registry). */
export type PolicyValueKind = 'boolean' | 'integer' | 'string' | 'stringList';

export function policyValueKind(key: PolicyKey): PolicyValueKind {
  let schema: z.ZodType = PolicySchema.shape[key];
  while (schema instanceof z.ZodOptional) schema = schema.unwrap() as z.ZodType;
  if (schema instanceof z.ZodBoolean) return 'boolean';
  if (schema instanceof z.ZodNumber) return 'integer';
  if (schema instanceof z.ZodArray) return 'stringList';
  return 'string';
}

/** The JSON Schema IT tools validate policy files against (committed as policy/policy.schema.json). */
export function policyJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(PolicySchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
}
