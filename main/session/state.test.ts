import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppState } from './state';

describe('AppState notices', () => {
  it('shows a notice raised again as one notice with a count and the latest time, not a growing stack', () => {
    let now = 1_000;
    const state = new AppState(() => now);
    for (let i = 0; i < 7; i += 1) {
      now += 60_000;
      state.notify('error', 'notice.engineRestarted');
    }
    const notices = state.snapshot().notices;
    assert.equal(notices.length, 1);
    assert.equal(notices[0]!.count, 7);
    assert.equal(notices[0]!.at, now);
  });

  it('keeps notices apart when their wording differs, and moves a repeated one to the newest place', () => {
    const state = new AppState(() => 1);
    state.notify('warning', 'notice.deviceMissing', { device: 'Headset A' });
    state.notify('warning', 'notice.deviceMissing', { device: 'Headset B' });
    state.notify('warning', 'notice.deviceMissing', { device: 'Headset A' });
    const notices = state.snapshot().notices;
    assert.deepEqual(
      notices.map((notice) => [notice.values?.device, notice.count ?? 1]),
      [
        ['Headset B', 1],
        ['Headset A', 2],
      ],
    );
  });

  it('raises a dismissed notice afresh when it happens again', () => {
    const state = new AppState(() => 1);
    const first = state.notify('error', 'notice.engineRestarted');
    assert.equal(state.dismissNotice(first.id), true);
    state.notify('error', 'notice.engineRestarted');
    assert.equal(state.snapshot().notices.length, 1);
    assert.equal(state.snapshot().notices[0]!.count ?? 1, 1);
  });
});
