// The headless bridge stands in for Electron IPC, so it must be as closed: loopback, our origin only,
// a token first, and the same validation as any other route into main.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { encodeAudioBatch } from '../../common/contract/audioEnvelope';
import { encodeBinaryInvoke } from '../../common/contract/binaryInvoke';
import { createApp, type HearthlineApp } from '../app/createApp';
import type { EngineHost } from '../calls/engineHost';
import { defaultConfig } from '../config/appConfig';
import { silentLogger } from '../log/logger';
import { attachBridge } from './bridgeServer';

const TOKEN = 'a'.repeat(48);
const ENGINE_TOKEN = 'e'.repeat(48);
const idleEngine: EngineHost = { launch: async () => undefined, dispose: async () => undefined, onGone: () => undefined };

let server: Server;
let app: HearthlineApp;
let origin: string;

before(async () => {
  app = createApp({ log: silentLogger(), engineHost: idleEngine, config: { config: defaultConfig() } });
  server = createServer((_req, res) => res.end());
  attachBridge({ server, tokens: { ui: TOKEN, engine: ENGINE_TOKEN }, origin: () => origin, router: app.router, hub: app.hub, log: silentLogger(), maxPayloadBytes: 64_000 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  await app.dispose();
  server.close();
});

function connect(headers: Record<string, string> = { Origin: origin }): WebSocket {
  return new WebSocket(`${origin.replace('http', 'ws')}/bridge`, { headers });
}
function closed(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}
function nextMessage(ws: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(data.toString()))));
}
async function authenticated(role: 'ui' | 'engine' = 'ui'): Promise<WebSocket> {
  const ws = connect();
  await new Promise((resolve) => ws.once('open', resolve));
  ws.send(JSON.stringify({ kind: 'hello', token: role === 'engine' ? ENGINE_TOKEN : TOKEN, role }));
  assert.deepEqual(await nextMessage(ws), { kind: 'welcome' });
  return ws;
}
async function invoke(ws: WebSocket, channel: string, payload: unknown): Promise<Record<string, unknown>> {
  const id = Math.floor(Math.random() * 1e9);
  ws.send(JSON.stringify({ kind: 'invoke', id, channel, payload }));
  for (;;) {
    const message = await nextMessage(ws);
    if (message.kind === 'result' && message.id === id) return message.result as Record<string, unknown>;
  }
}

describe('headless bridge', () => {
  it('refuses a page from another origin before any message', async () => {
    const ws = connect({ Origin: 'http://evil.example' });
    const status = await new Promise<number | undefined>((resolve) => ws.once('unexpected-response', (_req, res) => resolve(res.statusCode)).once('error', () => resolve(undefined)));
    assert.equal(status, 403);
  });

  it('closes a connection that presents the wrong token', async () => {
    const ws = connect();
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ kind: 'hello', token: 'b'.repeat(48), role: 'ui' }));
    assert.equal(await closed(ws), 4401);
  });

  it('closes a connection that tries to invoke before saying hello', async () => {
    const ws = connect();
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ kind: 'invoke', id: 1, channel: 'app.snapshot', payload: {} }));
    assert.equal(await closed(ws), 4401);
  });

  it('serves the contract to an authenticated UI, with the same validation as Electron IPC', async () => {
    const ws = await authenticated();
    const snapshot = await invoke(ws, 'app.snapshot', {});
    assert.equal(snapshot.ok, true);
    assert.equal((snapshot.value as { presence: string }).presence, 'offline');
    const bad = await invoke(ws, 'call.dial', { target: '' });
    assert.equal((bad.error as { code: string }).code, 'invalidPayload');
    const forbidden = await invoke(ws, 'engine.hello', { build: 'x' });
    assert.equal((forbidden.error as { code: string }).code, 'forbidden');
    ws.close();
  });

  it('survives junk frames and keeps serving', async () => {
    const ws = await authenticated();
    ws.send('{not json');
    ws.send(JSON.stringify({ kind: 'invoke', id: 'x', channel: 5 }));
    const snapshot = await invoke(ws, 'app.snapshot', {});
    assert.equal(snapshot.ok, true);
    ws.close();
  });

  it('drops a connection that sends an oversized frame', async () => {
    const ws = await authenticated();
    ws.send(JSON.stringify({ kind: 'invoke', id: 1, channel: 'call.dial', payload: { target: 'x'.repeat(100_000) } }));
    assert.equal(await closed(ws), 1009);
  });

  it('pushes snapshots to the UI when state changes', async () => {
    const ws = await authenticated();
    const pushed = nextMessage(ws);
    app.state.notify('info', 'notice.reconnected');
    const event = await pushed;
    assert.equal(event.kind, 'event');
    assert.equal(event.channel, 'app.snapshot');
    ws.close();
  });

  it('accepts only one call engine at a time', async () => {
    const first = await authenticated('engine');
    const second = connect();
    await new Promise((resolve) => second.once('open', resolve));
    second.send(JSON.stringify({ kind: 'hello', token: ENGINE_TOKEN, role: 'engine' }));
    assert.equal(await closed(second), 4409);
    first.close();
  });
});

describe('headless bridge: binary audio frames', () => {
  async function invokeBinary(ws: WebSocket, channel: string, payload: Uint8Array): Promise<Record<string, unknown>> {
    const id = Math.floor(Math.random() * 1e9);
    ws.send(encodeBinaryInvoke(id, channel, payload));
    for (;;) {
      const message = await nextMessage(ws);
      if (message.kind === 'result' && message.id === id) return message.result as Record<string, unknown>;
    }
  }
  const batch = () => encodeAudioBatch([{ callId: 'no-such-call', leg: 'customer', seq: 0, sampleRate: 16000, pcm: new Int16Array(1600) }]);

  it('routes a binary batch from the engine and answers per frame', async () => {
    const ws = await authenticated('engine');
    const result = await invokeBinary(ws, 'engine.audioFrames', batch());
    assert.deepEqual(result, { ok: true, value: { accept: [false] } }, 'no such call: declined, so the engine pauses that leg');
    ws.close();
    await closed(ws);
  });

  it('refuses a malformed batch with the reason and keeps serving; refuses the channel to the UI', async () => {
    const ws = await authenticated('engine');
    const bad = await invokeBinary(ws, 'engine.audioFrames', batch().subarray(0, 40));
    assert.equal((bad.error as { code: string }).code, 'invalidPayload');
    assert.match(String((bad.error as { issues: string[] }).issues), /truncated samples/);
    ws.send(new Uint8Array([1, 2]));
    assert.deepEqual(await invokeBinary(ws, 'engine.audioFrames', batch()), { ok: true, value: { accept: [false] } });
    ws.close();
    await closed(ws);
    const ui = await authenticated('ui');
    assert.equal(((await invokeBinary(ui, 'engine.audioFrames', batch())).error as { code: string }).code, 'forbidden');
    ui.close();
  });

  it('closes a connection that sends bytes before saying hello', async () => {
    const ws = connect();
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(encodeBinaryInvoke(1, 'engine.audioFrames', batch()));
    assert.equal(await closed(ws), 4400);
  });
});

describe('headless bridge roles', () => {
  it('never lets a UI-token holder become the engine (it would read the SIP password)', async () => {
    const ws = connect();
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ kind: 'hello', token: TOKEN, role: 'engine' }));
    const outcome = await Promise.race([closed(ws), nextMessage(ws)]);
    assert.equal(outcome, 4401, `expected a refusal, got ${JSON.stringify(outcome)}`);
    ws.close();
  });

  it('refuses the engine token claiming to be the UI, and a rebound Host', async () => {
    const ws = connect();
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ kind: 'hello', token: ENGINE_TOKEN, role: 'ui' }));
    assert.equal(await closed(ws), 4401);
    const rebound = connect({ Origin: origin, Host: 'evil.example' });
    const status = await new Promise<number | undefined>((resolve) => rebound.once('unexpected-response', (_req, res) => resolve(res.statusCode)).once('error', () => resolve(undefined)));
    assert.equal(status, 403);
  });
});
