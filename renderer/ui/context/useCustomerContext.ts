// The customer-context view, live from main ('context.changed'); null when this host runs without the store.
import type { ContextView } from '../../../common/contract/context';
import { api, useLiveView } from '../useHearthline';

export function useContextView(): ContextView | null | undefined {
  return useLiveView<ContextView>(
    () => api().invoke('context.view', {}),
    (listener) => api().on('context.changed', listener),
  );
}
