// Raises callback reminders at their time, from the local store and the local clock only, so they work
// offline. It re-checks at least every minute while anything is scheduled, so a laptop waking from
// sleep catches up at once instead of trusting a timer that slept with it.
import type { CallbackReminder } from '../../common/contract/wrapup';
import type { CancelTimer, Scheduler } from '../time/scheduler';
import type { ReminderRepository } from './reminderRepository';

export class ReminderScheduler {
  private cancel: CancelTimer | undefined;
  private running = false;

  constructor(
    private readonly repo: ReminderRepository,
    private readonly scheduler: Scheduler,
    private readonly onDue: (reminders: CallbackReminder[]) => void,
    private readonly maxSleepMs = 60_000,
  ) {}

  start(): void {
    this.running = true;
    this.check();
  }

  /** A reminder was added or changed. */
  reschedule(): void {
    if (this.running) this.check();
  }

  stop(): void {
    this.running = false;
    this.cancel?.();
    this.cancel = undefined;
  }

  private check(): void {
    this.cancel?.();
    this.cancel = undefined;
    const now = this.scheduler.now();
    const due = this.repo.takeDue(now);
    if (due.length > 0) this.onDue(due);
    const next = this.repo.nextScheduledAt();
    if (next === undefined || !this.running) return;
    this.cancel = this.scheduler.setTimer(Math.min(Math.max(0, next - now), this.maxSleepMs), () => this.check());
  }
}
