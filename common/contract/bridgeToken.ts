// The sessionStorage key the headless bridge keeps its token under. A module of its own (no zod) so the
// headless host's first stage (main/host/headless.ts) can hand the engine its token without loading the
// contract.
export const BRIDGE_TOKEN_STORAGE_KEY = 'hearthline.bridgeToken';
