// Pure: the numbers a softphone needs out of an RTCStatsReport, and the per-second sample built
// from two consecutive readings (loss is measured over the interval, not since the call began).
import type { QualitySample } from '../../../common/contract/model';

export interface StatsSummary {
  packetsReceived: number;
  packetsLost: number;
  bytesReceived: number;
  bytesSent: number;
  jitterMs: number;
  rttMs: number | null;
  inboundLevel: number | null;
  outboundLevel: number | null;
  codec: string | null;
  clockRate: number | null;
}

type StatsEntry = Record<string, unknown> & { type: string; id: string };

const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** A call with nothing measured yet. */
export function emptyStatsSummary(): StatsSummary {
  return { packetsReceived: 0, packetsLost: 0, bytesReceived: 0, bytesSent: 0, jitterMs: 0, rttMs: null, inboundLevel: null, outboundLevel: null, codec: null, clockRate: null };
}

export function summariseStats(entries: Iterable<StatsEntry>): StatsSummary {
  const summary = emptyStatsSummary();
  const all = [...entries];
  const codecs = new Map(all.filter((s) => s.type === 'codec').map((s) => [s.id, s]));
  for (const s of all) {
    if (s.kind !== undefined && s.kind !== 'audio') continue;
    switch (s.type) {
      case 'inbound-rtp': {
        summary.packetsReceived += num(s.packetsReceived) ?? 0;
        summary.packetsLost += Math.max(0, num(s.packetsLost) ?? 0);
        summary.bytesReceived += num(s.bytesReceived) ?? 0;
        summary.jitterMs = Math.max(summary.jitterMs, (num(s.jitter) ?? 0) * 1000);
        summary.inboundLevel = num(s.audioLevel) ?? summary.inboundLevel;
        const codec = typeof s.codecId === 'string' ? codecs.get(s.codecId) : undefined;
        if (codec) {
          summary.codec = typeof codec.mimeType === 'string' ? codec.mimeType : summary.codec;
          summary.clockRate = num(codec.clockRate) ?? summary.clockRate;
        }
        break;
      }
      case 'outbound-rtp':
        summary.bytesSent += num(s.bytesSent) ?? 0;
        break;
      case 'remote-inbound-rtp': {
        const rtt = num(s.roundTripTime);
        if (rtt !== undefined) summary.rttMs = rtt * 1000;
        break;
      }
      case 'candidate-pair':
        if (s.nominated === true && summary.rttMs === null) {
          const rtt = num(s.currentRoundTripTime);
          if (rtt !== undefined) summary.rttMs = rtt * 1000;
        }
        break;
      case 'media-source':
        summary.outboundLevel = num(s.audioLevel) ?? summary.outboundLevel;
        break;
    }
  }
  return summary;
}

export function sampleBetween(previous: StatsSummary | undefined, current: StatsSummary, at: number): QualitySample {
  const received = current.packetsReceived - (previous?.packetsReceived ?? 0);
  const lost = current.packetsLost - (previous?.packetsLost ?? 0);
  const expected = received + lost;
  return {
    at,
    rttMs: current.rttMs ?? 0,
    jitterMs: current.jitterMs,
    lossPercent: expected > 0 ? Math.max(0, (lost / expected) * 100) : 0,
    bytesReceived: current.bytesReceived,
    bytesSent: current.bytesSent,
    inboundLevel: current.inboundLevel,
    outboundLevel: current.outboundLevel,
    codec: current.codec,
    clockRate: current.clockRate,
  };
}
