// One translation for many components of the same kind. Each `useTranslation()` keeps about eleven React
// hooks, an i18n wrapper and its own subscription to i18next's events; a page with 25 open wrap-up forms
// held four of them per form (form, outcome picker, its labels, channel guidance). The wrap-up area reads
// it once and passes it down through context: a language switch still re-renders every form (the value
// changes), nothing else does (the value keeps its identity).
import { createContext, useContext, type ReactNode } from 'react';
import { useTranslation, type UseTranslationResponse } from 'react-i18next';

type Translation = UseTranslationResponse<'translation', undefined>;

const SharedTranslationContext = createContext<Translation | null>(null);

/** Reads the translation once for everything below it that calls useSharedTranslation(). */
export function SharedTranslation({ children }: { children: ReactNode }) {
  const translation = useTranslation();
  return <SharedTranslationContext.Provider value={translation}>{children}</SharedTranslationContext.Provider>;
}

/** `useTranslation()` for components under a SharedTranslation, without hooks or a subscription of their own. */
export function useSharedTranslation(): Translation {
  const translation = useContext(SharedTranslationContext);
  if (!translation) throw new Error('useSharedTranslation() needs a <SharedTranslation> above it');
  return translation;
}
