// The recogniser policy asks for, one at a time. A policy change (another provider, a rotated cloud
// token) replaces it and releases the old one; streams already open on the old one carry on to the end
// of their call. Keeping every recogniser ever chosen (one per token rotation) grew memory all shift.
import type { Transcriber } from './transcriber';

export interface TranscriberChoice {
  key: string;
  create: () => Transcriber;
}

export class TranscriberSlot {
  private current: { key: string; transcriber: Transcriber } | undefined;

  get(choice: TranscriberChoice): Transcriber {
    if (this.current?.key === choice.key) return this.current.transcriber;
    const replaced = this.current?.transcriber;
    this.current = { key: choice.key, transcriber: choice.create() };
    replaced?.dispose?.();
    return this.current.transcriber;
  }

  dispose(): void {
    this.current?.transcriber.dispose?.();
    this.current = undefined;
  }
}
