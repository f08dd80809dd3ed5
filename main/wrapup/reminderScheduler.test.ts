import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CallbackReminder } from '../../common/contract/wrapup';
import { tempStore } from '../store/testSupport';
import { ManualScheduler } from '../time/manualScheduler';
import { ReminderRepository } from './reminderRepository';
import { ReminderScheduler } from './reminderScheduler';

function setup() {
  const store = tempStore();
  const scheduler = new ManualScheduler();
  const repo = new ReminderRepository(store.db);
  const raised: CallbackReminder[] = [];
  const reminders = new ReminderScheduler(repo, scheduler, (due) => raised.push(...due));
  const add = (id: string, inMs: number) =>
    repo.insert({ id, callId: `call-${id}`, customerNumber: '+44', number: `+44${id}`, reason: `reason ${id}`, dueAt: scheduler.now() + inMs }, scheduler.now());
  return { store, scheduler, repo, raised, reminders, add };
}

describe('ReminderScheduler', () => {
  it('raises each reminder at its time, not before, with no network involved', async () => {
    const { store, scheduler, raised, reminders, add } = setup();
    add('1', 30 * 60_000);
    add('2', 90 * 60_000);
    reminders.start();
    await scheduler.advance(30 * 60_000 - 1);
    assert.equal(raised.length, 0);
    await scheduler.advance(1);
    assert.deepEqual(raised.map((r) => [r.id, r.state]), [['1', 'due']]);
    await scheduler.advance(60 * 60_000);
    assert.deepEqual(raised.map((r) => r.id), ['1', '2']);
    reminders.stop();
    store.close();
  });

  it('raises reminders that fell due while the app was closed, at start', () => {
    const { store, raised, reminders, add, repo } = setup();
    add('late', -5 * 60_000);
    reminders.start();
    assert.deepEqual(raised.map((r) => r.id), ['late']);
    assert.deepEqual(repo.listOpen().map((r) => r.state), ['due'], 'it stays listed until the agent acts');
    reminders.stop();
    store.close();
  });

  it('a reminder added later is picked up, and a resolved one is not raised', async () => {
    const { store, scheduler, raised, reminders, add, repo } = setup();
    reminders.start();
    add('a', 10 * 60_000);
    add('b', 20 * 60_000);
    reminders.reschedule();
    repo.resolve('b', 'dismissed', scheduler.now());
    await scheduler.advance(30 * 60_000);
    assert.deepEqual(raised.map((r) => r.id), ['a']);
    reminders.stop();
    store.close();
  });
});
