// Pure helpers for the wrap-up form and the sync queue: no React, no DOM, unit-tested.
import type { Disposition } from '../../../common/contract/gateway';
import { isOneOf } from '../../../common/oneOf';
import type { WrapUpDraft, WrapUpView } from '../../../common/contract/wrapup';

const MAX_TAGS = 20;
const MAX_TAG_LENGTH = 40;
const pad = (n: number) => String(n).padStart(2, '0');

/** Epoch ms → the value of an <input type="datetime-local"> in the agent's time zone. */
export function toLocalInputValue(ms: number | null): string {
  if (ms === null) return '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The value of an <input type="datetime-local"> → epoch ms, or null when empty or incomplete. */
export function fromLocalInputValue(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const date = new Date(y, mo - 1, d, h, mi);
  return Number.isNaN(date.getTime()) ? null : date.getTime();
}

/**
 * The label in the UI language: a standard code's label from the UI's own catalogue (`translated`),
 * else the gateway's label in that language, else English, else the code itself.
 */
export function dispositionLabel(dispositions: readonly Disposition[], code: string, language: string, translated?: (code: string) => string | undefined): string {
  const disposition = dispositions.find((d) => d.code === code);
  if (!disposition) return code;
  const own = translated?.(code);
  if (own) return own;
  const short = language.split('-')[0] ?? language;
  return disposition.labels[language] ?? disposition.labels[short] ?? disposition.labels.en ?? code;
}

/** Adds a tag the agent typed: trimmed, at most 40 characters, no duplicates (case-insensitive), at most 20. */
export function addTag(tags: readonly string[], typed: string): string[] {
  const tag = typed.trim().slice(0, MAX_TAG_LENGTH);
  if (!tag || tags.length >= MAX_TAGS || tags.some((t) => t.toLowerCase() === tag.toLowerCase())) return [...tags];
  return [...tags, tag];
}

export type QueueLine = { key: 'outbox.allSynced' | 'desk.noNotesWaiting' } | { key: 'outbox.waiting' | 'outbox.needsAttention'; count: number };

/** What the queue headline says: what needs attention first, then what is waiting; all clear only when both are 0. */
export function queueHeadline(queue: WrapUpView['queue']): QueueLine[] {
  const lines: QueueLine[] = [];
  if (queue.needsAttention > 0) lines.push({ key: 'outbox.needsAttention', count: queue.needsAttention });
  if (queue.waiting > 0) lines.push({ key: 'outbox.waiting', count: queue.waiting });
  if (lines.length > 0) return lines;
  // "All synced" only when the CRM confirms it; otherwise it would sit beside "Connecting to the CRM…".
  return [{ key: queue.gateway === 'connected' ? 'outbox.allSynced' : 'desk.noNotesWaiting' }];
}

/**
 * Main masked sensitive items (card numbers, dates of birth, …) in the notes it saved: the form shows
 * the masked text too, unless the agent has typed since that save (the next save masks that text).
 */
export function adoptMasked(local: WrapUpDraft, sent: WrapUpDraft, masked: { notes: string; reason: string }): WrapUpDraft {
  if (local.notes !== sent.notes || local.callback.reason !== sent.callback.reason) return local;
  return { ...local, notes: masked.notes, callback: { ...local.callback, reason: masked.reason } };
}

export const MASKED_KINDS = ['card', 'expiry', 'cvv', 'dob', 'password', 'password_chars', 'otp', 'pin', 'security_answer', 'national_id', 'bank_account', 'email', 'number'] as const;
export type MaskedKind = (typeof MASKED_KINDS)[number];

/** The kinds main reported, known ones only, in catalogue order (unknown ones read as "number"). */
export function maskedKinds(kinds: readonly string[]): MaskedKind[] {
  const known = new Set(kinds.map((kind) => (isOneOf(MASKED_KINDS, kind) ? kind : 'number')));
  return MASKED_KINDS.filter((kind) => known.has(kind));
}
