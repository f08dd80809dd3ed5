// Binds the callback channels (common/contract/callbacks.ts) to the callback module. Without one (no
// local store for the outbox) the view says "off", so the UI shows nothing rather than retrying.
import { ServiceError } from '../ipc/errors';
import type { IpcRouter } from '../ipc/router';
import type { CallbacksModule } from './module';

export function registerCallbackChannels(router: IpcRouter, callbacks: CallbacksModule | undefined, now: () => number): void {
  const service = () => {
    if (!callbacks) throw new ServiceError('unavailable', 'Queued callbacks need the local store');
    return callbacks.service;
  };
  router.handle('ui', 'callbacks.view', () => (callbacks ? callbacks.service.view() : { stage: 'off' as const, now: now() }));
  router.handle('ui', 'callbacks.callNow', async ({ id }) => (await service().callNow(id), {}));
  router.handle('ui', 'callbacks.stopAutoDial', ({ id }) => (service().stopAutoDial(id), {}));
  router.handle('ui', 'callbacks.later', async ({ id, reason }) => (await service().later(id, reason), {}));
  router.handle('ui', 'callbacks.outcome', ({ id, outcome, note }) => (service().recordOutcome(id, outcome, note), {}));
}
