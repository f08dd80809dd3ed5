// A log for what runs before main's logger exists: the headless host's first stage starts the engine's
// browser before it loads pino and the rest of main (main/host/headless.ts). Lines written before
// attach() are held, in order, and passed on when the real logger is attached.
import type { EngineHostLog } from './chromiumEngineHost';

type Level = keyof EngineHostLog;

/** Enough for a browser start; more before a logger exists would mean something loops, so the rest is dropped. */
const HELD_MAX = 200;

export class DeferredLog implements EngineHostLog {
  private target: EngineHostLog | undefined;
  private readonly held: Array<{ level: Level; args: unknown[] }> = [];
  private dropped = 0;

  readonly info = (...args: unknown[]): void => this.write('info', args);
  readonly warn = (...args: unknown[]): void => this.write('warn', args);
  readonly error = (...args: unknown[]): void => this.write('error', args);

  /** From now on every line goes to `target`; the lines held so far go first. */
  attach(target: EngineHostLog): void {
    this.target = target;
    for (const { level, args } of this.held.splice(0)) this.forward(level, args);
    if (this.dropped > 0) target.warn({ dropped: this.dropped }, 'log lines dropped before the logger existed');
    this.dropped = 0;
  }

  /** What was held and never attached (a start that failed before the logger existed), as text for stderr. */
  drain(): string[] {
    return this.held.splice(0).map(({ level, args }) => `${level}: ${args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' ')}`);
  }

  private write(level: Level, args: unknown[]): void {
    if (this.target) this.forward(level, args);
    else if (this.held.length < HELD_MAX) this.held.push({ level, args });
    else this.dropped += 1;
  }

  private forward(level: Level, args: unknown[]): void {
    const target = this.target;
    if (target) Reflect.apply(target[level], target, args);
  }
}
