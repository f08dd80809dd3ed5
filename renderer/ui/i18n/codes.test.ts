// Every code a user can see has words in each language of the catalogue: a code added to the
// contract (or to the fallback dispositions) without an entry in en.ts and zh.ts fails here.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TFunction } from 'i18next';
import { ContactChannelSchema, PreferredChannelSchema, SentimentSchema } from '../../../common/contract/context';
import { FALLBACK_DISPOSITIONS } from '../../../common/contract/gateway';
import { CallEndReasonSchema, CallStateSchema } from '../../../common/contract/model';
import { ReadinessHintSchema } from '../../../common/contract/readiness';
import { codeKey, codeLabel, languageName } from './codes';
import { en } from './en';
import { zh } from './zh';

const catalogues = { en, zh } as const;

function lookup(messages: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), messages);
}

function assertEntries(prefix: string, codes: readonly string[]): void {
  for (const [language, messages] of Object.entries(catalogues)) {
    for (const code of codes) {
      const text = lookup(messages, `${prefix}.${code}`);
      assert.equal(typeof text, 'string', `${language}: no entry ${prefix}.${code}`);
      assert.notEqual((text as string).trim(), '', `${language}: empty entry ${prefix}.${code}`);
    }
  }
}

/** A stand-in for i18next's t over one catalogue. */
const tOf = (messages: unknown) => ((key: string) => (lookup(messages, key) as string | undefined) ?? key) as unknown as TFunction;

describe('codes on screen go through the catalogue', () => {
  it('every disposition code, preferred channel and known phone label has words in each language', () => {
    assertEntries('codes.disposition', FALLBACK_DISPOSITIONS.map((disposition) => disposition.code));
    assertEntries('codes.preferredChannel', PreferredChannelSchema.options);
    assertEntries('codes.phoneLabel', Object.keys(en.codes.phoneLabel));
    assert.deepEqual(Object.keys(zh.codes.phoneLabel).sort(), Object.keys(en.codes.phoneLabel).sort());
  });

  it('every contact channel, sentiment, call state, end reason and readiness hint has words in each language', () => {
    assertEntries('context.channel', ContactChannelSchema.options);
    assertEntries('context.sentiment', SentimentSchema.options);
    assertEntries('call.states', CallStateSchema.options);
    assertEntries('call.ended', CallEndReasonSchema.options);
    assertEntries('readiness.hint', ReadinessHintSchema.options);
  });

  it('shows words, not codes, in Chinese; a CRM code the catalogue lacks stays as sent', () => {
    const t = tOf(zh);
    assert.equal(codeLabel(t, 'disposition', 'info_given'), '已提供信息');
    assert.equal(codeLabel(t, 'disposition', 'complaint'), '已登记投诉');
    assert.equal(codeLabel(t, 'preferredChannel', 'sms'), '短信');
    assert.equal(codeLabel(t, 'phoneLabel', 'mobile'), '手机');
    assert.equal(codeLabel(t, 'phoneLabel', 'caller id'), '来电号码');
    assert.equal(codeLabel(t, 'phoneLabel', 'home (stack 1002)'), '住宅 (stack 1002)');
    assert.equal(codeLabel(t, 'disposition', 'vip_retention'), 'vip_retention');
    assert.equal(codeKey('disposition', 'toString'), undefined, 'only the catalogue\u2019s own entries count');
    assert.equal(languageName('en', 'zh'), '英语');
  });
});
