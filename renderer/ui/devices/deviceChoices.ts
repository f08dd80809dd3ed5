// Pure: the device pickers' options and keys. A choice is "follow the system" or one real device;
// Chromium's virtual 'default'/'communications' entries are shown as the follow options, not as devices.
import { baseDeviceLabel, type ActiveDevice, type AudioDevice, type DeviceChoice } from '../../../common/contract/devices';

export interface DeviceOption {
  key: string;
  /** i18n key for follow options; the device label otherwise. */
  labelKey?: string;
  label?: string;
  choice: DeviceChoice;
}

export function choiceKey(choice: DeviceChoice): string {
  return choice.mode === 'follow' ? `follow:${choice.target}` : `device:${choice.deviceId}`;
}

export function deviceOptions(devices: readonly AudioDevice[], kind: 'audioinput' | 'audiooutput', current: DeviceChoice): DeviceOption[] {
  const follow: DeviceOption[] = (['communications', 'default'] as const).map((target) => ({
    key: `follow:${target}`,
    labelKey: `devices.follow.${target}`,
    choice: { mode: 'follow', target },
  }));
  const real = devices
    .filter((device) => device.kind === kind && device.deviceId !== 'default' && device.deviceId !== 'communications')
    .map((device): DeviceOption => ({ key: `device:${device.deviceId}`, label: device.label || device.deviceId.slice(0, 8), choice: { mode: 'device', deviceId: device.deviceId, label: device.label, groupId: device.groupId } }));
  // A chosen device that is unplugged stays visible (and selected), so the agent sees what will come back.
  if (current.mode === 'device' && !real.some((option) => option.key === choiceKey(current))) {
    real.push({ key: choiceKey(current), label: current.label, labelKey: 'devices.unplugged', choice: current });
  }
  return [...follow, ...real];
}

/** "Using Laptop Microphone while Jabra Evolve is unplugged", or nothing when the preferred device is in use. */
export function fallbackNote(choice: DeviceChoice, active: ActiveDevice | undefined): { using: string; missing: string } | undefined {
  if (!active?.fallback || choice.mode !== 'device') return undefined;
  return { using: baseDeviceLabel(active.label), missing: choice.label };
}
