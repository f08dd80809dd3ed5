import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { lazySchema } from './lazySchema';

describe('lazySchema', () => {
  it('builds nothing until the schema is used, then once', () => {
    let builds = 0;
    const Digits = lazySchema(() => {
      builds += 1;
      return z.string().regex(/^[0-9]+$/, 'digits only');
    });
    assert.equal(builds, 0);
    assert.equal(Digits.parse('123'), '123');
    assert.equal(Digits.safeParse('12a').error?.issues[0]?.message, 'digits only');
    assert.equal(builds, 1);
  });

  it('validates the same inside other schemas, with the same messages and paths', () => {
    const eager = z.object({ callId: z.string().min(1), digits: z.string().regex(/^[0-9]+$/, 'digits only') }).strict();
    const lazy = z.object({ callId: lazySchema(() => z.string().min(1)), digits: lazySchema(() => z.string().regex(/^[0-9]+$/, 'digits only')) }).strict();
    for (const payload of [{ callId: 'c1', digits: '12' }, { callId: '', digits: 'x' }, { callId: 'c1', digits: '1', extra: true }, 'nonsense', null]) {
      assert.deepEqual(lazy.safeParse(payload), eager.safeParse(payload));
    }
  });

  it('looks like the schema it stands for: instanceof, keys, shape, options and chaining', () => {
    const Mode = lazySchema(() => z.enum(['blind', 'attended']));
    const Ref = lazySchema(() => z.object({ callId: z.string() }).strict());
    assert.ok(Mode instanceof z.ZodEnum);
    assert.deepEqual(Mode.options, ['blind', 'attended']);
    assert.deepEqual(Object.keys(Ref.shape), ['callId']);
    assert.ok(Object.keys(Ref).length > 0);
    assert.ok('_zod' in Ref);
    assert.equal(Ref.extend({ on: z.boolean() }).safeParse({ callId: 'c', on: true }).success, true);
    assert.equal(Mode.optional().parse(undefined), undefined);
  });
});
