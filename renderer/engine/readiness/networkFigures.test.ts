import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyStatsSummary, type StatsSummary } from '../calls/stats';
import { echoCallFigures } from './networkFigures';

const reading = (overrides: Partial<StatsSummary>): StatsSummary => ({ ...emptyStatsSummary(), codec: 'audio/opus', clockRate: 48_000, ...overrides });

describe('echo test call figures', () => {
  it('median RTT, mean jitter once audio flows, loss over the whole call, loudest echo', () => {
    const figures = echoCallFigures([
      reading({ rttMs: 40 }),
      reading({ rttMs: 2, packetsReceived: 50, jitterMs: 2, inboundLevel: 0.1 }),
      reading({ rttMs: 3, packetsReceived: 100, packetsLost: 1, jitterMs: 4, inboundLevel: 0.3 }),
      reading({ rttMs: 4, packetsReceived: 199, packetsLost: 1, jitterMs: 0, inboundLevel: 0.2 }),
    ]);
    assert.equal(figures.rttMs, 3.5);
    assert.equal(figures.jitterMs, 2);
    assert.equal(figures.lossPercent, 0.5);
    assert.equal(figures.packetsReceived, 199);
    assert.equal(figures.echoLevel, 0.3);
  });
  it('a call that carried nothing reports no figures rather than zeros that look healthy', () => {
    assert.deepEqual(echoCallFigures([reading({})]), { rttMs: null, jitterMs: null, lossPercent: null, packetsReceived: 0, echoLevel: null, codec: 'audio/opus' });
    assert.equal(echoCallFigures([]).rttMs, null);
  });
});
