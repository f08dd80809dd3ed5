// The assist audio tap as the call registry's media listener: the engine's entry (renderer/engine/main.ts)
// hands it to the registry, which tells it when a call's peer connection carries media (both legs are
// tapped from it, and followed through re-offers) and when the call has ended. The tap is gated on main
// wanting audio (tapGate.ts): nothing is tapped while live transcription is off.
import type { HearthlineEngineApi } from '../../../common/contract/api';
import { encodeAudioBatch } from '../../../common/contract/audioEnvelope';
import type { CallMediaListener } from '../calls/callMedia';
import { AssistAudioTap } from './audioTap';
import { TapGate } from './tapGate';

export function assistTapListener(api: HearthlineEngineApi): CallMediaListener & { tap: AssistAudioTap; gate: TapGate } {
  const tap = new AssistAudioTap({
    send: async (frames) => (await api.invoke('engine.audioFrames', encodeAudioBatch(frames))).accept,
    log: (message) => void api.invoke('engine.report', { type: 'log', level: 'info', message }).catch(() => undefined),
  });
  const gate = new TapGate(tap);
  api.on('assist.tap', ({ on }) => gate.setWanted(on));
  // A main without agent assist does not answer: no tap.
  const ask = () => api.invoke('assist.tapWanted', {}).then(({ on }) => gate.setWanted(on), () => undefined);
  void ask();
  return {
    tap,
    gate,
    mediaStarted: (callId, pc) => {
      gate.mediaStarted(callId, pc);
      // Asked again with each call: an assist.tap sent while this page was still connecting is not lost.
      if (!gate.wanted()) void ask();
    },
    mediaEnded: (callId) => gate.mediaEnded(callId),
  };
}
