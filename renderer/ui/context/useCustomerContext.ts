// The customer-context view, live from main ('context.changed'); null when this host runs without the store.
import { useEffect, useState } from 'react';
import type { ContextView } from '../../../common/contract/context';
import { IpcError } from '../../../common/contract/wire';
import { api } from '../useHearthline';

export function useContextView(): ContextView | null | undefined {
  const [view, setView] = useState<ContextView | null>();
  useEffect(() => {
    let latest = -Infinity;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const accept = (next: ContextView) => {
      if (next.now < latest) return;
      latest = next.now;
      setView(next);
    };
    const off = api().on('context.changed', accept);
    const fetchView = () =>
      api()
        .invoke('context.view', {})
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
