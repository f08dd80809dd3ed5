// Wires the callback queue into the app: main's session state says when the agent is free, the call
// service places the call, the outbox carries the outcome, and 'callbacks.changed' tells the UI.
import type { Disposable } from '../../common/lifecycle';
import type { CallService } from '../calls/callService';
import type { GatewayClient } from '../gateway/gatewayClient';
import type { EventHub } from '../ipc/hub';
import { coalescedPush } from '../ipc/coalescedPush';
import type { Logger } from '../log/logger';
import type { OutboxPort } from '../outbox/module';
import type { AppState } from '../session/state';
import type { Scheduler } from '../time/scheduler';
import { CallbackService, type CallbackPolicy } from './callbackService';
import { gatewayCallbackQueue } from './gatewayCallbackQueue';

export interface CallbacksModuleOptions {
  state: AppState;
  hub: EventHub;
  calls: CallService;
  outbox: OutboxPort;
  /** Undefined without a gateway: the queue is off. */
  gateway: GatewayClient | undefined;
  /** The agent's id at the gateway (their SIP user). */
  agent: () => string | undefined;
  policy: () => CallbackPolicy;
  redact: (text: string) => string;
  scheduler: Scheduler;
  log: Logger;
}

export class CallbacksModule implements Disposable {
  readonly service: CallbackService;
  private readonly push;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly options: CallbacksModuleOptions) {
    const { state, calls, gateway, log } = options;
    this.service = new CallbackService({
      queue: gateway && gatewayCallbackQueue(gateway, log),
      agent: {
        agent: options.agent,
        isFree: () => state.snapshot().presence === 'ready',
        onCall: () => state.liveCalls().length > 0,
        onChange: (listener) => state.onChange(() => listener()),
      },
      calls: {
        dial: (number) => calls.dial(number),
        onCallEnded: (listener) => state.onCallEvent((event) => event.type === 'ended' && listener(event.call.id)),
      },
      outbox: options.outbox,
      clock: options.scheduler,
      policy: options.policy,
      redact: options.redact,
      log,
    });
    this.push = coalescedPush(
      () => options.hub.emit('ui', 'callbacks.changed', this.service.view()),
      (error) => log.error({ err: error }, 'could not push the callback view'),
    );
  }

  start(): void {
    this.unsubscribe = this.service.onChange(() => this.push.request());
    this.service.start();
  }

  dispose(): void {
    this.unsubscribe?.();
    this.push.dispose();
    this.service.dispose();
  }
}
