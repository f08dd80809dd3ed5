// The knowledge base as the gateway serves it (gateway/openapi.yaml, GET /v1/knowledge/articles): a
// change feed the app pulls incrementally into its local FTS5 index. Each change is an article as it is
// now, or a tombstone for one that was withdrawn; `cursor` is opaque to the app, which stores it and
// sends it back as `since`. The reference gateway and the app's KnowledgeSync validate against these.
import { z } from 'zod';
import { GATEWAY_API_PREFIX } from './gateway';

const IsoTime = z.iso.datetime({ offset: true });
const ArticleId = z.string().min(1).max(64);

/** True for an absolute https:// URL: the only kind of link the app opens (one click, outside the app). */
export function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * What the customer may be sent about an article (the body is written for agents): a customer-facing
 * summary, the help-centre page, and the follow-up channel that suits the answer. All optional; a
 * follow-up falls back to the title and the agent's own words (main/channelGuidance/prefill.ts).
 */
export const CustomerFacingFields = {
  customerSummary: z.string().trim().min(1).max(1000).optional(),
  customerUrl: z.string().max(2048).refine(isHttpsUrl, 'must be an https:// link').optional(),
  followUpChannel: z.enum(['sms', 'email', 'chat']).optional(),
};

/**
 * The topic an article shares with its copies in other languages and scripts (the English, Simplified and
 * Traditional articles on returns all say "returns-refunds"): a caller is shown the copy in their own
 * script and the other copies do not take the other places (main/assist/scriptVariants.ts). Optional: an
 * article without one (or with an empty one) is a topic of its own.
 */
export const ArticleTopicField = { topic: z.string().trim().max(200).optional() };

export const KnowledgeArticleSchema = z
  .object({
    id: ArticleId,
    /** BCP 47 primary language, e.g. "en", "zh". */
    lang: z.string().min(2).max(8),
    title: z.string().min(1).max(300),
    /** Where the agent opens the full article (the CRM's knowledge page): https only. */
    url: z.string().max(2048).refine(isHttpsUrl, 'must be an https:// link'),
    body: z.string().max(200_000),
    tags: z.string().max(2000).default(''),
    ...CustomerFacingFields,
    ...ArticleTopicField,
    updatedAt: IsoTime,
  })
  .strict();
export type KnowledgeArticle = z.infer<typeof KnowledgeArticleSchema>;

export const KnowledgeTombstoneSchema = z.object({ id: ArticleId, deleted: z.literal(true), updatedAt: IsoTime }).strict();
export type KnowledgeTombstone = z.infer<typeof KnowledgeTombstoneSchema>;

export const KnowledgeChangeSchema = z.union([KnowledgeTombstoneSchema, KnowledgeArticleSchema]);
export type KnowledgeChange = z.infer<typeof KnowledgeChangeSchema>;

export const KNOWLEDGE_PAGE_MAX = 1000;

export const KnowledgePageSchema = z
  .object({
    /** Oldest change first. */
    changes: z.array(KnowledgeChangeSchema).max(KNOWLEDGE_PAGE_MAX),
    /** Send back as `since` to get what changed after this page. */
    cursor: z.string().min(1).max(200),
    /** More changes are waiting: ask again with `cursor` straight away. */
    hasMore: z.boolean(),
  })
  .strict();
export type KnowledgePage = z.infer<typeof KnowledgePageSchema>;

export const GATEWAY_KNOWLEDGE_PATH = `${GATEWAY_API_PREFIX}/knowledge/articles`;

export function knowledgePagePath(since: string | undefined, limit: number): string {
  const query = new URLSearchParams({ limit: String(limit) });
  if (since) query.set('since', since);
  return `${GATEWAY_KNOWLEDGE_PATH}?${query.toString()}`;
}

export function isTombstone(change: KnowledgeChange): change is KnowledgeTombstone {
  return 'deleted' in change;
}
