// Pure: which microphone, call-audio sink and ringer sink to use, given the agent's preferences, the
// current enumerateDevices() list and what just happened. Returns actions; the engine carries them
// out (applyDeviceActions: replaceTrack for the microphone, setSinkId for sinks) and tells the agent.
//
// Rules (docs/devices.md):
// - A concrete choice is found by deviceId, then by label (ids change across reboots); finding it by
//   label updates the stored id, nothing else about the preference.
// - A missing choice falls back to a device of the same group (a Bluetooth headset switching
//   profile), then the communications device, then the default, then any device; the agent is told,
//   the preference is kept, and the preferred device is taken back as soon as it reappears.
// - A sink that is gone or fails falls back to the same group, then the system default.
// - "Follow" choices track the virtual 'communications'/'default' entries; when the OS points them at
//   another device (the entry's label changes) the microphone is re-opened so the track follows.
// - A microphone whose track ended (or that failed to open) counts as gone even while the list still
//   shows it (`ended` can arrive before `devicechange`), together with the virtual entries naming it.
import {
  baseDeviceLabel,
  type ActiveDevice,
  type AudioDevice,
  type AudioPreferences,
  type AudioRole,
  type DeviceChoice,
  type DeviceNoticeKey,
  type VirtualDeviceId,
} from '../../../common/contract/devices';

export type SinkRole = Exclude<AudioRole, 'input'>;

export type DeviceEvent =
  | { type: 'start' }
  | { type: 'devicechange' }
  | { type: 'preferencesChanged' }
  /** The microphone track fired `ended`. */
  | { type: 'inputEnded'; deviceId: string }
  /** getUserMedia failed for this device (NotFoundError, NotReadableError, …). */
  | { type: 'inputFailed'; deviceId: string }
  /** setSinkId failed for this sink (NotFoundError, AbortError). */
  | { type: 'sinkFailed'; role: SinkRole; deviceId: string };

export type DeviceAction =
  | { type: 'switchInput'; deviceId: string; label: string }
  | { type: 'setSink'; role: SinkRole; sinkId: string; label: string }
  | { type: 'notify'; level: 'info' | 'warning' | 'error'; key: DeviceNoticeKey; values?: Record<string, string> }
  /** The same device was found under a new id: store the new id (never a fallback device). */
  | { type: 'updatePreference'; role: AudioRole; choice: DeviceChoice };

export interface DeviceInfoLike {
  readonly deviceId: string;
  readonly kind: string;
  readonly label: string;
  readonly groupId: string;
}

export type ActiveDevices = Partial<Record<AudioRole, ActiveDevice>>;

export interface DevicePlanInput {
  preferences: AudioPreferences;
  /** enumerateDevices() (MediaDeviceInfo fits); entries of other kinds are ignored. */
  devices: readonly DeviceInfoLike[];
  active: ActiveDevices;
  event: DeviceEvent;
  /** Device ids per role the engine already knows are unusable right now (failed to open); ignored on devicechange. */
  unavailable?: Partial<Record<AudioRole, readonly string[]>>;
}

export interface DevicePlan {
  actions: DeviceAction[];
  active: ActiveDevices;
}

const VIRTUAL_IDS: readonly string[] = ['default', 'communications'];
const ROLES: readonly AudioRole[] = ['input', 'output', 'ringer'];
const NOTICES: Record<AudioRole, { fallback: DeviceNoticeKey; restored: DeviceNoticeKey }> = {
  input: { fallback: 'notice.devices.inputFallback', restored: 'notice.devices.inputRestored' },
  output: { fallback: 'notice.devices.outputFallback', restored: 'notice.devices.outputRestored' },
  ringer: { fallback: 'notice.devices.ringerFallback', restored: 'notice.devices.ringerRestored' },
};

export function isVirtualDeviceId(deviceId: string): deviceId is VirtualDeviceId {
  return VIRTUAL_IDS.includes(deviceId);
}

/** Chromium labels its virtual entries "Default - X" / "Communications - X"; X is the real device. */
export const baseLabel = baseDeviceLabel;

interface Resolution {
  device: ActiveDevice | undefined;
  /** Set when a concrete choice was found by label under a new id. */
  renamed?: DeviceChoice;
}

export function planDevices(input: DevicePlanInput): DevicePlan {
  const { preferences, active, event } = input;
  const audio = input.devices.filter((d): d is AudioDevice => d.kind === 'audioinput' || d.kind === 'audiooutput');
  const unavailable = event.type === 'devicechange' ? {} : (input.unavailable ?? {});
  const actions: DeviceAction[] = [];
  const notices: DeviceAction[] = [];
  const next: ActiveDevices = {};

  for (const role of ROLES) {
    const kind = role === 'input' ? 'audioinput' : 'audiooutput';
    let candidates = audio.filter((d) => d.kind === kind);
    for (const deviceId of unavailable[role] ?? []) candidates = withoutDevice(candidates, deviceId, active[role]);
    if (role === 'input' && (event.type === 'inputEnded' || event.type === 'inputFailed')) candidates = withoutDevice(candidates, event.deviceId, active.input);
    if (role !== 'input' && event.type === 'sinkFailed' && event.role === role) candidates = withoutDevice(candidates, event.deviceId, active[role]);

    const choice = preferences[role];
    const { device, renamed } = resolve(role, choice, candidates);
    if (renamed) actions.push({ type: 'updatePreference', role, choice: renamed });
    const previous = active[role];
    if (device && previous && sameDevice(previous, device)) {
      // Already there (perhaps under the other of its two ids): keep what is open.
      next[role] = { ...previous, fallback: device.fallback };
    } else if (device) {
      next[role] = device;
      actions.push(role === 'input' ? { type: 'switchInput', deviceId: device.deviceId, label: device.label } : { type: 'setSink', role, sinkId: device.deviceId, label: device.label });
    }
    notices.push(...noticesFor(role, choice, previous, device, event.type === 'start'));
  }
  return { actions: [...actions, ...notices], active: next };
}

/**
 * Drops a device that just failed, and every entry standing for the same physical device: the
 * virtual 'default'/'communications' entries still name it until the OS re-points them.
 */
function withoutDevice(candidates: AudioDevice[], deviceId: string, previous: ActiveDevice | undefined): AudioDevice[] {
  const failed = previous?.deviceId === deviceId ? previous : candidates.find((d) => d.deviceId === deviceId);
  const name = failed ? baseLabel(failed.label) : '';
  return candidates.filter((d) => d.deviceId !== deviceId && (name === '' || baseLabel(d.label) !== name));
}

function resolve(role: AudioRole, choice: DeviceChoice, candidates: AudioDevice[]): Resolution {
  const real = candidates.filter((d) => !isVirtualDeviceId(d.deviceId));
  const byId = (id: string) => candidates.find((d) => d.deviceId === id);
  const systemDefault = (): ActiveDevice | undefined => {
    const order: VirtualDeviceId[] = role === 'input' ? ['communications', 'default'] : ['default'];
    for (const id of order) {
      const found = byId(id);
      if (found) return active(found, choice.mode === 'device');
    }
    if (role !== 'input') return { deviceId: '', label: '', groupId: '', fallback: choice.mode === 'device' }; // setSinkId('') = system default
    return real[0] ? active(real[0], choice.mode === 'device') : undefined;
  };

  if (choice.mode === 'follow') {
    const target = byId(choice.target);
    return { device: target ? active(target, false) : systemDefault() };
  }

  const exact = byId(choice.deviceId);
  if (exact) return { device: active(exact, false) };
  if (choice.label) {
    const wanted = baseLabel(choice.label);
    const sameLabel = real.filter((d) => d.label === wanted);
    const found = sameLabel.find((d) => d.groupId === choice.groupId) ?? sameLabel[0];
    if (found) {
      return { device: active(found, false), renamed: { mode: 'device', deviceId: found.deviceId, label: found.label, groupId: found.groupId } };
    }
  }
  const sameGroup = choice.groupId ? real.find((d) => d.groupId === choice.groupId) : undefined;
  if (sameGroup) return { device: active(sameGroup, true) };
  return { device: systemDefault() };
}

function active(device: AudioDevice, fallback: boolean): ActiveDevice {
  return { deviceId: device.deviceId, label: device.label, groupId: device.groupId, fallback };
}

/**
 * The same physical device: the same id, or (when a virtual entry is involved) the same real device
 * behind it, which Chromium gives the same label (after the prefix) and group.
 */
function sameDevice(a: ActiveDevice | undefined, b: ActiveDevice): boolean {
  if (!a) return false;
  if (!isVirtualDeviceId(a.deviceId) && !isVirtualDeviceId(b.deviceId)) return a.deviceId === b.deviceId;
  return baseLabel(a.label) === baseLabel(b.label) && a.groupId === b.groupId;
}

function noticesFor(role: AudioRole, choice: DeviceChoice, previous: ActiveDevice | undefined, device: ActiveDevice | undefined, starting: boolean): DeviceAction[] {
  if (!device) {
    // Said once: when the last microphone goes, or when the shift starts without one.
    return role === 'input' && (previous || starting) ? [{ type: 'notify', level: 'error', key: 'notice.devices.noInput' }] : [];
  }
  const name = (d: ActiveDevice) => baseLabel(d.label);
  if (device.fallback && (!previous?.fallback || !sameDevice(previous, device))) {
    const from = choice.mode === 'device' ? baseLabel(choice.label) : '';
    return [{ type: 'notify', level: 'warning', key: NOTICES[role].fallback, values: { from, to: name(device) } }];
  }
  if (!device.fallback && previous?.fallback) {
    return [{ type: 'notify', level: 'info', key: NOTICES[role].restored, values: { device: name(device) } }];
  }
  return [];
}
