// Builds the typed contract client on top of any transport. Events are validated here, inside the
// preload's isolated world, so a renderer never sees a payload that does not match the contract.
import type { z } from 'zod';
import type { ContractClient } from '../common/contract/api';
import { IpcError, IpcResultSchema, type IpcResult } from '../common/contract/wire';

export interface ClientTransport {
  invoke(channel: string, payload: unknown): Promise<IpcResult>;
  subscribe(listener: (channel: string, payload: unknown) => void): () => void;
}

type RequestMap = Record<string, { request: z.ZodType; response: z.ZodType }>;
type EventMap = Record<string, z.ZodType>;

export function createContractClient<R extends RequestMap, E extends EventMap>(
  requests: R,
  events: E,
  transport: ClientTransport,
): ContractClient<R, E> {
  return {
    async invoke(channel, payload) {
      const contract = requests[channel];
      if (!contract) throw new IpcError({ code: 'unknownChannel', message: `No channel named ${channel}` });
      const raw = IpcResultSchema.parse(await transport.invoke(channel, payload));
      if (!raw.ok) throw new IpcError(raw.error);
      return contract.response.parse(raw.value) as z.output<R[typeof channel]['response']>;
    },
    on(channel, listener) {
      const schema = events[channel];
      if (!schema) throw new IpcError({ code: 'unknownChannel', message: `No event named ${channel}` });
      return transport.subscribe((incoming, payload) => {
        if (incoming !== channel) return;
        const parsed = schema.safeParse(payload);
        // A malformed event is dropped rather than rendered; main is the one at fault and logs it.
        if (parsed.success) listener(parsed.data as z.output<E[typeof channel]>);
      });
    },
  };
}
