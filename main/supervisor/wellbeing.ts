// Pure: workload signals from facts about the work and the customer's side of calls, never from the
// agent's voice or words (an AI system inferring a worker's emotions is prohibited: docs/supervisor.md).
// A call is difficult when the customer's mood stayed negative, the customer used escalation words, the
// agent asked a supervisor for help during it, or the customer was held long. The flags are what a
// supervisor may see (where policy shares them): counts and times, no content.
import type { AssistCallView } from '../../common/contract/assist';
import type { WellbeingFlag } from '../../common/contract/supervisor';

export interface WellbeingThresholds {
  /** The customer's smoothed mood at the end of the call at or below this: it stayed negative. */
  negativeMood: number;
  /** Total hold time from this on makes a call difficult. */
  longHoldMs: number;
  /** "Difficult calls in a row" is flagged from this many on. */
  difficultInARowFlagAt: number;
  /** A call longer than this many times the agent's own median counts as long… */
  longCallFactor: number;
  /** …once this many calls make the median… */
  medianMinCalls: number;
  /** …and "long calls" is flagged when this many of the last five were long. */
  longCallsFlagAt: number;
  /** Minutes without a break before "no break" is flagged. */
  noBreakMinutes: number;
  /** Wrap-up notes waiting before the backlog is flagged. */
  backlogFlagAt: number;
  /** How long "asked for a minute" stays up, unless a break starts. */
  askedForMinuteMs: number;
}

export const DEFAULT_THRESHOLDS: WellbeingThresholds = {
  negativeMood: -0.25,
  longHoldMs: 120_000,
  difficultInARowFlagAt: 3,
  longCallFactor: 2,
  medianMinCalls: 5,
  longCallsFlagAt: 2,
  noBreakMinutes: 180,
  backlogFlagAt: 3,
  askedForMinuteMs: 15 * 60_000,
};

export type DifficultyReason = 'customerMood' | 'escalation' | 'supervisorRequest' | 'longHold';

/** What wellbeing learns of one finished call. Only the customer's side of the conversation is here. */
export interface FinishedCallFacts {
  connectedAt: number;
  endedAt: number;
  holdMs: number;
  /** The customer's smoothed mood over the call, oldest first. */
  customerMood: readonly number[];
  /** Escalation cues the customer used. */
  customerCues: readonly string[];
  /** The agent raised a hand during the call. */
  supervisorRequest: boolean;
}

/**
 * The customer's side of an assist view. The trend is the customer's by contract; the turns are filtered
 * by leg here again, so nothing the agent said can ever count, even if a future change scored it.
 */
export function customerSideOf(view: AssistCallView | undefined): Pick<FinishedCallFacts, 'customerMood' | 'customerCues'> {
  if (!view) return { customerMood: [], customerCues: [] };
  const customerMood = view.trend.filter((point) => point.leg === 'customer').map((point) => point.score);
  const customerCues = [...new Set(view.turns.filter((turn) => turn.leg === 'customer').flatMap((turn) => turn.cues))];
  return { customerMood, customerCues };
}

export function difficultyOf(call: FinishedCallFacts, thresholds: WellbeingThresholds = DEFAULT_THRESHOLDS): DifficultyReason[] {
  const reasons: DifficultyReason[] = [];
  const lastMood = call.customerMood.at(-1);
  if (lastMood !== undefined && lastMood <= thresholds.negativeMood) reasons.push('customerMood');
  if (call.customerCues.length > 0) reasons.push('escalation');
  if (call.supervisorRequest) reasons.push('supervisorRequest');
  if (call.holdMs >= thresholds.longHoldMs) reasons.push('longHold');
  return reasons;
}

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const HISTORY_KEPT = 50;

/** The running tally of one agent's shift on this laptop (memory only). */
export class WellbeingTally {
  private durations: number[] = [];
  private longFlags: boolean[] = [];
  private difficultRun = 0;
  private lastBreakAt: number;
  private askedAt: number | undefined;

  constructor(
    shiftStart: number,
    private thresholds: WellbeingThresholds = DEFAULT_THRESHOLDS,
  ) {
    this.lastBreakAt = shiftStart;
  }

  /** The organisation's policy may set some thresholds (the gateway's team policy). */
  useThresholds(changes: Partial<WellbeingThresholds>): void {
    this.thresholds = { ...this.thresholds, ...changes };
  }

  /** Records a finished call; answers why it was difficult (empty: it was not). */
  callFinished(call: FinishedCallFacts): DifficultyReason[] {
    const duration = Math.max(0, call.endedAt - call.connectedAt);
    const ownMedian = this.durations.length >= this.thresholds.medianMinCalls ? median(this.durations) : undefined;
    this.longFlags = [...this.longFlags, ownMedian !== undefined && duration > this.thresholds.longCallFactor * ownMedian].slice(-5);
    this.durations = [...this.durations, duration].slice(-HISTORY_KEPT);
    const reasons = difficultyOf(call, this.thresholds);
    this.difficultRun = reasons.length > 0 ? this.difficultRun + 1 : 0;
    return reasons;
  }

  /** A break (or a recovery break) started: the run of difficult calls and "asked for a minute" end. */
  breakStarted(at: number): void {
    this.lastBreakAt = at;
    this.difficultRun = 0;
    this.askedAt = undefined;
  }

  askedForMinute(at: number): void {
    this.askedAt = at;
  }

  difficultInARow(): number {
    return this.difficultRun;
  }

  lastBreak(): number {
    return this.lastBreakAt;
  }

  flags(now: number, wrapUpBacklog: number): WellbeingFlag[] {
    const t = this.thresholds;
    const flags: WellbeingFlag[] = [];
    if (this.difficultRun >= t.difficultInARowFlagAt) flags.push({ kind: 'difficultInARow', count: Math.min(100, this.difficultRun) });
    const noBreak = Math.floor((now - this.lastBreakAt) / 60_000);
    if (noBreak >= t.noBreakMinutes) flags.push({ kind: 'noBreak', minutes: Math.min(24 * 60, noBreak) });
    if (this.askedAt !== undefined && now - this.askedAt < t.askedForMinuteMs) flags.push({ kind: 'askedForMinute' });
    const long = this.longFlags.filter(Boolean).length;
    if (long >= t.longCallsFlagAt) flags.push({ kind: 'longCalls', count: long });
    if (wrapUpBacklog >= t.backlogFlagAt) flags.push({ kind: 'wrapUpBacklog', count: Math.min(1000, wrapUpBacklog) });
    return flags;
  }
}
