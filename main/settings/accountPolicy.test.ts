import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EngineAccount } from '../../common/contract/channels';
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

  it('refuses to register over plain ws:// to another machine when policy requires wss', () => {
    const result = accountUnderPolicy({ ...account, wsUri: 'ws://sip.example.com:8088' }, { sipTransport: 'wss' });
    assert.equal(result.account, null);
    assert.match(result.refused ?? '', /ws:\/\/sip\.example\.com:8088 is not a secure/);
  });

  it('has nothing to do without an account', () => {
    assert.deepEqual(accountUnderPolicy(null, { sipTransport: 'wss' }), { account: null });
  });
});
