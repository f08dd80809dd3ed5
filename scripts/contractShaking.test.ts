// Each page and bridge carries only the contract it uses (scripts/contractShaking.mjs), and what it
// carries still validates as before. Bundled here as scripts/build.mjs bundles the pages and bridges.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import vm from 'node:vm';
import { build, type BuildOptions } from 'esbuild';
import { contractShaking, markContractSchemasPure } from './contractShaking.mjs';

const repo = path.resolve(__dirname, '..');

async function bundle(options: Pick<BuildOptions, 'entryPoints' | 'stdin' | 'format' | 'platform'>): Promise<{ text: string; inputs: string[] }> {
  const result = await build({
    platform: 'browser', format: 'iife', ...options,
    bundle: true, write: false, metafile: true, target: 'chrome140',
    plugins: [contractShaking({ responsesOnly: true })], logLevel: 'silent', absWorkingDir: repo,
  });
  // What the output holds (the metafile's top-level inputs also list files tree-shaken to nothing).
  const output = Object.values(result.metafile.outputs)[0]!;
  const inputs = Object.entries(output.inputs).filter(([, input]) => input.bytesInOutput > 0).map(([name]) => name);
  return { text: result.outputFiles[0]!.text, inputs };
}

/** Request and event channel names a bundle still carries (each is a quoted key of a channel map). */
function carries(text: string, channel: string): boolean {
  return text.includes(`"${channel}"`);
}

describe('contract shaking', () => {
  it('leaves zod and every schema out of the engine page, which uses a few constants of the contract', async () => {
    const { text, inputs } = await bundle({ entryPoints: ['renderer/engine/main.ts'] });
    assert.deepEqual(inputs.filter((input) => /node_modules[\\/]zod[\\/]/.test(input)), [], 'zod is bundled into the engine page');
    assert.ok(text.includes('X-Hearthline-Join'), 'the constants the page uses are still there');
    assert.doesNotMatch(text, /SnapshotSchema|EngineReportSchema/);
  });

  it('leaves zod out of the UI page too: its choices are plain lists, its checks plain membership', async () => {
    const { inputs } = await bundle({ entryPoints: ['renderer/ui/main.tsx'] });
    assert.deepEqual(inputs.filter((input) => /node_modules[\\/]zod[\\/]/.test(input)), [], 'zod is bundled into the UI page');
  });

  it('gives each bridge its own role’s channels only', async () => {
    const engineBridge = await bundle({ entryPoints: ['preload/headless/engine.ts'] });
    const uiBridge = await bundle({ entryPoints: ['preload/headless/ui.ts'] });
    for (const channel of ['engine.hello', 'engine.report', 'engine.command']) {
      assert.ok(carries(engineBridge.text, channel), `the engine bridge lost ${channel}`);
      assert.ok(!carries(uiBridge.text, channel), `the UI bridge carries ${channel}`);
    }
    for (const channel of ['app.snapshot', 'call.dial', 'call.transfer']) {
      assert.ok(carries(uiBridge.text, channel), `the UI bridge lost ${channel}`);
      assert.ok(!carries(engineBridge.text, channel), `the engine bridge carries ${channel}`);
    }
    assert.ok(engineBridge.text.length < uiBridge.text.length * 0.95, `engine bridge ${engineBridge.text.length} bytes, UI bridge ${uiBridge.text.length}`);
    // A request schema's own message (the engine's report): main checks requests, the bridge never does.
    assert.ok(!engineBridge.text.includes('callRemoved'), 'the engine bridge builds the schema of its own reports');
  });

  it('still validates responses and events in a shaken bundle: malformed ones are refused, good ones pass', async () => {
    const { text } = await bundle({
      format: 'cjs',
      platform: 'node',
      stdin: {
        contents: "export { engineApi } from './preload/expose'; export { IpcError } from './common/contract/wire';",
        resolveDir: repo,
        loader: 'ts',
      },
    });
    const module = { exports: {} as Record<string, unknown> };
    vm.runInNewContext(text, { module, exports: module.exports, URL, TextEncoder, TextDecoder });
    // Values made in the bundle's own realm, compared by their JSON.
    const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
    type Listener = (channel: string, payload: unknown) => void;
    const listeners: Listener[] = [];
    let answer: unknown = { ok: true, value: { account: null } };
    const api = (module.exports.engineApi as (transport: unknown) => {
      invoke(channel: string, payload: unknown): Promise<unknown>;
      on(channel: string, listener: (payload: unknown) => void): () => void;
    })({
      invoke: async () => answer,
      subscribe: (listener: Listener) => {
        listeners.push(listener);
        return () => undefined;
      },
    });
    assert.deepEqual(plain(await api.invoke('engine.hello', { build: 'test' })), { account: null });
    answer = { ok: true, value: { account: { wsUri: 'http://not-a-sip-server' } } };
    await assert.rejects(api.invoke('engine.hello', { build: 'test' }), /ws:\/\/ or wss:\/\//);
    answer = { ok: false, error: { code: 'invalidPayload', message: 'build: too long' } };
    await assert.rejects(api.invoke('engine.hello', { build: 'test' }), { name: 'IpcError', message: 'build: too long' });
    await assert.rejects(api.invoke('app.snapshot', {}), { name: 'IpcError', message: 'No channel named app.snapshot' });
    const commands: unknown[] = [];
    api.on('engine.command', (command) => commands.push(command));
    for (const listener of listeners) {
      listener('engine.command', { type: 'dial', callId: 'c1', target: 'not a number; rm -rf' });
      listener('engine.command', { type: 'reconnect' });
    }
    assert.deepEqual(plain(commands), [{ type: 'reconnect' }], 'the malformed command is dropped, the good one delivered');
  });

  it('leaves out the request schemas of a client’s channel maps, and nothing else', () => {
    const source = "export const maps = { 'a.b': { request: z.object({ big: z.string() }), response: Empty }, c: { request: 1 } };";
    assert.equal(
      markContractSchemasPure(source, 'maps.ts', { responsesOnly: true }),
      "export const maps = /* @__PURE__ */ (() => ({ 'a.b': { request: void 0, response: Empty }, c: { request: 1 } }))();",
    );
  });

  it('wraps a top-level constant only when esbuild would otherwise keep it unused, and changes nothing else', () => {
    const source = [
      "import { z } from 'zod';",
      "export const NAME = 'x-header';",
      "export const Schema = z.object({ a: z.string().min(1) }).strict();",
      'export const MODES = Schema.options;',
      'export const all = { ...others, b: 1 };',
      'export const check = (value: unknown) => Schema.parse(value);',
      'register(Schema);',
    ].join('\n');
    assert.equal(markContractSchemasPure(source), [
      "import { z } from 'zod';",
      "export const NAME = 'x-header';",
      'export const Schema = /* @__PURE__ */ (() => (z.object({ a: z.string().min(1) }).strict()))();',
      'export const MODES = /* @__PURE__ */ (() => (Schema.options))();',
      'export const all = /* @__PURE__ */ (() => ({ ...others, b: 1 }))();',
      'export const check = (value: unknown) => Schema.parse(value);',
      'register(Schema);',
    ].join('\n'));
  });
});
