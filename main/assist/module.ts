// Builds agent assist for createApp: the knowledge index (its own SQLite file for now, see
// knowledgeIndex.ts), the recogniser chosen by the asrProvider setting, Silero VAD, the service and its
// channels. Nothing here may stop the app: a KB file that will not open falls back to memory, and a
// recogniser that cannot run is reported in the assist panel while search still works.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppState } from '../app/state';
import type { EventHub } from '../ipc/hub';
import type { IpcRouter } from '../ipc/router';
import type { Logger } from '../log/logger';
import { loadDriver, type Db } from '../store/driver';
import { PocketsphinxTranscriber } from './asr/pocketsphinx';
import { RemoteStreamingTranscriber } from './asr/remoteStreaming';
import { SherpaOnnxTranscriber } from './asr/sherpaOnnx';
import { OffTranscriber, type Transcriber } from './asr/transcriber';
import { AssistService, type SummaryProvider } from './assistService';
import { demoArticles } from './kb/demoKb';
import { KnowledgeIndex, type Article } from './knowledgeIndex';
import { registerAssistChannels } from './routes';
import { passthroughVad, sileroVad, type VadFactory } from './vad';

export interface AssistOptions {
  /** Folder for assist.db (KB index + votes); without it the index lives in memory. */
  dataDir?: string;
  /** 'pocketsphinx' (default) or 'sherpa-onnx' for asrProvider = local. */
  localEngine?: 'pocketsphinx' | 'sherpa-onnx';
  /** Where an administrator installs the sherpa-onnx model. */
  sherpaModelDir?: string;
  /** The streaming service for asrProvider = cloud. */
  remote?: { url: string; token?: string; language?: string };
  /** Articles to index at start (default: the demo KB). */
  articles?: Article[];
  summary?: SummaryProvider;
  vad?: VadFactory;
}

export interface AssistModuleDeps {
  state: AppState;
  hub: EventHub;
  router: IpcRouter;
  log: Logger;
  /** off | local | cloud, read when each call starts. */
  asrSetting: () => 'off' | 'local' | 'cloud' | undefined;
  dispositions?: () => readonly string[];
}

/** Reads AssistOptions from the environment (headless host, ./dev start). */
export function assistOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): AssistOptions {
  return {
    dataDir: env.HEARTHLINE_DATA_DIR || undefined,
    localEngine: env.HEARTHLINE_ASR_ENGINE === 'sherpa-onnx' ? 'sherpa-onnx' : 'pocketsphinx',
    sherpaModelDir: env.HEARTHLINE_ASR_MODEL_DIR || undefined,
    remote: env.HEARTHLINE_ASR_URL ? { url: env.HEARTHLINE_ASR_URL, token: env.HEARTHLINE_ASR_TOKEN } : undefined,
  };
}

export class AssistModule {
  readonly service: AssistService;
  readonly index: KnowledgeIndex;
  private readonly db: Db;
  private readonly transcribers = new Map<string, Transcriber>();

  constructor(deps: AssistModuleDeps, options: AssistOptions = {}) {
    const log = deps.log;
    this.db = openDb(options.dataDir, log);
    this.index = new KnowledgeIndex(this.db);
    if (this.index.count() === 0 || options.articles) this.index.replaceAll(options.articles ?? demoArticles());
    const pick = (): Transcriber => {
      const setting = deps.asrSetting() ?? 'local';
      const key = setting === 'local' ? (options.localEngine ?? 'pocketsphinx') : setting;
      let transcriber = this.transcribers.get(key);
      if (!transcriber) {
        if (key === 'off') transcriber = new OffTranscriber();
        else if (key === 'sherpa-onnx') transcriber = new SherpaOnnxTranscriber({ modelDir: options.sherpaModelDir ?? join(options.dataDir ?? '.', 'models', 'asr') });
        else if (key === 'cloud') transcriber = new RemoteStreamingTranscriber(options.remote ?? { url: '' });
        else transcriber = new PocketsphinxTranscriber();
        this.transcribers.set(key, transcriber);
      }
      return transcriber;
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
      summary: options.summary,
    });
    registerAssistChannels(deps.router, this.service);
  }

  start(): Promise<void> {
    return this.service.start();
  }

  async dispose(): Promise<void> {
    await this.service.dispose();
    this.db.close();
  }
}

function openDb(dataDir: string | undefined, log: Logger): Db {
  const Driver = loadDriver();
  if (dataDir) {
    try {
      mkdirSync(dataDir, { recursive: true });
      const db = new Driver(join(dataDir, 'assist.db'));
      db.pragma('journal_mode = WAL');
      return db;
    } catch (error) {
      log.warn({ err: error }, 'assist.db could not be opened; the knowledge index is kept in memory');
    }
  }
  return new Driver(':memory:');
}
