// Speech-to-text behind one interface, so the built-in offline engine (pocketsphinx), a local model
// directory (sherpa-onnx) and a self-hosted or cloud service (WebSocket) are interchangeable.
import type { AsrStatus } from '../../../common/contract/assist';

export interface TranscriptResult {
  kind: 'partial' | 'final';
  /** Raw recognised words: NOT redacted yet; the caller redacts before storing, showing or logging. */
  text: string;
}

export interface TranscriberStreamHandlers {
  onResult: (result: TranscriptResult) => void;
  onError: (error: Error) => void;
}

/** One recognition stream per call leg, fed 16 kHz mono signed 16-bit PCM. */
export interface TranscriberStream {
  write(pcm: Int16Array): void;
  /** The VAD saw the end of a turn: finish the utterance now (a final result follows, possibly empty). */
  endUtterance(): void;
  /** Stops; no result is delivered after this resolves. */
  close(): Promise<void>;
}

export interface Transcriber {
  readonly provider: AsrStatus['provider'];
  /** Whether it can run here, and if not, why in plain words. Never throws. */
  status(): Promise<AsrStatus>;
  open(handlers: TranscriberStreamHandlers): TranscriberStream;
  /** Policy chose another recogniser: let go of what this one holds (a loaded model). Open streams carry on. */
  dispose?(): void;
}

/** Assist with transcription off: nothing is ever recognised. */
export class OffTranscriber implements Transcriber {
  readonly provider = 'off' as const;
  async status(): Promise<AsrStatus> {
    return { provider: 'off', state: 'off', languages: [] };
  }
  open(): TranscriberStream {
    return { write: () => undefined, endUtterance: () => undefined, close: async () => undefined };
  }
}
