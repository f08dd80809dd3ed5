// Main builds each contract schema on first use (scripts/contractLazy.mjs): bundled here as
// scripts/build.mjs bundles main, the router must answer every request exactly as the contract as
// written does, malformed ones refused with the same messages.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { build, type Plugin } from 'esbuild';
import { contractLazy, markContractSchemasLazy } from './contractLazy.mjs';
import { IpcRouter as EagerRouter } from '../main/ipc/router';
import { policyJsonSchema as eagerPolicyJsonSchema } from '../common/contract/policy';
import { silentLogger } from '../main/log/logger';

const repo = path.resolve(__dirname, '..');

/** lazySchema counting what it was asked to wrap and what it built, on globalThis (this test only). */
const countingLazySchema: Plugin = {
  name: 'counting-lazy-schema',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /[\\/]common[\\/]lazySchema\.ts$/ }, (args) => ({
      loader: 'ts',
      contents: readFileSync(args.path, 'utf8')
        .replace('let built: T | undefined;', 'let built: T | undefined; (globalThis as any).__lazyCount.wrapped += 1;')
        .replace('(built ??= build())', '(built ??= ((globalThis as any).__lazyCount.built += 1, build()))'),
    }));
  },
};

interface LazyBundle {
  IpcRouter: typeof EagerRouter;
  policyJsonSchema: typeof eagerPolicyJsonSchema;
  count: { wrapped: number; built: number };
}

async function lazyBundle(): Promise<LazyBundle> {
  const result = await build({
    stdin: {
      contents: "export { IpcRouter } from './main/ipc/router'; export { policyJsonSchema } from './common/contract/policy';",
      resolveDir: repo,
      loader: 'ts',
    },
    bundle: true, write: false, platform: 'node', format: 'cjs', target: 'node22', logLevel: 'silent', absWorkingDir: repo,
    external: ['pino'],
    plugins: [countingLazySchema, contractLazy()],
  });
  const dir = mkdtempSync(path.join(tmpdir(), 'contract-lazy-'));
  try {
    const file = path.join(dir, 'main.cjs');
    writeFileSync(file, result.outputFiles[0]!.text);
    const count = { wrapped: 0, built: 0 };
    (globalThis as { __lazyCount?: unknown }).__lazyCount = count;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(file) as Omit<LazyBundle, 'count'>;
    return { ...exported, count };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function withHandlers(router: EagerRouter): EagerRouter {
  router.handle('ui', 'call.dial', () => ({ callId: 'c1' }));
  router.handle('ui', 'call.transfer', () => ({}));
  router.handle('ui', 'call.dtmf', () => ({}));
  router.handle('ui', 'app.snapshot', () => ({ nonsense: true }) as never);
  router.handle('engine', 'engine.report', () => ({}));
  return router;
}

const ui = { role: 'ui' as const, id: 'test-ui' };
const engine = { role: 'engine' as const, id: 'test-engine' };
const requests: [typeof ui | typeof engine, string, unknown][] = [
  [ui, 'call.dial', { target: '+44 20 7946 0000' }],
  [ui, 'call.dial', { target: 'sip:1001@evil; rm -rf' }],
  [ui, 'call.dial', { target: '123', extra: 1 }],
  [ui, 'call.transfer', { callId: 'c1', mode: 'blind' }],
  [ui, 'call.transfer', { callId: 'c1', mode: 'attended', consultCallId: 'c1' }],
  [ui, 'call.transfer', { callId: 'c1', mode: 'blind', target: '2000' }],
  [ui, 'call.dtmf', { callId: 'c1', digits: '12#' }],
  [ui, 'call.dtmf', { callId: 'c1', digits: 'xyz' }],
  [ui, 'app.snapshot', {}],
  [ui, 'engine.report', { type: 'transport', connected: false }],
  [engine, 'engine.report', { type: 'transport', connected: false }],
  [engine, 'engine.report', { type: 'registered', nonsense: 'x'.repeat(10) }],
  [engine, 'engine.report', 'not an object'],
  [ui, 'no.such.channel', {}],
];

describe('contract built lazily in main', () => {
  it('loads main’s router without building the channels’ schemas, and builds a channel’s when it is used', async () => {
    const lazy = await lazyBundle();
    assert.ok(lazy.count.wrapped > 200, `only ${lazy.count.wrapped} schemas were made lazy`);
    // The machine policy's schema is registered by identity (its JSON Schema title), so it is built at load.
    assert.ok(lazy.count.built < lazy.count.wrapped / 5, `${lazy.count.built} of ${lazy.count.wrapped} built at load`);
    const before = lazy.count.built;
    console.log(`schemas made lazy: ${lazy.count.wrapped}; built while loading the router: ${before}`);
    await withHandlers(new lazy.IpcRouter(silentLogger())).dispatch(ui, 'call.dial', { target: '2000' });
    assert.ok(lazy.count.built > before, 'using call.dial built nothing');
  });

  it('answers every request, good or malformed, exactly as the contract as written does', async () => {
    const lazy = await lazyBundle();
    const lazyRouter = withHandlers(new lazy.IpcRouter(silentLogger()));
    const eagerRouter = withHandlers(new EagerRouter(silentLogger()));
    for (const [sender, channel, payload] of requests) {
      const expected = await eagerRouter.dispatch(sender, channel, payload);
      assert.deepEqual(JSON.parse(JSON.stringify(await lazyRouter.dispatch(sender, channel, payload))), JSON.parse(JSON.stringify(expected)), `${channel} ${JSON.stringify(payload)}`);
    }
    const refused = await lazyRouter.dispatch(ui, 'call.dial', { target: 'sip:1001@evil; rm -rf' });
    assert.equal(!refused.ok && refused.error.code, 'invalidPayload');
    assert.match(JSON.stringify(refused), /only digits, letters/);
  });

  it('keeps what is registered by identity: the machine policy’s JSON Schema has its title and descriptions', async () => {
    const lazy = await lazyBundle();
    const schema = lazy.policyJsonSchema();
    assert.equal(schema.title, 'Hearthline machine policy');
    assert.deepEqual(schema, eagerPolicyJsonSchema());
  });

  it('wraps schema expressions outside functions, and leaves the rest as written', () => {
    const source = [
      "import { z } from 'zod';",
      "export const NAME = 'x-header';",
      'export const Schema = z.object({ a: z.string().min(1) }).strict();',
      'export const MODES = ModeSchema.options;',
      "export const maps = { 'a.b': { request: z.object({ id: IdSchema }), response: Empty } };",
      'export const check = (value: unknown) => Schema.parse(value);',
      "export const Titled = z.object({ a: z.string() }).meta({ title: 'T' });",
      'export const Parsed = OtherSchema.parse({});',
    ].join('\n');
    const lazy = markContractSchemasLazy(source, path.join(repo, 'common/contract/x.ts'));
    assert.equal(lazy.split('\n').slice(1).join('\n'), [
      "import { z } from 'zod';",
      "export const NAME = 'x-header';",
      'export const Schema = __lazySchema(() => (z.object({ a: z.string().min(1) }).strict()));',
      'export const MODES = ModeSchema.options;',
      "export const maps = { 'a.b': { request: __lazySchema(() => (z.object({ id: IdSchema }))), response: Empty } };",
      'export const check = (value: unknown) => Schema.parse(value);',
      "export const Titled = z.object({ a: z.string() }).meta({ title: 'T' });",
      'export const Parsed = OtherSchema.parse({});',
    ].join('\n'));
    assert.match(lazy.split('\n')[0]!, /^import \{ lazySchema as __lazySchema \} from ".*common[\\/]lazySchema\.ts";$/);
    assert.equal(markContractSchemasLazy("export const NAME = 'x';"), "export const NAME = 'x';");
  });
});
