// When may an update install? Never while the agent is on a call, in wrap-up, or with notes that have not
// reached the CRM yet: a restart then would cut a customer off or put unsent work at risk.
import type { UpdateDeferReason } from '../../common/contract/settings';

export interface UpdateGateInput {
  /** A call is ringing, being dialled, connected or on hold. */
  callActive: boolean;
  inWrapUp: boolean;
  /** Outbox records the gateway has not confirmed yet (including ones needing attention). */
  unsyncedOutboxCount: number;
}

export type UpdateGateDecision = { install: true } | { install: false; reasons: UpdateDeferReason[] };

export function updateGate({ callActive, inWrapUp, unsyncedOutboxCount }: UpdateGateInput): UpdateGateDecision {
  const reasons: UpdateDeferReason[] = [];
  if (callActive) reasons.push('callActive');
  if (inWrapUp) reasons.push('wrapUp');
  if (unsyncedOutboxCount > 0) reasons.push('unsyncedOutbox');
  return reasons.length === 0 ? { install: true } : { install: false, reasons };
}
