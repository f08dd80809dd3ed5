// Binds the account password channel: the agent types it once, main keeps it and signs in.
import type { IpcRouter } from '../ipc/router';
import type { SipAccount } from './sipAccount';

export function registerSecretsChannels(router: IpcRouter, account: SipAccount): void {
  router.handle('ui', 'account.setPassword', ({ password }) => {
    account.setPassword(password);
    return {};
  });
}
