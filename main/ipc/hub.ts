// Fans events out from main to every attached renderer of a role (one UI window, the call engine,
// or in the headless host any authenticated bridge connection of that role).
import type { z } from 'zod';
import { eventsByRole, type Role } from '../../common/contract/channels';
import type { Logger } from '../log/logger';

export type EventSink = (channel: string, payload: unknown) => void;

type Events<R extends Role> = (typeof eventsByRole)[R];

export class EventHub {
  private readonly sinks: Record<Role, Set<EventSink>> = { ui: new Set(), engine: new Set() };
  private readonly attachListeners = new Set<(role: Role) => void>();
  private readonly detachListeners = new Set<(role: Role) => void>();

  constructor(private readonly log: Logger) {}

  attach(role: Role, sink: EventSink): () => void {
    this.sinks[role].add(sink);
    for (const listener of this.attachListeners) listener(role);
    return () => {
      if (!this.sinks[role].delete(sink)) return;
      for (const listener of this.detachListeners) listener(role);
    };
  }

  onDetach(listener: (role: Role) => void): () => void {
    this.detachListeners.add(listener);
    return () => this.detachListeners.delete(listener);
  }

  onAttach(listener: (role: Role) => void): () => void {
    this.attachListeners.add(listener);
    return () => this.attachListeners.delete(listener);
  }

  count(role: Role): number {
    return this.sinks[role].size;
  }

  emit<R extends Role, C extends keyof Events<R> & string>(role: R, channel: C, payload: z.input<Events<R>[C] & z.ZodType>): void {
    const schema = (eventsByRole[role] as Record<string, z.ZodType>)[channel];
    // Main validates its own events too: a bug here must show up in the log, not as a broken renderer.
    const parsed = schema?.safeParse(payload);
    if (!parsed?.success) {
      this.log.error({ role, channel, error: parsed?.error?.message }, 'refusing to emit an event that breaks the contract');
      return;
    }
    for (const sink of this.sinks[role]) {
      try {
        sink(channel, parsed.data);
      } catch (error) {
        this.log.warn({ err: error, role, channel }, 'event sink failed');
      }
    }
  }
}
