// Agent assist in main: audio frames from the call engine (customer = remote leg, agent = microphone)
// go through VAD and a Transcriber per leg; every result is redacted before it is kept, shown or used;
// the customer's recent words query the knowledge index while they are still talking; each turn is
// scored for sentiment and escalation cues; when the call ends a wrap-up draft is made within a second.
// Transcripts stay in memory on this laptop (never logged); only votes go to disk, in the KB file.
import type { PcmFrame } from '../../common/contract/audioEnvelope';
import type { AsrStatus, AssistCallView, AssistDraft, AssistLeg, AssistView, AudioFrame, KnowledgeStatus, Suggestion, TranscriptTurn } from '../../common/contract/assist';
import { STANDARD_DISPOSITION_CODES } from '../../common/contract/gateway';
import type { Call, Snapshot } from '../../common/contract/model';
import type { AppLanguage } from '../../common/i18n/language';
import type { AppState } from '../session/state';
import type { EventHub } from '../ipc/hub';
import { ServiceError } from '../ipc/errors';
import type { Logger } from '../log/logger';
import type { Transcriber, TranscriberStream, TranscriptResult } from './asr/transcriber';
import type { EmbeddingReranker } from './embeddings';
import type { KnowledgeIndex } from './knowledgeIndex';
import { ConversationRedactor, MASK_PATTERN, redact } from './redaction';
import { scoreTurn, trend } from './sentiment';
import type { VadFactory, VoiceActivityDetector } from './vad';
import { givesDetails } from './draft/callEntities';
import { draftWrapUp, type ArticleTally } from './wrapupDraft';
import { contentWords } from './draft/callReason';
import { sampleRing } from './sampleRing';

/**
 * A generative summariser (e.g. an OpenAI-compatible endpoint). It gets the extractive draft and the
 * already-redacted turns, and answers a draft whose notes replace the extractive ones; whatever it
 * fails to do in time, the extractive draft stays.
 */
export interface SummaryProvider {
  readonly name: string;
  summarise(draft: AssistDraft, turns: readonly TranscriptTurn[], signal: AbortSignal): Promise<AssistDraft>;
}

/** A new draft for a call; `replaces` is the draft it supersedes (the extractive one, when prose arrives). */
export type DraftListener = (draft: AssistDraft, replaces?: AssistDraft) => void;

export interface AssistServiceDeps {
  state: AppState;
  hub: EventHub;
  log: Logger;
  index: KnowledgeIndex;
  /** The recogniser to use for a new call (settings may change between calls). */
  transcriber: () => Transcriber;
  vad: VadFactory;
  /** Used when `vad` cannot load (no ONNX runtime): the recogniser's own endpointing. */
  fallbackVad: VadFactory;
  dispositions?: () => readonly string[];
  /** The summariser configured now, if any (policy may change between calls). */
  summary?: () => SummaryProvider | undefined;
  /** How long a summariser may take after the extractive draft is out (default 15 s). */
  summaryTimeoutMs?: number;
  /** The knowledge index's sync state, shown in the panel. */
  knowledge?: () => KnowledgeStatus;
  /** Embedding re-ranking configured now, if any (embeddings.ts): suggestions are re-ordered when it answers. */
  reranker?: () => EmbeddingReranker | undefined;
  now?: () => number;
  /** The VAD's end-of-turn silence, to time suggestions from when the words really ended (default 480). */
  vadEndSilenceMs?: number;
  /** How long the hang-up waits for the last words before drafting (default 500 ms). */
  finalWaitMs?: number;
  /** The language the agent's UI shows: the draft's own words (not the customer's) are in it (default English). */
  uiLanguage?: () => AppLanguage;
}

export interface AssistMetrics {
  /**
   * Customer's words ended (VAD end minus its silence window) → the suggestions for the whole utterance
   * were in the view, ms; negative when they were already there before the words ended (partials).
   */
  turnToSuggestionMs: number[];
  /**
   * Customer's words ended → the suggestion query had every rare term of the utterance (the partial
   * that carried its last content words was searched), ms: the stricter measure; negative = before.
   */
  turnToQueryMs: number[];
  /** Customer's words ended → the final transcript of the turn arrived, ms (waits for the VAD's end of turn). */
  turnToFinalMs: number[];
  /** Call ended → draft ready, ms. */
  hangupToDraftMs: number[];
  framesIn: number;
  framesDropped: number;
}

const PRE_ROLL_FRAMES = 6;
const RECENT_TURN_MS = 90_000;
const REDACTION_MASK = /\[[^\]\n]{1,40}\]/g;
/** Any redaction mask: the turn carried a personal detail. */
const PERSONAL_DETAIL_MASK = /\[[^\]\n]{1,40}\]/;
const MAX_TURNS = 200;
const ENDED_KEPT = 5;
const PUSH_DELAY_MS = 120;

interface Leg {
  leg: AssistLeg;
  vad: Promise<VoiceActivityDetector>;
  stream: TranscriberStream | undefined;
  speaking: boolean;
  preRoll: Int16Array[];
  chain: Promise<void>;
  nextSeq: number;
  /** When the VAD last declared the end of a turn whose words have not come yet. */
  speechEndedAt?: number;
  /** When the recogniser finished the turn before the VAD declared its end: when its suggestions were ready, and its final. */
  finalBeforeEndAt?: { suggestionsAt: number; queryAt: number; finalAt: number };
  /** Resolves when a final result arrives after endUtterance (hang-up waits for it). */
  finalWaiters: Array<() => void>;
}

interface Session {
  call: Pick<Call, 'id' | 'remoteNumber' | 'startedAt'>;
  live: boolean;
  paymentMode: boolean;
  narrowband: boolean;
  turns: TranscriptTurn[];
  partial: Partial<Record<AssistLeg, string>>;
  suggestions: Suggestion[];
  tally: Map<string, ArticleTally>;
  escalation: Set<string>;
  legs: Map<AssistLeg, Leg>;
  /** The rare-term query the suggestions were last made from (partials repeat it often). */
  lastQueryKey: string;
  queryAt: number;
  /** The articles shown, in order, and since when (the metric credits partials that found them early). */
  suggestionKey: string;
  suggestionsAt: number;
  draft?: AssistDraft;
  endedAt?: number;
  /**
   * Redacts every partial and final of this call: it remembers what the agent asked for and a card
   * number read in pieces (see redaction/redactor.ts).
   */
  redactor: ConversationRedactor;
  nextTurn: number;
  /** Opened while ringing for the intent routing reported (primeIntent): the query until the customer speaks. */
  intentText?: string;
}

/** Content words of a sentence that names a topic ("my parcel still hasn't come"): fewer vote less for the reason. */
const TOPIC_SENTENCE_WORDS = 3;

export class AssistService {
  // Bounded (sampleRing.ts): a shift of calls must not grow these.
  readonly metrics: AssistMetrics = { turnToSuggestionMs: sampleRing(), turnToQueryMs: sampleRing(), turnToFinalMs: sampleRing(), hangupToDraftMs: sampleRing(), framesIn: 0, framesDropped: 0 };
  private readonly sessions = new Map<string, Session>();
  private asr: AsrStatus = { provider: 'off', state: 'off', languages: [] };
  private transcriber: Transcriber | undefined;
  private pushTimer: NodeJS.Timeout | undefined;
  private readonly draftListeners = new Set<DraftListener>();
  private readonly unsubscribe: () => void;
  private readonly now: () => number;
  private disposed = false;

  constructor(private readonly deps: AssistServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.unsubscribe = deps.state.onChange((snapshot) => this.observe(snapshot));
  }

  /** Checks the recogniser (builds the pocketsphinx helper if needed) and publishes its status. */
  async start(): Promise<void> {
    await this.refreshAsr();
  }

  private async refreshAsr(): Promise<Transcriber> {
    const transcriber = this.deps.transcriber();
    if (transcriber !== this.transcriber) {
      this.transcriber = transcriber;
      this.asr = await transcriber.status();
      if (this.asr.state === 'unavailable') this.deps.log.warn({ provider: this.asr.provider, reason: this.asr.message }, 'live transcription unavailable');
      else this.deps.log.info({ provider: this.asr.provider, state: this.asr.state }, 'live transcription');
      this.changed();
      // The engine taps call audio only while something here transcribes it.
      this.deps.hub.emit('engine', 'assist.tap', { on: this.tapWanted() });
    }
    return transcriber;
  }

  /** Whether the engine should tap call audio: only while live transcription is ready. */
  tapWanted(): boolean {
    return this.asr.state === 'ready';
  }

  /** The wrap-up module listens here to pre-fill its form. */
  onDraft(listener: DraftListener): () => void {
    this.draftListeners.add(listener);
    return () => this.draftListeners.delete(listener);
  }

  draftFor(callId: string): AssistDraft | undefined {
    return this.sessions.get(callId)?.draft;
  }

  /**
   * Routing reported the call's intent before anyone spoke (the self-service bot detected it): suggestions
   * for it are shown while the call still rings, through the same query path as the customer's words,
   * which take over as soon as there are any. A call that ends unanswered leaves no session and no draft.
   */
  primeIntent(call: Call, words: readonly string[]): void {
    if (this.disposed || words.length === 0 || call.state === 'ended') return;
    if (!this.sessions.has(call.id)) this.open(call);
    const session = this.sessions.get(call.id)!;
    if (!session.live || session.turns.length > 0) return;
    session.intentText = redact(words.join(' ')).text;
    if (this.suggest(session)) this.changed(true);
  }

  /** One frame from the engine. Returns whether main wants more audio for this leg. */
  /** A frame with base64 PCM (the offline tools' form); the engine's binary frames go to ingestPcm. */
  ingest(frame: AudioFrame): { accept: boolean } {
    const bytes = Buffer.from(frame.pcm, 'base64');
    const pcm = new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + (bytes.length & ~1)));
    return this.ingestPcm({ ...frame, pcm });
  }

  ingestPcm(frame: PcmFrame): { accept: boolean } {
    this.metrics.framesIn += 1;
    const session = this.sessions.get(frame.callId);
    if (!session || !session.live || this.asr.state !== 'ready') return { accept: false };
    if (session.paymentMode) return { accept: false };
    const leg = this.leg(session, frame.leg);
    if (frame.seq > leg.nextSeq) this.metrics.framesDropped += frame.seq - leg.nextSeq;
    leg.nextSeq = frame.seq + 1;
    const { pcm } = frame;
    leg.chain = leg.chain.then(() => this.process(session, leg, pcm)).catch((error: unknown) => {
      this.deps.log.warn({ err: error, callId: session.call.id, leg: leg.leg }, 'assist audio processing failed');
    });
    return { accept: true };
  }

  private async process(session: Session, leg: Leg, pcm: Int16Array): Promise<void> {
    if (!session.live || session.paymentMode) return;
    const vad = await leg.vad;
    await vad.push(pcm);
    if (leg.speaking) leg.stream?.write(pcm);
    else {
      leg.preRoll.push(pcm);
      if (leg.preRoll.length > PRE_ROLL_FRAMES) leg.preRoll.shift();
    }
  }

  private leg(session: Session, which: AssistLeg): Leg {
    const leg = session.legs.get(which);
    if (leg) return leg;
    const created: Leg = {
      leg: which,
      stream: undefined,
      speaking: false,
      preRoll: [],
      chain: Promise.resolve(),
      nextSeq: 0,
      finalWaiters: [],
      vad: Promise.resolve(undefined as unknown as VoiceActivityDetector),
    };
    const events = {
      onSpeechStart: () => {
        created.speaking = true;
        for (const frame of created.preRoll.splice(0)) created.stream?.write(frame);
      },
      onSpeechEnd: () => {
        if (!created.speaking) return;
        created.speaking = false;
        // The words really ended `vadEndSilenceMs` before the VAD says so.
        const spokenEnd = this.now() - (this.deps.vadEndSilenceMs ?? 480);
        if (created.finalBeforeEndAt !== undefined && created.leg === 'customer') {
          // Only turns that had suggestions (and a query) count: nothing found is not "ready early".
          if (created.finalBeforeEndAt.suggestionsAt) this.metrics.turnToSuggestionMs.push(created.finalBeforeEndAt.suggestionsAt - spokenEnd);
          if (created.finalBeforeEndAt.queryAt) this.metrics.turnToQueryMs.push(created.finalBeforeEndAt.queryAt - spokenEnd);
          this.metrics.turnToFinalMs.push(Math.max(0, created.finalBeforeEndAt.finalAt - spokenEnd));
        }
        created.speechEndedAt = created.finalBeforeEndAt === undefined ? spokenEnd : undefined;
        created.finalBeforeEndAt = undefined;
        created.stream?.endUtterance();
      },
    };
    created.vad = this.deps.vad(events).catch((error: unknown) => {
      this.deps.log.warn({ err: error }, 'Silero VAD unavailable; using the recogniser endpointing');
      return this.deps.fallbackVad(events);
    });
    created.stream = this.transcriber?.open({
      onResult: (result) => this.result(session, created, result),
      // A recogniser's error may quote what it heard: redacted like everything else.
      onError: (error) => this.deps.log.warn({ callId: session.call.id, leg: which, reason: redact(error.message).text }, 'transcription stream failed'),
    });
    session.legs.set(which, created);
    return created;
  }

  private result(session: Session, leg: Leg, result: TranscriptResult): void {
    if (this.disposed || session.paymentMode) return;
    // Partials are redacted with the call's state but do not change it; only finals move it on.
    const text = session.redactor.redact(leg.leg, result.text.trim(), result.kind === 'partial' ? 'partial' : 'final').text;
    if (result.kind === 'partial') {
      session.partial[leg.leg] = text;
      // Suggestions follow the words as they come, not the end of the turn (which the VAD confirms only
      // after its silence window): each partial that changes the rare-term query refreshes them.
      const urgent = leg.leg === 'customer' && this.suggest(session);
      this.changed(urgent);
      return;
    }
    delete session.partial[leg.leg];
    for (const wake of leg.finalWaiters.splice(0)) wake();
    if (!text) {
      leg.speechEndedAt = undefined;
      this.changed();
      return;
    }
    // Only the customer's words are scored: inferring a worker's emotions is prohibited (docs/supervisor.md).
    const sentiment = leg.leg === 'customer' ? scoreTurn(text) : undefined;
    session.turns.push({ id: `${session.call.id}-${session.nextTurn++}`, leg: leg.leg, text, at: this.now(), sentiment: sentiment?.score, cues: sentiment?.cues ?? [] });
    if (session.turns.length > MAX_TURNS) session.turns.shift();
    for (const cue of sentiment?.cues ?? []) session.escalation.add(cue);
    let urgent = false;
    if (leg.leg === 'customer') {
      urgent = this.suggest(session);
      this.tallyTurn(session, text);
      if (leg.speechEndedAt !== undefined) {
        if (session.suggestionsAt) this.metrics.turnToSuggestionMs.push(session.suggestionsAt - leg.speechEndedAt);
        if (session.queryAt) this.metrics.turnToQueryMs.push(session.queryAt - leg.speechEndedAt);
        this.metrics.turnToFinalMs.push(this.now() - leg.speechEndedAt);
        leg.speechEndedAt = undefined;
      } else if (leg.speaking) leg.finalBeforeEndAt = { suggestionsAt: session.suggestionsAt, queryAt: session.queryAt, finalAt: this.now() };
    }
    this.changed(urgent);
  }

  /** Refreshes the suggestions from the recent customer words; true when the articles shown changed. */
  private suggest(session: Session): boolean {
    const since = this.now() - RECENT_TURN_MS;
    let texts = session.turns.filter((turn) => turn.leg === 'customer' && turn.at >= since).slice(-4).map((turn) => turn.text);
    if (session.partial.customer) texts.push(session.partial.customer);
    if (texts.length === 0 && session.intentText) texts = [session.intentText];
    if (texts.length === 0) return false;
    // A turn that carried personal details (it was redacted) is identification or payment, not a new
    // topic: it neither steers the suggestions nor makes the turns before it older.
    const topical = texts.filter((text) => !PERSONAL_DETAIL_MASK.test(text));
    if (topical.length > 0) texts = topical;
    // Masks ("[card number]") are not the customer's words: they must not steer the query, and a digit
    // run masked differently in a partial and in the final must not change it.
    for (let i = 0; i < texts.length; i += 1) texts[i] = texts[i]!.replace(REDACTION_MASK, ' ');
    const query = this.deps.index.buildQuery(texts);
    const queryKey = query.terms.join(' ');
    // Same rare terms, same answer: most partials only add filler words.
    if (queryKey === session.lastQueryKey) return false;
    session.lastQueryKey = queryKey;
    session.queryAt = this.now();
    const reranker = this.deps.reranker?.();
    const candidates = this.deps.index.suggestFor(query, { limit: reranker ? 10 : 3, callId: session.call.id }, texts.join(' '));
    if (candidates.length === 0) return false;
    if (reranker) this.rerankLater(session, reranker, queryKey, texts.join(' '), candidates);
    const hits = candidates.slice(0, 3);
    session.suggestions = hits.map(toSuggestion);
    const key = hits.map((hit) => hit.articleId).join(' ');
    if (key === session.suggestionKey) return false;
    session.suggestionKey = key;
    session.suggestionsAt = this.now();
    return true;
  }

  /** Re-orders the BM25 suggestions by embeddings; shown only if the customer has not moved on meanwhile. */
  private rerankLater(session: Session, reranker: EmbeddingReranker, queryKey: string, text: string, candidates: readonly Suggestion[]): void {
    void reranker
      .rerank(text, candidates, (hit) => this.deps.index.articleText(hit.articleId) ?? { id: hit.articleId, title: hit.title, body: hit.passage })
      .then((ordered) => {
        if (session.lastQueryKey !== queryKey || !this.sessions.has(session.call.id)) return;
        const hits = ordered.slice(0, 3);
        const key = hits.map((hit) => hit.articleId).join(' ');
        if (key === session.suggestionKey) return;
        session.suggestions = hits.map(toSuggestion);
        session.suggestionKey = key;
        session.suggestionsAt = this.now();
        this.changed(true);
      });
  }

  /**
   * The call reason for the draft: each customer turn on its own votes for the articles it matches, earlier
   * ranks more, later turns a little more (people describe the problem first and say what they want last).
   */
  private tallyTurn(session: Session, text: string): void {
    // A turn that carried personal details (it was redacted) or a reference number ("my order number is …")
    // is identification or payment, not the reason.
    if (text.search(MASK_PATTERN) >= 0 || givesDetails(text)) return;
    const ordinal = session.turns.filter((turn) => turn.leg === 'customer').length;
    // A turn votes with what it says: "thanks", "好的", "Mm." say nothing about the topic, and a short
    // reply ("Tomorrow afternoon, I'll hold you to that") says less than the sentence that named it.
    const words = contentWords(text).length;
    if (words === 0) return;
    const say = Math.min(1, words / TOPIC_SENTENCE_WORDS);
    // Spoken English rarely reaches a high confidence: every match votes, weighted by it.
    const vote = (hits: readonly Suggestion[], share: number) =>
      hits.slice(0, 3).forEach((hit, rank) => {
        const tally = session.tally.get(hit.articleId) ?? { articleId: hit.articleId, title: hit.title, weight: 0 };
        tally.weight += share * [1, 0.3, 0.1][rank]! * (0.5 + hit.confidence) * (1 + 0.3 * ordinal);
        session.tally.set(hit.articleId, tally);
      });
    vote(this.deps.index.suggest([text], { limit: 3 }), say);
  }

  search(query: string, callId?: string): Suggestion[] {
    // Typed text is redacted like speech: a card number typed into search is never used or kept.
    const clean = redact(query).text;
    return this.deps.index.search(clean, { limit: 5, callId }).map(toSuggestion);
  }

  feedback(articleId: string, helpful: boolean, callId?: string): void {
    if (!this.deps.index.recordFeedback(articleId, helpful, callId)) throw new ServiceError('notFound', 'That article is no longer in the knowledge base');
    const session = callId ? this.sessions.get(callId) : undefined;
    if (session) {
      const tally = session.tally.get(articleId);
      if (tally) tally.helpful = helpful;
      else {
        const title = session.suggestions.find((s) => s.articleId === articleId)?.title ?? articleId;
        session.tally.set(articleId, { articleId, title, weight: 0, helpful });
      }
      session.suggestions = session.suggestions.map((s) => (s.articleId === articleId ? { ...s, feedback: helpful ? 'helpful' : 'notHelpful' } : s));
      // The vote re-ranks: the next words must run the query again even if its terms are the same.
      session.lastQueryKey = '';
    }
    this.changed();
  }

  setPaymentMode(callId: string, on: boolean): void {
    const session = this.sessions.get(callId);
    if (!session || !session.live) throw new ServiceError('notFound', 'That call is not live');
    if (session.paymentMode === on) return;
    session.paymentMode = on;
    this.deps.log.info({ callId, on }, 'payment mode');
    if (on) {
      // Nothing said from here on is transcribed: the streams are closed, words in flight are dropped.
      session.partial = {};
      for (const leg of session.legs.values()) void this.closeLeg(leg);
      session.legs.clear();
    }
    this.changed();
  }

  private closeLeg(leg: Leg): Promise<void> {
    const stream = leg.stream;
    leg.stream = undefined;
    return Promise.all([stream?.close(), leg.vad.then((vad) => vad.close()).catch(() => undefined)]).then(() => undefined);
  }

  private observe(snapshot: Snapshot): void {
    if (this.disposed) return;
    for (const call of snapshot.calls) {
      const session = this.sessions.get(call.id);
      if (call.state === 'connected') {
        if (!session) this.open(call);
        else if (!session.live) continue;
        const current = this.sessions.get(call.id)!;
        const narrowband = call.quality?.warnings.includes('narrowband') ?? false;
        if (narrowband !== current.narrowband) {
          current.narrowband = narrowband;
          this.changed();
        }
      } else if (call.state === 'ended' && session?.live && session.intentText !== undefined && call.connectedAt === undefined) {
        // Primed while ringing, never answered: nothing was said, so there is nothing to draft.
        this.sessions.delete(call.id);
        this.changed();
      } else if (call.state === 'ended' && session?.live) {
        void this.end(session);
      }
    }
  }

  private open(call: Call): void {
    void this.refreshAsr();
    this.sessions.set(call.id, {
      call: { id: call.id, remoteNumber: call.remoteNumber, startedAt: call.startedAt },
      live: true,
      paymentMode: false,
      narrowband: false,
      turns: [],
      partial: {},
      suggestions: [],
      tally: new Map(),
      escalation: new Set(),
      legs: new Map(),
      lastQueryKey: '',
      queryAt: 0,
      suggestionKey: '',
      suggestionsAt: 0,
      nextTurn: 1,
      redactor: new ConversationRedactor({ now: this.now }),
    });
    this.changed();
  }

  private async end(session: Session): Promise<void> {
    session.live = false;
    const endedAt = this.now();
    session.endedAt = endedAt;
    // The last words: end every utterance and wait (briefly) for the final results.
    const waits = [...session.legs.values()].map(async (leg) => {
      await leg.chain;
      const gotFinal = new Promise<void>((resolve) => leg.finalWaiters.push(resolve));
      if (leg.speaking || leg.stream) leg.stream?.endUtterance();
      leg.speaking = false;
      await Promise.race([gotFinal, delay(this.deps.finalWaitMs ?? 500)]);
    });
    await Promise.all(waits);
    session.partial = {};
    for (const leg of session.legs.values()) void this.closeLeg(leg);
    session.legs.clear();
    // The turns are already redacted; the draft's words are checked once more before they reach the
    // wrap-up form (which is stored), in case a rule quoted two turns together into something sensitive.
    const draft = redactDraft(
      draftWrapUp({
        callId: session.call.id,
        turns: session.turns,
        articles: [...session.tally.values()],
        dispositions: this.deps.dispositions?.() ?? STANDARD_DISPOSITION_CODES,
        now: this.now(),
        language: this.deps.uiLanguage?.(),
      }),
    );
    session.draft = draft;
    this.metrics.hangupToDraftMs.push(this.now() - endedAt);
    this.pruneEnded();
    this.changed();
    this.emitDraft(draft);
    const summary = this.deps.summary?.();
    if (summary) {
      const extractive = draft;
      try {
        const written = await summary.summarise(extractive, session.turns, AbortSignal.timeout(this.deps.summaryTimeoutMs ?? 15_000));
        if (this.disposed) return;
        // The service's words are redacted again: it may have echoed a number back in another form.
        session.draft = redactDraft({ ...written, callId: extractive.callId });
        this.changed();
        this.emitDraft(session.draft, extractive);
      } catch (error) {
        // The service's error may quote the transcript back: redacted like everything logged.
        this.deps.log.warn({ provider: summary.name, reason: redact((error as Error).message).text }, 'summary provider failed; keeping the extractive draft');
      }
    }
  }

  private emitDraft(draft: AssistDraft, replaces?: AssistDraft): void {
    for (const listener of this.draftListeners) {
      try {
        listener(draft, replaces);
      } catch (error) {
        this.deps.log.warn({ err: error }, 'draft listener failed');
      }
    }
  }

  /** The knowledge sync changed state: push it to the panel. */
  knowledgeChanged(): void {
    this.changed();
  }

  private pruneEnded(): void {
    const ended = [...this.sessions.values()].filter((session) => !session.live).sort((a, b) => (a.endedAt ?? 0) - (b.endedAt ?? 0));
    for (const session of ended.slice(0, Math.max(0, ended.length - ENDED_KEPT))) this.sessions.delete(session.call.id);
  }

  view(): AssistView {
    const sessions = [...this.sessions.values()].sort((a, b) => Number(b.live) - Number(a.live) || (b.endedAt ?? b.call.startedAt) - (a.endedAt ?? a.call.startedAt));
    return { asr: this.asr, knowledge: this.deps.knowledge?.(), calls: sessions.slice(0, 6).map((session) => this.callView(session)) };
  }

  private callView(session: Session): AssistCallView {
    const customerTurns = session.turns.filter((turn) => turn.leg === 'customer');
    const smoothed = trend(customerTurns.map((turn) => turn.sentiment ?? 0));
    return {
      callId: session.call.id,
      live: session.live,
      paymentMode: session.paymentMode,
      narrowband: session.narrowband,
      turns: session.turns.slice(-200),
      partial: { ...session.partial },
      suggestions: session.suggestions,
      trend: customerTurns.map((turn, i) => ({ at: turn.at, score: smoothed[i] ?? 0, leg: 'customer' as const })).slice(-200),
      mood: smoothed.at(-1) ?? 0,
      escalation: [...session.escalation].slice(0, 8),
      draft: session.draft,
    };
  }

  /**
   * Pushes the view, coalesced: at most one push per PUSH_DELAY_MS for transcript words. `urgent` (new
   * articles) goes out now, whenever the last push was: the agent is waiting for them, and they change
   * a few times per utterance at most (the words pushed with them leave nothing for the timer).
   */
  private changed(urgent = false): void {
    if (this.disposed) return;
    const push = () => {
      clearTimeout(this.pushTimer);
      this.pushTimer = undefined;
      if (!this.disposed) this.deps.hub.emit('ui', 'assist.changed', this.view());
    };
    if (urgent) return push();
    this.pushTimer ??= setTimeout(push, PUSH_DELAY_MS);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.unsubscribe();
    clearTimeout(this.pushTimer);
    await Promise.all([...this.sessions.values()].flatMap((session) => [...session.legs.values()].map((leg) => this.closeLeg(leg))));
  }
}

function toSuggestion(hit: Suggestion): Suggestion {
  return { articleId: hit.articleId, title: hit.title, passage: hit.passage, confidence: hit.confidence, url: hit.url, lang: hit.lang, feedback: hit.feedback };
}

/** The draft's free text redacted on its own (entities are values the extractor chose, left as they are). */
export function redactDraft(draft: AssistDraft): AssistDraft {
  // The order number the draft labelled came out of already-redacted turns, where its cue ("order")
  // kept it; on its own in the notes it looks like an ID ("HL220918" has the shape of an NI number), so
  // exactly that value is kept through this second pass. Anything else of that shape is still masked.
  const kept = draft.entities
    .filter((entity) => entity.kind === 'order' && /^[A-Z0-9]{4,}$/i.test(entity.text))
    .map((entity) => entity.text);
  const clean = (text: string) => {
    if (kept.length === 0) return redact(text).text;
    const held: string[] = [];
    const guarded = text.replace(new RegExp(kept.map((value) => `(?<![A-Za-z0-9])${value}(?![A-Za-z0-9])`).join('|'), 'g'), (value) => {
      held.push(value);
      return '\uE000';
    });
    let i = 0;
    return redact(guarded).text.replace(/\uE000/g, () => held[i++] ?? '');
  };
  return { ...draft, reason: clean(draft.reason), notes: clean(draft.notes), keyTurns: draft.keyTurns.map(clean), promises: draft.promises.map(clean) };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
