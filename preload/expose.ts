// Builds the API object each renderer gets, from any transport. Shared by the Electron preload and the
// headless bridge so both hosts expose exactly the same surface.
import type { HearthlineApi, HearthlineEngineApi } from '../common/contract/api';
import { engineEvents, engineRequests, uiEvents, uiRequests, type Role } from '../common/contract/channels';
import { createContractClient, type ClientTransport } from './client';

export function apiFor(role: 'ui', transport: ClientTransport): HearthlineApi;
export function apiFor(role: 'engine', transport: ClientTransport): HearthlineEngineApi;
export function apiFor(role: Role, transport: ClientTransport): HearthlineApi | HearthlineEngineApi {
  return role === 'ui'
    ? createContractClient(uiRequests, uiEvents, transport)
    : createContractClient(engineRequests, engineEvents, transport);
}
