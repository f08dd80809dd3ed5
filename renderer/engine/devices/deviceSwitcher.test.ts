import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AudioRole, DeviceChoice } from '../../../common/contract/devices';
import type { DeviceAction } from './devicePlanner';
import { applyDeviceActions, type AudioSenderLike, type AudioTrackLike, type DeviceActionHost } from './deviceSwitcher';

class FakeTrack implements AudioTrackLike {
  stopped = false;
  enabled = true;
  constructor(
    readonly deviceId: string,
    readonly clonedFrom?: FakeTrack,
  ) {}
  stop(): void {
    this.stopped = true;
  }
  clone(): FakeTrack {
    return new FakeTrack(this.deviceId, this);
  }
}

/** An RTCRtpSender stand-in: the only thing the switcher can do to a call is replaceTrack. */
class FakeSender implements AudioSenderLike {
  track: AudioTrackLike | null = null;
  constructor(private readonly fails = false) {}
  async replaceTrack(track: AudioTrackLike | null): Promise<void> {
    if (this.fails) throw new Error('InvalidStateError');
    this.track = track;
  }
}

function host(options: { senders?: FakeSender[]; broken?: string[] } = {}) {
  const log = {
    opened: [] as string[],
    sinks: [] as string[],
    notices: [] as string[],
    saved: [] as Array<{ role: AudioRole; choice: DeviceChoice }>,
  };
  const value: DeviceActionHost = {
    tracks: {
      openInput: async (deviceId) => {
        log.opened.push(deviceId);
        if (options.broken?.includes(deviceId)) throw new Error('NotReadableError');
        return new FakeTrack(deviceId);
      },
      audioSenders: () => options.senders ?? [],
    },
    sinks: {
      setSink: async (role, sinkId) => {
        if (options.broken?.includes(sinkId)) throw new Error('NotFoundError');
        log.sinks.push(`${role}:${sinkId}`);
      },
    },
    notify: (level, key) => log.notices.push(`${level}:${key}`),
    savePreference: (role, choice) => log.saved.push({ role, choice }),
  };
  return { value, log };
}

describe('applyDeviceActions', () => {
  it('swaps the microphone on every live call with replaceTrack and stops the old track', async () => {
    const senders = [new FakeSender(), new FakeSender()];
    const old = new FakeTrack('mic-bw');
    const { value, log } = host({ senders });
    const actions: DeviceAction[] = [
      { type: 'switchInput', deviceId: 'mic-laptop', label: 'Laptop' },
      { type: 'notify', level: 'warning', key: 'notice.devices.inputFallback', values: { from: 'Headset', to: 'Laptop' } },
    ];
    const heldTrack = new FakeTrack('mic-bw');
    heldTrack.enabled = false; // JsSIP disabled it: this call is muted or on hold
    const activeTrack = new FakeTrack('mic-bw');
    senders[0]!.track = heldTrack;
    senders[1]!.track = activeTrack;
    const result = await applyDeviceActions(actions, value, old);
    assert.deepEqual(log.opened, ['mic-laptop']);
    assert.ok(result.input instanceof FakeTrack && result.input.deviceId === 'mic-laptop');
    for (const sender of senders) {
      const sent = sender.track as FakeTrack;
      assert.equal(sent.clonedFrom, result.input, 'each call sends its own clone of the new microphone');
    }
    assert.notEqual(senders[0]!.track, senders[1]!.track);
    assert.equal(senders[0]!.track!.enabled, false, 'the muted/held call stays silent');
    assert.equal(senders[1]!.track!.enabled, true, 'the active call is heard');
    assert.ok(heldTrack.stopped && activeTrack.stopped, 'the calls\' old tracks are released');
    assert.equal(old.stopped, true);
    assert.deepEqual(log.notices, ['warning:notice.devices.inputFallback']);
    assert.deepEqual(log.saved, [], 'a fallback is never saved');
  });

  it('keeps the old microphone and reports back when the new one cannot be opened', async () => {
    const sender = new FakeSender();
    const old = new FakeTrack('mic-bw');
    sender.track = old;
    const { value } = host({ senders: [sender], broken: ['mic-laptop'] });
    const result = await applyDeviceActions([{ type: 'switchInput', deviceId: 'mic-laptop', label: 'Laptop' }], value, old);
    assert.equal(result.input, old);
    assert.equal(old.stopped, false);
    assert.equal(sender.track, old);
    assert.deepEqual(result.followUps, [{ type: 'inputFailed', deviceId: 'mic-laptop' }]);
  });

  it('still switches the other calls when one sender refuses', async () => {
    const good = new FakeSender();
    const { value } = host({ senders: [new FakeSender(true), good] });
    const result = await applyDeviceActions([{ type: 'switchInput', deviceId: 'mic-laptop', label: 'Laptop' }], value, undefined);
    assert.equal((good.track as FakeTrack).clonedFrom, result.input);
  });

  it('routes sinks, reports a failed sink, and saves a re-found preference', async () => {
    const { value, log } = host({ broken: ['spk-gone'] });
    const choice: DeviceChoice = { mode: 'device', deviceId: 'new-id', label: 'Headset', groupId: 'g' };
    const result = await applyDeviceActions(
      [
        { type: 'setSink', role: 'ringer', sinkId: 'spk-laptop', label: 'Speakers' },
        { type: 'setSink', role: 'output', sinkId: 'spk-gone', label: 'Gone' },
        { type: 'updatePreference', role: 'output', choice },
      ],
      value,
      undefined,
    );
    assert.deepEqual(log.sinks, ['ringer:spk-laptop']);
    assert.deepEqual(result.followUps, [{ type: 'sinkFailed', role: 'output', deviceId: 'spk-gone' }]);
    assert.deepEqual(log.saved, [{ role: 'output', choice }]);
  });
});
