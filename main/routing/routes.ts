// Binds the routing channels (common/contract/routing.ts) to the routing module.
import type { IpcRouter } from '../ipc/router';
import type { RoutingModule } from './module';

export function registerRoutingChannels(router: IpcRouter, routing: RoutingModule): void {
  router.handle('ui', 'routing.view', () => routing.service.view());
}
