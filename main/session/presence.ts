// Pure: the agent's headline state from everything main knows. The UI only renders the result.
import type { AgentAvailability, Call, EngineStatus, Presence, Registration } from '../../common/contract/model';

export interface PresenceInputs {
  registration: Registration;
  availability: AgentAvailability;
  engine: EngineStatus;
  calls: readonly Call[];
  inWrapUp: boolean;
}

export function derivePresence({ registration, availability, engine, calls, inWrapUp }: PresenceInputs): Presence {
  const live = calls.filter((call) => call.state !== 'ended');
  // A ringing inbound call outranks everything: the agent must see it whatever else is going on.
  if (live.some((call) => call.direction === 'inbound' && call.state === 'ringing')) return 'ringing';
  if (live.length > 0) return 'onCall';
  if (engine === 'restarting' || engine === 'starting') {
    if (registration.state === 'unconfigured') return 'offline';
    // The first start of the shift is not a reconnection: nothing was lost yet.
    return engine === 'starting' && registration.registeredAt === undefined ? 'starting' : 'reconnecting';
  }
  switch (registration.state) {
    case 'registering':
      return 'registering';
    case 'reconnecting':
      return 'reconnecting';
    case 'registered':
      // Wrap-up only while registered: a back-to-back caller rings then. With the server away the status
      // says so instead (the after-call timer and its notes stay on screen either way).
      if (inWrapUp) return 'wrapUp';
      return availability.kind === 'available' ? 'ready' : 'notReady';
    case 'unconfigured':
    case 'failed':
    case 'offline':
      return 'offline';
  }
}

/**
 * Whether a new inbound call may be offered, and if not, the SIP status to refuse it with. Wrap-up does
 * not refuse: a back-to-back caller rings and the agent decides (main/calls/callService.ts does not
 * auto-answer it); an agent who wants no calls sets Not Ready.
 */
export function inboundPolicy(availability: AgentAvailability): { accepting: boolean; rejectWith: 480 | 486 } {
  if (availability.kind === 'notReady') return { accepting: false, rejectWith: 480 };
  return { accepting: true, rejectWith: 486 };
}
