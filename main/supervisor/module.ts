// Wires supervisor help and wellbeing into the app: the service, its UI and engine channels, and the
// SupervisorDirectory port. createApp calls attachSupervisor once; the other capabilities reach it only
// through the small functions passed in here.
import type { AssistCallView } from '../../common/contract/assist';
import type { CallContext } from '../../common/contract/context';
import type { AgentAvailability } from '../../common/contract/model';
import type { AgentState } from '../../common/contract/supervisor';
import type { GatewayConnection } from '../gateway/gatewayClient';
import type { EventHub } from '../ipc/hub';
import type { IpcRouter } from '../ipc/router';
import type { Logger } from '../log/logger';
import type { AppState } from '../session/state';
import { systemScheduler, type Scheduler } from '../time/scheduler';
import { GatewaySupervisorDirectory, type SupervisorDirectory } from './directory';
import { SupervisorGateway } from './supervisorGateway';
import { SupervisorService, type CallContextParts, type SupervisorTimings } from './supervisorService';

export interface SupervisorModuleDeps {
  router: IpcRouter;
  hub: EventHub;
  state: AppState;
  connection?: GatewayConnection;
  /** The customer context of a call (customer context capability). */
  contextOf?: (callId: string) => CallContext | undefined;
  /** The assist view of a call (agent assist capability). */
  assistOf?: (callId: string) => AssistCallView | undefined;
  workload: () => { wrapUpBacklog: number; unsyncedNotes: number };
  readiness: () => AgentState['readiness'];
  setAvailability: (choice: AgentAvailability) => void;
  redact: (text: string) => string;
  scheduler?: Scheduler;
  log: Logger;
  timings?: Partial<SupervisorTimings>;
}

export interface SupervisorModule {
  readonly service: SupervisorService;
  /** Undefined without a gateway: nobody can be authorised then. */
  readonly directory: SupervisorDirectory | undefined;
  start(): void;
  dispose(): void;
}

/** Pure: the customer's name and first open case from a call's context. */
export function customerOf(context: CallContext | undefined): Pick<CallContextParts, 'customerName' | 'openCase'> {
  const match = context?.matches.find((candidate) => candidate.customer.id === context.selectedId) ?? (context?.matches.length === 1 ? context.matches[0] : undefined);
  if (!match) return {};
  const open = match.cases.find((item) => item.status !== 'closed');
  return { customerName: match.customer.name, ...(open ? { openCase: open.subject } : {}) };
}

export function attachSupervisor(deps: SupervisorModuleDeps): SupervisorModule {
  const { router, hub } = deps;
  const gateway = deps.connection ? new SupervisorGateway(deps.connection) : undefined;
  const service = new SupervisorService({
    state: deps.state,
    gateway,
    send: (command) => hub.emit('engine', 'supervisor.send', command),
    emit: (view) => hub.emit('ui', 'supervisor.changed', view),
    callContext: (call) => {
      const assist = deps.assistOf?.(call.id);
      return { caller: call.remoteName ? `${call.remoteName} (${call.remoteNumber})` : call.remoteNumber, ...customerOf(deps.contextOf?.(call.id)), topSuggestion: assist?.suggestions[0]?.title, assist };
    },
    assistCall: (callId) => deps.assistOf?.(callId),
    workload: deps.workload,
    readiness: deps.readiness,
    setAvailability: deps.setAvailability,
    redact: deps.redact,
    scheduler: deps.scheduler ?? systemScheduler,
    log: deps.log,
    options: deps.timings,
  });
  router.handle('ui', 'supervisor.view', () => service.view());
  router.handle('ui', 'supervisor.previewHand', ({ includeExcerpt }) => service.previewHand(includeExcerpt));
  router.handle('ui', 'supervisor.raiseHand', ({ text, includeExcerpt }) => service.raiseHand(text, includeExcerpt));
  router.handle('ui', 'supervisor.acceptHand', async ({ handId }) => (await service.acceptHand(handId), {}));
  router.handle('ui', 'supervisor.closeHand', async ({ handId }) => (await service.closeHand(handId), {}));
  router.handle('ui', 'supervisor.sendChat', async ({ handId, text }) => (await service.sendChat(handId, text), {}));
  router.handle('ui', 'supervisor.markRead', ({ handId }) => (service.markRead(handId), {}));
  router.handle('ui', 'supervisor.needMinute', () => (service.needMinute(), {}));
  router.handle('ui', 'supervisor.takeRecoveryBreak', () => (service.takeRecoveryBreak(), {}));
  router.handle('ui', 'supervisor.dismissOffer', () => (service.dismissOffer(), {}));
  router.handle('engine', 'supervisor.received', ({ from, body }) => (service.received(from, body), {}));
  router.handle('engine', 'supervisor.sent', ({ sendId, results }) => (service.sent(sendId, results), {}));
  return {
    service,
    directory: gateway ? new GatewaySupervisorDirectory(gateway) : undefined,
    start: () => service.start(),
    dispose: () => service.dispose(),
  };
}
