// Local-model-directory recogniser: sherpa-onnx (npm sherpa-onnx-node) running a streaming zipformer
// transducer that an administrator puts in a folder (no model ships with the app or is downloaded at run
// time). With no model there, status() says so in plain words and nothing else in the app is affected.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AsrStatus } from '../../../common/contract/assist';
import type { Transcriber, TranscriberStream, TranscriberStreamHandlers } from './transcriber';

export interface SherpaModelFiles {
  encoder: string;
  decoder: string;
  joiner: string;
  tokens: string;
}

/** Finds encoder*.onnx, decoder*.onnx, joiner*.onnx and tokens.txt in `dir` (int8 variants preferred). */
export function findModelFiles(dir: string): SherpaModelFiles | { missing: string[] } {
  if (!existsSync(dir)) return { missing: ['the folder itself'] };
  const files = readdirSync(dir);
  const pick = (prefix: string) => {
    const candidates = files.filter((file) => file.startsWith(prefix) && file.endsWith('.onnx'));
    return candidates.find((file) => file.includes('int8')) ?? candidates[0];
  };
  const encoder = pick('encoder');
  const decoder = pick('decoder');
  const joiner = pick('joiner');
  const tokens = files.includes('tokens.txt') ? 'tokens.txt' : undefined;
  const missing = [
    encoder ? undefined : 'encoder*.onnx',
    decoder ? undefined : 'decoder*.onnx',
    joiner ? undefined : 'joiner*.onnx',
    tokens ? undefined : 'tokens.txt',
  ].filter((name): name is string => name !== undefined);
  if (missing.length || !encoder || !decoder || !joiner || !tokens) return { missing };
  return { encoder: join(dir, encoder), decoder: join(dir, decoder), joiner: join(dir, joiner), tokens: join(dir, tokens) };
}

interface SherpaResult {
  text: string;
}
interface SherpaStream {
  acceptWaveform(input: { samples: Float32Array; sampleRate: number }): void;
  inputFinished(): void;
}
interface SherpaRecognizer {
  createStream(): SherpaStream;
  isReady(stream: SherpaStream): boolean;
  decode(stream: SherpaStream): void;
  isEndpoint(stream: SherpaStream): boolean;
  reset(stream: SherpaStream): void;
  getResult(stream: SherpaStream): SherpaResult;
}

export interface SherpaOptions {
  modelDir: string;
  /** Languages the installed model covers, shown to the agent (e.g. ["zh", "en"]). */
  languages?: string[];
  numThreads?: number;
}

export class SherpaOnnxTranscriber implements Transcriber {
  readonly provider = 'sherpa-onnx' as const;
  private recognizer: SherpaRecognizer | undefined;

  constructor(private readonly options: SherpaOptions) {}

  /** Drops the model (hundreds of MB); streams already open hold their own reference until they close. */
  dispose(): void {
    this.recognizer = undefined;
  }

  async status(): Promise<AsrStatus> {
    const base = { provider: this.provider, languages: this.options.languages ?? ['zh', 'en'] };
    const files = findModelFiles(this.options.modelDir);
    if ('missing' in files) {
      return {
        ...base,
        state: 'unavailable',
        message:
          `No speech model is installed for sherpa-onnx in ${this.options.modelDir} (missing: ${files.missing.join(', ')}). ` +
          'Live transcription is off; suggestions from manual search still work. Ask IT to install a streaming zipformer model there.',
      };
    }
    try {
      this.load(files);
      return { ...base, state: 'ready' };
    } catch (error) {
      return { ...base, state: 'unavailable', message: `The sherpa-onnx model in ${this.options.modelDir} could not be loaded: ${(error as Error).message}` };
    }
  }

  private load(files: SherpaModelFiles): SherpaRecognizer {
    if (this.recognizer) return this.recognizer;
    // Loaded only when a model exists, so a missing native runtime never affects the rest of the app.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sherpa = require('sherpa-onnx-node') as { OnlineRecognizer: new (config: unknown) => SherpaRecognizer };
    this.recognizer = new sherpa.OnlineRecognizer({
      featConfig: { sampleRate: 16000, featureDim: 80 },
      modelConfig: {
        transducer: { encoder: files.encoder, decoder: files.decoder, joiner: files.joiner },
        tokens: files.tokens,
        numThreads: this.options.numThreads ?? 1,
        provider: 'cpu',
        debug: 0,
      },
      decodingMethod: 'greedy_search',
      enableEndpoint: 1,
      rule1MinTrailingSilence: 2.4,
      rule2MinTrailingSilence: 0.8,
      rule3MinUtteranceLength: 20,
    });
    return this.recognizer;
  }

  open(handlers: TranscriberStreamHandlers): TranscriberStream {
    const files = findModelFiles(this.options.modelDir);
    if ('missing' in files) {
      queueMicrotask(() => handlers.onError(new Error(`no sherpa-onnx model in ${this.options.modelDir}`)));
      return { write: () => undefined, endUtterance: () => undefined, close: async () => undefined };
    }
    const recognizer = this.load(files);
    const stream = recognizer.createStream();
    let closed = false;
    let last = '';
    const finish = () => {
      const text = recognizer.getResult(stream).text.trim();
      recognizer.reset(stream);
      last = '';
      handlers.onResult({ kind: 'final', text });
    };
    return {
      write(pcm) {
        if (closed) return;
        const samples = new Float32Array(pcm.length);
        for (let i = 0; i < pcm.length; i += 1) samples[i] = pcm[i]! / 32768;
        stream.acceptWaveform({ samples, sampleRate: 16000 });
        while (recognizer.isReady(stream)) recognizer.decode(stream);
        const text = recognizer.getResult(stream).text.trim();
        if (recognizer.isEndpoint(stream)) {
          if (text) finish();
          else recognizer.reset(stream);
        } else if (text && text !== last) {
          last = text;
          handlers.onResult({ kind: 'partial', text });
        }
      },
      endUtterance() {
        if (!closed) finish();
      },
      async close() {
        closed = true;
      },
    };
  }
}
