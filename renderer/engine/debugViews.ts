// Whether the engine page installs its read-only debug views (window.hearthlineEngineDebug, see
// renderer/engine/main.ts). Development builds always have them. A production build has them only when
// the page is opened with ?debug, which the headless host adds only with --remote-debugging (the e2e
// tests and `npm run bench`, which read the views over DevTools anyway): so the benches can measure the
// shipped build, and neither the Electron app nor a host without DevTools ever exposes them.

/** The query parameter that asks for the debug views (main/host/headless.ts adds it with --remote-debugging). */
export const DEBUG_VIEWS_QUERY = 'debug';

export function debugViewsWanted(search: string, nodeEnv: string | undefined): boolean {
  return nodeEnv !== 'production' || new URLSearchParams(search).has(DEBUG_VIEWS_QUERY);
}
