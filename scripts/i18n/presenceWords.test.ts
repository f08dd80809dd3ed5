import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PRESENCE_WORDS } from '../../common/i18n/presenceWords';
import { toTraditionalCatalogue } from './zhHant';

// Main's Traditional Chinese status words (tray tooltip) must read exactly as the UI's, which the
// generator makes from the Simplified ones.
test('the Traditional Chinese status words are what the catalogue generator makes of the Simplified ones', () => {
  assert.deepEqual(toTraditionalCatalogue({ ...PRESENCE_WORDS['zh-Hans'] }), { ...PRESENCE_WORDS['zh-Hant'] });
});
