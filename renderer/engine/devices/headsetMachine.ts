// Pure: headset call control. (call state, device input) → (app events, whole output reports).
//
// Rules (docs/devices.md): the app owns hook/mute/hold state and the headset only signals;
// every output report is written whole; Off-Hook is asserted before (and whenever) Mute is shown,
// because a headset ignores mute outside a call; a mute press is echoed to the LED at once or the
// headset reverts; absolute controls act only when their value changes, relative controls on each
// press; a hook signal is read against the call state, so the headset acknowledging our own
// Off-Hook is not an answer; hook signals while we have no call come from another softphone on the
// same headset and are ignored with a warning.
import type { Call } from '../../../common/contract/model';
import { Input, Output } from './hidUsages';
import {
  encodeOutputReport,
  outputReportIdsFor,
  readInputReport,
  toHex,
  type HidArrayField,
  type HidField,
  type OutputReport,
  type TelephonyUsageMap,
} from './usageMap';

/** What the headset needs to know about the agent's calls. */
export interface HeadsetCallView {
  /** The inbound call alerting (the one that started ringing first). */
  ringing?: { callId: string };
  /** The call the buttons act on: connected or being dialled; one not on hold wins over a held one. */
  call?: { callId: string; state: 'dialing' | 'connected'; muted: boolean; onHold: boolean };
}

export type HeadsetAppEvent =
  | { type: 'answer'; callId: string }
  | { type: 'hangup'; callId: string }
  | { type: 'reject'; callId: string }
  | { type: 'mute'; callId: string; on: boolean }
  | { type: 'hold'; callId: string; on: boolean }
  | { type: 'redial' };

export interface HeadsetWarning {
  key: 'notice.headset.otherSoftphone';
  /** For the log: what was ignored. */
  detail: string;
}

export type HeadsetInput =
  | { type: 'calls'; view: HeadsetCallView }
  | { type: 'report'; reportId: number; data: Uint8Array }
  | { type: 'connected' }
  | { type: 'disconnected' };

export interface HeadsetOptions {
  /** Also drive the headset's own ringer (0x0B:0x9E) while idle and ringing. Off: the app rings. */
  hardwareRinger: boolean;
}

export interface LedState {
  offHook: boolean;
  ring: boolean;
  muted: boolean;
  onHold: boolean;
}

interface Pending {
  /** Answered from the headset, not yet confirmed by the engine: the buttons already act on it. */
  answering?: string;
  offHook?: boolean;
  ring?: boolean;
  muted?: boolean;
  onHold?: boolean;
}

export interface HeadsetState {
  readonly map: TelephonyUsageMap;
  readonly options: HeadsetOptions;
  readonly view: HeadsetCallView;
  /** What a button press just asked for, shown on the LEDs until the next call view confirms or corrects it. */
  readonly pending: Pending;
  /** Last value the headset reported per absolute input usage (forgotten on disconnect). */
  readonly lastAbsolute: ReadonlyMap<number, number>;
  /** Hex of the last report written per output report id. */
  readonly sent: ReadonlyMap<number, string>;
  readonly connected: boolean;
  readonly warnedWhileIdle: boolean;
}

export interface HeadsetStep {
  state: HeadsetState;
  events: HeadsetAppEvent[];
  /** Whole output reports to write, in order. */
  reports: OutputReport[];
  warnings: HeadsetWarning[];
}

const LED_USAGES = [Output.offHook, Output.onLine, Output.ring, Output.ringer, Output.mute, Output.microphone, Output.hold, Output.speaker];
const REJECT_USAGES = new Set([Input.programmableButton, Input.button1, Input.button7]);
const STATEFUL = new Set([Input.hookSwitch, Input.phoneMute]);

/** The view of the engine's calls the headset acts on. */
export function headsetView(calls: readonly Call[]): HeadsetCallView {
  const view: HeadsetCallView = {};
  const ringing = calls
    .filter((call) => call.direction === 'inbound' && call.state === 'ringing')
    .sort((a, b) => a.startedAt - b.startedAt)[0];
  if (ringing) view.ringing = { callId: ringing.id };
  const live = calls
    .filter((call): call is Call & { state: 'dialing' | 'connected' } => call.state === 'connected' || call.state === 'dialing')
    .sort((a, b) => Number(a.onHold) - Number(b.onHold) || b.startedAt - a.startedAt)[0];
  if (live) view.call = { callId: live.id, state: live.state, muted: live.muted, onHold: live.onHold };
  return view;
}

export function createHeadsetState(map: TelephonyUsageMap, options: Partial<HeadsetOptions> = {}): HeadsetState {
  return {
    map,
    options: { hardwareRinger: false, ...options },
    view: {},
    pending: {},
    lastAbsolute: new Map(),
    sent: new Map(),
    connected: false,
    warnedWhileIdle: false,
  };
}

/** The LED state the app wants the headset to show. */
export function ledState(state: Pick<HeadsetState, 'view' | 'pending'>): LedState {
  const { view, pending } = state;
  const offHook = pending.offHook ?? view.call !== undefined;
  return {
    offHook,
    ring: pending.ring ?? view.ringing !== undefined,
    // A headset ignores Mute while on-hook, so Mute and Hold are only ever shown together with Off-Hook.
    muted: offHook && (pending.muted ?? view.call?.muted ?? false),
    onHold: offHook && (pending.onHold ?? view.call?.onHold ?? false),
  };
}

export function headsetStep(state: HeadsetState, input: HeadsetInput): HeadsetStep {
  switch (input.type) {
    case 'calls':
      return applyCalls(state, input.view);
    case 'report': {
      if (state.connected) return applyReport(state, input.reportId, input.data);
      // A report proves the headset is there: resync it first, then read the report.
      const resync = connect(state);
      const step = applyReport(resync.state, input.reportId, input.data);
      return { ...step, reports: [...resync.reports, ...step.reports] };
    }
    case 'connected':
      return connect(state);
    case 'disconnected':
      return { state: { ...state, connected: false, sent: new Map(), lastAbsolute: new Map() }, events: [], reports: [], warnings: [] };
  }
}

/**
 * A new call view is the truth and replaces what button presses asked for; the same view again
 * (the engine reporting something unrelated) leaves a press that is still on its way alone.
 */
function applyCalls(state: HeadsetState, view: HeadsetCallView): HeadsetStep {
  if (sameView(state.view, view)) return { state, events: [], reports: [], warnings: [] };
  const hasCall = view.call !== undefined || view.ringing !== undefined;
  const next: HeadsetState = { ...state, view, pending: {}, warnedWhileIdle: hasCall ? false : state.warnedWhileIdle };
  return finish(next, [], []);
}

function sameView(a: HeadsetCallView, b: HeadsetCallView): boolean {
  const call = (v: HeadsetCallView) => (v.call ? `${v.call.callId}|${v.call.state}|${v.call.muted}|${v.call.onHold}` : '');
  return a.ringing?.callId === b.ringing?.callId && call(a) === call(b);
}

/** After (re)connecting, the headset's state is unknown: write every LED report whole. */
function connect(state: HeadsetState): HeadsetStep {
  const fresh: HeadsetState = { ...state, connected: true, sent: new Map(), lastAbsolute: new Map() };
  return finish(fresh, [], []);
}

function applyReport(state: HeadsetState, reportId: number, data: Uint8Array): HeadsetStep {
  const lastAbsolute = new Map(state.lastAbsolute);
  const events: HeadsetAppEvent[] = [];
  const warnings: HeadsetWarning[] = [];
  let pending: Pending = { ...state.pending };
  let warnedWhileIdle = state.warnedWhileIdle;
  const view = state.view;

  const unsolicited = (detail: string) => {
    if (warnedWhileIdle) return;
    warnedWhileIdle = true;
    warnings.push({ key: 'notice.headset.otherSoftphone', detail });
  };

  for (const { usage, value, field } of readInputReport(state.map, reportId, data)) {
    const signal = toSignal(usage, value, field, lastAbsolute);
    if (!signal) continue;
    const leds = ledState({ view, pending });
    const call =
      view.call && pending.offHook !== false
        ? view.call
        : pending.answering
          ? { callId: pending.answering, state: 'dialing' as const, muted: false, onHold: false }
          : undefined;
    const ringing = view.ringing && pending.ring !== false ? view.ringing : undefined;

    if (usage === Input.hookSwitch) {
      const wantsOffHook = signal.kind === 'press' ? !leds.offHook : signal.on;
      if (wantsOffHook && !call && ringing) {
        events.push({ type: 'answer', callId: ringing.callId });
        pending = { ...pending, answering: ringing.callId, offHook: true, ring: false };
      } else if (!wantsOffHook && call) {
        events.push({ type: 'hangup', callId: call.callId });
        pending = { ...pending, answering: undefined, offHook: false, muted: false, onHold: false };
      } else if (wantsOffHook && !call && !ringing) {
        unsolicited(`hook switch ${signal.kind === 'press' ? 'pressed' : 'went off-hook'} while no call was active`);
      }
      // Anything else is the headset acknowledging the state we set.
    } else if (usage === Input.phoneMute) {
      if (!call) continue;
      const on = signal.kind === 'press' ? !leds.muted : signal.on;
      if (on === leds.muted) continue;
      events.push({ type: 'mute', callId: call.callId, on });
      pending = { ...pending, muted: on };
    } else if (usage === Input.flash || usage === Input.hold) {
      if (signal.kind !== 'press' || !call || call.state !== 'connected') continue;
      events.push({ type: 'hold', callId: call.callId, on: !leds.onHold });
      pending = { ...pending, onHold: !leds.onHold };
    } else if (usage === Input.redial) {
      if (signal.kind === 'press' && !call && !ringing) events.push({ type: 'redial' });
    } else if (REJECT_USAGES.has(usage)) {
      if (signal.kind === 'press' && ringing && !call) {
        events.push({ type: 'reject', callId: ringing.callId });
        pending = { ...pending, ring: false };
      }
    }
  }

  const next: HeadsetState = { ...state, pending, lastAbsolute, warnedWhileIdle };
  return finish(next, events, warnings);
}

type Signal = { kind: 'press' } | { kind: 'state'; on: boolean };

/** One field's value → what the user did, or nothing (duplicate, release, or not a control we use). */
function toSignal(usage: number, value: number, field: HidField | HidArrayField, lastAbsolute: Map<number, number>): Signal | undefined {
  const absolute = !('isAbsolute' in field) || field.isAbsolute;
  if (absolute) {
    const previous = lastAbsolute.get(usage);
    lastAbsolute.set(usage, value);
    if (previous === value) return undefined; // a repeated report, or a report about another control
    // Nothing seen yet (just connected): "off" may be stale, so it must not end or unmute a call.
    if (STATEFUL.has(usage)) return previous === undefined && value === 0 ? undefined : { kind: 'state', on: value !== 0 };
    return value !== 0 && !previous ? { kind: 'press' } : undefined; // momentary: count the press, not the release
  }
  if (field.controlType === 'onOffButtons') {
    if (value === 0) return undefined;
    return STATEFUL.has(usage) ? { kind: 'state', on: value > 0 } : value > 0 ? { kind: 'press' } : undefined;
  }
  return value > 0 ? { kind: 'press' } : undefined;
}

/** Writes the LED reports whose content changed since they were last written (all of them after a reconnect). */
function finish(next: HeadsetState, events: HeadsetAppEvent[], warnings: HeadsetWarning[]): HeadsetStep {
  const leds = ledState(next);
  const ringer = next.options.hardwareRinger && leds.ring && !leds.offHook;
  const value = (usage: number): number => {
    switch (usage) {
      case Output.offHook:
      case Output.onLine:
        return leds.offHook ? 1 : 0;
      case Output.ring:
        return leds.ring ? 1 : 0;
      case Output.ringer:
        return ringer ? 1 : 0;
      case Output.mute:
      case Output.microphone:
        return leds.muted ? 1 : 0;
      case Output.hold:
        return leds.onHold ? 1 : 0;
      default:
        return 0;
    }
  };
  // Off-Hook goes first when it is on (a headset ignores Mute/Hold while on-hook) and last when it
  // goes off (so Mute/Hold are cleared while the headset still listens).
  const offHookIds = outputReportIdsFor(next.map, [Output.offHook]);
  const others = outputReportIdsFor(next.map, LED_USAGES).filter((id) => !offHookIds.includes(id));
  const ids = leds.offHook ? [...offHookIds, ...others] : [...others, ...offHookIds];
  const sent = new Map(next.sent);
  const reports: OutputReport[] = [];
  if (next.connected) {
    for (const id of ids) {
      const report = encodeOutputReport(next.map, id, value);
      const hex = toHex(report.data);
      if (sent.get(id) === hex) continue;
      sent.set(id, hex);
      reports.push(report);
    }
  }
  return { state: { ...next, sent }, events, reports, warnings };
}
