// Reads machine policy from this OS's sources at start and again whenever a source changes (or, for
// sources that cannot tell, on a slow poll), and tells listeners when the policy in effect changed.
import type { Policy, PolicyKey } from '../../common/contract/policy';
import type { Logger } from '../log/logger';
import { systemScheduler, type CancelTimer, type Scheduler } from '../time/scheduler';
import { parsePolicy } from './parsePolicy';
import type { PolicyReading, PolicySource } from './policySource';

export interface EffectivePolicy {
  policy: Policy;
  /** Which source set each key. */
  origins: Partial<Record<PolicyKey, string>>;
  /** Sources that exist on this machine (a key or file was found), in precedence order. */
  sources: string[];
  problems: string[];
}

export const NO_POLICY: EffectivePolicy = { policy: {}, origins: {}, sources: [], problems: [] };

/** Sources come in precedence order (HKLM before HKCU, device before user): the first to set a key wins. */
export function mergeReadings(readings: PolicyReading[]): EffectivePolicy {
  const policy: Record<string, unknown> = {};
  const origins: Partial<Record<PolicyKey, string>> = {};
  const sources: string[] = [];
  const problems: string[] = [];
  for (const reading of readings) {
    problems.push(...reading.problems);
    if (!reading.values) continue;
    sources.push(reading.origin);
    const parsed = parsePolicy(reading.values, reading.origin);
    problems.push(...parsed.problems);
    for (const [key, value] of Object.entries(parsed.policy) as [PolicyKey, unknown][]) {
      if (key in policy) continue;
      policy[key] = value;
      origins[key] = reading.origin;
    }
  }
  return { policy: policy as Policy, origins, sources, problems };
}

export interface PolicyServiceOptions {
  /** Re-read every source this often, for sources without change notification (the registry). */
  pollMs?: number;
  /** Coalesces the burst of file events one edit makes. */
  settleMs?: number;
  scheduler?: Scheduler;
}

export class PolicyService {
  private effective: EffectivePolicy = NO_POLICY;
  private readonly listeners = new Set<(policy: EffectivePolicy) => void>();
  private readonly stops: (() => void)[] = [];
  private pollTimer: CancelTimer | undefined;
  private settleTimer: CancelTimer | undefined;
  private readonly pollMs: number;
  private readonly settleMs: number;
  private readonly scheduler: Scheduler;
  private disposed = false;
  private reading: Promise<EffectivePolicy> | undefined;

  constructor(
    private readonly sources: PolicySource[],
    private readonly log: Logger,
    options: PolicyServiceOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 5 * 60_000;
    this.settleMs = options.settleMs ?? 250;
    this.scheduler = options.scheduler ?? systemScheduler;
  }

  current(): EffectivePolicy {
    return this.effective;
  }

  onChange(listener: (policy: EffectivePolicy) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads every source now; listeners hear about it only if the policy in effect changed. */
  async load(): Promise<EffectivePolicy> {
    // One read at a time; a change noticed during a read is picked up by the read after it.
    while (this.reading) await this.reading.catch(() => undefined);
    this.reading = this.readAll();
    try {
      return await this.reading;
    } finally {
      this.reading = undefined;
    }
  }

  /** Starts watching sources for changes (and polling). */
  watch(): void {
    for (const source of this.sources) {
      if (source.watch) this.stops.push(source.watch(() => this.changedSoon()));
    }
    this.schedulePoll();
  }

  dispose(): void {
    this.disposed = true;
    for (const stop of this.stops.splice(0)) stop();
    this.pollTimer?.();
    this.settleTimer?.();
  }

  private async readAll(): Promise<EffectivePolicy> {
    const readings = await Promise.all(this.sources.map((source) => source.read()));
    const next = mergeReadings(readings);
    const before = this.effective;
    this.effective = next;
    if (JSON.stringify(next.problems) !== JSON.stringify(before.problems)) {
      for (const problem of next.problems) this.log.warn({ problem }, 'policy ignored');
    }
    if (JSON.stringify([next.policy, next.origins]) !== JSON.stringify([before.policy, before.origins])) {
      this.log.info({ sources: next.sources, keys: Object.keys(next.policy) }, 'policy in effect');
      for (const listener of this.listeners) listener(next);
    }
    return next;
  }

  private changedSoon(): void {
    if (this.disposed) return;
    this.settleTimer?.();
    this.settleTimer = this.scheduler.setTimer(this.settleMs, () => void this.reload());
  }

  private schedulePoll(): void {
    if (this.disposed) return;
    this.pollTimer = this.scheduler.setTimer(this.pollMs, () => {
      void this.reload().finally(() => this.schedulePoll());
    });
  }

  private async reload(): Promise<void> {
    if (this.disposed) return;
    try {
      await this.load();
    } catch (error) {
      this.log.error({ err: error }, 'reading policy failed; keeping the policy in effect');
    }
  }
}
