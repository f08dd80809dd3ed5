// The wrap-up view (form drafts, sync queue, reminders, storage state), live from main.
import type { WrapUpView } from '../../../common/contract/wrapup';
import { api, useLiveView } from '../useHearthline';

/** undefined while loading; null when this build or host runs without the local store. */
export function useWrapUpView(): WrapUpView | null | undefined {
  return useLiveView<WrapUpView>(
    () => api().invoke('wrapup.view', {}),
    (listener) => api().on('wrapup.changed', listener),
  );
}
