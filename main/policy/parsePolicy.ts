// Turns raw values from any policy source into a validated Policy, key by key: one bad value is ignored
// (and reported) without throwing away the rest of the administrator's policy.
import { POLICY_KEYS, PolicySchema, policyValueKind, type Policy, type PolicyKey } from '../../common/contract/policy';
import { describeIssues } from '../../common/contract/wire';

export interface ParsedPolicy {
  policy: Policy;
  problems: string[];
}

const keyByLowerCase = new Map(POLICY_KEYS.map((key) => [key.toLowerCase(), key]));

/** Registry value names are case-insensitive; plist and JSON keys should match exactly but we are lenient. */
export function policyKeyFor(name: string): PolicyKey | undefined {
  return keyByLowerCase.get(name.toLowerCase());
}

/** Converts the shapes sources without a type system produce: DWORD 0/1 for booleans, "30" for numbers, one string for a list. */
export function coercePolicyValue(key: PolicyKey, raw: unknown): unknown {
  switch (policyValueKind(key)) {
    case 'boolean':
      if (raw === 0 || raw === 1) return raw === 1;
      if (typeof raw === 'string' && /^(true|false|0|1)$/i.test(raw.trim())) return /^(true|1)$/i.test(raw.trim());
      return raw;
    case 'integer':
      if (typeof raw === 'string' && /^-?\d+$/.test(raw.trim())) return Number(raw.trim());
      return raw;
    case 'stringList':
      if (typeof raw === 'string') return raw.split(/[\n;]/).map((item) => item.trim()).filter(Boolean);
      return raw;
    case 'string':
      return raw;
  }
}

export function parsePolicy(raw: Record<string, unknown>, origin: string): ParsedPolicy {
  const policy: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, value] of Object.entries(raw)) {
    if (name === '$schema') continue;
    const key = policyKeyFor(name);
    if (!key) {
      problems.push(`${origin}: unknown policy "${name}" ignored`);
      continue;
    }
    const parsed = PolicySchema.shape[key].safeParse(coercePolicyValue(key, value));
    if (!parsed.success || parsed.data === undefined) {
      const why = parsed.success ? 'empty value' : describeIssues(parsed.error).map((issue) => issue.replace(/^\(payload\): /, '')).join('; ');
      problems.push(`${origin}: ${key} ignored (${why})`);
      continue;
    }
    policy[key] = parsed.data;
  }
  return { policy: policy as Policy, problems };
}
