import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sampleBetween, summariseStats } from './stats';

const report = (packetsReceived: number, packetsLost: number) => [
  { type: 'codec', id: 'c1', mimeType: 'audio/opus', clockRate: 48000 },
  { type: 'inbound-rtp', id: 'i1', kind: 'audio', packetsReceived, packetsLost, bytesReceived: packetsReceived * 80, jitter: 0.004, audioLevel: 0.3, codecId: 'c1' },
  { type: 'outbound-rtp', id: 'o1', kind: 'audio', bytesSent: 9000 },
  { type: 'remote-inbound-rtp', id: 'r1', kind: 'audio', roundTripTime: 0.052 },
  { type: 'media-source', id: 'm1', kind: 'audio', audioLevel: 0.12 },
  { type: 'inbound-rtp', id: 'v1', kind: 'video', packetsReceived: 1e6, packetsLost: 1e5 },
];

describe('call statistics', () => {
  it('reads audio figures and ignores video', () => {
    const s = summariseStats(report(500, 5));
    assert.deepEqual(
      [s.packetsReceived, s.packetsLost, s.jitterMs, s.rttMs, s.inboundLevel, s.outboundLevel, s.codec, s.clockRate],
      [500, 5, 4, 52, 0.3, 0.12, 'audio/opus', 48000],
    );
  });

  it('measures loss over the last interval, not since the call began', () => {
    const first = summariseStats(report(1000, 0));
    const second = summariseStats(report(1045, 5)); // 50 expected in the interval, 5 lost
    assert.equal(sampleBetween(first, second, 1).lossPercent, 10);
    assert.equal(sampleBetween(second, second, 2).lossPercent, 0);
  });

  it('falls back to the ICE round-trip time when RTCP has none yet', () => {
    const s = summariseStats([{ type: 'candidate-pair', id: 'p', nominated: true, currentRoundTripTime: 0.003 }]);
    assert.equal(s.rttMs, 3);
  });
});
