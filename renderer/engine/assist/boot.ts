// The assist audio tap as the call registry's media listener: the engine's entry (renderer/engine/main.ts)
// hands it to the registry, which tells it when a call's peer connection carries media (both legs are
// tapped from it, and followed through re-offers) and when the call has ended.
import type { HearthlineEngineApi } from '../../../common/contract/api';
import type { CallMediaListener } from '../calls/callMedia';
import { AssistAudioTap } from './audioTap';

export function assistTapListener(api: HearthlineEngineApi): CallMediaListener & { tap: AssistAudioTap } {
  const tap = new AssistAudioTap({
    send: (frame) => api.invoke('engine.audio', frame),
    log: (message) => void api.invoke('engine.report', { type: 'log', level: 'info', message }).catch(() => undefined),
  });
  return {
    tap,
    mediaStarted: (callId, pc) => void tap.attachPeerConnection(callId, pc),
    mediaEnded: (callId) => tap.detach(callId),
  };
}
