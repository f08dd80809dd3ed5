// Pure: batches the tap's PCM frames into few messages to main. Both legs' worklets run on the same audio
// clock, so their 100 ms frames arrive within a few milliseconds of each other: the first frame of a
// batch waits at most `windowMs` for the others, so batching adds no audible latency to transcription.
// Work in flight is bounded: with `maxInFlight` batches unanswered, frames wait and go together in one
// bigger batch when main answers (fewer messages exactly when main is busy); beyond AUDIO_BATCH_MAX_FRAMES
// waiting, the oldest are dropped (each leg's sequence numbers still advance, so main sees the gap), so a
// busy main never builds up more than that much latency. A frame main answers `false` to pauses its leg
// for `pauseMs` (assist off, payment mode).
import { AUDIO_BATCH_MAX_FRAMES, type PcmFrame } from '../../../common/contract/audioEnvelope';

export interface FrameBatcherOptions {
  /** Sends one batch; resolves with main's answer per frame, in order. */
  send: (frames: PcmFrame[]) => Promise<boolean[]>;
  windowMs?: number;
  maxFrames?: number;
  maxInFlight?: number;
  pauseMs?: number;
  now?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
}

export const legKey = (frame: Pick<PcmFrame, 'callId' | 'leg'>) => `${frame.callId}|${frame.leg}`;

export class FrameBatcher {
  private pending: PcmFrame[] = [];
  private timer: object | undefined;
  private inFlight = 0;
  private readonly pausedUntil = new Map<string, number>();
  private readonly counts = new Map<string, { sent: number; dropped: number }>();
  /** Messages sent to main (each one batch), for diagnostics and the bench. */
  batches = 0;

  constructor(private readonly options: FrameBatcherOptions) {}

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private count(key: string): { sent: number; dropped: number } {
    let count = this.counts.get(key);
    if (!count) this.counts.set(key, (count = { sent: 0, dropped: 0 }));
    return count;
  }

  /** false when the frame was dropped at once (its leg is paused). */
  offer(frame: PcmFrame): boolean {
    const key = legKey(frame);
    if (this.now() < (this.pausedUntil.get(key) ?? 0)) {
      this.count(key).dropped += 1;
      return false;
    }
    this.pending.push(frame);
    if (this.pending.length > AUDIO_BATCH_MAX_FRAMES) this.count(legKey(this.pending.shift()!)).dropped += 1;
    if (this.pending.length >= Math.min(this.options.maxFrames ?? 8, AUDIO_BATCH_MAX_FRAMES)) this.flush();
    else if (!this.timer) {
      // A batch flushed early (full) leaves its timer behind: only the current batch's timer flushes.
      const timer = {};
      this.timer = timer;
      (this.options.setTimer ?? setTimeout)(() => this.timer === timer && this.flush(), this.options.windowMs ?? 30);
    }
    return true;
  }

  flush(): void {
    this.timer = undefined;
    // Main is busy: the frames wait for its next answer and go then, together.
    if (this.pending.length === 0 || this.inFlight >= (this.options.maxInFlight ?? 2)) return;
    const batch = this.pending;
    this.pending = [];
    this.inFlight += 1;
    this.batches += 1;
    for (const frame of batch) this.count(legKey(frame)).sent += 1;
    const pause = (frame: PcmFrame) => this.pausedUntil.set(legKey(frame), this.now() + (this.options.pauseMs ?? 1_000));
    this.options.send(batch).then(
      (accepted) => {
        this.inFlight -= 1;
        batch.forEach((frame, i) => accepted[i] !== true && pause(frame));
        this.flush();
      },
      () => {
        this.inFlight -= 1;
        batch.forEach(pause);
        this.flush();
      },
    );
  }

  stats(key: string): { sent: number; dropped: number } {
    return { ...this.count(key) };
  }

  /** The leg is over: its counts and pause go (frames already waiting are still sent). */
  forget(key: string): void {
    this.counts.delete(key);
    this.pausedUntil.delete(key);
  }
}
