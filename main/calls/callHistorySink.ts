// Where finished calls go for the agent's call history. The encrypted store's call_history repository
// implements it (main/store); without a store the app keeps no history beyond the snapshot.
import type { Call } from '../../common/contract/model';

export interface CallHistorySink {
  /** Called once when a call ends (including calls lost with the engine), with its final record. */
  recordCall(call: Call): void;
}

/** The default: history is not kept. */
export const noCallHistory: CallHistorySink = { recordCall: () => undefined };
