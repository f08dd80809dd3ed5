import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PcmFrame } from '../../../common/contract/audioEnvelope';
import { FrameBatcher } from './frameBatcher';

const frame = (leg: 'customer' | 'agent', seq: number, callId = 'c1'): PcmFrame => ({ callId, leg, seq, sampleRate: 16000, pcm: new Int16Array(1600) });

/** A batcher whose sends, timers and clock the test drives. */
function harness(options: { maxFrames?: number; maxInFlight?: number } = {}) {
  const sent: Array<{ frames: PcmFrame[]; answer: (accepted: boolean[]) => void; fail: () => void }> = [];
  const timers: Array<() => void> = [];
  const clock = { now: 0 };
  const batcher = new FrameBatcher({
    send: (frames) => new Promise((resolve, reject) => sent.push({ frames, answer: resolve, fail: () => reject(new Error('lost')) })),
    setTimer: (run) => timers.push(run),
    now: () => clock.now,
    pauseMs: 1000,
    ...options,
  });
  const runTimers = () => timers.splice(0).forEach((run) => run());
  return { batcher, sent, runTimers, clock };
}

const seqs = (frames: PcmFrame[]) => frames.map((f) => `${f.leg}${f.seq}`);

describe('assist frame batching', () => {
  it('sends the frames that arrive within the window as one message, in order', () => {
    const { batcher, sent, runTimers } = harness();
    batcher.offer(frame('customer', 0));
    batcher.offer(frame('agent', 0));
    assert.equal(sent.length, 0, 'waits for the window');
    runTimers();
    assert.equal(sent.length, 1);
    assert.deepEqual(seqs(sent[0]!.frames), ['customer0', 'agent0']);
    assert.equal(batcher.batches, 1);
  });

  it('flushes a full batch at once, and the old timer does not cut the next batch short', () => {
    const { batcher, sent, runTimers } = harness({ maxFrames: 2 });
    batcher.offer(frame('customer', 0));
    batcher.offer(frame('agent', 0));
    assert.equal(sent.length, 1, 'full: sent without waiting');
    batcher.offer(frame('customer', 1));
    const staleTimer = runTimers;
    staleTimer(); // the first batch's timer and the second's both fire; only the second's flushes
    assert.equal(sent.length, 2);
    assert.deepEqual(seqs(sent[1]!.frames), ['customer1']);
  });

  it('holds frames while main is slow and sends them together when it answers; beyond 16 waiting, drops the oldest', async () => {
    const { batcher, sent, runTimers } = harness({ maxInFlight: 1 });
    batcher.offer(frame('customer', 0));
    batcher.offer(frame('agent', 0));
    runTimers();
    for (let seq = 1; seq <= 9; seq += 1) {
      batcher.offer(frame('customer', seq));
      batcher.offer(frame('agent', seq));
      runTimers();
    }
    assert.equal(sent.length, 1, 'nothing more sent while the first batch is unanswered');
    assert.deepEqual(batcher.stats('c1|customer'), { sent: 1, dropped: 1 }, '18 waiting: the oldest two (one per leg) dropped');
    sent[0]!.answer([true, true]);
    await Promise.resolve();
    assert.equal(sent.length, 2, 'sent as soon as main answered');
    assert.equal(sent[1]!.frames.length, 16);
    assert.deepEqual(seqs(sent[1]!.frames).slice(0, 2), ['customer2', 'agent2']);
    assert.deepEqual(batcher.stats('c1|customer'), { sent: 9, dropped: 1 });
    assert.equal(batcher.batches, 2, '20 frames in 2 messages');
  });

  it('pauses only the leg main declined, for pauseMs; a lost message pauses its legs', async () => {
    const { batcher, sent, runTimers, clock } = harness({ maxInFlight: 4 });
    batcher.offer(frame('customer', 0));
    batcher.offer(frame('agent', 0));
    runTimers();
    sent[0]!.answer([false, true]);
    await Promise.resolve();
    assert.equal(batcher.offer(frame('customer', 1)), false, 'customer leg paused');
    assert.equal(batcher.offer(frame('agent', 1)), true, 'agent leg goes on');
    runTimers();
    assert.deepEqual(seqs(sent[1]!.frames), ['agent1']);
    clock.now = 1500;
    assert.equal(batcher.offer(frame('customer', 2)), true, 'pause over');
    runTimers();
    sent[2]!.fail();
    await Promise.resolve();
    await Promise.resolve();
    assert.equal(batcher.offer(frame('customer', 3)), false, 'paused after a lost message');
    batcher.forget('c1|customer');
    assert.equal(batcher.offer(frame('customer', 4)), true, 'a forgotten leg starts afresh');
  });
});
