// How the perf bench prints its figures (e2e/bench/perf.bench.ts): pure, so the table's arithmetic is
// tested on its own (e2e/bench/perfTable.test.ts).
import { percentile } from './percentile';

export const NONE = '–';

/** A latency in ms: one decimal below 10, none above. */
function ms(value: number): string {
  return value.toFixed(Math.abs(value) < 10 ? 1 : 0);
}

/** "p50 / p95 ms", or – without samples. */
export function p50p95(values: readonly number[]): string {
  return values.length === 0 ? NONE : `${ms(percentile(values, 50))} / ${ms(percentile(values, 95))} ms`;
}

/** The median with its unit, or – without samples. */
export function median(values: readonly number[], unit: string, digits = 1): string {
  return values.length === 0 ? NONE : `${percentile(values, 50).toFixed(digits)} ${unit}`;
}

/** Hearthline over bare at the same percentile, e.g. "2.3×"; – when either side has no samples. */
export function ratio(hearthline: readonly number[], bare: readonly number[], p = 50): string {
  if (hearthline.length === 0 || bare.length === 0) return NONE;
  const floor = percentile(bare, p);
  return floor === 0 ? NONE : `${(percentile(hearthline, p) / floor).toFixed(1)}×`;
}

/** A figure read at several points of a run, e.g. "12.1 → 12.4 MB" (first → last), or – without any. */
export function firstToLast(values: readonly number[], unit: string, digits = 1): string {
  if (values.length === 0) return NONE;
  const first = values[0]!.toFixed(digits);
  return values.length === 1 ? `${first} ${unit}` : `${first} → ${values.at(-1)!.toFixed(digits)} ${unit}`;
}

/** One Markdown table row. */
export function row(...cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}
