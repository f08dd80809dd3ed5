// Wires customer context into the app: the cache in the encrypted store, the gateway's customer
// resources, the outbox for writes, main's call state as the trigger, and 'context.changed' to the UI.
import type { AppState } from '../session/state';
import { normaliseDialString } from '../calls/dialString';
import type { EventHub } from '../ipc/hub';
import type { Logger } from '../log/logger';
import type { StoreHandle } from '../store/store';
import { systemScheduler, type CancelTimer, type Scheduler } from '../time/scheduler';
import type { GatewayClient } from '../gateway/gatewayClient';
import { ContextCacheRepository } from './contextCache';
import { GatewayCustomers, type ContextGateway } from '../gateway/customers';
import { ContextService, type ContextOutboxPort, type ContextServiceOptions } from './contextService';

export interface ContextModuleOptions {
  store: StoreHandle;
  /** The CRM; without one, only the cache answers. */
  gateway?: GatewayClient;
  /** Tests may hand in their own customer source. */
  customers?: ContextGateway;
  outbox: ContextOutboxPort;
  state: AppState;
  hub: EventHub;
  log: Logger;
  scheduler?: Scheduler;
  defaultRegion?: string;
  options?: ContextServiceOptions;
}

const PURGE_INTERVAL_MS = 3600_000;

/** The key the gateway indexes numbers by: E.164, or a short internal number (≤ 6 digits) as it is. */
export function contextNumber(remote: string, defaultRegion?: string): string {
  const normalised = normaliseDialString(remote.replace(/^(sips?:)/, '').replace(/@.*$/, ''), defaultRegion);
  return normalised.ok ? normalised.target : remote;
}

export class ContextModule {
  readonly service: ContextService;
  readonly cache: ContextCacheRepository;
  private readonly scheduler: Scheduler;
  private readonly unsubscribers: (() => void)[] = [];
  private purgeTimer: CancelTimer | undefined;
  private pushQueued = false;
  private disposed = false;

  constructor(private readonly options: ContextModuleOptions) {
    this.scheduler = options.scheduler ?? systemScheduler;
    this.cache = new ContextCacheRepository(options.store.db);
    const gateway = options.customers ?? (options.gateway ? new GatewayCustomers(options.gateway) : undefined);
    this.service = new ContextService({
      gateway,
      cache: this.cache,
      clock: () => this.scheduler.now(),
      log: options.log,
      outbox: options.outbox,
      normalise: (number) => contextNumber(number, options.defaultRegion),
      options: options.options,
    });
  }

  start(): void {
    const { state } = this.options;
    this.purge();
    const schedulePurge = () => {
      this.purgeTimer = this.scheduler.setTimer(PURGE_INTERVAL_MS, () => {
        this.purge();
        schedulePurge();
      });
    };
    schedulePurge();
    this.unsubscribers.push(this.service.onChange(() => this.changed()));
    this.unsubscribers.push(
      state.onCallEvent((event) => {
        if (event.type === 'ringing' || event.type === 'dialing' || event.type === 'connected') this.service.callStarted(event.call);
        else if (event.type === 'forgotten') this.service.callForgotten(event.callId);
      }),
    );
    for (const call of state.liveCalls()) this.service.callStarted(call);
  }

  dispose(): void {
    this.disposed = true;
    this.purgeTimer?.();
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
  }

  /** Runs in slices alongside everything else; a failed purge is retried at the next interval. */
  private purge(): void {
    this.service.purgeExpired().catch((error: unknown) => this.options.log.error({ err: error }, 'customer cache: purging expired customers failed; retried at the next interval'));
  }

  /** Coalesces bursts into one push (a lookup often changes a context twice in a row). */
  private changed(): void {
    if (this.pushQueued || this.disposed) return;
    this.pushQueued = true;
    queueMicrotask(() => {
      this.pushQueued = false;
      if (this.disposed) return;
      try {
        this.options.hub.emit('ui', 'context.changed', this.service.view());
      } catch (error) {
        this.options.log.error({ err: error }, 'could not push the customer context');
      }
    });
  }
}
