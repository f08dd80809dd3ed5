// Binds the customer-context channels (common/contract/context.ts) to the context module.
import type { IpcRouter } from '../ipc/router';
import type { ContextModule } from './module';

export function registerContextChannels(router: IpcRouter, context: ContextModule): void {
  const service = context.service;
  router.handle('ui', 'context.view', () => service.view());
  router.handle('ui', 'context.select', ({ callId, customerId }) => (service.select(callId, customerId), {}));
  router.handle('ui', 'context.search', ({ query }) => service.search(query));
  router.handle('ui', 'context.link', async ({ callId, customerId }) => (await service.link(callId, customerId), {}));
  router.handle('ui', 'context.createContact', ({ callId, name, email }) => service.createContact(callId, name, email));
  router.handle('ui', 'context.forget', ({ customerId }) => service.forget(customerId));
  router.handle('ui', 'context.suggestFollowUp', ({ callId, disposition }) => ({ suggestion: service.suggestFollowUp(callId, disposition) }));
  router.handle('ui', 'context.sendFollowUp', ({ callId, channel, template, disposition }) => service.sendFollowUp(callId, channel, template, disposition));
}
