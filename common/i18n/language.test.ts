import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { languageOfTag, resolveLanguage } from './language';

describe('resolveLanguage', () => {
  it('maps Simplified-writing locales to zh-Hans', () => {
    for (const tag of ['zh-CN', 'zh-SG', 'zh-Hans', 'zh-Hans-HK', 'zh', 'zh_CN']) assert.equal(resolveLanguage([tag]), 'zh-Hans', tag);
  });

  it('maps Traditional-writing locales to zh-Hant', () => {
    for (const tag of ['zh-TW', 'zh-HK', 'zh-MO', 'zh-Hant', 'zh-Hant-CN', 'zh_TW', 'yue', 'yue-HK']) assert.equal(resolveLanguage([tag]), 'zh-Hant', tag);
  });

  it('falls back to English, and takes the first language the app speaks', () => {
    assert.equal(resolveLanguage(['fr-FR', 'de']), 'en');
    assert.equal(resolveLanguage([]), 'en');
    assert.equal(resolveLanguage(['fr-FR', 'zh-HK', 'en-GB']), 'zh-Hant');
    assert.equal(resolveLanguage(['en-GB', 'zh-TW']), 'en');
    assert.equal(languageOfTag('ja-JP'), undefined);
  });
});
