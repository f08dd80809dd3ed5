// Binds the session channels: the whole snapshot for a (re)loaded UI, and dismissing a notice.
import { ServiceError } from '../ipc/errors';
import type { IpcRouter } from '../ipc/router';
import type { AppState } from './state';

export function registerSessionChannels(router: IpcRouter, state: AppState): void {
  router.handle('ui', 'app.snapshot', () => state.snapshot());
  router.handle('ui', 'app.dismissNotice', ({ id }) => {
    if (!state.dismissNotice(id)) throw new ServiceError('notFound', 'That notice is already gone');
    return {};
  });
}
