// The assist view from main: fetched once, then kept current by assist.changed events.
import { useEffect, useState } from 'react';
import type { AssistView } from '../../../common/contract/assist';
import { shareUnchanged } from '../structuralShare';
import { api } from '../useHearthline';

export function useAssistView(): AssistView | undefined {
  const [view, setView] = useState<AssistView>();
  useEffect(() => {
    let received = false;
    const off = api().on('assist.changed', (next) => {
      received = true;
      // Main pushes the whole view for each partial transcript (up to ~8 a second while someone talks):
      // unchanged parts keep their identity, so the memoised suggestions, turns, sentiment and draft
      // (AssistPanel.tsx) are not rendered again for words that only moved the partial line.
      setView((previous) => shareUnchanged(previous, next));
    });
    api()
      .invoke('assist.view', {})
      .then((initial) => {
        if (!received) setView(initial);
      })
      .catch(() => undefined);
    return off;
  }, []);
  return view;
}

/** Splits a passage marked with [[term]] into plain and highlighted parts. */
export function highlightParts(passage: string): Array<{ text: string; mark: boolean }> {
  return passage
    .split(/(\[\[[^\]]+\]\])/)
    .filter(Boolean)
    .map((part) => (part.startsWith('[[') ? { text: part.slice(2, -2), mark: true } : { text: part, mark: false }));
}
