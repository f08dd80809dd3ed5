// Pure: the IT policy's headset rules as the engine needs them, and what to do when the headset goes.
import type { HeadsetPolicy, HeadsetStatus } from '../../common/contract/devices';

/** "0B0E:24B8" / "0B0E:*" (policy `allowedHeadsets`) → the certified list the engine checks against. */
export function headsetPolicyFrom(allowedHeadsets: readonly string[] | undefined): HeadsetPolicy {
  if (!allowedHeadsets) return {};
  const certified = allowedHeadsets.flatMap((entry) => {
    const match = /^([0-9a-f]{4}):([0-9a-f]{4}|\*)$/i.exec(entry.trim());
    if (!match) return [];
    const vendorId = parseInt(match[1] as string, 16);
    return match[2] === '*' ? [{ vendorId }] : [{ vendorId, productId: parseInt(match[2] as string, 16) }];
  });
  return { certified };
}

/** notReady: the agent is set Not Ready; notify: only told. */
export type HeadsetRemovedAction = 'notReady' | 'notify';

export interface RemovalInput {
  previous: HeadsetStatus['state'] | undefined;
  current: HeadsetStatus['state'];
  /** A removal seen during a call, not acted on yet. */
  pending: boolean;
  liveCalls: number;
  available: boolean;
  action: HeadsetRemovedAction;
}

export interface RemovalDecision {
  pending: boolean;
  /** What to do now, if anything. */
  act?: 'setNotReady' | 'tell';
}

/**
 * A headset that was connected and is gone: never touch availability during a live call (the agent
 * may be on the laptop speakers on purpose); decide when the last call ends, if it is still gone.
 */
export function decideHeadsetRemoval(input: RemovalInput): RemovalDecision {
  const removedNow = input.previous === 'connected' && input.current !== 'connected';
  if (input.current === 'connected') return { pending: false };
  if (!removedNow && !input.pending) return { pending: false };
  if (input.liveCalls > 0) return { pending: true };
  if (input.action === 'notReady' && input.available) return { pending: false, act: 'setNotReady' };
  return { pending: false, act: 'tell' };
}
