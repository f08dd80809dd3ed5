// The wrap-up view (form drafts, sync queue, reminders, storage state), live from main.
import { useSyncExternalStore } from 'react';
import type { WrapUpView } from '../../../common/contract/wrapup';
import { LiveViewStore } from '../liveViewStore';
import { api, useSlice } from '../useHearthline';

// One for the page: the forms, the progress strip, the customer panel and every form's channel guidance
// read it, and each push (every autosave) is validated and shared once, not once per reader.
const wrapUpView = new LiveViewStore<WrapUpView>({
  fetch: () => api().invoke('wrapup.view', {}),
  subscribe: (listener) => api().on('wrapup.changed', listener),
});

/** undefined while loading; null when this build or host runs without the local store. */
export function useWrapUpView(): WrapUpView | null | undefined {
  return useSyncExternalStore(wrapUpView.subscribe, wrapUpView.get);
}

/** One part of the wrap-up view; the component re-renders only when that part changes (useSlice). */
export function useWrapUpPart<T>(select: (view: WrapUpView | null | undefined) => T): T {
  return useSlice(wrapUpView, select);
}
