// Messages between the assist tap (audioTap.ts) and its AudioWorklet processor (worklet.ts) besides the
// PCM frames the processor posts.

/** Page → processor: the leg is over; process() returns false from now on so the node can be collected. */
export const WORKLET_STOP_MESSAGE = 'hearthline-worklet-stop';
/** Processor → page: stopped for good (renderer/engine/resourceCensus.ts counts the node as gone). */
export const WORKLET_STOPPED_MESSAGE = 'hearthline-worklet-stopped';
