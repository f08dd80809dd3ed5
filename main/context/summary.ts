// Pure: what the panel says at ring time about the customer's recent contacts, and whether cached data is
// still fresh. No clock, no I/O: the caller passes "now".
import type { CustomerCase, RepeatContact, TimelineEntry } from '../../common/contract/context';

export const REPEAT_WINDOW_DAYS = 7;
const DAY_MS = 86_400_000;

/** The first sentence (or the first 120 characters) of a note. */
export function noteGist(note: string, max = 120): string {
  const clean = note.replace(/\s+/g, ' ').trim();
  const sentence = /^(.+?[.!?])(\s|$)/.exec(clean)?.[1] ?? clean;
  const gist = sentence.replace(/[.!?]$/, '');
  return gist.length > max ? `${gist.slice(0, max - 1)}…` : gist;
}

/**
 * "3rd contact in 7 days — last: damaged delivery, promised refund by Friday". This call counts as one
 * contact; undefined when it is the only one in the window. The last note is the gist; when the last
 * contact left no note, an open case's promise stands in.
 */
export function repeatContact(
  timeline: readonly TimelineEntry[],
  now: number,
  cases: readonly CustomerCase[] = [],
  windowDays = REPEAT_WINDOW_DAYS,
): RepeatContact | undefined {
  const since = now - windowDays * DAY_MS;
  const recent = timeline
    .map((entry) => ({ entry, at: Date.parse(entry.at) }))
    .filter(({ at }) => Number.isFinite(at) && at >= since && at <= now)
    .sort((a, b) => b.at - a.at);
  const last = recent[0];
  if (!last) return undefined;
  const promise = cases.find((c) => c.status !== 'closed' && c.promise)?.promise;
  const gist = noteGist(last.entry.note);
  return {
    ordinal: recent.length + 1,
    windowDays,
    lastAt: last.at,
    lastChannel: last.entry.channel,
    lastOutcome: last.entry.outcome,
    lastNote: gist || promise || '',
  };
}

/** First-contact resolution over the contacts where the wrap-up flag was set. */
export function fcrSummary(timeline: readonly TimelineEntry[]): { resolved: number; known: number } {
  const flagged = timeline.filter((entry) => entry.firstContactResolved !== null);
  return { resolved: flagged.filter((entry) => entry.firstContactResolved).length, known: flagged.length };
}

export type Freshness = 'fresh' | 'stale' | 'expired';

/**
 * Stale-while-revalidate: fresh data is shown as is; stale data is shown at once and refreshed in the
 * background; expired data (past the retention) is not shown and is purged.
 */
export function freshness(fetchedAt: number, now: number, staleAfterMs: number, retentionMs: number): Freshness {
  const age = now - fetchedAt;
  if (age >= retentionMs) return 'expired';
  return age >= staleAfterMs ? 'stale' : 'fresh';
}
