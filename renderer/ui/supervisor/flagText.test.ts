import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { en } from '../i18n/en';
import { zh } from '../i18n/zh';
import { flagText } from './flagText';

describe('flagText', () => {
  it('gives every workload flag words in both languages, with its numbers', () => {
    const flags = [
      { kind: 'difficultInARow', count: 3 },
      { kind: 'noBreak', minutes: 195 },
      { kind: 'askedForMinute' },
      { kind: 'longCalls', count: 2 },
      { kind: 'wrapUpBacklog', count: 4 },
    ] as const;
    for (const flag of flags) {
      const { key, values } = flagText(flag);
      const name = key.split('.').at(-1)!;
      for (const catalogue of [en, zh]) assert.equal(typeof (catalogue.supervisor.flags as Record<string, string>)[name], 'string', `${key} in a catalogue`);
      if (flag.kind === 'noBreak') assert.deepEqual(values, { hours: 3, minutes: 15 });
    }
  });
});
