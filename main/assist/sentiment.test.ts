import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scoreTurn, trend } from './sentiment';

describe('sentiment', () => {
  it('scores a complaint about a broken delivery negative and thanks positive', () => {
    const complaint = scoreTurn('the chair arrived broken and this is the second time, it is unacceptable');
    assert.ok(complaint.score < -0.2, String(complaint.score));
    assert.ok(complaint.cues.includes('complaint'));
    assert.ok(scoreTurn('thank you so much, that is brilliant, really helpful').score > 0.2);
    assert.equal(scoreTurn('my order number is five five one').score, 0);
  });

  it('flags escalation cues: cancel, supervisor, legal', () => {
    assert.deepEqual(scoreTurn('I want to speak to your supervisor or I will cancel my account').cues.sort(), ['cancel', 'supervisor']);
    assert.deepEqual(scoreTurn('my solicitor will hear about this').cues, ['legal']);
  });

  it('scores Chinese with jieba words and cues, including negation', () => {
    const angry = scoreTurn('椅子坏了，我要投诉，太差了');
    assert.ok(angry.score < -0.2, String(angry.score));
    assert.ok(angry.cues.includes('complaint'));
    assert.ok(scoreTurn('谢谢，我很满意').score > 0.2);
    assert.ok(scoreTurn('我不满意').score < 0);
    assert.deepEqual(scoreTurn('我要找你们经理').cues, ['supervisor']);
  });

  it('smooths the trend so one turn moves it but does not flip it', () => {
    const line = trend([0.2, -0.8, -0.6, 0.4]);
    assert.equal(line.length, 4);
    assert.ok(line[1]! < 0 && line[1]! > -0.8);
    assert.ok(line[3]! < 0.4);
  });
});
