// Binds the assist channels to AssistService. Payloads arrive validated by the router.
import type { IpcRouter } from '../ipc/router';
import type { AssistService } from './assistService';

export function registerAssistChannels(router: IpcRouter, assist: AssistService): void {
  router.handle('engine', 'engine.audioFrames', (frames) => ({ accept: frames.map((frame) => assist.ingestPcm(frame).accept) }));
  router.handle('engine', 'assist.tapWanted', () => ({ on: assist.tapWanted() }));
  router.handle('ui', 'assist.view', () => assist.view());
  router.handle('ui', 'assist.search', ({ query, callId }) => ({ results: assist.search(query, callId) }));
  router.handle('ui', 'assist.feedback', ({ articleId, helpful, callId }) => (assist.feedback(articleId, helpful, callId), {}));
  router.handle('ui', 'assist.paymentMode', ({ callId, on }) => (assist.setPaymentMode(callId, on), {}));
  router.handle('ui', 'assist.draft', ({ callId }) => ({ draft: assist.draftFor(callId) ?? null }));
}
