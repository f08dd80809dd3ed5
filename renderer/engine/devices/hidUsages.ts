// Pure: the HID usages a softphone uses (HID Usage Tables: Telephony page 0x0B, LED page 0x08,
// Button page 0x09). Usages are 32-bit "extended usages", (page << 16) | id, as WebHID reports them.

export const UsagePage = {
  led: 0x08,
  button: 0x09,
  telephony: 0x0b,
  consumer: 0x0c,
} as const;

export function extendedUsage(page: number, id: number): number {
  return ((page & 0xffff) * 0x10000 + (id & 0xffff)) >>> 0;
}

export function usagePageOf(usage: number): number {
  return Math.floor(usage / 0x10000) & 0xffff;
}

export function usageIdOf(usage: number): number {
  return usage & 0xffff;
}

/** Top-level collections a softphone looks for. */
export const TelephonyCollection = {
  phone: 0x01,
  headset: 0x05,
} as const;

/** Inputs (device → app). */
export const Input = {
  hookSwitch: extendedUsage(UsagePage.telephony, 0x20),
  flash: extendedUsage(UsagePage.telephony, 0x21),
  /** A dedicated hold key (VBeT has one next to Flash). */
  hold: extendedUsage(UsagePage.telephony, 0x23),
  redial: extendedUsage(UsagePage.telephony, 0x24),
  phoneMute: extendedUsage(UsagePage.telephony, 0x2f),
  lineBusyTone: extendedUsage(UsagePage.telephony, 0x97),
  /** "Programmable Button" on the telephony page; Teams-profile devices use it (or Button 1/7) to reject. */
  programmableButton: extendedUsage(UsagePage.telephony, 0x07),
  button1: extendedUsage(UsagePage.button, 0x01),
  button7: extendedUsage(UsagePage.button, 0x07),
} as const;

/** Outputs (app → device). */
export const Output = {
  mute: extendedUsage(UsagePage.led, 0x09),
  offHook: extendedUsage(UsagePage.led, 0x17),
  ring: extendedUsage(UsagePage.led, 0x18),
  speaker: extendedUsage(UsagePage.led, 0x1e),
  hold: extendedUsage(UsagePage.led, 0x20),
  microphone: extendedUsage(UsagePage.led, 0x21),
  onLine: extendedUsage(UsagePage.led, 0x2a),
  /** The device's own ringer, on the telephony page. */
  ringer: extendedUsage(UsagePage.telephony, 0x9e),
} as const;

const NAMES = new Map<number, string>([
  [Input.hookSwitch, 'Hook Switch'],
  [Input.flash, 'Flash'],
  [Input.hold, 'Hold'],
  [Input.redial, 'Redial'],
  [Input.phoneMute, 'Phone Mute'],
  [Input.lineBusyTone, 'Line Busy Tone'],
  [Input.programmableButton, 'Programmable Button'],
  [Input.button1, 'Button 1'],
  [Input.button7, 'Button 7'],
  [Output.mute, 'LED Mute'],
  [Output.offHook, 'LED Off-Hook'],
  [Output.ring, 'LED Ring'],
  [Output.speaker, 'LED Speaker'],
  [Output.hold, 'LED Hold'],
  [Output.microphone, 'LED Microphone'],
  [Output.onLine, 'LED On-Line'],
  [Output.ringer, 'Ringer'],
]);

/** "Hook Switch (0b:0020)" for logs and the diagnostics page. */
export function usageName(usage: number): string {
  const hex = `${usagePageOf(usage).toString(16).padStart(2, '0')}:${usageIdOf(usage).toString(16).padStart(4, '0')}`;
  const name = NAMES.get(usage);
  return name ? `${name} (${hex})` : hex;
}
