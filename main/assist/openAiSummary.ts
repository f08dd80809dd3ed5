// Optional prose wrap-up from an OpenAI-compatible chat-completions endpoint (a llama.cpp server, vLLM,
// Ollama, or a cloud API), configured by policy (summaryServiceUrl, summaryServiceModel,
// summaryServiceToken). It is sent only the redacted transcript turns the agent already sees, never
// audio or anything unredacted; the answer is validated, and anything unusable (an error status, junk,
// an empty reply, the timeout) leaves the extractive draft in place.
import { z } from 'zod';
import type { AssistDraft, TranscriptTurn } from '../../common/contract/assist';
import type { Logger } from '../log/logger';
import type { FetchLike } from '../gateway/gatewayClient';
import type { SummaryProvider } from './assistService';

const ChatCompletionSchema = z.object({
  choices: z
    .array(z.object({ message: z.object({ role: z.string().optional(), content: z.string().min(1).max(20_000) }) }))
    .min(1),
});

export interface OpenAiSummaryOptions {
  /** The API base, ending in /v1 (as OpenAI clients expect): chat/completions is appended. */
  baseUrl: string;
  model: string;
  token?: string;
  log: Logger;
  fetch?: FetchLike;
  /** The prose is clipped to this many characters (the notes field holds 5000). */
  maxChars?: number;
}

const SYSTEM_PROMPT =
  'You write wrap-up notes for a contact-centre call. Use only the transcript. Write 2-5 short plain sentences: ' +
  'why the customer called, what was agreed or done, and any follow-up. No greeting, no headings, no personal details. ' +
  'Text in [brackets] was masked on purpose; never guess it.';

export class OpenAiCompatibleSummary implements SummaryProvider {
  readonly name = 'openai-compatible';
  private readonly fetch: FetchLike;
  private readonly endpoint: string;

  constructor(private readonly options: OpenAiSummaryOptions) {
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.endpoint = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  }

  /** The chat request: the turns are already redacted (AssistService redacts every result before keeping it). */
  request(draft: AssistDraft, turns: readonly TranscriptTurn[]): Record<string, unknown> {
    const transcript = turns.map((turn) => `${turn.leg === 'customer' ? 'Customer' : 'Agent'}: ${turn.text}`).join('\n');
    const hints = [draft.reason && `Likely reason: ${draft.reason}`, draft.disposition && `Suggested outcome: ${draft.disposition}`].filter(Boolean).join('\n');
    return {
      model: this.options.model,
      temperature: 0.2,
      max_tokens: 300,
      stream: false,
      messages: [
        { role: 'system', content: SYSTEM_PROMPT },
        { role: 'user', content: `${hints}\n\nTranscript:\n${transcript.slice(-12_000)}` },
      ],
    };
  }

  async summarise(draft: AssistDraft, turns: readonly TranscriptTurn[], signal: AbortSignal): Promise<AssistDraft> {
    if (turns.length === 0) throw new Error('nothing was transcribed: no summary to write');
    const response = await this.fetch(this.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}) },
      body: JSON.stringify(this.request(draft, turns)),
      signal,
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`summary service answered HTTP ${response.status}`);
    }
    let raw: unknown;
    try {
      raw = await response.json();
    } catch {
      throw new Error('summary service answered something that is not JSON');
    }
    const parsed = ChatCompletionSchema.safeParse(raw);
    if (!parsed.success) throw new Error(`summary service answer does not look like chat completions: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).slice(0, 3).join('; ')}`);
    const prose = parsed.data.choices[0]!.message.content.trim();
    if (!prose) throw new Error('summary service answered an empty summary');
    const max = this.options.maxChars ?? 3000;
    const clipped = prose.length > max ? `${prose.slice(0, max - 1)}…` : prose;
    // The prose leads; the extracted details (order numbers, amounts) stay under it for the CRM.
    const details = draft.notes.split('\n').filter((line) => line.startsWith('Details:'));
    return { ...draft, notes: [clipped, ...details].join('\n\n'), source: `${this.name}:${this.options.model}`.slice(0, 32) };
  }
}
