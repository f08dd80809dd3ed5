// The layer check must actually catch what it promises: a UI importing main or Node, electron outside
// the glue, and a preload reaching into main. Runs dependency-cruiser on a scratch tree with our config.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repo = path.resolve(__dirname, '..');

function scratchTree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hl-layers-'));
  copyFileSync(path.join(repo, '.dependency-cruiser.cjs'), path.join(dir, '.dependency-cruiser.cjs'));
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
    const { stdout } = await run(bin, ['--config', '.dependency-cruiser.cjs', '--output-type', 'err', 'common', 'main', 'preload', 'renderer'], { cwd: dir, env: { ...process.env, NODE_PATH: path.join(repo, 'node_modules') } });
    return { ok: true, output: stdout };
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
});
