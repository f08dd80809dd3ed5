// Pure rules of after-call work that the form (UI) and the wrap-up service (main) both apply, so the
// Submit button and the service never disagree about what may be submitted or what a prefill may change.
import type { WrapUpDraft } from '../contract/wrapup';

export type SubmitBlocker = 'callLive' | 'noDisposition' | 'noCallbackTime' | 'callbackInPast' | 'noCallbackNumber';

/** Why a draft may not be submitted yet, in the order the agent would fix things; undefined when ready. */
export function submitBlocker(draft: WrapUpDraft, callLive: boolean, now: number): SubmitBlocker | undefined {
  if (callLive) return 'callLive';
  if (!draft.disposition) return 'noDisposition';
  if (!draft.callback.requested) return undefined;
  if (draft.callback.at === null) return 'noCallbackTime';
  if (draft.callback.at <= now) return 'callbackInPast';
  if (!draft.callback.number.trim()) return 'noCallbackNumber';
  return undefined;
}

/**
 * Takes a suggested disposition and notes only where the draft is still empty; notes still exactly as an
 * earlier suggestion wrote them (`replacesNotes`) may be replaced by a better one. Returns `draft`
 * itself when nothing changes.
 */
export function mergePrefill(
  draft: WrapUpDraft,
  suggestion: { disposition: string; notes: string; replacesNotes?: string },
  knownDisposition: (code: string) => boolean = () => true,
): WrapUpDraft {
  const disposition = draft.disposition === '' && suggestion.disposition !== '' && knownDisposition(suggestion.disposition) ? suggestion.disposition : draft.disposition;
  const notesEmpty = draft.notes.trim() === '' && suggestion.notes.trim() !== '';
  const notesStillSuggested = suggestion.replacesNotes !== undefined && draft.notes === suggestion.replacesNotes;
  const notes = notesEmpty || notesStillSuggested ? suggestion.notes : draft.notes;
  return disposition === draft.disposition && notes === draft.notes ? draft : { ...draft, disposition, notes };
}
