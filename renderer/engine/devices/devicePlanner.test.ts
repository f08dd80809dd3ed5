import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AudioDevice, AudioPreferences } from '../../../common/contract/devices';
import { planDevices, type ActiveDevices, type DeviceAction, type DeviceEvent } from './devicePlanner';

// A Windows laptop as Chromium lists it: virtual 'default'/'communications' entries carry the label
// ("Default - …") and group of the real device they point at; USB devices end in "(vid:pid)".
const HEADSET_MIC = 'Headset Microphone (Poly Blackwire 3220 Series) (047f:c056)';
const HEADSET_OUT = 'Headset Earphone (Poly Blackwire 3220 Series) (047f:c056)';
const LAPTOP_MIC = 'Microphone Array (Realtek(R) Audio)';
const LAPTOP_OUT = 'Speakers (Realtek(R) Audio)';

const dev = (deviceId: string, kind: AudioDevice['kind'], label: string, groupId: string): AudioDevice => ({ deviceId, kind, label, groupId });

function laptop({ headset, ids = { mic: 'mic-bw', out: 'spk-bw' } }: { headset: boolean; ids?: { mic: string; out: string } }): AudioDevice[] {
  const micTarget = headset ? [HEADSET_MIC, 'g-bw'] as const : [LAPTOP_MIC, 'g-rt'] as const;
  const outTarget = headset ? [HEADSET_OUT, 'g-bw'] as const : [LAPTOP_OUT, 'g-rt'] as const;
  return [
    dev('default', 'audioinput', `Default - ${micTarget[0]}`, micTarget[1]),
    dev('communications', 'audioinput', `Communications - ${micTarget[0]}`, micTarget[1]),
    ...(headset ? [dev(ids.mic, 'audioinput', HEADSET_MIC, 'g-bw')] : []),
    dev('mic-laptop', 'audioinput', LAPTOP_MIC, 'g-rt'),
    dev('default', 'audiooutput', `Default - ${outTarget[0]}`, outTarget[1]),
    dev('communications', 'audiooutput', `Communications - ${outTarget[0]}`, outTarget[1]),
    ...(headset ? [dev(ids.out, 'audiooutput', HEADSET_OUT, 'g-bw')] : []),
    dev('spk-laptop', 'audiooutput', LAPTOP_OUT, 'g-rt'),
  ];
}

const prefs: AudioPreferences = {
  input: { mode: 'device', deviceId: 'mic-bw', label: HEADSET_MIC, groupId: 'g-bw' },
  output: { mode: 'device', deviceId: 'spk-bw', label: HEADSET_OUT, groupId: 'g-bw' },
  ringer: { mode: 'device', deviceId: 'spk-laptop', label: LAPTOP_OUT, groupId: 'g-rt' },
};

/** Runs the planner over a sequence of device lists and events, carrying `active` along. */
class Agent {
  active: ActiveDevices = {};
  all: DeviceAction[] = [];
  constructor(public preferences: AudioPreferences = prefs) {}
  plan(devices: AudioDevice[], event: DeviceEvent, unavailable?: Partial<Record<'input' | 'output' | 'ringer', string[]>>): DeviceAction[] {
    const plan = planDevices({ preferences: this.preferences, devices, active: this.active, event, unavailable });
    this.active = plan.active;
    this.all.push(...plan.actions);
    return plan.actions;
  }
}

const of = (actions: DeviceAction[], type: DeviceAction['type']) => actions.filter((a) => a.type === type);

describe('device planner: start of shift', () => {
  it('opens the chosen microphone, call audio and ringer without notices', () => {
    const agent = new Agent();
    assert.deepEqual(agent.plan(laptop({ headset: true }), { type: 'start' }), [
      { type: 'switchInput', deviceId: 'mic-bw', label: HEADSET_MIC },
      { type: 'setSink', role: 'output', sinkId: 'spk-bw', label: HEADSET_OUT },
      { type: 'setSink', role: 'ringer', sinkId: 'spk-laptop', label: LAPTOP_OUT },
    ]);
    assert.equal(agent.active.input?.fallback, false);
  });

  it('finds the saved devices again by label when their ids changed, and stores only the new ids', () => {
    const agent = new Agent();
    const actions = agent.plan(laptop({ headset: true, ids: { mic: 'mic-bw-new', out: 'spk-bw-new' } }), { type: 'start' });
    assert.deepEqual(of(actions, 'updatePreference'), [
      { type: 'updatePreference', role: 'input', choice: { mode: 'device', deviceId: 'mic-bw-new', label: HEADSET_MIC, groupId: 'g-bw' } },
      { type: 'updatePreference', role: 'output', choice: { mode: 'device', deviceId: 'spk-bw-new', label: HEADSET_OUT, groupId: 'g-bw' } },
    ]);
    assert.deepEqual(of(actions, 'switchInput'), [{ type: 'switchInput', deviceId: 'mic-bw-new', label: HEADSET_MIC }]);
    assert.deepEqual(of(actions, 'notify'), []);
  });

  it('says so once when the shift starts without any microphone', () => {
    const agent = new Agent();
    const noMic = laptop({ headset: true }).filter((d) => d.kind === 'audiooutput');
    assert.deepEqual(of(agent.plan(noMic, { type: 'start' }), 'notify'), [{ type: 'notify', level: 'error', key: 'notice.devices.noInput' }]);
    assert.deepEqual(agent.plan(noMic, { type: 'devicechange' }), []);
  });

  it('works by id when labels are hidden (no media permission yet)', () => {
    const hidden = laptop({ headset: true }).map((d) => ({ ...d, label: '' }));
    const actions = new Agent().plan(hidden, { type: 'start' });
    assert.deepEqual(of(actions, 'switchInput').map((a) => a.type === 'switchInput' && a.deviceId), ['mic-bw']);
    assert.deepEqual(of(actions, 'updatePreference'), []);
  });
});

describe('device planner: headset unplugged mid-call (A1) and ringer routing (A2)', () => {
  it('falls back at once on the track ending, tells the agent, keeps the preference, and returns on replug', () => {
    const agent = new Agent();
    agent.plan(laptop({ headset: true }), { type: 'start' });

    // `ended` arrives while enumerateDevices() still lists the headset and the virtual entries point at it.
    const ended = agent.plan(laptop({ headset: true }), { type: 'inputEnded', deviceId: 'mic-bw' });
    assert.deepEqual(ended, [
      { type: 'switchInput', deviceId: 'mic-laptop', label: LAPTOP_MIC },
      { type: 'notify', level: 'warning', key: 'notice.devices.inputFallback', values: { from: HEADSET_MIC, to: LAPTOP_MIC } },
    ]);
    assert.equal(agent.active.input?.fallback, true);

    // Then devicechange: the headset is gone and Windows re-points its virtual devices.
    const gone = agent.plan(laptop({ headset: false }), { type: 'devicechange' });
    assert.deepEqual(of(gone, 'switchInput'), [], 'already on the laptop microphone (now also "communications")');
    assert.deepEqual(gone, [
      { type: 'setSink', role: 'output', sinkId: 'default', label: `Default - ${LAPTOP_OUT}` },
      { type: 'notify', level: 'warning', key: 'notice.devices.outputFallback', values: { from: HEADSET_OUT, to: LAPTOP_OUT } },
    ]);

    const back = agent.plan(laptop({ headset: true }), { type: 'devicechange' });
    assert.deepEqual(back, [
      { type: 'switchInput', deviceId: 'mic-bw', label: HEADSET_MIC },
      { type: 'setSink', role: 'output', sinkId: 'spk-bw', label: HEADSET_OUT },
      { type: 'notify', level: 'info', key: 'notice.devices.inputRestored', values: { device: HEADSET_MIC } },
      { type: 'notify', level: 'info', key: 'notice.devices.outputRestored', values: { device: HEADSET_OUT } },
    ]);
    assert.deepEqual(of(agent.all, 'updatePreference'), [], 'the fallback never became the preference');
    assert.equal(of(agent.all, 'setSink').some((a) => a.type === 'setSink' && a.role === 'ringer' && a.sinkId !== 'spk-laptop'), false, 'the ringer stayed on the speakers');
  });

  it('moves the ringer to the default sink with a notice when its sink fails', () => {
    const agent = new Agent();
    agent.plan(laptop({ headset: true }), { type: 'start' });
    assert.deepEqual(agent.plan(laptop({ headset: true }), { type: 'sinkFailed', role: 'ringer', deviceId: 'spk-laptop' }), [
      { type: 'setSink', role: 'ringer', sinkId: 'default', label: `Default - ${HEADSET_OUT}` },
      { type: 'notify', level: 'warning', key: 'notice.devices.ringerFallback', values: { from: LAPTOP_OUT, to: HEADSET_OUT } },
    ]);
  });

  it('prefers the same device group, e.g. a Bluetooth headset switching to its hands-free profile', () => {
    const stereo = dev('bt-stereo', 'audiooutput', 'Headphones (WH-1000XM4 Stereo)', 'g-bt');
    const handsFree = dev('bt-hf', 'audiooutput', 'Headset (WH-1000XM4 Hands-Free AG Audio)', 'g-bt');
    const agent = new Agent({ ...prefs, output: { mode: 'device', deviceId: 'bt-stereo', label: stereo.label, groupId: 'g-bt' } });
    const base = laptop({ headset: false });
    agent.plan([...base, stereo], { type: 'start' });
    const actions = agent.plan([...base, handsFree], { type: 'devicechange' });
    assert.deepEqual(of(actions, 'setSink'), [{ type: 'setSink', role: 'output', sinkId: 'bt-hf', label: handsFree.label }]);
  });

  it('leaves out devices the engine could not open', () => {
    const agent = new Agent();
    const actions = agent.plan(laptop({ headset: true }), { type: 'start' }, { input: ['mic-bw'] });
    assert.deepEqual(of(actions, 'switchInput'), [{ type: 'switchInput', deviceId: 'mic-laptop', label: LAPTOP_MIC }]);
    assert.deepEqual(of(actions, 'setSink')[0], { type: 'setSink', role: 'output', sinkId: 'spk-bw', label: HEADSET_OUT }, 'the headset’s earphone is still fine');
    assert.deepEqual(of(agent.plan(laptop({ headset: true }), { type: 'devicechange' }, { input: ['mic-bw'] }), 'switchInput')[0]?.type, 'switchInput', 'a device change tries it again');
  });
});

describe('device planner: following the system communications device', () => {
  it('re-opens the microphone when Windows points "communications" at another device, and only then', () => {
    const agent = new Agent({ ...prefs, input: { mode: 'follow', target: 'communications' } });
    assert.deepEqual(of(agent.plan(laptop({ headset: true }), { type: 'start' }), 'switchInput'), [
      { type: 'switchInput', deviceId: 'communications', label: `Communications - ${HEADSET_MIC}` },
    ]);
    assert.deepEqual(of(agent.plan(laptop({ headset: true }), { type: 'devicechange' }), 'switchInput'), []);
    const moved = agent.plan(laptop({ headset: false }), { type: 'devicechange' });
    assert.deepEqual(of(moved, 'switchInput'), [{ type: 'switchInput', deviceId: 'communications', label: `Communications - ${LAPTOP_MIC}` }]);
    assert.deepEqual(of(moved, 'notify').filter((a) => a.type === 'notify' && a.key.startsWith('notice.devices.input')), [], 'following is not a fallback');
  });
});
