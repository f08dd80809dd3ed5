import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { figureTexts, untestedReasonKey } from './readinessLines';

describe('readiness figure lines', () => {
  it('the network line carries RTT, jitter, loss, MOS and whether the echo came back', () => {
    const texts = figureTexts({ id: 'network', grade: 'green', figures: { rttMs: 2.96, jitterMs: 0.44, lossPercent: 0, mos: 4.41, echoLevel: 0.2 } });
    assert.deepEqual(
      texts.map((text) => [text.key, text.values.value]),
      [
        ['readiness.figure.rtt', '3'],
        ['readiness.figure.jitter', '0.4'],
        ['readiness.figure.loss', '0'],
        ['readiness.figure.mos', '4.4'],
        ['readiness.figure.echo', 'yes'],
      ],
    );
  });
  it('an item without figures (unreachable echo, no headset) shows none rather than zeros', () => {
    assert.deepEqual(figureTexts({ id: 'network', grade: 'red', hint: 'networkEchoUnreachable', figures: {} }), []);
    assert.deepEqual(figureTexts({ id: 'headset', grade: 'amber', hint: 'headsetNotConnected', figures: {} }), []);
  });
  it('names why the network could not be tested in words of the catalogue, not SIP causes', () => {
    assert.equal(untestedReasonKey('Not Found'), 'readiness.untestedReason.notFound');
    assert.equal(untestedReasonKey('Unavailable'), 'readiness.untestedReason.noAnswer');
    assert.equal(untestedReasonKey('no answer in time'), 'readiness.untestedReason.noAnswer');
    assert.equal(untestedReasonKey(undefined), 'readiness.untestedReason.other');
  });
});
