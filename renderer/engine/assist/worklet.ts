// AudioWorklet processor for the assist tap (bundled on its own as dist/renderer/assist-worklet.js):
// mixes its input to mono, resamples to 16 kHz if its context runs at another rate (audioTap.ts asks for
// 16 kHz, so normally it does not) and posts 100 ms frames of 16-bit PCM to the page — only while the leg
// is not silent (common/audio/silenceGate.ts: a silent leg costs neither the bridge nor main anything).
// When the page says the leg is over it stops for good: a processor whose process() keeps returning
// true is kept alive and run by the audio thread for the rest of the shift.
import { SilenceGate } from '../../../common/audio/silenceGate';
import { Downsampler, Framer, toMono } from './pcm';
import { WORKLET_STOP_MESSAGE, WORKLET_STOPPED_MESSAGE } from './workletMessages';

declare const sampleRate: number;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}
declare function registerProcessor(name: string, processor: new () => AudioWorkletProcessor): void;

class AssistTapProcessor extends AudioWorkletProcessor {
  private readonly down = new Downsampler(sampleRate);
  private readonly gate = new SilenceGate();
  private readonly framer = new Framer((frame) => {
    for (const sent of this.gate.push(frame)) this.port.postMessage(sent, [sent.buffer]);
  });
  private stopped = false;
  private scratch: Float32Array = new Float32Array(128);

  constructor() {
    super();
    this.port.onmessage = (event: MessageEvent) => {
      if (event.data !== WORKLET_STOP_MESSAGE || this.stopped) return;
      this.stopped = true;
      this.port.postMessage(WORKLET_STOPPED_MESSAGE);
    };
  }

  process(inputs: Float32Array[][]): boolean {
    if (this.stopped) return false;
    const channels = inputs[0];
    if (!channels || channels.length === 0 || !channels[0]) return true;
    const mono = toMono(channels, this.scratch);
    if (mono !== channels[0]) this.scratch = mono;
    this.framer.pushFloat(this.down.process(mono));
    return true;
  }
}

registerProcessor('hearthline-assist-tap', AssistTapProcessor);
