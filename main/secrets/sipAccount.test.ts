// Without a kept password the engine gets no account and the agent is asked; once typed it is kept and
// the engine is told to say hello again, which is how it gets the password.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EngineAccount } from '../../common/contract/channels';
import { EventHub } from '../ipc/hub';
import { IpcRouter } from '../ipc/router';
import { silentLogger } from '../log/logger';
import { AppState } from '../session/state';
import { registerSecretsChannels } from './routes';
import { MemorySecretStore, SIP_PASSWORD, type SecretStore } from './secretStore';
import { SipAccount } from './sipAccount';

const account: EngineAccount = {
  wsUri: 'wss://sbc.example.com/ws',
  sipUri: 'sip:1001@example.com',
  authUser: '1001',
  password: '',
  displayName: 'Ada',
  dtmfMode: 'rfc4733',
  registerExpiresSeconds: 300,
  keepAliveSeconds: 15,
};

function setUp(secrets: SecretStore | undefined, configPassword?: string) {
  const state = new AppState();
  const hub = new EventHub(silentLogger());
  const engineEvents: string[] = [];
  hub.attach('engine', (channel) => engineEvents.push(channel));
  const sip = new SipAccount({ account, secrets, configPassword, state, hub, log: silentLogger() });
  const router = new IpcRouter(silentLogger());
  registerSecretsChannels(router, sip);
  sip.publish();
  return { state, sip, router, engineEvents };
}

describe('SIP account password', () => {
  it('asks for a missing password and gives the engine no account until it is typed', async () => {
    const secrets = new MemorySecretStore();
    const { state, sip, router, engineEvents } = setUp(secrets);
    assert.equal(state.snapshot().account?.passwordMissing, true);
    assert.equal(state.snapshot().registration.state, 'unconfigured');
    assert.equal(sip.forEngine(), null);

    const empty = await router.dispatch({ role: 'ui', id: 'ui' }, 'account.setPassword', { password: '' });
    assert.equal(empty.ok, false, 'an empty password is refused with a message');

    const saved = await router.dispatch({ role: 'ui', id: 'ui' }, 'account.setPassword', { password: 'secret1001' });
    assert.equal(saved.ok, true);
    assert.equal(secrets.get(SIP_PASSWORD), 'secret1001');
    assert.equal(sip.forEngine()?.password, 'secret1001');
    assert.equal(state.snapshot().account?.passwordMissing, undefined);
    assert.equal(state.snapshot().registration.state, 'registering');
    assert.deepEqual(engineEvents, ['engine.accountChanged']);
  });

  it('signs in with a kept password without asking, and the engine role cannot set one', async () => {
    const secrets = new MemorySecretStore();
    secrets.set(SIP_PASSWORD, 'kept1001');
    const { state, sip, router } = setUp(secrets);
    assert.equal(state.snapshot().account?.passwordMissing, undefined);
    assert.equal(sip.forEngine()?.password, 'kept1001');
    const fromEngine = await router.dispatch({ role: 'engine', id: 'engine' }, 'account.setPassword', { password: 'x' });
    assert.equal(fromEngine.ok, false);
  });

  it('says plainly when the password cannot be kept', async () => {
    const refusing: SecretStore = {
      get: () => undefined,
      set: () => {
        throw new Error('keychain locked');
      },
    };
    const { router, sip } = setUp(refusing);
    const result = await router.dispatch({ role: 'ui', id: 'ui' }, 'account.setPassword', { password: 'secret1001' });
    assert.equal(result.ok, false);
    assert.match(JSON.stringify(result), /could not be kept safely on this computer/);
    assert.equal(sip.forEngine(), null);
  });
});
