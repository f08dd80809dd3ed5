// The layer check (VS Code style): which runtime may import what. `npm run layers` fails on any violation.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'electron-only-in-glue',
      comment: 'Only the Electron adapter (main/electron, preload/electron) may import electron.',
      severity: 'error',
      from: { pathNot: '^(main/electron|preload/electron)/' },
      to: { path: '^electron$|node_modules/electron/' },
    },
    {
      name: 'common-is-runtime-neutral',
      comment: 'common/ runs in every process: no Node built-ins, no DOM-only code, no other layer.',
      severity: 'error',
      // Unit tests next to common code run under Node's test runner.
      from: { path: '^common/', pathNot: '[.]test[.]ts$' },
      to: { pathNot: '^common/|node_modules/zod/' , dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'renderer-stays-in-the-browser',
      comment: 'The UI and the call engine reach main only through the contract: no main/, preload/, gateway/ or Node built-ins.',
      severity: 'error',
      from: { path: '^renderer/' },
      // Unit tests next to renderer code run under Node's test runner: they may use node:test.
      to: { path: '^(main|preload|gateway|stack|e2e)/|^node:|^(fs|path|os|child_process|net|http|https|crypto|worker_threads)$', pathNot: '^node:test$' },
    },
    {
      name: 'renderer-ui-and-engine-apart',
      comment: 'The UI and the call engine are separate processes; they share only common/.',
      severity: 'error',
      from: { path: '^renderer/ui/' },
      to: { path: '^renderer/engine/' },
    },
    {
      name: 'renderer-engine-and-ui-apart',
      severity: 'error',
      from: { path: '^renderer/engine/' },
      to: { path: '^renderer/ui/' },
    },
    {
      name: 'preload-imports-only-contract',
      comment: 'Preloads and bridges build the API from the contract; they must not pull in main or renderer code.',
      severity: 'error',
      from: { path: '^preload/' },
      to: { path: '^(main|renderer|gateway|stack|e2e)/' },
    },
    {
      name: 'capabilities-do-not-import-the-composition-root',
      comment: 'main/app/ builds the app from the capabilities; a capability never reaches back up into it (session state lives in main/session/).',
      severity: 'error',
      // The hosts (electron, host) are above the root; tests may build a whole app.
      from: { path: '^main/', pathNot: ['^main/(app|electron|host)/', '[.]test[.]ts$'] },
      to: { path: '^main/app/' },
    },
    {
      name: 'main-does-not-import-renderer',
      severity: 'error',
      from: { path: '^main/' },
      to: { path: '^(renderer|preload|gateway|stack|e2e)/' },
    },
    {
      name: 'gateway-is-a-separate-service',
      comment: 'The reference gateway stands in for the CRM: it shares only the gateway contract in common/.',
      severity: 'error',
      from: { path: '^gateway/' },
      to: { path: '^(main|renderer|preload)/' },
    },
    {
      name: 'app-never-imports-tools',
      comment: 'The shipped app (common, main, preload, renderer) and the reference gateway never depend on the test stack, the e2e suite, build scripts or benches.',
      severity: 'error',
      from: { path: '^(common|main|preload|renderer|gateway)/' },
      to: { path: '^(stack|e2e|scripts|bench)/' },
    },
    {
      name: 'stack-stands-alone',
      comment: 'stack/ (Kamailio, rtpengine, baresip) is the world the app talks to; it knows nothing of the app.',
      severity: 'error',
      from: { path: '^stack/' },
      to: { path: '^(common|main|preload|renderer|gateway|e2e|scripts|bench)/' },
    },
    {
      name: 'e2e-drives-the-ui-from-outside',
      comment: 'e2e tests drive the UI by role and accessible name, never through its components or the preload.',
      severity: 'error',
      from: { path: '^e2e/' },
      to: { path: '^(renderer/ui|preload)/' },
    },
    {
      name: 'tools-do-not-import-each-other',
      comment: 'Build scripts and the stack tooling are separate: scripts/ does not lean on e2e/ or bench/ code.',
      severity: 'error',
      from: { path: '^scripts/' },
      to: { path: '^(e2e|bench)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
