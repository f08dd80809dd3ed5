import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { POLICY_KEYS, PolicySchema } from '../common/contract/policy';
import { SettingsSetRequestSchema, USER_SETTABLE_KEYS } from '../common/contract/settings';
import { POLICY_SCHEMA_FILE, renderPolicySchema } from './emit-policy-schema';

const examples = path.join(__dirname, '..', 'policy', 'examples');

describe('policy schema', () => {
  it('the committed policy/policy.schema.json is the one the zod schema generates (run npm run policy:schema)', () => {
    assert.equal(readFileSync(POLICY_SCHEMA_FILE, 'utf8'), renderPolicySchema());
  });

  it('the JSON Schema rejects keys it does not know, so IT tools catch typos', () => {
    const schema = JSON.parse(readFileSync(POLICY_SCHEMA_FILE, 'utf8'));
    assert.equal(schema.additionalProperties, false);
    assert.deepEqual(Object.keys(schema.properties).sort(), [...POLICY_KEYS].sort());
  });

  it('the example policy.json is valid policy', () => {
    const { $schema: _schema, ...policy } = JSON.parse(readFileSync(path.join(examples, 'policy.json'), 'utf8'));
    const parsed = PolicySchema.safeParse(policy);
    assert.ok(parsed.success, parsed.success ? '' : parsed.error.message);
    assert.deepEqual(Object.keys(policy).sort(), [...POLICY_KEYS].sort(), 'the example shows every key');
  });

  it('the example .reg file sets only known values under HKLM\\Software\\Policies\\Hearthline', () => {
    const text = readFileSync(path.join(examples, 'hearthline.reg'), 'utf8');
    assert.match(text, /^\[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Hearthline\]$/m);
    const names = [...text.matchAll(/^"(\w+)"=/gm)].map((match) => match[1]);
    assert.deepEqual([...names].sort(), [...POLICY_KEYS].sort());
  });

  it('refuses an update feed over plain HTTP except to this machine', () => {
    assert.equal(PolicySchema.safeParse({ updateFeedUrl: 'http://updates.example.com/feed' }).success, false);
    assert.equal(PolicySchema.safeParse({ updateFeedUrl: 'https://updates.example.com/feed' }).success, true);
    assert.equal(PolicySchema.safeParse({ updateFeedUrl: 'http://127.0.0.1:8080/feed' }).success, true);
  });

  it('the settings the agent may change are exactly the ones settings.set accepts', () => {
    const accepted = SettingsSetRequestSchema.options.map((option) => option.shape.key.value).sort();
    assert.deepEqual(accepted, [...USER_SETTABLE_KEYS].sort());
  });
});
