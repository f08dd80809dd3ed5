// Binds the callback channels (common/contract/callbacks.ts) to the callback module.
import type { IpcRouter } from '../ipc/router';
import type { CallbacksModule } from './module';

export function registerCallbackChannels(router: IpcRouter, callbacks: CallbacksModule): void {
  router.handle('ui', 'callbacks.view', () => callbacks.service.view());
  router.handle('ui', 'callbacks.callNow', async ({ id }) => (await callbacks.service.callNow(id), {}));
  router.handle('ui', 'callbacks.stopAutoDial', ({ id }) => (callbacks.service.stopAutoDial(id), {}));
  router.handle('ui', 'callbacks.later', async ({ id, reason }) => (await callbacks.service.later(id, reason), {}));
  router.handle('ui', 'callbacks.outcome', ({ id, outcome, note }) => (callbacks.service.recordOutcome(id, outcome, note), {}));
}
