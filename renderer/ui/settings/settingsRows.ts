// Pure: which settings the panel shows and how. The agent's own settings get a control unless policy
// locks them; locked and IT-only settings are shown read-only. Secrets are never shown.
import { ASR_PROVIDERS, UPDATE_MODES, type PolicyKey } from '../../../common/contract/policy';
import type { SettingEntry, SettingsView, SettingValue } from '../../../common/contract/settings';

export type SettingControl =
  | { kind: 'toggle'; value: boolean }
  | { kind: 'number'; value: number; min: number; max: number }
  | { kind: 'choice'; value: string; options: readonly string[] }
  | { kind: 'readonly'; value: SettingValue };

export interface SettingRow {
  key: PolicyKey;
  control: SettingControl;
  /** The control is shown but cannot be used. */
  disabled: boolean;
  /** Show "Managed by your organisation". */
  managed: boolean;
}

/** In the order the panel lists them: the agent's own settings first, then what IT decides. */
export const SHOWN_KEYS: readonly PolicyKey[] = [
  'autoAnswer',
  'wrapUpSeconds',
  'asrProvider',
  'updateMode',
  'updateChannel',
  'sipServers',
  'sipTransport',
  'gatewayUrl',
  'allowedHeadsets',
  'dataRetentionDays',
  'diagnosticsUploadUrl',
  'asrServiceUrl',
  'summaryServiceUrl',
];

function control(entry: SettingEntry): SettingControl {
  if (!entry.userSettable) return { kind: 'readonly', value: entry.value };
  switch (entry.key) {
    case 'autoAnswer':
      return { kind: 'toggle', value: entry.value === true };
    case 'wrapUpSeconds':
      return { kind: 'number', value: typeof entry.value === 'number' ? entry.value : 0, min: 0, max: 3600 };
    case 'asrProvider':
      return { kind: 'choice', value: String(entry.value), options: ASR_PROVIDERS };
    case 'updateMode':
      return { kind: 'choice', value: String(entry.value), options: UPDATE_MODES };
    default:
      return { kind: 'readonly', value: entry.value };
  }
}

export function settingRows(view: SettingsView): SettingRow[] {
  const byKey = new Map(view.entries.map((entry) => [entry.key, entry]));
  const rows: SettingRow[] = [];
  for (const key of SHOWN_KEYS) {
    const entry = byKey.get(key);
    if (!entry || entry.secret) continue;
    // IT-only settings nobody has set say nothing useful to an agent.
    if (!entry.userSettable && !entry.locked && (entry.value === null || (Array.isArray(entry.value) && entry.value.length === 0))) continue;
    const shown = control(entry);
    rows.push({ key, control: shown, disabled: entry.locked || shown.kind === 'readonly', managed: entry.locked });
  }
  return rows;
}

/** A read-only value as text. */
export function formatValue(value: SettingValue): string {
  if (value === null) return '—';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}
