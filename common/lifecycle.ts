// One way to end things: whatever holds a timer, a listener or a file is a Disposable, and whoever made
// it registers it in a DisposableStore, which ends everything in reverse order of registration (what was
// built last, on top of the rest, goes first). Runtime-neutral: main, the engine and the UI use it.

export interface Disposable {
  dispose(): void | Promise<void>;
}

/** A Disposable from a plain function (an unsubscribe, a timer's cancel). */
export function toDisposable(dispose: () => void | Promise<void>): Disposable {
  return { dispose };
}

export class DisposableStore implements Disposable {
  private readonly items: Disposable[] = [];
  private disposed = false;

  constructor(private readonly onError: (error: unknown) => void = () => undefined) {}

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Registers `item`; once the store is disposed, anything added is disposed at once instead. */
  add<T extends Disposable>(item: T): T {
    if (this.disposed) void Promise.resolve(item.dispose()).catch(this.onError);
    else this.items.push(item);
    return item;
  }

  /** Ends everything, newest first, one after the other; a failure is reported and the rest still end. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    for (const item of this.items.splice(0).reverse()) {
      try {
        await item.dispose();
      } catch (error) {
        this.onError(error);
      }
    }
  }
}
