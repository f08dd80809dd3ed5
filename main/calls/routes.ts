// Binds the call channels (UI commands, engine reports) to the call services. Payloads arrive here
// already validated by the router.
import type { IpcRouter } from '../ipc/router';
import type { CallService } from './callService';
import type { EngineSupervisor } from './engineSupervisor';

export function registerCallChannels(router: IpcRouter, { engine, calls }: { engine: EngineSupervisor; calls: CallService }): void {
  router.handle('ui', 'call.dial', ({ target, consultFor }) => calls.dial(target, consultFor));
  router.handle('ui', 'call.answer', ({ callId, holdOthers }) => (calls.answer(callId, holdOthers), {}));
  router.handle('ui', 'call.hangup', ({ callId }) => (calls.hangup(callId), {}));
  router.handle('ui', 'call.hold', ({ callId, on }) => (calls.hold(callId, on), {}));
  router.handle('ui', 'call.mute', ({ callId, on }) => (calls.mute(callId, on), {}));
  router.handle('ui', 'call.dtmf', ({ callId, digits }) => (calls.dtmf(callId, digits), {}));
  router.handle('ui', 'call.transfer', (request) => (calls.transfer(request), {}));
  router.handle('ui', 'call.conference', ({ callIds }) => (calls.conference(callIds), {}));

  router.handle('engine', 'engine.hello', () => engine.hello());
  router.handle('engine', 'engine.report', (report) => (engine.report(report), {}));
}
