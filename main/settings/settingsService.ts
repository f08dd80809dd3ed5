// The settings in effect: defaults, then the agent's configuration and choices, then machine policy on top.
// Everything that depends on a setting asks here, and hears when it changes (policy can change at run time).
import { POLICY_KEYS, SECRET_POLICY_KEYS, type PolicyKey } from '../../common/contract/policy';
import {
  USER_SETTABLE_KEYS,
  type SettingEntry,
  type SettingsSetRequest,
  type SettingsView,
  type SettingValue,
} from '../../common/contract/settings';
import type { AppConfig } from '../config/appConfig';
import { ServiceError } from '../ipc/errors';
import type { Logger } from '../log/logger';
import type { EffectivePolicy } from '../policy/policyService';
import { resolveSettings, type ResolvedSettings, type Settings } from '../policy/resolveSettings';
import { DEFAULT_SETTINGS } from './defaults';
import type { UserSettingsStore } from './userSettingsStore';

/** What SettingsService needs of PolicyService (a fixed policy in tests and hosts without one). */
export interface PolicyProvider {
  current(): EffectivePolicy;
  onChange(listener: (policy: EffectivePolicy) => void): () => void;
}

export function fixedPolicy(policy: EffectivePolicy): PolicyProvider {
  return { current: () => policy, onChange: () => () => undefined };
}

/** The agent's configuration file also sets some of these (their SIP server, gateway, wrap-up time, auto-answer). */
export function settingsFromConfig(config: AppConfig): Settings {
  return {
    wrapUpSeconds: config.wrapUpSeconds,
    ...(config.autoAnswerSeconds !== undefined ? { autoAnswer: true } : {}),
    ...(config.gatewayUrl ? { gatewayUrl: config.gatewayUrl } : {}),
    ...(config.sip ? { sipServers: [config.sip.wsUri] } : {}),
    ...(config.allowInsecureTransport ? { sipTransport: 'any' as const } : {}),
  };
}

const userSettable = new Set<PolicyKey>(USER_SETTABLE_KEYS);

export interface SettingsServiceDeps {
  policy: PolicyProvider;
  store: UserSettingsStore;
  /** Values from the agent's configuration file; their own choices in the store win over these. */
  config?: Settings;
  defaults?: Settings;
  log: Logger;
}

export type SettingsListener = (resolved: ResolvedSettings, changed: ReadonlySet<PolicyKey>) => void;

export class SettingsService {
  private resolvedSettings: ResolvedSettings;
  private readonly listeners = new Set<SettingsListener>();
  private readonly stopWatchingPolicy: () => void;

  constructor(private readonly deps: SettingsServiceDeps) {
    this.resolvedSettings = this.resolve();
    this.stopWatchingPolicy = deps.policy.onChange(() => this.refresh());
  }

  resolved(): ResolvedSettings {
    return this.resolvedSettings;
  }

  value<K extends PolicyKey>(key: K): Settings[K] {
    return this.resolvedSettings.values[key];
  }

  onChange(listener: SettingsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** What the settings panel shows. Secrets never leave main. */
  view(): SettingsView {
    const { values, sources, locked } = this.resolvedSettings;
    const entries: SettingEntry[] = POLICY_KEYS.map((key) => {
      const secret = SECRET_POLICY_KEYS.has(key);
      return {
        key,
        value: secret ? null : ((values[key] ?? null) as SettingValue),
        source: sources[key],
        locked: locked.has(key),
        userSettable: userSettable.has(key),
        ...(secret ? { secret: true } : {}),
      };
    });
    const policy = this.deps.policy.current();
    return { entries, policySources: policy.sources, policyProblems: policy.problems };
  }

  /** Saves one of the agent's own choices; refused when policy locks it. */
  set(request: SettingsSetRequest): SettingsView {
    if (this.resolvedSettings.locked.has(request.key)) {
      throw new ServiceError('forbidden', `${request.key} is managed by your organisation and cannot be changed here`);
    }
    if (!userSettable.has(request.key)) throw new ServiceError('forbidden', `${request.key} cannot be changed in the app`);
    const saved = this.deps.store.load();
    this.deps.store.save({ ...saved, [request.key]: request.value });
    this.deps.log.info({ key: request.key, value: request.value }, 'user setting changed');
    this.refresh();
    return this.view();
  }

  /** Re-reads policy and the agent's choices; tells listeners which effective values changed. */
  refresh(): void {
    const before = this.resolvedSettings;
    const after = this.resolve();
    this.resolvedSettings = after;
    const changed = new Set<PolicyKey>();
    for (const key of POLICY_KEYS) {
      const moved = JSON.stringify(before.values[key]) !== JSON.stringify(after.values[key]);
      if (moved || before.locked.has(key) !== after.locked.has(key)) changed.add(key);
    }
    if (changed.size === 0) return;
    for (const listener of this.listeners) {
      try {
        listener(after, changed);
      } catch (error) {
        this.deps.log.error({ err: error }, 'settings listener failed');
      }
    }
  }

  dispose(): void {
    this.stopWatchingPolicy();
    this.listeners.clear();
  }

  private resolve(): ResolvedSettings {
    const user = { ...this.deps.config, ...this.deps.store.load() };
    return resolveSettings(this.deps.defaults ?? DEFAULT_SETTINGS, user, this.deps.policy.current().policy);
  }
}
