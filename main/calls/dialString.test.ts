import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normaliseDialString } from './dialString';

describe('normaliseDialString', () => {
  it('keeps short internal extensions exactly as typed', () => {
    assert.deepEqual(normaliseDialString('1004', 'GB'), { ok: true, target: '1004' });
    assert.deepEqual(normaliseDialString(' 9196 ', 'GB'), { ok: true, target: '9196' });
    assert.deepEqual(normaliseDialString('100-4'), { ok: true, target: '1004' });
  });

  it('writes national numbers in E.164 using the default region', () => {
    assert.deepEqual(normaliseDialString('020 7946 0000', 'GB'), { ok: true, target: '+442079460000' });
    assert.deepEqual(normaliseDialString('(650) 253-0000', 'US'), { ok: true, target: '+16502530000' });
  });

  it('understands the region’s international prefix and an explicit +', () => {
    assert.deepEqual(normaliseDialString('0044 20 7946 0000', 'GB'), { ok: true, target: '+442079460000' });
    assert.deepEqual(normaliseDialString('+44 (0)20 7946 0000', 'US'), { ok: true, target: '+442079460000' });
    assert.deepEqual(normaliseDialString('+1 650 253 0000'), { ok: true, target: '+16502530000' });
  });

  it('dials a national number as typed when no region is configured', () => {
    assert.deepEqual(normaliseDialString('020 7946 0000'), { ok: true, target: '02079460000' });
  });

  it('keeps SIP user names and feature codes', () => {
    assert.deepEqual(normaliseDialString('queue.sales', 'GB'), { ok: true, target: 'queue.sales' });
    assert.deepEqual(normaliseDialString('*72', 'GB'), { ok: true, target: '*72' });
    assert.deepEqual(normaliseDialString('alice', 'GB'), { ok: true, target: 'alice' });
  });

  it('refuses what cannot be a phone number', () => {
    assert.deepEqual(normaliseDialString('+44 1', 'GB'), { ok: false, problem: 'notANumber' });
    assert.deepEqual(normaliseDialString('12345678901234567', 'GB'), { ok: false, problem: 'notANumber' });
    assert.deepEqual(normaliseDialString('   '), { ok: false, problem: 'notANumber' });
  });

  it('says so when the configured region is unknown', () => {
    assert.deepEqual(normaliseDialString('020 7946 0000', 'XX'), { ok: false, problem: 'unknownRegion' });
  });
});
