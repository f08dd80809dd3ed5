// Wires channel guidance into the app: the ports its service needs, made from the capabilities that
// know each part (customer context: who; agent assist: the article used and the promises heard; routing:
// the intent; wrap-up: the promised callback; the outbox: delivery), and its UI channels.
import type { Customer } from '../../common/contract/context';
import type { AssistModule } from '../assist/module';
import type { ContextModule } from '../context/module';
import type { IpcRouter } from '../ipc/router';
import type { OutboxModule } from '../outbox/module';
import type { RoutingModule } from '../routing/module';
import type { WrapUpModule } from '../wrapup/module';
import { ChannelGuidanceService, type ChannelGuidanceDeps } from './channelGuidanceService';

export interface ChannelGuidanceSources {
  outbox: OutboxModule;
  context: ContextModule | undefined;
  assist: AssistModule | undefined;
  routing: RoutingModule;
  wrapup: WrapUpModule;
}

/** The ports, from the modules createApp built. */
export function channelGuidancePorts({ context, assist, routing, wrapup }: ChannelGuidanceSources): Omit<ChannelGuidanceDeps, 'outbox' | 'redact' | 'now'> {
  return {
    customerOf: (callId) => {
      const found = context?.service.get(callId);
      if (!found) {
        // No customer context (none configured): the call is still known to wrap-up, with nobody to write to.
        const draft = wrapup.service.openDrafts().find((view) => view.callId === callId);
        return draft && { number: draft.customerNumber };
      }
      const chosen = found.matches.find((match) => match.customer.id === found.selectedId) ?? (found.matches.length === 1 ? found.matches[0] : undefined);
      return { number: found.number, customer: chosen?.customer satisfies Customer | undefined };
    },
    articleOf: (callId) => {
      if (!assist) return undefined;
      const view = assist.service.view().calls.find((call) => call.callId === callId);
      const id = view?.suggestions.find((suggestion) => suggestion.feedback === 'helpful')?.articleId ?? view?.draft?.reasonArticleId ?? assist.service.draftFor(callId)?.reasonArticleId ?? view?.suggestions[0]?.articleId;
      return id === undefined ? undefined : assist.index.forCustomer(id);
    },
    intentOf: (callId) => {
      const call = routing.service.view().calls.find((candidate) => candidate.callId === callId);
      return call && { intent: call.intent, interactionId: call.interactionId };
    },
    promiseOf: (callId) => {
      const callback = wrapup.service.openDrafts().find((view) => view.callId === callId)?.draft.callback;
      const promises = assist?.service.draftFor(callId)?.promises ?? [];
      return { callbackAt: callback?.requested && callback.at !== null ? callback.at : undefined, promises };
    },
  };
}

export function registerChannelGuidanceChannels(router: IpcRouter, service: ChannelGuidanceService): void {
  router.handle('ui', 'channels.guidance', ({ callId, channel }) => ({ guidance: service.guidance(callId, channel) }));
  router.handle('ui', 'channels.send', (request) => service.send(request));
}

/** Builds channel guidance, registers its channels and tags self-serviceable calls' wrap-up records. */
export function attachChannelGuidance(options: ChannelGuidanceSources & { router: IpcRouter; now: () => number; redact: ChannelGuidanceDeps['redact'] }): ChannelGuidanceService {
  const service = new ChannelGuidanceService({ ...channelGuidancePorts(options), outbox: options.outbox, redact: options.redact, now: options.now });
  options.wrapup.service.tagRecordsWith((callId) => service.recordTags(callId));
  registerChannelGuidanceChannels(options.router, service);
  return service;
}
