// A recogniser driven by text instead of sound, for the evaluation command (scripts/assist-eval.ts): the
// caller says what each leg speaks next, and each loud audio frame the service passes on reveals one more
// word as a partial, the end of the utterance gives the final — so scripted calls go through the same
// AssistService path as live audio (VAD events, partial redaction, suggestions, sentiment, the draft).
// With it comes `energyVad`: speech starts at a loud frame and ends at a silent one.
import type { AsrStatus } from '../../../common/contract/assist';
import type { VadFactory } from '../vad';
import type { Transcriber, TranscriberStream, TranscriberStreamHandlers } from './transcriber';

/** Words as a recogniser emits them: English by spaces, Chinese two characters at a time. */
export function speechUnits(text: string): string[] {
  return text.match(/[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]{1,2}|[^\s\u3400-\u9fff\uff00-\uffef\u3000-\u303f]+/gu) ?? [];
}

function joinUnits(units: readonly string[]): string {
  return units.reduce((out, unit) => (out === '' || /[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]$/u.test(out) || /^[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]/u.test(unit) ? out + unit : `${out} ${unit}`), '');
}

export class TextStream implements TranscriberStream {
  private units: string[] = [];
  private heard = 0;
  private text = '';
  private finalWaiters: Array<() => void> = [];
  private closed = false;

  constructor(private readonly handlers: TranscriberStreamHandlers) {}

  /** What this leg says in its next utterance. */
  say(text: string): void {
    this.text = text;
    this.units = speechUnits(text);
    this.heard = 0;
  }

  /** How many loud frames the current utterance needs (one per word). */
  get wordCount(): number {
    return this.units.length;
  }

  /** Resolves once the next final result has been delivered. */
  nextFinal(): Promise<void> {
    return new Promise((resolve) => this.finalWaiters.push(resolve));
  }

  write(pcm: Int16Array): void {
    // Pre-roll (silence before the VAD's start) carries no words.
    if (this.closed || !pcm.some((sample) => sample !== 0) || this.heard >= this.units.length) return;
    this.heard += 1;
    this.handlers.onResult({ kind: 'partial', text: joinUnits(this.units.slice(0, this.heard)) });
  }

  endUtterance(): void {
    const text = this.heard > 0 ? this.text : '';
    this.units = [];
    this.heard = 0;
    this.text = '';
    queueMicrotask(() => {
      if (this.closed) return;
      this.handlers.onResult({ kind: 'final', text });
      for (const wake of this.finalWaiters.splice(0)) wake();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const wake of this.finalWaiters.splice(0)) wake();
  }
}

export class TextTranscriber implements Transcriber {
  readonly provider = 'remote' as const;
  /** The stream opened last: AssistService opens one per leg, synchronously, on that leg's first frame. */
  lastOpened: TextStream | undefined;

  async status(): Promise<AsrStatus> {
    return { provider: this.provider, state: 'ready', languages: ['en', 'zh'] };
  }

  open(handlers: TranscriberStreamHandlers): TextStream {
    this.lastOpened = new TextStream(handlers);
    return this.lastOpened;
  }
}

/** Speech starts at the first loud frame and ends at the first silent one. */
export const energyVad: VadFactory = async (events) => {
  let speaking = false;
  return {
    push: async (pcm) => {
      const loud = pcm.some((sample) => sample !== 0);
      if (loud && !speaking) {
        speaking = true;
        events.onSpeechStart();
      } else if (!loud && speaking) {
        speaking = false;
        events.onSpeechEnd();
      }
    },
    flush: async () => undefined,
    close: async () => undefined,
  };
};
