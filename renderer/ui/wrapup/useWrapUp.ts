// The wrap-up view (form drafts, sync queue, reminders, storage state), live from main.
import { useEffect, useState } from 'react';
import type { WrapUpView } from '../../../common/contract/wrapup';
import { IpcError } from '../../../common/contract/wire';
import { api } from '../useHearthline';

/** undefined while loading; null when this build or host runs without the local store. */
export function useWrapUpView(): WrapUpView | null | undefined {
  const [view, setView] = useState<WrapUpView | null>();
  useEffect(() => {
    let latest = -Infinity;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const accept = (next: WrapUpView) => {
      // The first fetch and the first event may cross: keep the newer one (main's clock never goes back).
      if (next.now < latest) return;
      latest = next.now;
      setView(next);
    };
    const off = api().on('wrapup.changed', accept);
    const fetchView = () =>
      api()
        .invoke('wrapup.view', {})
        .then(accept)
        .catch((error: unknown) => {
          if (error instanceof IpcError && error.code === 'unavailable') setView(null);
          else retry = setTimeout(fetchView, 1000);
        });
    fetchView();
    return () => {
      off();
      clearTimeout(retry);
    };
  }, []);
  return view;
}
