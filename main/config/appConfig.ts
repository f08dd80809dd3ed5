// The agent's app configuration (SIP account, gateway, wrap-up time). A broken file never stops the app:
// it starts unconfigured and tells the agent exactly what is wrong.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DtmfModeSchema, type EngineAccount } from '../../common/contract/channels';
import { isSecureOrLoopbackUrl } from '../../common/contract/urls';
import { describeIssues } from '../../common/contract/wire';

export const AppConfigSchema = z
  .object({
    sip: z
      .object({
        wsUri: z.string().regex(/^wss?:\/\//, 'must be a ws:// or wss:// URL'),
        sipUri: z.string().regex(/^sips?:[^@\s]+@[^\s]+$/, 'must look like sip:1001@example.com'),
        authUser: z.string().min(1).optional(),
        /** Only until the first start moves it into the secret store (main/secrets/configPassword.ts). */
        password: z.string().optional(),
        displayName: z.string().default(''),
        dtmfMode: DtmfModeSchema.default('rfc4733'),
        registerExpiresSeconds: z.number().int().min(60).max(3600).default(300),
        keepAliveSeconds: z.number().int().min(5).max(300).default(15),
      })
      .strict()
      .optional(),
    /** https://, or http:// to this machine; another host over http:// needs allowInsecureTransport. */
    gatewayUrl: z.url().optional(),
    /** Opt-in for test labs: plain ws:// phone servers and an http:// gateway on other machines. IT policy
     *  sipTransport=wss still wins. Off by default: calls and notes then travel only over TLS (or stay local). */
    allowInsecureTransport: z.boolean().default(false),
    wrapUpSeconds: z.number().int().min(0).max(3600).default(30),
    /** Answer inbound calls by themselves after this many seconds (0: at once); leave out to answer by hand. */
    autoAnswerSeconds: z.number().int().min(0).max(60).optional(),
    /** A ringing call nobody answers is refused after this long and the agent is set Not Ready (missed call). */
    alertTimeoutSeconds: z.number().int().min(3).max(300).default(20),
    /** The echo/test extension the readiness check calls to measure the network (the local stack's is 9196). */
    echoTestExtension: z
      .string()
      .regex(/^[0-9A-Za-z*#+._-]{1,32}$/, 'must be a SIP user part such as 9196')
      .default('9196'),
    /** OS-wide keys to answer and hang up from another app (Electron accelerators); null turns one off,
     *  leaving it out keeps the default (main/desk/globalShortcuts.ts). Policy globalCallShortcuts=false wins. */
    globalShortcuts: z
      .object({ answer: z.string().max(64).nullable().optional(), hangup: z.string().max(64).nullable().optional() })
      .strict()
      .optional(),
    /** Region for numbers typed without a country code, e.g. "GB": they are dialled in E.164 (+44…). */
    defaultRegion: z
      .string()
      .regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as GB or US')
      .optional(),
  })
  .strict()
  .superRefine((config, context) => {
    if (config.gatewayUrl && !config.allowInsecureTransport && !isSecureOrLoopbackUrl(config.gatewayUrl)) {
      context.addIssue({ code: 'custom', path: ['gatewayUrl'], message: 'must be an https:// URL (http:// only to this machine, or set allowInsecureTransport)' });
    }
  });
export type AppConfig = z.infer<typeof AppConfigSchema>;

export interface LoadedConfig {
  config: AppConfig;
  /** Set when the file existed but could not be used; the app runs with defaults and shows this. */
  problem?: { file: string; issues: string[] };
}

export function defaultConfig(): AppConfig {
  return AppConfigSchema.parse({});
}

export function parseConfig(raw: unknown, file: string): LoadedConfig {
  const parsed = AppConfigSchema.safeParse(raw);
  if (parsed.success) return { config: parsed.data };
  return { config: defaultConfig(), problem: { file, issues: describeIssues(parsed.error) } };
}

export function loadConfigFile(file: string): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { config: defaultConfig(), problem: { file, issues: [`cannot read the file: ${(error as Error).message}`] } };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { config: defaultConfig(), problem: { file, issues: [`not valid JSON: ${(error as Error).message}`] } };
  }
  return parseConfig(raw, file);
}

/** The environment variable naming the settings file, read by both hosts (README). */
export const CONFIG_ENV = 'HEARTHLINE_CONFIG';

export interface ConfigSource {
  /** The host's own option (`--config FILE` on either host); wins over the environment. */
  flag?: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Where the host looks when neither names a file (Electron: config.json in the user-data folder). */
  fallbackFile?: string;
}

/**
 * Which settings file a host reads: `--config`, else HEARTHLINE_CONFIG, else the host's own default
 * (none for the headless host). Both hosts use this, so the two configure the same way.
 */
export function configFileFor(source: ConfigSource): string | undefined {
  const named = source.flag?.trim() || source.env[CONFIG_ENV]?.trim() || source.fallbackFile;
  return named ? path.resolve(named) : undefined;
}

/** Loads the file `configFileFor` picks; with no file at all the app starts unconfigured, without a notice. */
export function loadAppConfig(source: ConfigSource): LoadedConfig {
  const file = configFileFor(source);
  return file ? loadConfigFile(file) : { config: defaultConfig() };
}

export function engineAccountFrom(config: AppConfig): EngineAccount | null {
  const sip = config.sip;
  if (!sip) return null;
  const user = sip.sipUri.replace(/^sips?:/, '').split('@')[0] ?? '';
  return {
    wsUri: sip.wsUri,
    sipUri: sip.sipUri,
    authUser: sip.authUser ?? user,
    password: sip.password ?? '',
    displayName: sip.displayName,
    dtmfMode: sip.dtmfMode,
    registerExpiresSeconds: sip.registerExpiresSeconds,
    keepAliveSeconds: sip.keepAliveSeconds,
  };
}
