import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EngineAccount } from '../../common/contract/channels';
import { PolicySchema } from '../../common/contract/policy';
import { parseConfig } from '../config/appConfig';
import { resolveSettings } from '../policy/resolveSettings';
import { accountUnderPolicy } from './accountPolicy';
import { DEFAULT_SETTINGS } from './defaults';
import { settingsFromConfig } from './settingsService';

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

// Out of the box nothing talks to a phone server or the CRM in the clear, except on this machine; plain
// ws:// or http:// elsewhere needs an explicit opt-in (config allowInsecureTransport, or policy sipTransport any).
const withServer = (wsUri: string): EngineAccount => ({ ...account, wsUri });

/** The effective settings for a config file and a policy, as the app resolves them. */
function effective(config: unknown, policy = {}) {
  const loaded = parseConfig(config, 'config.json');
  return { loaded, values: resolveSettings(DEFAULT_SETTINGS, settingsFromConfig(loaded.config), policy).values };
}

describe('secure transport by default', () => {
  it('refuses a plain ws:// phone server on another host unless opted in', () => {
    const { values } = effective({});
    const refused = accountUnderPolicy(withServer('ws://sip.example.com:8088'), values);
    assert.equal(refused.account, null);
    assert.match(refused.refused ?? '', /not a secure \(wss:\/\/\) server/);
    const optedIn = effective({ allowInsecureTransport: true }).values;
    assert.equal(accountUnderPolicy(withServer('ws://sip.example.com:8088'), optedIn).account?.wsUri, 'ws://sip.example.com:8088');
  });

  it('allows ws:// to this machine (the local stack, the demo, a local SBC) and wss:// anywhere', () => {
    const { values } = effective({});
    for (const wsUri of ['ws://127.0.0.1:8088', 'ws://127.0.0.2:8088/ws', 'ws://localhost:8088', 'ws://[::1]:8088', 'wss://sip.example.com/ws']) {
      assert.equal(accountUnderPolicy(withServer(wsUri), values).account?.wsUri, wsUri, wsUri);
    }
    for (const wsUri of ['ws://127.0.0.1.example.com:8088', 'ws://localhost.example.com', 'ws://10.0.0.1:8088', 'ws://[::2]:8088']) {
      assert.equal(accountUnderPolicy(withServer(wsUri), values).account, null, wsUri);
    }
  });

  it('IT’s wss policy beats the agent’s opt-in', () => {
    const { values } = effective({ allowInsecureTransport: true }, { sipTransport: 'wss' });
    assert.equal(accountUnderPolicy(withServer('ws://sip.example.com:8088'), values).account, null);
  });

  it('refuses an http:// CRM gateway on another host in the configuration unless opted in', () => {
    const plain = effective({ gatewayUrl: 'http://crm.example.com/' }).loaded;
    assert.match(plain.problem?.issues.join('\n') ?? '', /gatewayUrl: must be an https:\/\/ URL/);
    for (const gatewayUrl of ['https://crm.example.com/', 'http://127.0.0.1:8300/', 'http://localhost:8300/']) {
      assert.equal(effective({ gatewayUrl }).loaded.problem, undefined, gatewayUrl);
    }
    assert.equal(effective({ gatewayUrl: 'http://crm.example.com/', allowInsecureTransport: true }).loaded.problem, undefined);
  });
});
