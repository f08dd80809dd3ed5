import type { StorageProblem } from '../../common/contract/wrapup';

/**
 * Why the encrypted store could not be used. The code is what the UI explains to the agent; the message
 * is for logs and support. Nothing that throws this has deleted or rewritten the database file.
 */
export class StoreError extends Error {
  constructor(
    readonly code: StorageProblem,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}
