// What a long bench run keeps: its samples, the samples that failed (counted and printed, never the end of
// the run: one call lost on a loaded machine must not cost the other rows), and everything it opened, so
// apps and browsers are closed even when a phase throws (e2e/bench/perf.bench.ts).

/** Figures by name, and the attempts and failures of each phase. */
export class BenchSamples {
  private readonly figures = new Map<string, number[]>();
  private readonly tries = new Map<string, { attempts: number; failures: number; firstError?: string }>();

  constructor(private readonly log: (line: string) => void = (line) => console.log(line)) {}

  /** Keeps a figure; undefined, NaN or infinite (a mark that never came) is left out. */
  record(key: string, value: number | undefined): void {
    if (value === undefined || !Number.isFinite(value)) return;
    this.figures.set(key, [...(this.figures.get(key) ?? []), value]);
  }

  values(key: string): number[] {
    return this.figures.get(key) ?? [];
  }

  /**
   * Runs one sample of `phase`. A failure is logged and counted against the phase and undefined is returned;
   * it never throws, so the run goes on to the next sample.
   */
  async attempt<T>(phase: string, sample: () => Promise<T>): Promise<T | undefined> {
    const counts = this.tries.get(phase) ?? { attempts: 0, failures: 0 };
    this.tries.set(phase, counts);
    counts.attempts += 1;
    try {
      return await sample();
    } catch (error) {
      counts.failures += 1;
      const message = String(error instanceof Error ? error.message : error).split('\n')[0]!.slice(0, 300);
      counts.firstError ??= message;
      this.log(`bench: ${phase} failed (${counts.failures} of ${counts.attempts} so far): ${message}`);
      return undefined;
    }
  }

  failures(phase: string): number {
    return this.tries.get(phase)?.failures ?? 0;
  }

  /** One line per phase that lost samples, e.g. "host start: 1 of 5 failed (first: …)"; empty when none did. */
  failureLines(): string[] {
    return [...this.tries.entries()]
      .filter(([, counts]) => counts.failures > 0)
      .map(([phase, counts]) => `${phase}: ${counts.failures} of ${counts.attempts} failed (first: ${counts.firstError})`);
  }
}

/** Things a run opened (apps, browsers, servers) that must be closed whatever happens. */
export class OpenThings {
  private readonly open = new Set<() => Promise<unknown>>();

  /** Remembers how to close `thing`; the returned function closes it once and forgets it. */
  track<T>(thing: T, close: (thing: T) => Promise<unknown>): () => Promise<void> {
    const closer = () => close(thing);
    this.open.add(closer);
    return async () => {
      if (!this.open.delete(closer)) return;
      await closer();
    };
  }

  get size(): number {
    return this.open.size;
  }

  /** Closes everything still open, newest first; a close that fails does not keep the others open. */
  async closeAll(): Promise<string[]> {
    const problems: string[] = [];
    for (const closer of [...this.open].reverse()) {
      this.open.delete(closer);
      await closer().catch((error: unknown) => problems.push(String(error).split('\n')[0]!));
    }
    return problems;
  }
}
