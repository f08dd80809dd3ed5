// The CSP follows the account the engine is really told to use: when IT's policy replaces the agent's
// SIP server, the engine page may connect to the policy's server (and no longer to the config's).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EngineHost } from '../calls/engineHost';
import { AppConfigSchema } from '../config/appConfig';
import { createApp } from '../app/createApp';
import { silentLogger } from '../log/logger';
import { NO_POLICY, type PolicyService } from '../policy/policyService';
import { contentSecurityPolicy } from './csp';

const CONFIG_SERVER = 'wss://sip-a.example.com:7443/ws';
const POLICY_SERVER = 'wss://sbc-b.example.com:8443/ws';
const host: EngineHost = { launch: async () => undefined, dispose: async () => undefined, onGone: () => undefined };

function policyOf(values: Record<string, unknown>): PolicyService {
  const current = { ...NO_POLICY, policy: values, origins: Object.fromEntries(Object.keys(values).map((key) => [key, 'test policy'])) };
  return { current: () => current, onChange: () => () => undefined, watch: () => undefined, dispose: () => undefined } as unknown as PolicyService;
}

function appWith(policy: Record<string, unknown>) {
  const config = AppConfigSchema.parse({ sip: { wsUri: CONFIG_SERVER, sipUri: 'sip:1001@example.com', password: 'secret1001' } });
  return createApp({ log: silentLogger(), engineHost: host, config: { config }, assist: false, management: { policy: policyOf(policy) } });
}

const connectSrc = (csp: string) => /connect-src ([^;]*)/.exec(csp)?.[1] ?? '';

describe('content security policy', () => {
  it('lets the engine page reach the server IT policy put in place of the config’s, and not the replaced one', async () => {
    const app = appWith({ sipServers: [POLICY_SERVER] });
    try {
      const engineCsp = contentSecurityPolicy('engine', app.sipServer());
      assert.equal(connectSrc(engineCsp), "'self' wss://sbc-b.example.com:8443");
      assert.doesNotMatch(engineCsp, /sip-a\.example\.com/);
    } finally {
      await app.dispose();
    }
  });

  it('keeps the agent’s own server when policy lists it, and allows no socket when policy refuses the account', async () => {
    const kept = appWith({ sipServers: ['wss://other.example.com/ws', CONFIG_SERVER] });
    const refused = appWith({ sipServers: ['ws://plain.example.com/ws'], sipTransport: 'wss' });
    try {
      assert.equal(connectSrc(contentSecurityPolicy('engine', kept.sipServer())), "'self' wss://sip-a.example.com:7443");
      assert.equal(connectSrc(contentSecurityPolicy('engine', refused.sipServer())), "'self'");
    } finally {
      await kept.dispose();
      await refused.dispose();
    }
  });

  it('never lets the UI page or an asset open a socket', () => {
    assert.equal(connectSrc(contentSecurityPolicy('ui', POLICY_SERVER)), "'self'");
    assert.equal(connectSrc(contentSecurityPolicy('asset', POLICY_SERVER)), "'self'");
  });
});
