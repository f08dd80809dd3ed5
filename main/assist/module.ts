// Builds agent assist for createApp: the knowledge index (its own SQLCipher file attached to the
// encrypted store, kept in step with the gateway by KnowledgeSync), the recogniser chosen by policy
// (asrProvider, asrServiceUrl/Token), Silero VAD, the optional summary service, the service and its
// channels. Nothing here may stop the app: a KB file that will not open falls back to memory, and a
// recogniser that cannot run is reported in the assist panel while search still works.
import { dirname, join } from 'node:path';
import type { AppLanguage } from '../../common/i18n/language';
import type { AppState } from '../session/state';
import type { EventHub } from '../ipc/hub';
import type { IpcRouter } from '../ipc/router';
import type { Logger } from '../log/logger';
import { loadDriver, type Db } from '../store/driver';
import { ensurePrivateDatabase } from '../store/privateFiles';
import type { StoreHandle } from '../store/store';
import { systemScheduler, type Scheduler } from '../time/scheduler';
import type { GatewayClient } from '../gateway/gatewayClient';
import { PocketsphinxTranscriber } from './asr/pocketsphinx';
import { RemoteStreamingTranscriber } from './asr/remoteStreaming';
import { SherpaOnnxTranscriber } from './asr/sherpaOnnx';
import { OffTranscriber, type Transcriber } from './asr/transcriber';
import { AssistService, type SummaryProvider } from './assistService';
import { demoArticles } from './kb/demoKb';
import { KNOWLEDGE_SEED_FILE, loadPrebuiltSeed } from './kb/prebuiltSeed';
import { KnowledgeIndex, type Article } from './knowledgeIndex';
import { HttpKnowledgeSource, KnowledgeSync, type KnowledgeSource } from './knowledgeSync';
import { OpenAiCompatibleSummary } from './openAiSummary';
import { registerAssistChannels } from './routes';
import { EmbeddingReranker, LocalModelEmbeddings, OpenAiEmbeddings, type EmbeddingProvider } from './embeddings';
import type { SemanticReranker } from './semanticRerank';
import { passthroughVad, sileroVad, type VadFactory } from './vad';
import { TranscriberSlot } from './asr/transcriberSlot';

export interface AssistOptions {
  /** Folder for the sherpa-onnx model default (<dataDir>/models/asr). */
  dataDir?: string;
  /** 'pocketsphinx' (default) or 'sherpa-onnx' for asrProvider = local. */
  localEngine?: 'pocketsphinx' | 'sherpa-onnx';
  /** Where an administrator installs the sherpa-onnx model. */
  sherpaModelDir?: string;
  /** Developer override of the policy's transcription service (asrServiceUrl/Token). */
  remote?: { url: string; token?: string; language?: string };
  /** Articles to index at start instead of the shipped seed (tests, benchmarks); never synced over. */
  articles?: Article[];
  /** The shipped seed indexed at build time (scripts/build-knowledge-seed.ts); default: next to the bundled main. */
  seedFile?: string;
  /** A summariser instead of the one policy configures (tests). */
  summary?: SummaryProvider;
  /** Where knowledge pages come from instead of the gateway (tests). */
  knowledgeSource?: KnowledgeSource;
  /** Between knowledge syncs (default 15 minutes). */
  knowledgeSyncIntervalMs?: number;
  vad?: VadFactory;
  /** A recogniser instead of the one policy chooses (the evaluation command's text-driven one). */
  transcriber?: Transcriber;
  /** The clock of the service (the evaluation command replays calls on their own day). */
  now?: () => number;
}

/** What assist reads from policy (and the agent's settings) each time it needs it. */
export interface AssistPolicy {
  /** off | local | cloud, read when each call starts. */
  asrProvider?: 'off' | 'local' | 'cloud';
  asrServiceUrl?: string;
  asrServiceToken?: string;
  summaryServiceUrl?: string;
  summaryServiceModel?: string;
  summaryServiceToken?: string;
  embeddingServiceUrl?: string;
  embeddingServiceModel?: string;
  embeddingServiceToken?: string;
  embeddingModelDir?: string;
}

export interface AssistModuleDeps {
  state: AppState;
  hub: EventHub;
  router: IpcRouter;
  log: Logger;
  policy: () => AssistPolicy;
  dispositions?: () => readonly string[];
  /** The language the agent's UI shows (the wrap-up draft's own words are in it). */
  uiLanguage?: () => AppLanguage;
  /** The encrypted store: the knowledge index is attached to it, keyed the same. */
  store?: StoreHandle;
  /** The gateway the knowledge base syncs from. */
  gateway?: GatewayClient;
  scheduler?: Scheduler;
}

/** Reads AssistOptions from the environment (headless host, ./dev start). */
export function assistOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): AssistOptions {
  return {
    dataDir: env.HEARTHLINE_DATA_DIR || undefined,
    localEngine: env.HEARTHLINE_ASR_ENGINE === 'sherpa-onnx' ? 'sherpa-onnx' : 'pocketsphinx',
    sherpaModelDir: env.HEARTHLINE_ASR_MODEL_DIR || undefined,
    // Developer override only; IT sets asrServiceUrl/asrServiceToken in policy.
    remote: env.HEARTHLINE_ASR_URL ? { url: env.HEARTHLINE_ASR_URL, token: env.HEARTHLINE_ASR_TOKEN } : undefined,
  };
}

/** The transcriber policy asks for: which one, and the key it is cached under (changes when its settings do). */
export function chooseTranscriber(policy: AssistPolicy, options: Pick<AssistOptions, 'localEngine' | 'sherpaModelDir' | 'dataDir' | 'remote'>): { key: string; create: () => Transcriber } {
  const setting = policy.asrProvider ?? 'local';
  if (setting === 'off') return { key: 'off', create: () => new OffTranscriber() };
  if (setting === 'cloud') {
    const remote = options.remote ?? { url: policy.asrServiceUrl ?? '', token: policy.asrServiceToken };
    return { key: `cloud ${remote.url} ${remote.token ?? ''}`, create: () => new RemoteStreamingTranscriber(remote) };
  }
  if ((options.localEngine ?? 'pocketsphinx') === 'sherpa-onnx') {
    const modelDir = options.sherpaModelDir ?? join(options.dataDir ?? '.', 'models', 'asr');
    return { key: 'sherpa-onnx', create: () => new SherpaOnnxTranscriber({ modelDir }) };
  }
  return { key: 'pocketsphinx', create: () => new PocketsphinxTranscriber() };
}

/** The summary service policy configures, if any (a URL and a model are both needed). */
export function chooseSummary(policy: AssistPolicy, log: Logger): SummaryProvider | undefined {
  if (!policy.summaryServiceUrl || !policy.summaryServiceModel) return undefined;
  return new OpenAiCompatibleSummary({ baseUrl: policy.summaryServiceUrl, model: policy.summaryServiceModel, token: policy.summaryServiceToken, log });
}

/**
 * The embedding re-ranking policy configures, if any: a service (URL and model) wins over a local model
 * folder. Without either, suggestions are ranked by bm25, the lexicon and the contrast cues alone.
 */
export function chooseEmbeddings(policy: AssistPolicy): EmbeddingProvider | undefined {
  if (policy.embeddingServiceUrl && policy.embeddingServiceModel) return new OpenAiEmbeddings({ baseUrl: policy.embeddingServiceUrl, model: policy.embeddingServiceModel, token: policy.embeddingServiceToken });
  if (policy.embeddingModelDir) return new LocalModelEmbeddings(policy.embeddingModelDir);
  return undefined;
}

/** The knowledge index's own file, next to the store's. */
export const KNOWLEDGE_DB_FILE = 'knowledge.db';
const KNOWLEDGE_SCHEMA = 'assist_kb';

export class AssistModule {
  readonly service: AssistService;
  readonly index: KnowledgeIndex;
  readonly knowledgeSync: KnowledgeSync;
  private readonly closeIndex: () => void;
  private readonly transcriber = new TranscriberSlot();
  /** The shipped articles, when no prebuilt seed matched them: indexed just after the start. */
  private pendingSeed: Article[] | undefined;
  private seedTimer: NodeJS.Immediate | undefined;
  private summary: { key: string; provider: SummaryProvider | undefined } | undefined;
  private reranker: { key: string; reranker: EmbeddingReranker | undefined } | undefined;

  constructor(deps: AssistModuleDeps, options: AssistOptions = {}) {
    const log = deps.log;
    // No word-vector re-ranking: on the dev split it lowered hit@1 (docs/assist.md, semanticRerank.test.ts).
    const opened = openKnowledgeIndex(deps.store, log);
    this.closeIndex = opened.close;
    this.index = opened.index;
    this.index.whenRebuilt().catch((error: unknown) => log.error({ err: error }, 'knowledge index: re-indexing in this version\'s format failed; it starts again at the next start'));
    if (options.articles) this.index.replaceAll(options.articles);
    // The shipped articles only until the first sync: an index that synced (even to empty) keeps its own.
    // They come prebuilt (loading them costs milliseconds); segmenting them here would hold up the start.
    else if (this.wantsSeed()) {
      const shipped = demoArticles();
      const prebuilt = loadPrebuiltSeed(options.seedFile ?? join(__dirname, KNOWLEDGE_SEED_FILE), shipped);
      if (prebuilt) this.index.replaceAllIndexed(prebuilt);
      else this.pendingSeed = shipped;
    }
    const source = options.knowledgeSource ?? (deps.gateway && !options.articles ? new HttpKnowledgeSource(deps.gateway) : undefined);
    this.knowledgeSync = new KnowledgeSync({ source, index: this.index, log, scheduler: deps.scheduler ?? systemScheduler, intervalMs: options.knowledgeSyncIntervalMs });

    const pick = (): Transcriber => options.transcriber ?? this.transcriber.get(chooseTranscriber(deps.policy(), options));
    const summary = (): SummaryProvider | undefined => {
      if (options.summary) return options.summary;
      const policy = deps.policy();
      const key = `${policy.summaryServiceUrl} ${policy.summaryServiceModel} ${policy.summaryServiceToken}`;
      if (this.summary?.key !== key) this.summary = { key, provider: chooseSummary(policy, log) };
      return this.summary.provider;
    };
    this.service = new AssistService({
      state: deps.state,
      hub: deps.hub,
      log,
      index: this.index,
      transcriber: pick,
      vad: options.vad ?? sileroVad(),
      fallbackVad: passthroughVad,
      dispositions: deps.dispositions,
      uiLanguage: deps.uiLanguage,
      summary,
      knowledge: () => this.knowledgeSync.status(),
      now: options.now,
      reranker: () => {
        const policy = deps.policy();
        const key = `${policy.embeddingServiceUrl} ${policy.embeddingServiceModel} ${policy.embeddingServiceToken} ${policy.embeddingModelDir}`;
        if (this.reranker?.key !== key) {
          const provider = chooseEmbeddings(policy);
          this.reranker = { key, reranker: provider ? new EmbeddingReranker(provider, { log }) : undefined };
        }
        return this.reranker.reranker;
      },
    });
    this.knowledgeSync.onChange(() => {
      this.reranker?.reranker?.forget();
      this.service.knowledgeChanged();
    });
    registerAssistChannels(deps.router, this.service);
  }

  start(): Promise<void> {
    if (this.pendingSeed) {
      // No build ran (development, tests): the seed is indexed once the start is done, unless a sync got there first.
      const articles = this.pendingSeed;
      this.pendingSeed = undefined;
      this.seedTimer = setImmediate(() => {
        this.seedTimer = undefined;
        if (!this.wantsSeed()) return;
        this.index.replaceAll(articles);
        this.service.knowledgeChanged();
      });
    }
    this.knowledgeSync.start();
    return this.service.start();
  }

  private wantsSeed(): boolean {
    return this.index.syncState().cursor === undefined && this.index.count() === 0;
  }

  async dispose(): Promise<void> {
    clearImmediate(this.seedTimer);
    this.knowledgeSync.dispose();
    await this.service.dispose();
    this.transcriber.dispose();
    this.closeIndex();
  }
}

/**
 * The knowledge index goes in its own file attached to the store's connection: ATTACH without a key
 * uses the store's SQLCipher key, so the agent's votes are encrypted like the rest of their data, and
 * the store's migrations are untouched. Without an on-disk store it lives in memory (seed, then sync).
 */
export function openKnowledgeIndex(store: StoreHandle | undefined, log: Logger, reranker?: SemanticReranker): { index: KnowledgeIndex; close: () => void } {
  if (store?.file && store.db.open) {
    try {
      const file = join(dirname(store.file), KNOWLEDGE_DB_FILE);
      ensurePrivateDatabase(file); // SQLite would create it world-readable under the usual umask
      store.db.prepare(`ATTACH DATABASE ? AS ${KNOWLEDGE_SCHEMA}`).run(file);
      store.db.pragma(`${KNOWLEDGE_SCHEMA}.journal_mode = WAL`);
      const index = new KnowledgeIndex(store.db, Date.now, KNOWLEDGE_SCHEMA, reranker);
      // The store's owner closes the connection; detaching first lets the store close cleanly.
      return {
        index,
        close: () => {
          index.stopWork();
          if (store.db.open) store.db.exec(`DETACH DATABASE ${KNOWLEDGE_SCHEMA}`);
        },
      };
    } catch (error) {
      log.warn({ err: error }, 'the knowledge index file could not be opened; keeping the knowledge index in memory until the next start');
      try {
        store.db.exec(`DETACH DATABASE ${KNOWLEDGE_SCHEMA}`);
      } catch {
        // It was never attached.
      }
    }
  }
  const Driver = loadDriver();
  const db: Db = new Driver(':memory:');
  return { index: new KnowledgeIndex(db, Date.now, 'main', reranker), close: () => db.close() };
}
