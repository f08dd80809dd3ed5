// The callback queue port over the app's one gateway client: claim, dial and later are answered at once
// (the agent is waiting for them); outcomes go through the outbox instead (callbackService.ts).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { GATEWAY_CALLBACK_QUEUE_PATHS, QueuedCallbackSchema, type QueuedCallback } from '../../common/contract/callbackQueue';
import type { GatewayClient } from '../gateway/gatewayClient';
import type { Logger } from '../log/logger';
import type { CallbackQueuePort, QueueAnswer } from './callbackService';

const ClaimAnswerSchema = z.object({ callback: QueuedCallbackSchema.nullable() });

export function gatewayCallbackQueue(client: GatewayClient, log: Logger): CallbackQueuePort {
  const act = async (path: string, body: unknown): Promise<QueueAnswer> => {
    const result = await client.exchange(path, body, randomUUID(), QueuedCallbackSchema);
    if (result.kind === 'ok') return 'ok';
    // 404: the callback is gone from the queue; for this agent that is the same as taken.
    if (result.kind === 'refused' && (result.status === 409 || result.status === 404)) return 'taken';
    log.warn({ path: path.replace(/[0-9a-f-]{36}/, ':id'), kind: result.kind, status: result.kind === 'refused' ? result.status : undefined }, 'callback queue request failed');
    return 'unreachable';
  };
  return {
    async claim(agent, skills): Promise<QueuedCallback | null | undefined> {
      const result = await client.exchange(GATEWAY_CALLBACK_QUEUE_PATHS.claim, { agent, skills }, randomUUID(), ClaimAnswerSchema);
      if (result.kind === 'ok') return result.value.callback;
      if (result.kind !== 'unreachable') log.warn({ kind: result.kind, status: result.kind === 'refused' ? result.status : undefined }, 'callback claim refused');
      return undefined;
    },
    dial: (id, agent) => act(GATEWAY_CALLBACK_QUEUE_PATHS.dial(id), { agent }),
    later: (id, agent, reason) => act(GATEWAY_CALLBACK_QUEUE_PATHS.later(id), { agent, reason }),
  };
}
