// What scripts/contractShaking.mjs (pages, bridges, preloads) and scripts/contractLazy.mjs (main) share:
// which files are contract modules, how a source rewrite is applied, and the esbuild plugin that hands
// esbuild each contract module as rewritten (tests import the modules as written).
import { readFile } from 'node:fs/promises';

const CONTRACT_MODULE = /[\\/]common[\\/]contract[\\/][^\\/]+\.ts$/;

/** `source` with each [position, characters removed, text inserted] applied, from the end backwards. */
export function applyEdits(source, edits) {
  let text = source;
  for (const [at, removed, inserted] of [...edits].sort((a, b) => b[0] - a[0])) text = `${text.slice(0, at)}${inserted}${text.slice(at + removed)}`;
  return text;
}

/** An esbuild plugin that loads every contract module (not its tests) as `rewrite(source, path)` leaves it. */
export function contractModulePlugin(name, rewrite) {
  return {
    name,
    setup(build) {
      build.onLoad({ filter: CONTRACT_MODULE }, async (args) => {
        if (args.path.endsWith('.test.ts')) return undefined;
        return { contents: rewrite(await readFile(args.path, 'utf8'), args.path), loader: 'ts' };
      });
    },
  };
}
