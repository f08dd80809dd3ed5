// Precedence, in one pure function: policy beats the agent's own settings, which beat the defaults. A key
// set by policy is locked: the agent sees it read-only and cannot change it.
import { POLICY_KEYS, type Policy, type PolicyKey } from '../../common/contract/policy';
import type { SettingSource } from '../../common/contract/settings';

/** Every setting's effective value; undefined where nothing (not even a default) sets it. */
export type Settings = Policy;

export interface ResolvedSettings {
  values: Settings;
  sources: Record<PolicyKey, SettingSource>;
  locked: ReadonlySet<PolicyKey>;
}

export function resolveSettings(defaults: Settings, user: Settings, policy: Policy): ResolvedSettings {
  const values: Record<string, unknown> = {};
  const sources = {} as Record<PolicyKey, SettingSource>;
  const locked = new Set<PolicyKey>();
  for (const key of POLICY_KEYS) {
    if (policy[key] !== undefined) {
      values[key] = policy[key];
      sources[key] = 'policy';
      locked.add(key);
    } else if (user[key] !== undefined) {
      values[key] = user[key];
      sources[key] = 'user';
    } else {
      values[key] = defaults[key];
      sources[key] = 'default';
    }
  }
  return { values: values as Settings, sources, locked };
}
