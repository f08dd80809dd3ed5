// Channel guidance at wrap-up: which channel to follow up on (chooser.ts), the message pre-filled from
// the article used on the call and the agent's promise (prefill.ts), and sending it in one click through
// the outbox (kind 'message', POST /v1/messages with its Idempotency-Key), so it survives the gateway being
// down and arrives once. Everything the customer is sent is redacted first (main/assist/redaction.ts).
// The other capabilities are reached through the small ports below; createApp wires them.
import { randomUUID } from 'node:crypto';
import type { Customer } from '../../common/contract/context';
import type { OutboxItemState } from '../../common/contract/wrapup';
import { GatewayMessageSchema, type ChannelGuidance, type GatewayMessage, type MessageChannel, type SendMessageRequest } from '../../common/contract/messages';
import type { DetectedIntent } from '../../common/contract/routing';
import type { ArticleForCustomer } from '../assist/knowledgeIndex';
import { ServiceError } from '../ipc/errors';
import type { OutboxPort, OutboxRepairs } from '../outbox/module';
import { chooseChannel, isLinkHeavy } from './chooser';
import { messageLanguage, prefillMessage } from './prefill';

/** The tag the wrap-up record carries for the digital team: this call could have been done in the app. */
export const SELF_SERVICE_TAG = 'self-serviceable';

export interface ChannelGuidanceDeps {
  /** The call's number and the customer chosen for it (undefined: the call is not known here). */
  customerOf: (callId: string) => { number: string; customer?: Customer } | undefined;
  /** The knowledge article used on the call (the one the agent marked helpful, else assist's reason for the call). */
  articleOf: (callId: string) => ArticleForCustomer | undefined;
  intentOf: (callId: string) => { intent?: DetectedIntent; interactionId?: string } | undefined;
  /** What the agent promised: the callback time in the wrap-up, and promises assist heard. */
  promiseOf: (callId: string) => { callbackAt?: number; promises: string[] };
  outbox: Pick<OutboxPort, 'enqueue'> & Pick<OutboxRepairs, 'record'>;
  redact: (text: string) => { text: string; kinds: string[] };
  now: () => number;
  newId?: () => string;
  /** The zone the callback time is written in (the agent's; tests fix it). */
  timeZone?: string;
}

/** Calls whose sent messages the form can still show. */
const CALLS_KEPT = 50;

interface SentMessage {
  id: string;
  channel: GatewayMessage['channel'];
  to: string;
  body: string;
}

export class ChannelGuidanceService {
  private readonly newId: () => string;
  /** Messages sent per call in this session (the outbox holds them durably; this is what the form shows). */
  private readonly sent = new Map<string, SentMessage[]>();

  constructor(private readonly deps: ChannelGuidanceDeps) {
    this.newId = deps.newId ?? randomUUID;
  }

  /** `channel`: the message pre-filled for this channel rather than the suggested one. */
  guidance(callId: string, channel?: MessageChannel): ChannelGuidance | null {
    const who = this.deps.customerOf(callId);
    if (!who) return null;
    const { intent } = this.deps.intentOf(callId) ?? {};
    const selfServiceable = intent?.selfServiceable === true;
    const article = this.deps.articleOf(callId);
    const choice = chooseChannel(who.customer, {
      articleChannel: article?.followUpChannel,
      linkHeavy: isLinkHeavy(article?.customerSummary, article?.customerUrl),
      selfServiceable: selfServiceable && intent?.selfServiceUrl !== undefined,
    });
    const { callbackAt, promises } = this.deps.promiseOf(callId);
    const prefilled = prefillMessage({
      channel: channel ?? choice.suggested?.channel ?? 'sms',
      language: messageLanguage(who.customer?.language ?? article?.lang),
      article,
      selfServiceUrl: selfServiceable ? intent?.selfServiceUrl : undefined,
      callbackAt,
      promises,
      timeZone: this.deps.timeZone,
    });
    return {
      callId,
      suggested: choice.suggested,
      options: choice.options,
      subject: this.deps.redact(prefilled.subject).text,
      body: this.deps.redact(prefilled.body).text,
      link: prefilled.link,
      article: article && { id: article.id, title: article.title },
      selfService: selfServiceable && intent?.selfServiceUrl ? { label: intent.label, url: intent.selfServiceUrl } : undefined,
      sent: (this.sent.get(callId) ?? []).map(({ id, channel: sentOn, to }) => ({ id, channel: sentOn, to, state: this.stateOf(id) })),
    };
  }

  /** Tags the wrap-up record carries for this call. */
  recordTags(callId: string): string[] {
    return this.deps.intentOf(callId)?.intent?.selfServiceable ? [SELF_SERVICE_TAG] : [];
  }

  /** Queues the message in the outbox, redacted. Sending the same text again (a double click) is the same message. */
  send(request: SendMessageRequest): { id: string; body: string; masked: string[] } {
    const guidance = this.guidance(request.callId, request.channel);
    if (!guidance) throw new ServiceError('notFound', 'There is no wrap-up for that call');
    const who = this.deps.customerOf(request.callId)!;
    // Only to a contact detail the CRM has for this customer: the agent cannot mistype a destination.
    if (!guidance.options.some((option) => option.channel === request.channel && option.to === request.to)) {
      throw new ServiceError('invalidPayload', 'The customer has no contact detail for that channel');
    }
    const { text: body, kinds } = this.deps.redact(request.body);
    const already = this.sent.get(request.callId)?.find((message) => message.channel === request.channel && message.to === request.to && message.body === body);
    if (already) return { id: already.id, body, masked: kinds };
    const { interactionId } = this.deps.intentOf(request.callId) ?? {};
    const id = this.newId();
    const parsed = GatewayMessageSchema.safeParse({
      id,
      callId: request.callId,
      interactionId,
      customerId: who.customer?.id,
      customerNumber: who.number || 'unknown',
      channel: request.channel,
      to: request.to,
      subject: request.channel === 'email' ? guidance.subject : undefined,
      body,
      articleId: guidance.article?.id,
      link: body.includes(guidance.link ?? '\u0000') ? guidance.link : undefined,
      createdAt: new Date(this.deps.now()).toISOString(),
    } satisfies Record<keyof GatewayMessage, unknown>);
    if (!parsed.success) throw new ServiceError('invalidPayload', `The message cannot be sent: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
    this.deps.outbox.enqueue({ id, kind: 'message', about: { number: who.number, callId: request.callId }, payload: JSON.stringify(parsed.data) });
    const earlier = this.sent.get(request.callId) ?? [];
    this.sent.delete(request.callId); // re-inserted last: the map keeps the most recent calls
    this.sent.set(request.callId, [...earlier, { id, channel: request.channel, to: request.to, body }].slice(-10));
    if (this.sent.size > CALLS_KEPT) this.sent.delete(this.sent.keys().next().value!);
    return { id, body, masked: kinds };
  }

  private stateOf(id: string): OutboxItemState {
    const record = this.deps.outbox.record(id);
    if (!record) return 'synced'; // retention removed it: it was sent long ago
    if (record.state === 'sent') return 'synced';
    if (record.state === 'parked') return 'needsAttention';
    return record.attempts > 0 ? 'retrying' : 'queued';
  }
}
