// Pure: microphone level over a probe, from Web Audio time-domain frames (floats in −1…1): RMS and
// peak in dBFS, with −100 dBFS standing for digital silence.
export const SILENCE_DBFS = -100;

export function toDbfs(amplitude: number): number {
  if (!(amplitude > 0)) return SILENCE_DBFS;
  return Math.max(SILENCE_DBFS, 20 * Math.log10(amplitude));
}

export class LevelMeter {
  private sumSquares = 0;
  private count = 0;
  private peak = 0;

  add(frame: ArrayLike<number>): void {
    for (let i = 0; i < frame.length; i += 1) {
      const sample = frame[i] ?? 0;
      this.sumSquares += sample * sample;
      const magnitude = Math.abs(sample);
      if (magnitude > this.peak) this.peak = magnitude;
    }
    this.count += frame.length;
  }

  result(): { rmsDbfs: number; peakDbfs: number; samples: number } {
    const rms = this.count > 0 ? Math.sqrt(this.sumSquares / this.count) : 0;
    return { rmsDbfs: toDbfs(rms), peakDbfs: toDbfs(this.peak), samples: this.count };
  }
}
