// The wrap-up and outbox part of the UI contract: the after-call form, the sync queue the agent always
// sees, callback reminders, and the state of the encrypted local store. channels.ts spreads these maps
// into uiRequests/uiEvents, so the router and the preload treat them like every other channel.
import { z } from 'zod';
import { DispositionSchema, GatewayTagSchema, OutboxKindSchema } from './gateway';
import { CallIdSchema } from './model';

const Empty = z.object({}).strict();

/**
 * What the agent has typed so far. Lenient on purpose: a draft is saved on every keystroke, complete or
 * not; the rules (disposition chosen, callback time in the future, dialable number) apply on submit.
 */
export const WrapUpDraftSchema = z
  .object({
    /** '' until the agent picks one. */
    disposition: z.string().max(64),
    notes: z.string().max(20_000),
    tags: z.array(GatewayTagSchema).max(20),
    /** null: not answered yet. */
    firstContactResolved: z.boolean().nullable(),
    callback: z
      .object({
        requested: z.boolean(),
        /** Epoch ms, null until chosen. */
        at: z.number().int().nullable(),
        number: z.string().max(64),
        reason: z.string().max(500),
      })
      .strict(),
  })
  .strict();
export type WrapUpDraft = z.infer<typeof WrapUpDraftSchema>;

export function emptyDraft(customerNumber = ''): WrapUpDraft {
  return {
    disposition: '',
    notes: '',
    tags: [],
    firstContactResolved: null,
    callback: { requested: false, at: null, number: customerNumber, reason: '' },
  };
}

export const DraftViewSchema = z.object({
  callId: CallIdSchema,
  customerNumber: z.string(),
  callStartedAt: z.number(),
  draft: WrapUpDraftSchema,
  /** Epoch ms of the last autosave. */
  savedAt: z.number(),
});
export type DraftView = z.infer<typeof DraftViewSchema>;

/**
 * queued: waiting its turn; sending: a request is in flight; retrying: the last attempt failed for a
 * reason that may pass (offline, server busy) and it will try again by itself; needsAttention: the
 * gateway refused it and the agent must look at it; synced: the gateway confirmed it.
 */
export const OutboxItemStateSchema = z.enum(['queued', 'sending', 'retrying', 'needsAttention', 'synced']);
export type OutboxItemState = z.infer<typeof OutboxItemStateSchema>;

export const ParkedNoteEditSchema = z
  .object({
    disposition: z.string().min(1).max(64),
    notes: z.string().max(20_000),
    tags: z.array(GatewayTagSchema).max(20),
  })
  .strict();
export type ParkedNoteEdit = z.infer<typeof ParkedNoteEditSchema>;

export const OutboxItemViewSchema = z.object({
  id: z.string(),
  kind: OutboxKindSchema,
  customerNumber: z.string(),
  /** The start of the notes (note) or the reason (callback). */
  summary: z.string().max(200),
  /** Notes: the disposition code (the UI shows its label). */
  disposition: z.string().optional(),
  /** Callbacks: the number to call and when. */
  callbackNumber: z.string().optional(),
  dueAt: z.number().optional(),
  state: OutboxItemStateSchema,
  attempts: z.number().int(),
  nextAttemptAt: z.number().optional(),
  /** Why the last attempt failed: HTTP status if there was one, and the gateway's or network's words. */
  lastError: z.object({ status: z.number().int().optional(), message: z.string().max(1000) }).optional(),
  createdAt: z.number(),
  syncedAt: z.number().optional(),
  /** Present for notes that need attention: what the agent may change before sending again. */
  editable: ParkedNoteEditSchema.optional(),
});
export type OutboxItemView = z.infer<typeof OutboxItemViewSchema>;

/** unreachable: no answer at all; busy: it answers "try later" (429/5xx); refused: it rejects our credentials. */
export const GatewayStatusSchema = z.enum(['unconfigured', 'unknown', 'connected', 'unreachable', 'busy', 'refused']);
export type GatewayStatus = z.infer<typeof GatewayStatusSchema>;

export const QueueSummarySchema = z.object({
  /** Records not yet confirmed by the gateway and not needing attention. */
  waiting: z.number().int(),
  needsAttention: z.number().int(),
  sending: z.number().int(),
  gateway: GatewayStatusSchema,
  lastSyncedAt: z.number().optional(),
  /** The soonest automatic retry, when everything waiting is backing off. */
  nextAttemptAt: z.number().optional(),
});
export type QueueSummary = z.infer<typeof QueueSummarySchema>;

export const CallbackReminderSchema = z.object({
  id: z.string(),
  callId: z.string(),
  customerNumber: z.string(),
  number: z.string(),
  reason: z.string(),
  dueAt: z.number(),
  /** scheduled: in the future; due: its time has come and the agent has not acted on it yet. */
  state: z.enum(['scheduled', 'due']),
});
export type CallbackReminder = z.infer<typeof CallbackReminderSchema>;

/** Why notes are kept only for this session, in words the UI can translate. */
export const StorageProblemSchema = z.enum([
  'weakKeyStorage',
  'keyUnavailable',
  'keyBackendChanged',
  'keyMissing',
  'keyInvalid',
  'insecureKeyFile',
  'wrongKey',
  'futureVersion',
  'corrupt',
  'driverUnavailable',
  'openFailed',
]);
export type StorageProblem = z.infer<typeof StorageProblemSchema>;

export const StorageStatusSchema = z.object({
  /** encrypted: saved on disk, encrypted; sessionOnly: kept in memory and lost when the app closes. */
  mode: z.enum(['encrypted', 'sessionOnly']),
  problem: StorageProblemSchema.optional(),
  detail: z.string().max(1000).optional(),
});
export type StorageStatus = z.infer<typeof StorageStatusSchema>;

export const WrapUpViewSchema = z.object({
  storage: StorageStatusSchema,
  queue: QueueSummarySchema,
  /** Unsynced records first (oldest first), then a few recently synced ones. */
  items: z.array(OutboxItemViewSchema),
  drafts: z.array(DraftViewSchema),
  reminders: z.array(CallbackReminderSchema),
  dispositions: z.array(DispositionSchema),
  now: z.number(),
});
export type WrapUpView = z.infer<typeof WrapUpViewSchema>;

const DraftRequest = z.object({ callId: CallIdSchema, draft: WrapUpDraftSchema }).strict();

/** Requests the UI may make about wrap-up, the outbox and reminders. */
export const wrapUpRequests = {
  'wrapup.view': { request: Empty, response: WrapUpViewSchema },
  /** Autosave: called as the agent types. */
  /**
   * `masked`: the notes (and callback reason) held card numbers, dates of birth, passwords or the like;
   * what was saved is this masked text, and `kinds` says what was masked (MASKS in main/assist/redaction).
   */
  'wrapup.saveDraft': {
    request: DraftRequest,
    response: z.object({ savedAt: z.number(), masked: z.object({ notes: z.string().max(20_000), reason: z.string().max(500), kinds: z.array(z.string().max(32)).max(20) }).optional() }),
  },
  /** Saves the final draft and puts the note (and callback) in the outbox, in one transaction. */
  'wrapup.submit': { request: DraftRequest, response: z.object({ noteId: z.string() }) },
  /** Retries one record now, or every waiting and needs-attention record when id is left out. */
  'outbox.retryNow': { request: z.object({ id: z.string().max(64).optional() }).strict(), response: Empty },
  'outbox.editParked': { request: z.object({ id: z.string().max(64), note: ParkedNoteEditSchema }).strict(), response: Empty },
  'reminder.resolve': {
    request: z.object({ id: z.string().max(64), outcome: z.enum(['dialed', 'dismissed']) }).strict(),
    response: Empty,
  },
} as const;

/** Events main pushes about wrap-up; sent whole on every change, like app.snapshot. */
export const wrapUpEvents = {
  'wrapup.changed': WrapUpViewSchema,
} as const;
