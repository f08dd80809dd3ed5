// The layer check must actually catch what it promises: a UI importing main or Node, electron outside
// the glue, a preload reaching into main, a capability reaching up into the composition root, the test
// stack leaning on the app, and (per-layer tsconfig) a renderer file using Node's types or main using the
// DOM. Runs dependency-cruiser and tsc on a scratch tree with our configs.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repo = path.resolve(__dirname, '..');

function scratchTree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hl-layers-'));
  for (const config of ['.dependency-cruiser.cjs', 'tsconfig.base.json', 'tsconfig.common.json', 'tsconfig.main.json', 'tsconfig.renderer.json']) copyFileSync(path.join(repo, config), path.join(dir, config));
  symlinkSync(path.join(repo, 'node_modules'), path.join(dir, 'node_modules'));
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', strict: true } }));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

async function cruise(dir: string): Promise<{ ok: boolean; output: string }> {
  const bin = path.join(repo, 'node_modules', '.bin', 'depcruise');
  try {
    const layers = ['common', 'main', 'preload', 'renderer', 'stack'].filter((layer) => existsSync(path.join(dir, layer)));
    const { stdout } = await run(bin, ['--config', '.dependency-cruiser.cjs', '--output-type', 'err', ...layers], { cwd: dir, env: { ...process.env, NODE_PATH: path.join(repo, 'node_modules') } });
    return { ok: true, output: stdout };
  } catch (error) {
    return { ok: false, output: String((error as { stdout?: string }).stdout ?? error) };
  }
}

/** One layer's own TypeScript program (tsconfig.<layer>.json). */
async function typecheckLayer(dir: string, layer: 'common' | 'main' | 'renderer'): Promise<{ ok: boolean; output: string }> {
  try {
    await run(path.join(repo, 'node_modules', '.bin', 'tsc'), ['-p', `tsconfig.${layer}.json`], { cwd: dir });
    return { ok: true, output: '' };
  } catch (error) {
    return { ok: false, output: String((error as { stdout?: string }).stdout ?? error) };
  }
}

const base = {
  'common/contract.ts': 'export const channel = "x";\n',
  'main/session/state.ts': 'import { channel } from "../../common/contract";\nexport const state = channel;\n',
  'main/app/createApp.ts': 'import { state } from "../session/state";\nexport const app = state;\n',
  'main/calls/callService.ts': 'import { state } from "../session/state";\nexport const calls = state;\n',
  'preload/expose.ts': 'import { channel } from "../common/contract";\nexport const api = channel;\n',
  'renderer/ui/App.ts': 'import { channel } from "../../common/contract";\nexport const app = channel;\n',
};

describe('layer check', () => {
  it('passes a tree that respects the layers', async () => {
    const result = await cruise(scratchTree(base));
    assert.ok(result.ok, result.output);
  });

  it('fails when the UI imports main code or Node built-ins', async () => {
    const result = await cruise(
      scratchTree({ ...base, 'renderer/ui/App.ts': 'import { state } from "../../main/session/state";\nimport fs from "node:fs";\nexport const app = [state, fs];\n' }),
    );
    assert.equal(result.ok, false);
    assert.match(result.output, /renderer-stays-in-the-browser: renderer\/ui\/App\.ts → main\/session\/state\.ts/);
    assert.match(result.output, /renderer-stays-in-the-browser: renderer\/ui\/App\.ts → (node:)?fs/);
  });

  it('fails when a preload reaches into main', async () => {
    const result = await cruise(scratchTree({ ...base, 'preload/expose.ts': 'import { state } from "../main/session/state";\nexport const api = state;\n' }));
    assert.equal(result.ok, false);
    assert.match(result.output, /preload-imports-only-contract/);
  });

  it('fails when a capability reaches back up into the composition root', async () => {
    const result = await cruise(scratchTree({ ...base, 'main/calls/callService.ts': 'import { app } from "../app/createApp";\nexport const calls = app;\n' }));
    assert.equal(result.ok, false);
    assert.match(result.output, /capabilities-do-not-import-the-composition-root: main\/calls\/callService\.ts → main\/app\/createApp\.ts/);
  });

  it('fails when common/ uses Node', async () => {
    const result = await cruise(scratchTree({ ...base, 'common/contract.ts': 'import os from "node:os";\nexport const channel = os.EOL;\n' }));
    assert.equal(result.ok, false);
    assert.match(result.output, /common-is-runtime-neutral/);
  });

  it('fails when the test stack imports the app', async () => {
    const result = await cruise(scratchTree({ ...base, 'stack/stack.ts': 'import { state } from "../main/session/state";\nexport const stack = state;\n' }));
    assert.equal(result.ok, false);
    assert.match(result.output, /stack-stands-alone: stack\/stack\.ts → main\/session\/state\.ts/);
  });
});

describe('per-layer TypeScript programs', () => {
  it('pass code that stays inside its runtime', async () => {
    const dir = scratchTree({
      ...base,
      'renderer/engine/ringer.ts': 'export const stopLater = (stop: () => void): number => window.setTimeout(stop, 10);\n',
      'main/calls/timer.ts': 'export const later = (stop: () => void): NodeJS.Timeout => setTimeout(stop, 10);\n',
    });
    for (const layer of ['common', 'main', 'renderer'] as const) {
      const result = await typecheckLayer(dir, layer);
      assert.ok(result.ok, `${layer}: ${result.output}`);
    }
  });

  it('fail a renderer file that uses a Node type', async () => {
    const dir = scratchTree({ ...base, 'renderer/engine/ringer.ts': 'export const stopLater = (stop: () => void): NodeJS.Timeout => setTimeout(stop, 10);\n' });
    const result = await typecheckLayer(dir, 'renderer');
    assert.equal(result.ok, false);
    assert.match(result.output, /renderer\/engine\/ringer\.ts.*Cannot find namespace 'NodeJS'/);
  });

  it('fail main or common code that uses the DOM', async () => {
    const dir = scratchTree({ ...base, 'main/calls/title.ts': 'export const title = (): string => document.title;\n', 'common/contract.ts': 'export const channel = String(window.name);\n' });
    const main = await typecheckLayer(dir, 'main');
    assert.equal(main.ok, false);
    assert.match(main.output, /main\/calls\/title\.ts.*Cannot find name 'document'/);
    const common = await typecheckLayer(dir, 'common');
    assert.equal(common.ok, false);
    assert.match(common.output, /common\/contract\.ts.*Cannot find name 'window'/);
  });
});
