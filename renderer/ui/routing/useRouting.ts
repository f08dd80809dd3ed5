// The routing view, live from main ('routing.changed'); null when this host runs without it.
// The section mounts afresh with each ringing call (inside the customer panel), so the latest pushed view
// is also kept here, subscribed once: a new mount shows it at once instead of after a round trip.
import type { RoutingView } from '../../../common/contract/routing';
import { api, useLiveView } from '../useHearthline';

let latest: RoutingView | undefined;
let listening = false;

function keepLatest(): void {
  if (listening) return;
  listening = true;
  api().on('routing.changed', (view) => {
    if (!latest || view.now >= latest.now) latest = view;
  });
}

export function useRoutingView(): RoutingView | null | undefined {
  keepLatest();
  const live = useLiveView<RoutingView>(
    () => api().invoke('routing.view', {}),
    (listener) => api().on('routing.changed', listener),
  );
  return live === undefined ? latest : live;
}
