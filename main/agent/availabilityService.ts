// Available / Not Ready, and keeping the engine's "may I offer a call?" rule in step with it.
import type { AgentAvailability } from '../../common/contract/model';
import type { AppState } from '../session/state';
import { inboundPolicy } from '../session/presence';
import type { EngineSupervisor } from '../calls/engineSupervisor';

export class AvailabilityService {
  private readonly guards: ((next: AgentAvailability) => void)[] = [];
  private readonly listeners = new Set<(availability: AgentAvailability) => void>();

  constructor(
    private readonly state: AppState,
    private readonly engine: EngineSupervisor,
  ) {
    engine.onHello(() => this.pushToEngine());
  }

  /** A guard throws a ServiceError to refuse a change (Ready before a required readiness check). */
  addGuard(guard: (next: AgentAvailability) => void): void {
    this.guards.push(guard);
  }

  onChange(listener: (availability: AgentAvailability) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  set(availability: AgentAvailability): void {
    for (const guard of this.guards) guard(availability);
    this.state.setAvailability(availability);
    this.pushToEngine();
    for (const listener of [...this.listeners]) listener(availability);
  }

  pushToEngine(): void {
    const policy = inboundPolicy(this.state.getAvailability());
    this.engine.trySend({ type: 'setAccepting', ...policy });
  }
}
