// The outbox headline ("Connecting to the CRM…", "Connected", "CRM not reachable") must tell the
// connection as any feature found it: the customer context and the knowledge sync reach the gateway
// long before the first note is sent.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WrapUpView } from '../../common/contract/wrapup';
import { createApp } from '../app/createApp';
import type { EngineHost } from '../calls/engineHost';
import { defaultConfig } from '../config/appConfig';
import { silentLogger } from '../log/logger';
import { tempStore } from '../store/testSupport';
import { ManualScheduler } from '../time/manualScheduler';
import { GATEWAY_TOKEN, testGateway } from './testSupport';

const host: EngineHost = { launch: async () => undefined, dispose: async () => undefined, onGone: () => undefined };

async function appWithGateway(url: string) {
  const app = createApp({ log: silentLogger(), engineHost: host, config: { config: defaultConfig() }, store: tempStore(), gateway: { url, token: GATEWAY_TOKEN }, scheduler: new ManualScheduler(Date.now()), assist: false });
  await app.start();
  const gatewayShown = async () => ((await app.router.dispatch({ role: 'ui', id: 'ui' }, 'wrapup.view', {})) as { ok: true; value: WrapUpView }).value.queue.gateway;
  return { app, gatewayShown };
}

describe('CRM connection state', () => {
  it('shows "connected" as soon as a customer search reached the gateway, with nothing sent yet', async () => {
    const gateway = await testGateway();
    const { app, gatewayShown } = await appWithGateway(gateway.url);
    try {
      const found = await app.context!.service.search('Smith');
      assert.equal(found.source, 'gateway', 'the search was answered by the gateway');
      assert.equal(await gatewayShown(), 'connected');
    } finally {
      await app.dispose();
      await gateway.close();
    }
  });

  it('shows "not reachable" once a read found nobody there, not "connecting"', async () => {
    const { app, gatewayShown } = await appWithGateway('http://127.0.0.1:9');
    try {
      const found = await app.context!.service.search('Smith');
      assert.equal(found.offline, true);
      assert.equal(await gatewayShown(), 'unreachable');
    } finally {
      await app.dispose();
    }
  });
});
