import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createLogger } from '../log/logger';
import { AppearanceService } from './appearanceService';
import { JsonFileAppearanceStore, MemoryAppearanceStore } from './appearanceStore';

describe('AppearanceService', () => {
  it('words main in the OS language until the agent chooses, then in the UI\'s language', () => {
    const service = new AppearanceService(new MemoryAppearanceStore(), () => ['zh-HK', 'en-GB']);
    assert.equal(service.language(), 'zh-Hant');
    service.set({ language: 'en' });
    assert.equal(service.language(), 'en');
    service.uiShows('zh-Hans');
    assert.equal(service.language(), 'zh-Hans');
  });

  it('keeps the choice across restarts in the settings file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'appearance-'));
    try {
      const file = path.join(dir, 'appearance.json');
      const log = createLogger({ level: 'silent' });
      new AppearanceService(new JsonFileAppearanceStore(file, log), () => []).set({ language: 'zh-Hant', theme: 'dark' });
      assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), { language: 'zh-Hant', theme: 'dark' });
      const reopened = new AppearanceService(new JsonFileAppearanceStore(file, log), () => ['en']);
      assert.deepEqual(reopened.get(), { language: 'zh-Hant', theme: 'dark' });
      assert.equal(reopened.language(), 'zh-Hant');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
