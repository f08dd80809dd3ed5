// Bursts of changes become one push: a view is read whole, so several changes within one turn of the
// event loop (headers, then a record, say) need only the last. Used by capabilities that push a view.
export interface CoalescedPush {
  /** Something changed: push once, after the current turn. */
  request(): void;
  /** No pushes after this (the capability is gone). */
  dispose(): void;
}

export function coalescedPush(push: () => void, onError: (error: unknown) => void): CoalescedPush {
  let queued = false;
  let disposed = false;
  return {
    request() {
      if (queued || disposed) return;
      queued = true;
      queueMicrotask(() => {
        queued = false;
        if (disposed) return;
        try {
          push();
        } catch (error) {
          onError(error);
        }
      });
    },
    dispose() {
      disposed = true;
    },
  };
}
