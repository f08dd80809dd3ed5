// Wires routing context into the app: main's call state as the trigger, the gateway's interaction
// records, agent assist's query path for the intent, and 'routing.changed' to the UI.
import type { EventHub } from '../ipc/hub';
import { coalescedPush } from '../ipc/coalescedPush';
import type { Logger } from '../log/logger';
import type { AppState } from '../session/state';
import { RoutingService, type RoutingServiceDeps } from './routingService';

export interface RoutingModuleOptions extends Omit<RoutingServiceDeps, 'log'> {
  state: AppState;
  hub: EventHub;
  log: Logger;
}

export class RoutingModule {
  readonly service: RoutingService;
  private readonly unsubscribers: (() => void)[] = [];
  private readonly push;

  constructor(private readonly options: RoutingModuleOptions) {
    this.service = new RoutingService(options);
    this.push = coalescedPush(
      () => options.hub.emit('ui', 'routing.changed', this.service.view()),
      (error) => options.log.error({ err: error }, 'could not push the routing context'),
    );
  }

  start(): void {
    const { state } = this.options;
    this.unsubscribers.push(this.service.onChange(() => this.push.request()));
    this.unsubscribers.push(
      state.onCallEvent((event) => {
        if (event.type === 'ringing') this.service.callRinging(event.call);
        else if (event.type === 'forgotten') this.service.callForgotten(event.callId);
      }),
    );
    for (const call of state.liveCalls()) if (call.state === 'ringing' && call.direction === 'inbound') this.service.callRinging(call);
  }

  dispose(): void {
    this.push.dispose();
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
  }
}
