// The routing view, live from main ('routing.changed'); null when this host runs without it.
import type { RoutingView } from '../../../common/contract/routing';
import { api, useLiveView } from '../useHearthline';

export function useRoutingView(): RoutingView | null | undefined {
  return useLiveView<RoutingView>(
    () => api().invoke('routing.view', {}),
    (listener) => api().on('routing.changed', listener),
  );
}
