import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { effectiveLanguage, effectiveTheme } from './appearanceRules';

describe('appearance rules', () => {
  it('follows the OS language unless the agent chose one', () => {
    assert.equal(effectiveLanguage('system', ['zh-TW', 'en-US']), 'zh-Hant');
    assert.equal(effectiveLanguage('system', ['zh-SG']), 'zh-Hans');
    assert.equal(effectiveLanguage('system', ['fr-FR']), 'en');
    assert.equal(effectiveLanguage('en', ['zh-HK']), 'en');
    assert.equal(effectiveLanguage('zh-Hant', ['en-GB']), 'zh-Hant');
  });

  it('follows the OS light/dark setting unless the agent chose one', () => {
    assert.equal(effectiveTheme('system', true), 'dark');
    assert.equal(effectiveTheme('system', false), 'light');
    assert.equal(effectiveTheme('dark', false), 'dark');
    assert.equal(effectiveTheme('light', true), 'light');
  });
});
