// Pure: the network figures of the readiness echo test call, from the getStats summaries taken while
// it was up: median RTT (one slow ICE check does not decide), mean jitter, loss over the whole call,
// and the loudest echoed audio level.
import type { StatsSummary } from '../calls/stats';

export interface EchoCallFigures {
  rttMs: number | null;
  jitterMs: number | null;
  lossPercent: number | null;
  packetsReceived: number;
  echoLevel: number | null;
  codec: string | null;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function echoCallFigures(readings: readonly StatsSummary[]): EchoCallFigures {
  const last = readings.at(-1);
  if (!last) return { rttMs: null, jitterMs: null, lossPercent: null, packetsReceived: 0, echoLevel: null, codec: null };
  const rtts = readings.map((reading) => reading.rttMs).filter((rtt): rtt is number => rtt !== null);
  // Jitter is only meaningful once packets flow.
  const jitters = readings.filter((reading) => reading.packetsReceived > 0).map((reading) => reading.jitterMs);
  const levels = readings.map((reading) => reading.inboundLevel).filter((level): level is number => level !== null);
  const expected = last.packetsReceived + last.packetsLost;
  return {
    rttMs: median(rtts),
    jitterMs: jitters.length > 0 ? jitters.reduce((sum, value) => sum + value, 0) / jitters.length : null,
    lossPercent: expected > 0 ? (last.packetsLost / expected) * 100 : null,
    packetsReceived: last.packetsReceived,
    echoLevel: levels.length > 0 ? Math.max(...levels) : null,
    codec: last.codec,
  };
}
