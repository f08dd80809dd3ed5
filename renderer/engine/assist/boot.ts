// Starts the assist tap in the call engine page (bundled as dist/renderer/engine-assist.js and loaded by
// engine.html after engine.js). Without any hook in the call registry it taps the customer leg of every
// call through the registry's <audio data-call-id> elements; when the registry hands it the peer
// connection (window.hearthlineAssistTap.attachPeerConnection) it taps the agent's microphone too.
import { ENGINE_API_GLOBAL, type HearthlineEngineApi } from '../../../common/contract/api';
import { AssistAudioTap } from './audioTap';

declare global {
  interface Window {
    hearthlineAssistTap?: AssistAudioTap;
  }
}

export function startAssistTap(api: HearthlineEngineApi): AssistAudioTap {
  const tap = new AssistAudioTap({
    send: (frame) => api.invoke('engine.audio', frame),
    log: (message) => void api.invoke('engine.report', { type: 'log', level: 'info', message }).catch(() => undefined),
  });
  const watched = new Map<HTMLAudioElement, string>();
  const scan = () => {
    for (const element of document.querySelectorAll<HTMLAudioElement>('audio[data-call-id]')) {
      const callId = element.dataset.callId;
      const stream = element.srcObject;
      if (!callId || !(stream instanceof MediaStream) || stream.getAudioTracks().length === 0) continue;
      if (!tap.has(callId, 'customer')) void tap.attachRemote(callId, stream);
      watched.set(element, callId);
    }
    for (const [element, callId] of watched) {
      if (!element.isConnected) {
        watched.delete(element);
        tap.detach(callId);
      }
    }
  };
  new MutationObserver(scan).observe(document.body, { childList: true, subtree: true });
  // srcObject changes are not DOM mutations: look again while calls are up.
  window.setInterval(() => {
    if (document.querySelector('audio[data-call-id]') || watched.size > 0) scan();
  }, 500);
  return tap;
}

const api = (window as unknown as Record<string, HearthlineEngineApi | undefined>)[ENGINE_API_GLOBAL];
if (api && !window.hearthlineAssistTap) window.hearthlineAssistTap = startAssistTap(api);
