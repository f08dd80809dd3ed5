// Binds the wrap-up, outbox and reminder channels (common/contract/wrapup.ts) to the wrap-up module.
import type { IpcRouter } from '../ipc/router';
import type { WrapUpModule } from './module';

export function registerWrapUpChannels(router: IpcRouter, wrapup: WrapUpModule): void {
  router.handle('ui', 'wrapup.view', () => wrapup.view());
  router.handle('ui', 'wrapup.saveDraft', ({ callId, draft }) => wrapup.saveDraft(callId, draft));
  router.handle('ui', 'wrapup.submit', ({ callId, draft }) => wrapup.submit(callId, draft));
  router.handle('ui', 'outbox.retryNow', ({ id }) => (wrapup.retryNow(id), {}));
  router.handle('ui', 'outbox.editParked', ({ id, note }) => (wrapup.editParked(id, note), {}));
  router.handle('ui', 'reminder.resolve', ({ id, outcome }) => (wrapup.resolveReminder(id, outcome), {}));
}
