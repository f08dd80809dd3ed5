import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EngineAccount } from '../../common/contract/channels';
import { PolicySchema } from '../../common/contract/policy';
import { accountUnderPolicy } from './accountPolicy';

const account: EngineAccount = {
  wsUri: 'ws://127.0.0.1:8088',
  sipUri: 'sip:1001@127.0.0.1',
  authUser: '1001',
  password: 'secret1001',
  displayName: 'Agent',
  dtmfMode: 'rfc4733',
  registerExpiresSeconds: 300,
  keepAliveSeconds: 15,
};

describe('SIP account under policy', () => {
  it('keeps the agent’s server when policy does not restrict it', () => {
    assert.equal(accountUnderPolicy(account, { sipTransport: 'any', sipServers: [account.wsUri] }).account, account);
  });

  it('replaces a server that is not on IT’s list with IT’s first server', () => {
    const result = accountUnderPolicy(account, { sipServers: ['wss://sbc1.example.com/ws', 'wss://sbc2.example.com/ws'] });
    assert.equal(result.account?.wsUri, 'wss://sbc1.example.com/ws');
    assert.equal(result.account?.sipUri, account.sipUri);
  });

  it('keeps the agent’s server when it is one IT allows', () => {
    const mine = { ...account, wsUri: 'wss://sbc2.example.com/ws' };
    assert.equal(accountUnderPolicy(mine, { sipServers: ['wss://sbc1.example.com/ws', 'wss://sbc2.example.com/ws'] }).account?.wsUri, mine.wsUri);
  });

  it('refuses to register over plain ws:// when policy requires wss', () => {
    const result = accountUnderPolicy(account, { sipTransport: 'wss' });
    assert.equal(result.account, null);
    assert.match(result.refused ?? '', /ws:\/\/127\.0\.0\.1:8088 is not a secure/);
  });

  it('has nothing to do without an account', () => {
    assert.deepEqual(accountUnderPolicy(null, { sipTransport: 'wss' }), { account: null });
  });

  it('sets keypad tone timing per SIP server, falling back to the machine-wide values', () => {
    const values = {
      dtmfToneMs: 180,
      dtmfGapMs: 90,
      dtmfTrunkTiming: ['wss://sbc9.example.com/ws 400', `${account.wsUri} 250 120`],
    };
    const mine = accountUnderPolicy(account, values).account;
    assert.equal(mine?.dtmfToneMs, 250);
    assert.equal(mine?.dtmfGapMs, 120);
    const elsewhere = accountUnderPolicy({ ...account, wsUri: 'wss://sbc9.example.com/ws' }, values).account;
    assert.deepEqual([elsewhere?.dtmfToneMs, elsewhere?.dtmfGapMs], [400, 90]);
    const other = accountUnderPolicy({ ...account, wsUri: 'wss://sbc2.example.com/ws' }, values).account;
    assert.deepEqual([other?.dtmfToneMs, other?.dtmfGapMs], [180, 90]);
    assert.equal(accountUnderPolicy(account, {}).account?.dtmfToneMs, undefined, 'the engine default applies');
  });

  it('refuses a malformed per-server tone entry with the expected format', () => {
    const result = PolicySchema.safeParse({ dtmfTrunkTiming: ['wss://sbc1.example.com/ws 20'] });
    assert.equal(result.success, false);
    assert.match(result.error?.issues[0]?.message ?? '', /<tone ms 100-1000>/);
    assert.equal(PolicySchema.safeParse({ dtmfTrunkTiming: ['wss://sbc1.example.com/ws 200 80'] }).success, true);
  });
});
