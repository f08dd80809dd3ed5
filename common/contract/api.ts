// The API the preload exposes to each renderer as `window.hearthline` (UI) or `window.hearthlineEngine`
// (call engine). The Electron preload and the headless bridge both build it with createContractClient.
import type { z } from 'zod';
import type { engineEvents, engineRequests, uiEvents, uiRequests } from './channels';

type RequestMap = Record<string, { request: z.ZodType; response: z.ZodType }>;
type EventMap = Record<string, z.ZodType>;

export interface ContractClient<R extends RequestMap, E extends EventMap> {
  /** Sends a request to main; rejects with an IpcError when main refuses it. */
  invoke<C extends keyof R & string>(channel: C, payload: z.input<R[C]['request']>): Promise<z.output<R[C]['response']>>;
  /** Listens to an event from main; returns the unsubscribe function. */
  on<C extends keyof E & string>(channel: C, listener: (payload: z.output<E[C]>) => void): () => void;
}

export type HearthlineApi = ContractClient<typeof uiRequests, typeof uiEvents>;
export type HearthlineEngineApi = ContractClient<typeof engineRequests, typeof engineEvents>;

/** Global names the preloads install. */
export const UI_API_GLOBAL = 'hearthline';
export const ENGINE_API_GLOBAL = 'hearthlineEngine';
