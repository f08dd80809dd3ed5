/** Nearest-rank percentile (p in 0..100); NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** One Markdown table row `| label | n | p50 | p95 | max |`, values in ms printed with `digits` decimals. */
export function latencyRow(label: string, values: readonly number[], digits = 0): string {
  const ms = (value: number) => value.toFixed(digits);
  return `| ${label} | ${values.length} | ${ms(percentile(values, 50))} | ${ms(percentile(values, 95))} | ${ms(Math.max(...values))} |`;
}
