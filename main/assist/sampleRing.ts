// Latency samples kept for the bench and diagnostics, bounded: a plain number[] to its readers (spread,
// sort, length), but push drops the oldest beyond `capacity`, so a shift of calls cannot grow memory.

export const METRIC_SAMPLES_KEPT = 1000;

export function sampleRing(capacity: number = METRIC_SAMPLES_KEPT): number[] {
  const samples: number[] = [];
  const keep = Math.max(1, capacity);
  samples.push = (...items: number[]): number => {
    Array.prototype.push.apply(samples, items);
    if (samples.length > keep) samples.splice(0, samples.length - keep);
    return samples.length;
  };
  return samples;
}
