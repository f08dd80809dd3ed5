// Builds the API object each renderer gets, from any transport. Shared by the Electron preload and the
// headless bridge so both hosts expose exactly the same surface. One function per role: a preload or
// bridge bundles (and builds at load) only its own role's schemas (scripts/contractShaking.mjs).
import type { HearthlineApi, HearthlineEngineApi } from '../common/contract/api';
import { engineEvents, engineRequests, uiEvents, uiRequests } from '../common/contract/channels';
import { createContractClient, type ClientTransport } from './client';

export function uiApi(transport: ClientTransport): HearthlineApi {
  return createContractClient(uiRequests, uiEvents, transport);
}

export function engineApi(transport: ClientTransport): HearthlineEngineApi {
  return createContractClient(engineRequests, engineEvents, transport);
}
