import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mos, mosFromR, rFactor } from './eModel';

describe('E-model (G.107)', () => {
  it('maps R to MOS per Annex B, clamped to 1…4.5', () => {
    assert.equal(mosFromR(-3), 1);
    assert.equal(mosFromR(120), 4.5);
    assert.equal(mosFromR(93.2).toFixed(2), '4.41'); // G.107 default R0 gives the familiar 4.41
    assert.equal(mosFromR(50).toFixed(2), '2.58');
  });

  it('rates a clean LAN call as toll quality', () => {
    const value = mos({ rttMs: 20, jitterMs: 2, lossPercent: 0, codec: 'audio/opus' });
    assert.ok(value > 4.3, `MOS ${value}`);
  });

  it('degrades with random loss and crosses the 3.5 warning line near 10 % (G.711 with concealment)', () => {
    const at = (lossPercent: number) => mos({ rttMs: 40, jitterMs: 5, lossPercent, codec: 'audio/PCMU' });
    assert.ok(at(1) > 4.2 && at(3) > 4 && at(3) < at(1));
    assert.ok(at(10) < 3.5, `MOS at 10 % loss ${at(10)}`);
  });

  it('punishes one-way delay beyond 177 ms much harder than below it', () => {
    const below = rFactor({ rttMs: 200, jitterMs: 0, lossPercent: 0 }) - rFactor({ rttMs: 100, jitterMs: 0, lossPercent: 0 });
    const above = rFactor({ rttMs: 600, jitterMs: 0, lossPercent: 0 }) - rFactor({ rttMs: 500, jitterMs: 0, lossPercent: 0 });
    assert.ok(above < below * 3, `delay step below ${below}, above ${above}`);
    assert.ok(mos({ rttMs: 800, jitterMs: 20, lossPercent: 0 }) < 3.6);
  });
});
