import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Call } from '../../../common/contract/model';
import { blackwire3220Device, teamsPackedTelephony } from './fixtures/descriptors';
import vbetFixture from './fixtures/vbet-vt-lync.headset.json';
import { parseReportDescriptor } from './hidDescriptor';
import { Output } from './hidUsages';
import {
  createHeadsetState,
  headsetStep,
  headsetView,
  type HeadsetAppEvent,
  type HeadsetCallView,
  type HeadsetInput,
  type HeadsetState,
  type HeadsetWarning,
} from './headsetMachine';
import { loadHeadsetInfo, traceReports } from './headsetExport';
import { buildUsageMap, toHex, type TelephonyUsageMap } from './usageMap';

/** Drives the machine like the engine would and models what the headset's LEDs show. */
class Rig {
  state: HeadsetState;
  events: HeadsetAppEvent[] = [];
  warnings: HeadsetWarning[] = [];
  /** Reports written by the last step, as "rID:hex". */
  written: string[] = [];
  readonly leds = new Map<number, number>();

  constructor(readonly map: TelephonyUsageMap) {
    this.state = createHeadsetState(map);
  }

  static of(collections: Parameters<typeof buildUsageMap>[0]): Rig {
    const map = buildUsageMap(collections);
    assert.ok(map);
    return new Rig(map);
  }

  step(input: HeadsetInput): this {
    const result = headsetStep(this.state, input);
    this.state = result.state;
    this.events = result.events;
    this.warnings = result.warnings;
    this.written = result.reports.map((r) => `${r.reportId}:${toHex(r.data)}`);
    for (const report of result.reports) {
      assert.equal(report.data.length, this.map.outputReportBytes.get(report.reportId), 'an output report is always written whole');
      for (const field of this.map.outputs) {
        if (field.reportId !== report.reportId) continue;
        this.leds.set(field.usage, ((report.data[field.bitOffset >> 3] ?? 0) >> (field.bitOffset & 7)) & 1);
        // Checked after every single write: the headset never shows Mute or Hold while on-hook.
      }
      const offHook = this.leds.get(Output.offHook) ?? 0;
      assert.ok(!(this.leds.get(Output.mute) && !offHook), 'Mute LED without Off-Hook');
      assert.ok(!(this.leds.get(Output.hold) && !offHook), 'Hold LED without Off-Hook');
    }
    return this;
  }

  connect(): this {
    return this.step({ type: 'connected' });
  }
  calls(view: HeadsetCallView): this {
    return this.step({ type: 'calls', view });
  }
  input(reportId: number, ...bytes: number[]): this {
    return this.step({ type: 'report', reportId, data: Uint8Array.from(bytes) });
  }
  led(usage: number): number {
    return this.leds.get(usage) ?? 0;
  }
}

const ringing = (callId = 'c1'): HeadsetCallView => ({ ringing: { callId } });
const inCall = (patch: Partial<NonNullable<HeadsetCallView['call']>> = {}): HeadsetCallView => ({
  call: { callId: 'c1', state: 'connected', muted: false, onHold: false, ...patch },
});

// Blackwire 3220 input report 8: bit0 Phone Mute (relative), bit1 Hook Switch, bit2 Flash (absolute).
const BW = 8;
const blackwire = () => Rig.of(parseReportDescriptor(blackwire3220Device)).connect();

describe('headset state machine: Blackwire 3220 (one report per LED, absolute hook switch)', () => {
  it('rings the headset while a call rings, answers once from the hook switch, and ignores repeats', () => {
    const rig = blackwire();
    assert.deepEqual(rig.written, ['9:00', '24:00', '30:00', '32:00', '42:00', '23:00'], 'connecting writes every LED report');
    rig.calls(ringing());
    assert.deepEqual(rig.written, ['24:01']);
    rig.input(BW, 0x02);
    assert.deepEqual(rig.events, [{ type: 'answer', callId: 'c1' }]);
    assert.deepEqual(rig.written, ['23:01', '24:00', '42:01'], 'Off-Hook acknowledged at once, before anything else');
    rig.input(BW, 0x02);
    assert.deepEqual([rig.events, rig.written], [[], []], 'a repeated absolute report is not a second answer');
    rig.calls(inCall());
    assert.deepEqual([rig.events, rig.written], [[], []], 'the engine confirming the answer changes nothing');
  });

  it('echoes a mute press to the LED at once and toggles on each press, not on the release', () => {
    const rig = blackwire().calls(inCall()).input(BW, 0x02);
    assert.deepEqual(rig.events, [], 'the headset acknowledging Off-Hook is not a button press');
    rig.input(BW, 0x03);
    assert.deepEqual(rig.events, [{ type: 'mute', callId: 'c1', on: true }]);
    assert.deepEqual(rig.written, ['9:01'], 'echoed before the engine has even muted');
    rig.input(BW, 0x02);
    assert.deepEqual([rig.events, rig.written], [[], []]);
    rig.calls(inCall({ muted: true }));
    assert.deepEqual(rig.written, []);
    rig.input(BW, 0x03);
    assert.deepEqual(rig.events, [{ type: 'mute', callId: 'c1', on: false }]);
    assert.equal(rig.led(Output.mute), 0);
  });

  it('puts the call on hold and back with Flash, keeping the headset off-hook', () => {
    const rig = blackwire().calls(inCall()).input(BW, 0x02);
    rig.input(BW, 0x06);
    assert.deepEqual(rig.events, [{ type: 'hold', callId: 'c1', on: true }]);
    assert.deepEqual([rig.led(Output.hold), rig.led(Output.offHook)], [1, 1]);
    rig.input(BW, 0x02);
    assert.deepEqual(rig.events, [], 'releasing Flash does nothing');
    rig.calls(inCall({ onHold: true })).input(BW, 0x06);
    assert.deepEqual(rig.events, [{ type: 'hold', callId: 'c1', on: false }]);
    assert.equal(rig.led(Output.hold), 0);
  });

  it('hangs up from the hook switch and clears Mute and Hold before Off-Hook', () => {
    const rig = blackwire().calls(inCall({ muted: true, onHold: true })).input(BW, 0x02);
    rig.input(BW, 0x00);
    assert.deepEqual(rig.events, [{ type: 'hangup', callId: 'c1' }]);
    assert.deepEqual(rig.written, ['9:00', '32:00', '42:00', '23:00']);
    rig.calls({});
    assert.deepEqual([rig.events, rig.written, rig.warnings], [[], [], []]);
  });

  it('takes the headset off-hook when the agent answers in the app, without answering twice', () => {
    const rig = blackwire().calls(ringing()).calls(inCall());
    assert.deepEqual(rig.written, ['23:01', '24:00', '42:01']);
    rig.input(BW, 0x02);
    assert.deepEqual(rig.events, [], 'the headset’s Hook Switch ack');
    rig.input(BW, 0x00);
    assert.deepEqual(rig.events, [{ type: 'hangup', callId: 'c1' }]);
  });

  it('writes the whole LED state again after the headset reconnects, Off-Hook first', () => {
    const rig = blackwire().calls(inCall({ muted: true }));
    rig.step({ type: 'disconnected' }).calls(inCall({ muted: true, onHold: true }));
    assert.deepEqual(rig.written, [], 'nothing is written to a headset that is gone');
    rig.connect();
    assert.deepEqual(rig.written, ['23:01', '9:01', '24:00', '30:00', '32:01', '42:01']);
    rig.input(BW, 0x02);
    assert.deepEqual(rig.events, [], 'its hook state after reconnecting matches the call');
  });

  it('does not end the call on a stale on-hook report right after reconnecting', () => {
    const rig = blackwire().calls(inCall()).input(BW, 0x02);
    rig.step({ type: 'disconnected' }).connect().input(BW, 0x00);
    assert.deepEqual(rig.events, []);
    rig.input(BW, 0x02).input(BW, 0x00);
    assert.deepEqual(rig.events, [{ type: 'hangup', callId: 'c1' }], 'a real on-hook afterwards still hangs up');
  });

  it('ignores hook signals while no call is up (another softphone) and warns once per idle spell', () => {
    const rig = blackwire();
    rig.input(BW, 0x02);
    assert.deepEqual(rig.events, []);
    assert.deepEqual(rig.warnings.map((w) => w.key), ['notice.headset.otherSoftphone']);
    assert.deepEqual(rig.written, [], 'our LEDs are left alone');
    rig.input(BW, 0x00).input(BW, 0x02);
    assert.deepEqual([rig.events, rig.warnings], [[], []]);
    rig.calls(ringing()).calls({}).input(BW, 0x00).input(BW, 0x02);
    assert.deepEqual(rig.warnings.map((w) => w.key), ['notice.headset.otherSoftphone'], 'warned again after a call');
  });

  it('keeps a press that is on its way when the engine repeats an unchanged call view', () => {
    const rig = blackwire().calls(ringing()).input(BW, 0x02);
    assert.deepEqual(rig.events, [{ type: 'answer', callId: 'c1' }]);
    rig.calls(ringing());
    assert.deepEqual(rig.written, [], 'no flicker back to ringing');
    rig.calls(inCall()).input(BW, 0x00);
    assert.deepEqual(rig.events, [{ type: 'hangup', callId: 'c1' }]);
  });

  it('does nothing for mute or Flash without a call', () => {
    const rig = blackwire();
    rig.input(BW, 0x01).input(BW, 0x00).input(BW, 0x04).input(BW, 0x00);
    assert.deepEqual([rig.events, rig.written], [[], []]);
  });
});

// Teams-style report 0x0B: bit0 Hook Switch, bit1 Phone Mute, bit2 Redial, bit3 Flash, bit4 Drop
// (all relative), bit5 Programmable Button; LEDs bit0 Off-Hook, 1 Mute, 2 Ring, 3 Microphone, 4 On-Line, 5 Hold.
const TEAMS = 0x0b;
const teams = () => Rig.of(parseReportDescriptor(teamsPackedTelephony)).connect();

describe('headset state machine: Teams-style packed report (relative hook switch)', () => {
  it('toggles the hook with each press and writes every LED bit in every report', () => {
    const rig = teams();
    assert.deepEqual(rig.written, ['11:00']);
    rig.calls(ringing());
    assert.deepEqual(rig.written, ['11:04']);
    rig.input(TEAMS, 0x01);
    assert.deepEqual(rig.events, [{ type: 'answer', callId: 'c1' }]);
    assert.deepEqual(rig.written, ['11:11'], 'Off-Hook + On-Line, Ring off');
    rig.input(TEAMS, 0x00).calls(inCall());
    assert.deepEqual([rig.events, rig.written], [[], []]);
    rig.input(TEAMS, 0x02);
    assert.deepEqual(rig.events, [{ type: 'mute', callId: 'c1', on: true }]);
    assert.deepEqual(rig.written, ['11:1b'], 'Mute and Microphone set without dropping Off-Hook/On-Line');
    rig.input(TEAMS, 0x00).input(TEAMS, 0x01);
    assert.deepEqual(rig.events, [{ type: 'hangup', callId: 'c1' }]);
    assert.deepEqual(rig.written, ['11:00']);
  });

  it('counts every relative press (presses are never de-duplicated)', () => {
    const rig = teams().calls(ringing());
    rig.input(TEAMS, 0x01);
    assert.deepEqual(rig.events, [{ type: 'answer', callId: 'c1' }]);
    rig.input(TEAMS, 0x01);
    assert.deepEqual(rig.events, [{ type: 'hangup', callId: 'c1' }]);
  });

  it('rejects a ringing call with the programmable button and warns about a hook press while idle', () => {
    const rig = teams().calls(ringing());
    rig.input(TEAMS, 0x20);
    assert.deepEqual(rig.events, [{ type: 'reject', callId: 'c1' }]);
    assert.deepEqual(rig.written, ['11:00'], 'Ring stops at once');
    rig.calls({}).input(TEAMS, 0x00).input(TEAMS, 0x01);
    assert.deepEqual(rig.events, []);
    assert.deepEqual(rig.warnings.map((w) => w.key), ['notice.headset.otherSoftphone']);
  });

  it('asks for a redial from the Redial key only when idle', () => {
    const rig = teams();
    rig.input(TEAMS, 0x04);
    assert.deepEqual(rig.events, [{ type: 'redial' }]);
    rig.calls(inCall()).input(TEAMS, 0x04);
    assert.deepEqual(rig.events, []);
  });
});

describe('headset state machine: VBeT trace from an exported fixture', () => {
  it('replays the scripted trace into exactly one app event per user action', () => {
    const info = loadHeadsetInfo(vbetFixture);
    const rig = Rig.of(info.collections).connect();
    // A minimal engine: apply each app event to the call, as the call registry would.
    let view: HeadsetCallView = ringing();
    rig.calls(view);
    assert.equal(rig.led(Output.ring), 1);
    const seen: HeadsetAppEvent[] = [];
    for (const entry of traceReports(info).filter((e) => e.dir === 'in')) {
      rig.step({ type: 'report', reportId: entry.reportId, data: entry.data });
      for (const event of rig.events) {
        seen.push(event);
        if (event.type === 'answer') view = inCall();
        if (event.type === 'mute' && view.call) view = { call: { ...view.call, muted: event.on } };
        if (event.type === 'hold' && view.call) view = { call: { ...view.call, onHold: event.on } };
        if (event.type === 'hangup') view = {};
        rig.calls(view);
      }
    }
    assert.deepEqual(seen, [
      { type: 'answer', callId: 'c1' },
      { type: 'mute', callId: 'c1', on: true },
      { type: 'mute', callId: 'c1', on: false },
      { type: 'hold', callId: 'c1', on: true },
      { type: 'hold', callId: 'c1', on: false },
      { type: 'hangup', callId: 'c1' },
    ]);
    assert.deepEqual([rig.led(Output.offHook), rig.led(Output.ring), rig.led(Output.mute)], [0, 0, 0]);
  });


  it('rejects a ringing call with Button 7 and holds with the dedicated Hold key', () => {
    const rig = Rig.of(loadHeadsetInfo(vbetFixture).collections).connect().calls(ringing());
    const report = (byte0: number) => [byte0, ...new Array<number>(14).fill(0)];
    rig.input(1, ...report(0x20));
    assert.deepEqual(rig.events, [{ type: 'reject', callId: 'c1' }]);
    rig.input(1, ...report(0x00)).calls(inCall()).input(1, ...report(0x04)).input(1, ...report(0x06));
    assert.deepEqual(rig.events, [{ type: 'hold', callId: 'c1', on: true }]);
  });
});

describe('headset state machine: absolute Phone Mute switch', () => {
  // Telephony Headset, report 2 in: Hook Switch, Phone Mute (both absolute, Input 0x22); out: LED Off-Hook, Mute.
  const absoluteMute = [
    0x05, 0x0b, 0x09, 0x05, 0xa1, 0x01, 0x85, 0x02, 0x15, 0x00, 0x25, 0x01, 0x75, 0x01, 0x95, 0x02, 0x09, 0x20, 0x09, 0x2f,
    0x81, 0x22, 0x95, 0x06, 0x81, 0x01, 0x05, 0x08, 0x09, 0x17, 0x09, 0x09, 0x95, 0x02, 0x91, 0x22, 0x95, 0x06, 0x91, 0x01, 0xc0,
  ];

  it('follows the switch position, and a repeated position does not undo the agent’s click in the app', () => {
    const rig = Rig.of(parseReportDescriptor(absoluteMute)).connect().calls(inCall()).input(2, 0x01);
    rig.input(2, 0x03);
    assert.deepEqual(rig.events, [{ type: 'mute', callId: 'c1', on: true }]);
    assert.deepEqual(rig.written, ['2:03']);
    // The agent unmutes in the app; the switch still says "muted" in the next report about the hook.
    rig.calls(inCall({ muted: true })).calls(inCall({ muted: false })).input(2, 0x03);
    assert.deepEqual(rig.events, [], 'an unchanged absolute value is not a new action');
    rig.input(2, 0x01);
    assert.deepEqual(rig.events, [], 'switching to "unmuted" while already unmuted does nothing');
    rig.input(2, 0x03);
    assert.deepEqual(rig.events, [{ type: 'mute', callId: 'c1', on: true }]);
  });
});

describe('headset state machine: the headset’s own ringer', () => {
  // Telephony Headset, report 1 out: LED Off-Hook, LED Ring, Telephony Ringer (0x0B:0x9E), 5 bits padding.
  const withRinger = [
    0x05, 0x0b, 0x09, 0x05, 0xa1, 0x01, 0x85, 0x01, 0x15, 0x00, 0x25, 0x01, 0x75, 0x01, 0x95, 0x01, 0x09, 0x20, 0x81, 0x22,
    0x95, 0x07, 0x81, 0x01, 0x05, 0x08, 0x09, 0x17, 0x09, 0x18, 0x95, 0x02, 0x91, 0x22, 0x05, 0x0b, 0x09, 0x9e, 0x95, 0x01,
    0x91, 0x22, 0x95, 0x05, 0x91, 0x01, 0xc0,
  ];

  it('rings it only when asked to and only while no call is up', () => {
    const quiet = Rig.of(parseReportDescriptor(withRinger)).connect().calls(ringing());
    assert.deepEqual(quiet.written, ['1:02'], 'Ring LED only: the app plays the ringtone');
    const map = buildUsageMap(parseReportDescriptor(withRinger));
    assert.ok(map);
    const loud = new Rig(map);
    loud.state = createHeadsetState(map, { hardwareRinger: true });
    loud.connect().calls(ringing());
    assert.deepEqual(loud.written, ['1:06']);
    loud.input(1, 0x01);
    assert.deepEqual(loud.written, ['1:01'], 'answered: Off-Hook on, Ring and Ringer off');
  });
});

describe('headsetView', () => {
  const call = (patch: Partial<Call>): Call => ({ id: 'x', direction: 'inbound', state: 'connected', remoteNumber: '1', startedAt: 0, onHold: false, muted: false, ...patch });

  it('follows the call that is not on hold and the call that started ringing first', () => {
    const view = headsetView([
      call({ id: 'held', onHold: true, startedAt: 1 }),
      call({ id: 'live', startedAt: 2, muted: true }),
      call({ id: 'ring2', state: 'ringing', startedAt: 5 }),
      call({ id: 'ring1', state: 'ringing', startedAt: 4 }),
      call({ id: 'out', direction: 'outbound', state: 'ended', startedAt: 6 }),
    ]);
    assert.deepEqual(view, { ringing: { callId: 'ring1' }, call: { callId: 'live', state: 'connected', muted: true, onHold: false } });
    assert.deepEqual(headsetView([call({ id: 'd', direction: 'outbound', state: 'dialing' })]).call?.state, 'dialing');
    assert.deepEqual(headsetView([]), {});
  });
});
