// The three catalogues (UI and main) say the same things: every key in all three languages, with the
// same {{placeholders}}, and the checked-in Traditional catalogues are what the converter makes today.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAIN_STRINGS } from '../../common/i18n/mainStrings';
import { en } from '../../renderer/ui/i18n/en';
import { zh } from '../../renderer/ui/i18n/zh';
import { zhHant } from '../../renderer/ui/i18n/zhHant';
import { toTraditionalCatalogue, toTraditionalText } from './zhHant';

type Catalogue = { [key: string]: string | Catalogue };

/** key path → the sorted placeholders of that string. */
function placeholdersByKey(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    if (typeof value === 'string') out.set(prefix + key, [...value.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort().join(','));
    else for (const [inner, vars] of placeholdersByKey(value, `${prefix}${key}.`)) out.set(inner, vars);
  }
  return out;
}

function assertSameShape(name: string, reference: Catalogue, other: Catalogue): void {
  const want = placeholdersByKey(reference);
  const got = placeholdersByKey(other);
  assert.deepEqual([...want.keys()].filter((key) => !got.has(key)), [], `${name} lacks these keys`);
  assert.deepEqual([...got.keys()].filter((key) => !want.has(key)), [], `${name} has keys English does not`);
  // Plural forms (_one, _two, _few) may leave out {{count}}: "1 note has …".
  const mismatched = [...want].filter(([key, vars]) => got.get(key) !== vars && !/_(one|two|few)$/.test(key));
  assert.deepEqual(mismatched.map(([key, vars]) => `${key}: en {{${vars}}} vs {{${got.get(key)}}}`), [], `${name} placeholders differ`);
}

describe('catalogues', () => {
  it('the UI catalogue has every key with the same placeholders in English, Simplified and Traditional', () => {
    assertSameShape('zh (Simplified)', en, zh);
    assertSameShape('zhHant (Traditional)', en, zhHant);
  });

  it('the main-process catalogue has every key with the same placeholders in all three languages', () => {
    assertSameShape('main zh-Hans', MAIN_STRINGS.en, MAIN_STRINGS['zh-Hans']);
    assertSameShape('main zh-Hant', MAIN_STRINGS.en, MAIN_STRINGS['zh-Hant']);
  });

  it('the checked-in Traditional catalogues are the conversion of today\'s Simplified ones (run npm run i18n:zh-hant)', () => {
    assert.deepEqual(zhHant, toTraditionalCatalogue(zh));
    assert.deepEqual(MAIN_STRINGS['zh-Hant'], toTraditionalCatalogue(MAIN_STRINGS['zh-Hans']));
  });

  it('the shape check notices a missing key and a dropped placeholder', () => {
    assert.throws(() => assertSameShape('broken', { a: 'x {{n}}', b: 'y' }, { a: 'x' }), /lacks these keys/);
    assert.throws(() => assertSameShape('broken', { a: 'x {{n}}' }, { a: 'x' }), /placeholders differ/);
  });

  it('converts to Hong Kong / Taiwan usage and leaves placeholders alone', () => {
    assert.equal(toTraditionalText('通话质量较差'), '通話品質較差');
    assert.equal(toTraditionalText('{{count}} 条笔记'), '{{count}} 條筆記');
    assert.equal(toTraditionalText('挂断'), '掛斷');
    assert.equal(toTraditionalText('请在切换为“就绪”前'), '請在切換為「就緒」前');
  });
});
