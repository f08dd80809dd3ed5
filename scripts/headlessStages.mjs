// How scripts/build.mjs bundles the headless host's first stage (main/host/headless.ts): it spawns the
// engine's browser, then loads the rest of main from its own file (main/host/headlessApp.ts →
// dist/main/headless-app.js). Its import of ./headlessApp stays a run-time require() of that bundle: an
// import() would have Node's ESM loader scan the 1.8 MB bundle for its exports (~170 ms more CPU).
import path from 'node:path';

export const HEADLESS_SECOND_STAGE_FILE = './headless-app.js';

/** esbuild options for the first stage's build, besides entry point and output. */
export const headlessFirstStageBuild = {
  supported: { 'dynamic-import': false },
  plugins: [
    {
      name: 'headless-second-stage',
      setup(build) {
        build.onResolve({ filter: /^\.\/headlessApp$/ }, (args) =>
          args.importer.endsWith(`host${path.sep}headless.ts`) ? { path: HEADLESS_SECOND_STAGE_FILE, external: true } : undefined);
      },
    },
  ],
};
