// The built-in offline recogniser: CMU PocketSphinx (Debian pocketsphinx-en-us) through our small
// streaming helper, one process per call leg. Experimental: English only, and usable only on wideband
// (16 kHz and up) audio; on 8 kHz telephone audio nearly every word is wrong. A helper loads its model
// (340–420 ms of CPU) before it reads any audio, so a few are kept started between calls: the next
// call's legs take one each, and no call starts with two model loads on the agent's cores.
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
  /**
   * Helpers kept started, model loaded, for the next call's legs (the app: 2, both legs of a call; default
   * 0: each leg starts its own). Topped up when a stream closes, never during a call.
   */
  spares?: number;
  /** After the first status check that finds the recogniser ready, the first spares start this much later (default 2 s: not on the app's start path). */
  firstSparesAfterMs?: number;
}

/**
 * The decoder's search settings: pocketsphinx's (a forward pass, then a flat-lexicon and a lattice pass
 * over each turn when it ends) with 2 instead of 4 Gaussians scored per senone (`-topn 2`): 17 % less
 * decoder CPU on the spoken dev and test queries of bench/asrSearch.bench.ts, the same articles found,
 * and fewer word errors, not more (dev 13.7 → 13.3 %, test 12.9 → 11.9 %). One forward pass alone
 * (`-fwdflat no -bestpath no`, "fast" there) saves 15–23 % but costs 1.6 points of WER on test: off.
 */
export const DECODER_OPTIONS: readonly string[] = ['-topn', '2'];

export class PocketsphinxTranscriber implements Transcriber {
  readonly provider = 'pocketsphinx' as const;
  private readonly model: PocketsphinxModel;
  private readonly helper: () => Promise<string>;
  private helperPath: Promise<string> | undefined;
  private readonly decoderOptions: readonly string[];
  private readonly spareCount: number;
  private readonly firstSparesAfterMs: number;
  private readonly spares: HelperProcess[] = [];
  private firstSpares: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(options: PocketsphinxOptions = {}) {
    this.model = options.model ?? defaultModel();
    this.decoderOptions = options.decoderOptions ?? DECODER_OPTIONS;
    this.helper = options.helper ?? (() => ensurePsstream());
    this.spareCount = options.spares ?? 0;
    this.firstSparesAfterMs = options.firstSparesAfterMs ?? 2_000;
  }

  /** Helpers started and not yet taken by a call (for diagnostics and tests). */
  get sparesStarted(): number {
    return this.spares.filter((spare) => spare.alive).length;
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
      this.keepSparesSoon();
      return { ...base, state: 'ready' };
    } catch (error) {
      this.helperPath = undefined;
      return { ...base, state: 'unavailable', message: (error as Error).message };
    }
  }

  open(handlers: TranscriberStreamHandlers): TranscriberStream {
    const spare = this.takeSpare();
    const helper = spare ? Promise.resolve(spare) : this.binary().then((path) => this.start(path));
    return new PocketsphinxStream(helper, handlers, () => this.keepSpares());
  }

  /** Policy chose another recogniser, or the app is closing: the spares read end of input and exit. */
  dispose(): void {
    this.disposed = true;
    clearTimeout(this.firstSpares);
    for (const spare of this.spares.splice(0)) spare.stop();
  }

  private start(path: string): HelperProcess {
    return new HelperProcess(spawn(path, [this.model.hmm, this.model.lm, this.model.dict, ...this.decoderOptions], { stdio: ['pipe', 'pipe', 'ignore'] }));
  }

  private takeSpare(): HelperProcess | undefined {
    for (let spare = this.spares.shift(); spare; spare = this.spares.shift()) if (spare.alive) return spare;
    return undefined;
  }

  private keepSparesSoon(): void {
    if (this.spareCount === 0 || this.firstSpares || this.disposed) return;
    this.firstSpares = setTimeout(() => this.keepSpares(), this.firstSparesAfterMs);
    this.firstSpares.unref();
  }

  /** Tops the spares up (after a call's stream closed: its model load is not on any call's cores). */
  private keepSpares(): void {
    if (this.disposed || this.spareCount === 0) return;
    for (let i = this.spares.length - 1; i >= 0; i -= 1) if (!this.spares[i]!.alive) this.spares.splice(i, 1);
    if (this.spares.length >= this.spareCount) return;
    this.binary().then(
      (path) => {
        while (!this.disposed && this.spares.length < this.spareCount) this.spares.push(this.start(path).idle());
      },
      () => undefined, // status() says why; a call then starts its own helper and reports the error
    );
  }
}

/** One started helper: its lines and its end go to the stream that owns it (none while it is a spare). */
class HelperProcess {
  readonly exited: Promise<void>;
  private stopped = false;
  private onLine: (line: string) => void = () => undefined;
  private onStop: (error: Error) => void = () => undefined;

  constructor(private readonly child: ChildProcess) {
    this.exited = new Promise((resolve) => {
      child.once('close', () => resolve());
      child.once('error', () => resolve());
    });
    child.stdin!.on('error', () => undefined); // EPIPE after the helper exits; reported via 'exit'
    createInterface({ input: child.stdout! }).on('line', (line) => this.onLine(line));
    child.once('exit', (code, signal) => {
      this.stopped = true;
      this.onStop(new Error(`the pocketsphinx helper stopped (${signal ?? `exit ${code}`})`));
    });
    child.once('error', (error) => {
      this.stopped = true;
      this.onStop(error);
    });
  }

  get alive(): boolean {
    return !this.stopped && this.child.pid !== undefined;
  }

  /** A spare does not keep main's event loop alive (a test or a closing app need not wait for it). */
  idle(): this {
    this.child.unref();
    (this.child.stdin as unknown as { unref?: () => void }).unref?.();
    (this.child.stdout as unknown as { unref?: () => void }).unref?.();
    return this;
  }

  /** Taken by a stream: its lines and its end go there from now on. */
  attach(onLine: (line: string) => void, onStop: (error: Error) => void): void {
    this.child.ref();
    (this.child.stdin as unknown as { ref?: () => void }).ref?.();
    (this.child.stdout as unknown as { ref?: () => void }).ref?.();
    this.onLine = onLine;
    this.onStop = onStop;
    if (this.stopped) onStop(new Error('the pocketsphinx helper stopped'));
  }

  write(frame: Buffer): void {
    this.child.stdin!.write(frame);
  }

  /** End of input: the helper finishes and exits; killed if it has not within 2 s. */
  stop(): Promise<void> {
    this.onLine = () => undefined;
    this.onStop = () => undefined;
    this.child.stdin?.end();
    if (!this.alive) return this.exited;
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 2_000);
    timer.unref();
    return this.exited.then(() => clearTimeout(timer));
  }
}

class PocketsphinxStream implements TranscriberStream {
  private helper: HelperProcess | undefined;
  private closed = false;
  /** Frames written before the helper has started. */
  private readonly pending: Buffer[] = [];

  constructor(helper: Promise<HelperProcess>, private readonly handlers: TranscriberStreamHandlers, private readonly onClosed: () => void) {
    helper.then(
      (started) => {
        if (this.closed) {
          void started.stop();
          return;
        }
        this.helper = started;
        started.attach(
          (line) => this.line(line),
          (error) => {
            if (!this.closed) handlers.onError(error);
          },
        );
        for (const frame of this.pending.splice(0)) started.write(frame);
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
    if (this.helper) this.helper.write(frame);
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
    const helper = this.helper;
    this.onClosed();
    await helper?.stop();
  }
}
