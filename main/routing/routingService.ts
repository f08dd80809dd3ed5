// Routing context for ringing calls: the headers the engine passed on (untrusted) are parsed by the pure
// common/routing/routingHeaders.ts; the interaction record they point at is read from the gateway with a
// short deadline; the bot's detected intent primes agent assist so suggestions show before answer.
// Nothing here can hold up the call: every failure only changes what the panel says.
import { GATEWAY_INTERACTION_PATHS, InteractionRecordSchema, type CallRouting, type InteractionRecord, type RoutingView } from '../../common/contract/routing';
import type { Call } from '../../common/contract/model';
import { parseRoutingHeaders } from '../../common/routing/routingHeaders';
import type { GatewayClient, GatewayResult } from '../gateway/gatewayClient';
import type { Logger } from '../log/logger';

/** Where the interaction record comes from (the gateway; tests pass a fake). */
export interface InteractionRecords {
  /** The configured gateway's origin: a Call-Info pointer elsewhere is never followed. */
  readonly origin: string | undefined;
  get(id: string, timeoutMs: number): Promise<GatewayResult<InteractionRecord>>;
}

/** Agent assist's query path, seeded with the intent's words while the call rings. */
export interface IntentSuggestions {
  primeIntent(call: Call, words: readonly string[]): void;
}

export interface RoutingServiceDeps {
  records: InteractionRecords | undefined;
  intents: IntentSuggestions | undefined;
  /** Masks card numbers, dates of birth and the like in what the bot transcript quotes. */
  redact: (text: string) => string;
  clock: () => number;
  log: Logger;
  recordTimeoutMs?: number;
}

const MAX_CALLS = 10;

export function gatewayInteractionRecords(client: GatewayClient, baseUrl: string): InteractionRecords {
  let origin: string | undefined;
  try {
    origin = new URL(baseUrl).origin;
  } catch {
    origin = undefined;
  }
  return {
    origin,
    get: async (id, timeoutMs) => client.read(GATEWAY_INTERACTION_PATHS.one(id), InteractionRecordSchema, AbortSignal.timeout(timeoutMs)),
  };
}

export class RoutingService {
  private readonly calls = new Map<string, CallRouting>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: RoutingServiceDeps) {}

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  view(): RoutingView {
    return { calls: [...this.calls.values()], now: this.deps.clock() };
  }

  /** An inbound call started ringing: what do its headers say? */
  callRinging(call: Call): void {
    if (this.calls.has(call.id)) return;
    const parsed = parseRoutingHeaders(call.routingHeaders, { gatewayOrigin: this.deps.records?.origin });
    if (parsed.problems.length > 0) {
      // The reasons name header fields and limits, never their values (they may quote anything).
      this.deps.log.warn({ callId: call.id, status: parsed.status, problems: parsed.problems.slice(0, 5) }, 'routing headers refused or ignored');
    }
    if (parsed.status === 'none') return;
    const routing: CallRouting = {
      callId: call.id,
      status: parsed.status,
      queue: parsed.queue,
      skill: parsed.skill,
      interactionId: parsed.interactionId,
      waitedSeconds: parsed.waitedSeconds,
      ivrPath: parsed.ivrPath,
      ringingSince: this.deps.clock(),
      record: parsed.interactionId && this.deps.records ? 'loading' : 'none',
      transcript: [],
    };
    this.calls.set(call.id, routing);
    while (this.calls.size > MAX_CALLS) this.calls.delete(this.calls.keys().next().value!);
    this.changed();
    if (routing.record === 'loading') void this.loadRecord(call, routing.interactionId!);
  }

  callForgotten(callId: string): void {
    if (this.calls.delete(callId)) this.changed();
  }

  private async loadRecord(call: Call, id: string): Promise<void> {
    const result = await this.deps.records!.get(id, this.deps.recordTimeoutMs ?? 2500);
    const current = this.calls.get(call.id);
    if (!current) return;
    if (result.kind !== 'ok' || result.value.id !== id) {
      this.deps.log.warn({ callId: call.id, kind: result.kind, issues: result.kind === 'malformed' ? result.issues.slice(0, 5) : undefined }, 'interaction record not available');
      this.calls.set(call.id, { ...current, record: 'failed' });
      this.changed();
      return;
    }
    const record = result.value;
    const redact = this.deps.redact;
    const updated: CallRouting = {
      ...current,
      record: 'loaded',
      // The headers are what routed this call; the record fills what they left out.
      queue: current.queue ?? record.queue,
      skill: current.skill ?? record.skill,
      ivrPath: current.ivrPath.length > 0 ? current.ivrPath : record.ivrPath,
      transcript: record.transcript.map((turn) => ({ speaker: turn.speaker, text: redact(turn.text) })),
      intent: record.intent,
    };
    this.calls.set(call.id, updated);
    this.changed();
    if (record.intent && this.deps.intents) {
      try {
        this.deps.intents.primeIntent(call, [record.intent.label, ...record.intent.keywords]);
      } catch (error) {
        this.deps.log.warn({ err: error, callId: call.id }, 'could not prime suggestions for the routed intent');
      }
    }
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
