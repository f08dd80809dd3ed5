// The headless host's first stage must stay small: it spawns the engine's browser before Node evaluates
// the rest of main (main/host/headless.ts). Bundled here as scripts/build.mjs bundles it.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { build, type Plugin } from 'esbuild';
import { HEADLESS_SECOND_STAGE_FILE, headlessFirstStageBuild } from './headlessStages.mjs';

const repo = path.resolve(__dirname, '..');

describe('headless host first stage', () => {
  it('bundles none of main’s services, zod or pino, and leaves the rest of main to a run-time require', async () => {
    const resolved: string[] = [];
    // Records what the build's own plugin made external.
    const recorder: Plugin = {
      name: 'record-externals',
      setup(builder) {
        builder.onEnd((result) => {
          for (const output of Object.values(result.metafile?.outputs ?? {})) for (const imported of output.imports) if (imported.external) resolved.push(imported.path);
        });
      },
    };
    const result = await build({
      ...headlessFirstStageBuild,
      plugins: [...(headlessFirstStageBuild.plugins ?? []), recorder],
      entryPoints: [path.join(repo, 'main/host/headless.ts')],
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      target: 'node22',
      format: 'cjs',
      // Packages stay imports, so the check below sees which the first stage would load.
      packages: 'external',
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    const forbidden = [...inputs, ...resolved].filter((input) => /^(zod|pino|better-sqlite3)|main\/app\/|common\/contract\/(wire|channels|model)\.ts|main\/log\//.test(input));
    assert.deepEqual(forbidden, [], 'the first stage must not load these before the browser is spawned');
    assert.ok(resolved.includes(HEADLESS_SECOND_STAGE_FILE), `the second stage stays its own bundle (external: ${resolved.join(', ')})`);
    const output = result.outputFiles[0]!.text;
    assert.match(output, /require\("\.\/headless-app\.js"\)/);
    assert.ok(output.length < 60_000, `first stage is ${output.length} bytes`);
  });
});
