// Binds the agent's own channels (availability, ending after-call work) to their services.
import type { CallService } from '../calls/callService';
import type { IpcRouter } from '../ipc/router';
import type { AvailabilityService } from './availabilityService';

export function registerAgentChannels(router: IpcRouter, { availability, calls }: { availability: AvailabilityService; calls: CallService }): void {
  router.handle('ui', 'agent.setAvailability', (choice) => (availability.set(choice), {}));
  router.handle('ui', 'agent.endWrapUp', () => (calls.endWrapUp(), {}));
}
