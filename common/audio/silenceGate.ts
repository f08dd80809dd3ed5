// A cheap energy gate for one leg of the assist tap (it runs in the engine's AudioWorklet, per 100 ms
// frame of 16-bit PCM): a leg that is silent — the agent while the customer talks, the pauses between
// sentences, hold, a muted microphone — sends no frames to main, so neither the bridge, main nor its VAD
// (main/assist/vad.ts) spends anything on it. It only drops audio that is nearly digital silence
// (default below -50 dBFS): whether a frame is speech stays main's VAD's call. So that no word is clipped
// and main's VAD still sees a turn end, the gate opens with the frames just before the first loud one
// (pre-roll) and stays open for a while after the last (hangover, longer than main's end-of-turn silence).

export interface SilenceGateOptions {
  /** A frame whose RMS level is below this, in dB below full scale, is silence (default -50). */
  thresholdDbfs?: number;
  /** Silent frames kept from before the first loud one and sent with it (default 4: 400 ms of 100 ms frames). */
  preRollFrames?: number;
  /**
   * Silent frames still sent after the last loud one (default 8: 800 ms). Main's VAD needs ~480 ms of
   * silence to end a turn (main/assist/vad.ts), so this must stay above that.
   */
  hangoverFrames?: number;
}

export const SILENCE_GATE_DEFAULTS: Required<SilenceGateOptions> = { thresholdDbfs: -50, preRollFrames: 4, hangoverFrames: 8 };

/** RMS level of 16-bit PCM in dB below full scale (-Infinity for digital silence). */
export function levelDbfs(pcm: Int16Array): number {
  if (pcm.length === 0) return Number.NEGATIVE_INFINITY;
  let sum = 0;
  for (let i = 0; i < pcm.length; i += 1) sum += pcm[i]! * pcm[i]!;
  return 10 * Math.log10(sum / pcm.length / (32768 * 32768));
}

export class SilenceGate {
  private readonly options: Required<SilenceGateOptions>;
  /** The power a frame must reach (mean square of the samples), from the threshold. */
  private readonly minPower: number;
  private readonly held: Int16Array[] = [];
  /** Frames still to send before the gate closes; 0: closed. */
  private openFor = 0;
  /** Frames passed on and held back (never sent), for diagnostics and tests. */
  kept = 0;
  dropped = 0;

  constructor(options: SilenceGateOptions = {}) {
    this.options = { ...SILENCE_GATE_DEFAULTS, ...options };
    this.minPower = 32768 * 32768 * 10 ** (this.options.thresholdDbfs / 10);
  }

  /**
   * One frame in; the frames to send now, in order: none while the leg is silent, the held pre-roll and
   * this frame when the gate opens, this frame while it is open. The frames are handed over (a caller may
   * transfer their buffers); the gate keeps no reference to a frame it returned.
   */
  push(frame: Int16Array): Int16Array[] {
    let sum = 0;
    for (let i = 0; i < frame.length; i += 1) sum += frame[i]! * frame[i]!;
    const loud = frame.length > 0 && sum / frame.length >= this.minPower;
    if (loud) {
      const out = this.held.splice(0);
      out.push(frame);
      this.openFor = this.options.hangoverFrames + 1;
      this.kept += out.length;
      return out;
    }
    if (this.openFor > 0) {
      this.openFor -= 1;
      if (this.openFor > 0) {
        this.kept += 1;
        return [frame];
      }
    }
    this.held.push(frame);
    if (this.held.length > this.options.preRollFrames) {
      this.held.shift();
      this.dropped += 1;
    }
    return [];
  }

  /** Whether frames are being sent (a loud frame came within the hangover). */
  get open(): boolean {
    return this.openFor > 0;
  }
}
