import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SettingEntry, SettingsView } from '../../../common/contract/settings';
import { settingRows } from './settingsRows';

const entry = (key: SettingEntry['key'], value: SettingEntry['value'], extra: Partial<SettingEntry> = {}): SettingEntry => ({
  key,
  value,
  source: 'default',
  locked: false,
  userSettable: ['autoAnswer', 'wrapUpSeconds', 'asrProvider', 'updateMode'].includes(key),
  ...extra,
});

const view = (entries: SettingEntry[]): SettingsView => ({ entries, policySources: [], policyProblems: [] });

describe('settings panel rows', () => {
  it('gives the agent a control for their own unlocked settings', () => {
    const [autoAnswer, wrapUp, mode] = settingRows(view([entry('autoAnswer', true), entry('wrapUpSeconds', 30), entry('updateMode', 'notify')]));
    assert.deepEqual(autoAnswer, { key: 'autoAnswer', control: { kind: 'toggle', value: true }, disabled: false, managed: false });
    assert.deepEqual(wrapUp?.control, { kind: 'number', value: 30, min: 0, max: 3600 });
    assert.deepEqual(mode?.control, { kind: 'choice', value: 'notify', options: ['auto', 'notify', 'off'] });
  });

  it('shows a setting policy locks as disabled and managed by the organisation', () => {
    const [row] = settingRows(view([entry('autoAnswer', false, { source: 'policy', locked: true })]));
    assert.equal(row?.disabled, true);
    assert.equal(row?.managed, true);
  });

  it('shows IT-only settings read-only, and only when they are set', () => {
    const rows = settingRows(view([entry('gatewayUrl', 'https://gw.example.com', { source: 'policy', locked: true }), entry('sipServers', null), entry('allowedHeadsets', [])]));
    assert.deepEqual(rows, [{ key: 'gatewayUrl', control: { kind: 'readonly', value: 'https://gw.example.com' }, disabled: true, managed: true }]);
  });

  it('never shows a secret', () => {
    assert.deepEqual(settingRows(view([entry('diagnosticsUploadToken', null, { secret: true, locked: true })])), []);
  });
});
