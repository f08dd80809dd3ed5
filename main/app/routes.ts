// Binds contract channels to services. Payloads arrive here already validated by the router.
import type { AvailabilityService } from '../agent/availabilityService';
import type { CallService } from '../calls/callService';
import type { EngineSupervisor } from '../calls/engineSupervisor';
import { ServiceError } from '../ipc/errors';
import type { IpcRouter } from '../ipc/router';
import type { AppState } from './state';

interface Services {
  state: AppState;
  engine: EngineSupervisor;
  calls: CallService;
  availability: AvailabilityService;
}

export function registerChannels(router: IpcRouter, { state, engine, calls, availability }: Services): void {
  router.handle('ui', 'app.snapshot', () => state.snapshot());
  router.handle('ui', 'app.dismissNotice', ({ id }) => {
    if (!state.dismissNotice(id)) throw new ServiceError('notFound', 'That notice is already gone');
    return {};
  });
  router.handle('ui', 'agent.setAvailability', (availabilityChoice) => {
    availability.set(availabilityChoice);
    return {};
  });
  router.handle('ui', 'agent.endWrapUp', () => (calls.endWrapUp(), {}));
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
