// The assist view from main: fetched once, then kept current by assist.changed events. One store for
// the page (the panel and the progress strip read it), so each push is validated and shared once.
import { useSyncExternalStore } from 'react';
import type { AssistView } from '../../../common/contract/assist';
import { LiveViewStore } from '../liveViewStore';
import { api, useSlice } from '../useHearthline';

type Ordered = AssistView & { now: number };

/** Pushes counted in arrival order: a fetch answered after a newer push is dropped (the store keeps the newer). */
let pushes = 0;
const assistView = new LiveViewStore<Ordered>({
  fetch: () => {
    const asked = pushes;
    return api()
      .invoke('assist.view', {})
      .then((view) => ({ ...view, now: asked }));
  },
  subscribe: (listener) => api().on('assist.changed', (view) => listener({ ...view, now: (pushes += 1) })),
});

/**
 * The whole view. Main pushes it for each partial transcript (several a second while someone talks);
 * unchanged parts keep their identity (structuralShare.ts), so the memoised suggestions, turns, sentiment
 * and draft (AssistPanel.tsx) are not rendered again for words that only moved the partial line.
 */
export function useAssistView(): AssistView | undefined {
  return useSyncExternalStore(assistView.subscribe, assistView.get) ?? undefined;
}

/** One part of the view; the component renders only when that part changes. */
export function useAssistPart<T>(select: (view: AssistView | undefined) => T): T {
  return useSlice(assistView, (view) => select(view ?? undefined));
}

/** Splits a passage marked with [[term]] into plain and highlighted parts. */
export function highlightParts(passage: string): Array<{ text: string; mark: boolean }> {
  return passage
    .split(/(\[\[[^\]]+\]\])/)
    .filter(Boolean)
    .map((part) => (part.startsWith('[[') ? { text: part.slice(2, -2), mark: true } : { text: part, mark: false }));
}
