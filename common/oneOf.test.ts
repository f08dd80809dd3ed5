import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { THEME_CHOICES, ThemeChoiceSchema } from './contract/appearance';
import { isOneOf } from './oneOf';

describe('isOneOf', () => {
  it('accepts exactly what the contract schema accepts', () => {
    for (const value of ['system', 'light', 'dark', 'Dark', '', 'light ', 3, null, undefined, ['light']]) {
      assert.equal(isOneOf(THEME_CHOICES, value), ThemeChoiceSchema.safeParse(value).success, String(value));
    }
  });
});
