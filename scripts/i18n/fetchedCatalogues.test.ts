import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APP_LANGUAGES } from '../../common/i18n/language';
import { catalogueFile, FETCHED_LANGUAGES } from '../../renderer/ui/i18n/catalogueFiles';
import { zh } from '../../renderer/ui/i18n/zh';
import { zhHant } from '../../renderer/ui/i18n/zhHant';
import { catalogueFileContents } from './fetchedCatalogues';

describe('the catalogues the UI fetches', () => {
  it('are every language but the bundled English, each in its own file', () => {
    assert.deepEqual([...FETCHED_LANGUAGES].sort(), APP_LANGUAGES.filter((language) => language !== 'en').sort());
    assert.deepEqual(catalogueFileContents().map(([file]) => file).sort(), ['i18n/zh-Hans.json', 'i18n/zh-Hant.json']);
    assert.equal(catalogueFile('en'), undefined, 'English is in the bundle');
    assert.equal(catalogueFile('zh'), undefined);
    assert.equal(catalogueFile('../secrets'), undefined);
  });

  it('hold exactly the catalogues in the source', () => {
    const files = new Map(catalogueFileContents());
    assert.deepEqual(JSON.parse(files.get('i18n/zh-Hans.json') ?? ''), zh);
    assert.deepEqual(JSON.parse(files.get('i18n/zh-Hant.json') ?? ''), zhHant);
  });
});
