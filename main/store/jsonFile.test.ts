import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { JsonFileDeviceSettingsStore } from '../devices/deviceSettingsStore';
import { silentLogger } from '../log/logger';
import { JsonFileUserSettingsStore } from '../settings/userSettingsStore';

describe('settings files in the profile: one damage policy', () => {
  for (const [name, open] of [
    ['settings.json', (file: string) => new JsonFileUserSettingsStore(file, silentLogger())],
    ['devices.json', (file: string) => new JsonFileDeviceSettingsStore(file, silentLogger())],
  ] as const) {
    it(`${name}: a damaged file gives the defaults and is kept beside, not overwritten unseen`, () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'hl-json-'));
      const file = path.join(dir, name);
      writeFileSync(file, '["not", "settings"]');
      const store = open(file);
      assert.ok(store.load());
      const aside = readdirSync(dir).find((entry) => entry.startsWith(`${name}.damaged-`));
      assert.ok(aside, 'the damaged file is kept beside');
      assert.equal(readFileSync(path.join(dir, aside), 'utf8'), '["not", "settings"]');
    });
  }
});
