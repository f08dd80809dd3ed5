// The built-in offline recogniser: CMU PocketSphinx (Debian pocketsphinx-en-us) through our small
// streaming helper, one process per call leg. Experimental: English only, and usable only on wideband
// (16 kHz and up) audio; on 8 kHz telephone audio nearly every word is wrong.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { AsrStatus } from '../../../common/contract/assist';
import { defaultModel, ensurePsstream, type PocketsphinxModel } from './psstreamBuild';
import type { Transcriber, TranscriberStream, TranscriberStreamHandlers } from './transcriber';

export interface PocketsphinxOptions {
  model?: PocketsphinxModel;
  /** Resolves to the helper binary (default: build it with gcc on first use). */
  helper?: () => Promise<string>;
  /** Pocketsphinx search options after the model paths (default DECODER_OPTIONS). */
  decoderOptions?: readonly string[];
}

/**
 * The decoder's search settings: pocketsphinx's three passes with 2 instead of 4 Gaussians scored per
 * senone (`-topn 2`) and at most 3,000 active HMMs a frame instead of 30,000 (`-maxhmmpf 3000`). On the
 * spoken set through call codecs (bench/asrSearch.bench.ts --codecs) the cap took 38 % off the decoder's
 * CPU per second of audio and kept the articles, key words and digits on Opus wideband, losing a little
 * on 8 kHz audio; one forward pass (ONE_FORWARD_PASS: no flat-lexicon and no lattice pass over each turn
 * when it ends) lost key words, digits and articles there, and "card" after a hold in
 * e2e/assist.e2e.ts, so the three passes stay (docs/performance.md).
 */
export const THREE_PASSES: readonly string[] = ['-topn', '2'];
export const ONE_FORWARD_PASS: readonly string[] = ['-topn', '2', '-fwdflat', 'no', '-bestpath', 'no'];
export const DECODER_OPTIONS: readonly string[] = [...THREE_PASSES, '-maxhmmpf', '3000'];

export class PocketsphinxTranscriber implements Transcriber {
  readonly provider = 'pocketsphinx' as const;
  private readonly model: PocketsphinxModel;
  private readonly helper: () => Promise<string>;
  private helperPath: Promise<string> | undefined;
  private readonly decoderOptions: readonly string[];

  constructor(options: PocketsphinxOptions = {}) {
    this.model = options.model ?? defaultModel();
    this.decoderOptions = options.decoderOptions ?? DECODER_OPTIONS;
    this.helper = options.helper ?? (() => ensurePsstream());
  }

  private binary(): Promise<string> {
    this.helperPath ??= this.helper();
    return this.helperPath;
  }

  async status(): Promise<AsrStatus> {
    const base = { provider: this.provider, languages: ['en'] };
    const missing = [this.model.hmm, this.model.lm, this.model.dict].filter((path) => !existsSync(path));
    if (missing.length) {
      return { ...base, state: 'unavailable', message: `The pocketsphinx English model is not installed (missing ${missing.join(', ')}; Debian package pocketsphinx-en-us).` };
    }
    try {
      await this.binary();
      return { ...base, state: 'ready' };
    } catch (error) {
      this.helperPath = undefined;
      return { ...base, state: 'unavailable', message: (error as Error).message };
    }
  }

  open(handlers: TranscriberStreamHandlers): TranscriberStream {
    return new PocketsphinxStream(this.binary(), [this.model.hmm, this.model.lm, this.model.dict, ...this.decoderOptions], handlers);
  }
}

class PocketsphinxStream implements TranscriberStream {
  private child: ChildProcess | undefined;
  private closed = false;
  /** Frames written before the helper has started. */
  private readonly pending: Buffer[] = [];
  private exited: Promise<void> = Promise.resolve();

  constructor(binary: Promise<string>, args: readonly string[], private readonly handlers: TranscriberStreamHandlers) {
    binary.then(
      (path) => {
        if (this.closed) return;
        const child = spawn(path, args, { stdio: ['pipe', 'pipe', 'ignore'] });
        this.child = child;
        this.exited = new Promise((resolve) => child.once('close', () => resolve()));
        child.stdin!.on('error', () => undefined); // EPIPE after the helper exits; reported via 'exit'
        createInterface({ input: child.stdout! }).on('line', (line) => this.line(line));
        child.once('exit', (code, signal) => {
          if (!this.closed) handlers.onError(new Error(`the pocketsphinx helper stopped (${signal ?? `exit ${code}`})`));
        });
        child.once('error', (error) => {
          if (!this.closed) handlers.onError(error);
        });
        for (const frame of this.pending.splice(0)) child.stdin!.write(frame);
      },
      (error: Error) => {
        if (!this.closed) handlers.onError(error);
      },
    );
  }

  private line(line: string): void {
    if (this.closed) return;
    let message: { type?: string; text?: string; message?: string };
    try {
      message = JSON.parse(line);
    } catch {
      return;
    }
    if (message.type === 'partial' || message.type === 'final') this.handlers.onResult({ kind: message.type, text: message.text ?? '' });
    else if (message.type === 'error') this.handlers.onError(new Error(message.message ?? 'pocketsphinx error'));
  }

  private send(frame: Buffer): void {
    if (this.closed) return;
    if (this.child?.stdin) this.child.stdin.write(frame);
    else this.pending.push(frame);
  }

  write(pcm: Int16Array): void {
    if (pcm.length === 0) return;
    const frame = Buffer.alloc(4 + pcm.byteLength);
    frame.writeUInt32LE(pcm.byteLength, 0);
    Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength).copy(frame, 4);
    this.send(frame);
  }

  endUtterance(): void {
    this.send(Buffer.alloc(4));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.pending.length = 0;
    const child = this.child;
    if (!child) return;
    child.stdin?.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 2_000);
    await this.exited;
    clearTimeout(timer);
  }
}
