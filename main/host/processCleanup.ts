// Stopping the engine's Chromium cleanly: Chromium forks helpers (zygote, renderer, GPU, utility)
// that keep writing to the profile for a moment after the browser process itself exits, so the
// whole process group is waited for, and the profile is removed with retries. Neither ever throws:
// a shutdown that fails half-way would skip the rest of the app's cleanup.
import { rm } from 'node:fs/promises';
import type { Logger } from '../log/logger';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** True while any process of the group `pgid` is alive. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    // EPERM: a process we may not signal still holds the group id, so it is there.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // the group is already gone
  }
}

/**
 * Asks every process of the group to stop (SIGTERM), waits up to `graceMs` for the group to empty,
 * then kills what is left (SIGKILL) and waits up to `killWaitMs` more. Resolves true when the group
 * is gone.
 */
export async function stopProcessGroup(pgid: number, options: { graceMs?: number; killWaitMs?: number; pollMs?: number } = {}): Promise<boolean> {
  const { graceMs = 3_000, killWaitMs = 2_000, pollMs = 50 } = options;
  const waitEmpty = async (ms: number) => {
    const deadline = Date.now() + ms;
    while (groupAlive(pgid)) {
      if (Date.now() >= deadline) return false;
      await sleep(pollMs);
    }
    return true;
  };
  signalGroup(pgid, 'SIGTERM');
  if (await waitEmpty(graceMs)) return true;
  signalGroup(pgid, 'SIGKILL');
  return waitEmpty(killWaitMs);
}

/**
 * Removes a folder and everything in it, retrying while something still writes into it (ENOTEMPTY,
 * EBUSY). Resolves true once it is gone; false (logged) when it could not be removed in `attempts`.
 */
export async function removeDirQuietly(dir: string, log: Pick<Logger, 'warn'>, options: { attempts?: number; delayMs?: number } = {}): Promise<boolean> {
  const { attempts = 10, delayMs = 200 } = options;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    try {
      await rm(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 50 });
      return true;
    } catch (error) {
      lastError = error;
      await sleep(delayMs);
    }
  }
  log.warn({ dir, err: lastError }, 'could not remove a temporary folder; it is left behind');
  return false;
}
