import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { updateGate } from './updateGate';

const idle = { callActive: false, inWrapUp: false, unsyncedOutboxCount: 0 };

describe('update gate', () => {
  it('installs only when the agent is idle: no call, no wrap-up, nothing waiting to sync', () => {
    assert.deepEqual(updateGate(idle), { install: true });
  });

  it('defers during a call', () => {
    assert.deepEqual(updateGate({ ...idle, callActive: true }), { install: false, reasons: ['callActive'] });
  });

  it('defers during wrap-up', () => {
    assert.deepEqual(updateGate({ ...idle, inWrapUp: true }), { install: false, reasons: ['wrapUp'] });
  });

  it('defers while even one note has not reached the CRM', () => {
    assert.deepEqual(updateGate({ ...idle, unsyncedOutboxCount: 1 }), { install: false, reasons: ['unsyncedOutbox'] });
  });

  it('names every reason at once so the agent knows what to finish', () => {
    assert.deepEqual(updateGate({ callActive: true, inWrapUp: true, unsyncedOutboxCount: 3 }), {
      install: false,
      reasons: ['callActive', 'wrapUp', 'unsyncedOutbox'],
    });
  });
});
