// Long store jobs in bounded slices. Main's SQL is synchronous (better-sqlite3): one transaction over
// 100 000 rows holds the event loop — IPC, engine reports, the UI — for as long as it runs. A job that
// touches many rows (a bulk cache fill, retention, a purge) instead runs a slice of at most `size` rows
// per transaction and lets the event loop turn between slices. Each slice commits or rolls back as a
// whole; a crash or an error between slices keeps the slices already committed, and the job is written
// so that running it again carries on where it stopped (the rows still to do are found by a query, or
// re-applying a done slice changes nothing).

/** Lets the I/O callbacks and timers that queued up behind a slice run before the next one. */
export const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export interface SliceOptions {
  /** Rows per slice; each slice is one transaction. */
  size: number;
  /** Awaited between slices (default: yieldToLoop). */
  pause?: () => Promise<void>;
  /** Checked before every slice: true ends the job early (the service was disposed, the database closed). */
  stopped?: () => boolean;
}

export interface SliceProgress {
  /** Rows handled by the slices that committed. */
  done: number;
  /** False when `stopped` ended the job before the last slice. */
  complete: boolean;
}

/**
 * Runs `slice(limit)` — one transaction that handles at most `limit` rows and returns how many it
 * handled — until a slice handles fewer than `limit`. For jobs whose remaining rows a query finds
 * again (deletes by age), so a run that stopped halfway is finished by the next run.
 */
export async function drainInSlices(slice: (limit: number) => number, options: SliceOptions): Promise<SliceProgress> {
  const size = sliceSize(options);
  const pause = options.pause ?? yieldToLoop;
  let done = 0;
  for (let first = true; ; first = false) {
    if (!first) await pause();
    if (options.stopped?.()) return { done, complete: false };
    const handled = slice(size);
    done += handled;
    if (handled < size) return { done, complete: true };
  }
}

/**
 * Applies `items` in order, `size` at a time, `apply(slice)` being one transaction. For idempotent
 * writes (upserts): after a stop or a crash, applying the whole list again gives the same result.
 */
export async function applyInSlices<T>(items: readonly T[], apply: (slice: readonly T[]) => void, options: SliceOptions): Promise<SliceProgress> {
  const size = sliceSize(options);
  const pause = options.pause ?? yieldToLoop;
  let done = 0;
  while (done < items.length) {
    if (done > 0) await pause();
    if (options.stopped?.()) return { done, complete: false };
    const slice = items.slice(done, done + size);
    apply(slice);
    done += slice.length;
  }
  return { done, complete: true };
}

function sliceSize(options: SliceOptions): number {
  if (!Number.isInteger(options.size) || options.size < 1) throw new Error(`slice size must be a positive integer, got ${options.size}`);
  return options.size;
}
