// Pure: WebHID-shaped collections → where each telephony control lives in which report (report id,
// bit offset, size, absolute/relative), plus reading input reports and writing whole output reports.
// Works on WebHID's `HIDDevice.collections`, on parseReportDescriptor() output and on exported fixtures.
import type { HeadsetControl } from '../../../common/contract/devices';
import { Input, UsagePage, usageIdOf, usagePageOf } from './hidUsages';

/** The item fields the map needs; WebHID's HIDReportItem and the parser's items both satisfy it. */
export interface HidItemLike {
  readonly isAbsolute: boolean;
  readonly isArray: boolean;
  readonly isConstant: boolean;
  readonly isRange: boolean;
  readonly hasPreferredState: boolean;
  readonly usages?: readonly number[];
  readonly usageMinimum?: number;
  readonly usageMaximum?: number;
  readonly reportSize: number;
  readonly reportCount: number;
  readonly logicalMinimum: number;
  readonly logicalMaximum: number;
}

export interface HidReportLike {
  readonly reportId: number;
  readonly items: readonly HidItemLike[];
}

export interface HidCollectionLike {
  readonly usagePage: number;
  readonly usage: number;
  readonly inputReports?: readonly HidReportLike[];
  readonly outputReports?: readonly HidReportLike[];
}

/**
 * How an on/off control signals (HUT §3.4.1.2, as google/libhidtelephony getOnOffControlType reads it):
 * toggleSwitch: absolute, the value is the state; toggleButton: relative 0..1, each 1 means "toggle";
 * onOffButtons: relative −1..1, +1 on and −1 off; other: anything else (treated by kind).
 */
export type ControlType = 'toggleSwitch' | 'toggleButton' | 'onOffButtons' | 'other';

export interface HidField {
  usage: number;
  reportId: number;
  /** From the first bit of the report payload (the report id byte is not part of it). */
  bitOffset: number;
  bitSize: number;
  isAbsolute: boolean;
  hasPreferredState: boolean;
  logicalMinimum: number;
  logicalMaximum: number;
  controlType: ControlType;
}

/** An array item: each of `count` slots holds the index of a usage that is currently on. */
export interface HidArrayField {
  reportId: number;
  bitOffset: number;
  bitSize: number;
  count: number;
  logicalMinimum: number;
  /** Usage for index logicalMinimum, logicalMinimum + 1, … */
  usages: number[];
}

export interface TelephonyUsageMap {
  /** The telephony top-level collection(s) the map was built from, e.g. 0x0B:0x05 Headset. */
  collections: Array<{ usagePage: number; usage: number }>;
  /**
   * One field per usage per report, in report order (a usage repeated over the rest of an item's
   * fields, HID 1.11 §6.2.2.8, keeps its first field). An LED may appear in more than one report.
   */
  inputs: HidField[];
  arrays: HidArrayField[];
  outputs: HidField[];
  /** Payload length in bytes of each output report, padding included. */
  outputReportBytes: Map<number, number>;
}

export interface InputValue {
  usage: number;
  value: number;
  field: HidField | HidArrayField;
}

export interface OutputReport {
  reportId: number;
  data: Uint8Array;
}

/** Top-level collections a softphone drives: usage page Telephony (0x0B). */
export function telephonyCollections<C extends HidCollectionLike>(collections: readonly C[]): C[] {
  return collections.filter((collection) => collection.usagePage === UsagePage.telephony);
}

/** Builds the map from a device's collections; undefined when there is no telephony collection. */
export function buildUsageMap(collections: readonly HidCollectionLike[]): TelephonyUsageMap | undefined {
  const telephony = telephonyCollections(collections);
  if (telephony.length === 0) return undefined;
  const map: TelephonyUsageMap = { collections: [], inputs: [], arrays: [], outputs: [], outputReportBytes: new Map() };
  for (const collection of telephony) {
    map.collections.push({ usagePage: collection.usagePage, usage: collection.usage });
    for (const report of collection.inputReports ?? []) {
      const seen = new Set<number>();
      walkReport(report, (field) => {
        if (seen.has(field.usage)) return;
        seen.add(field.usage);
        map.inputs.push(field);
      }, (array) => map.arrays.push(array));
    }
    for (const report of collection.outputReports ?? []) {
      const seen = new Set<number>();
      const bits = walkReport(report, (field) => {
        if (seen.has(field.usage)) return;
        seen.add(field.usage);
        map.outputs.push(field);
      }, () => undefined);
      map.outputReportBytes.set(report.reportId, Math.ceil(bits / 8));
    }
  }
  return map;
}

/** Lays out one report's items; returns the report's length in bits. */
function walkReport(report: HidReportLike, onField: (field: HidField) => void, onArray: (field: HidArrayField) => void): number {
  let offset = 0;
  for (const item of report.items) {
    const size = item.reportSize;
    const count = item.reportCount;
    if (!item.isConstant && size > 0 && size <= 32) {
      const { min, max } = logicalRange(item.logicalMinimum, item.logicalMaximum, size);
      if (item.isArray) {
        onArray({ reportId: report.reportId, bitOffset: offset, bitSize: size, count, logicalMinimum: min, usages: arrayUsages(item, max - min + 1) });
      } else {
        for (let i = 0; i < count; i++) {
          const usage = variableUsage(item, i);
          if (usage === undefined || usageIdOf(usage) === 0) continue; // usage 0 is "unassigned": not a control
          onField({
            usage,
            reportId: report.reportId,
            bitOffset: offset + i * size,
            bitSize: size,
            isAbsolute: item.isAbsolute,
            hasPreferredState: item.hasPreferredState,
            logicalMinimum: min,
            logicalMaximum: max,
            controlType: controlType(item.isAbsolute, item.hasPreferredState, min, max),
          });
        }
      }
    }
    offset += size * count;
  }
  return offset;
}

/**
 * Some collections (seen in captured WebHID data) report 0..0 for one-bit fields, and a one-byte
 * Logical Maximum of 0xFF reads as −1; both mean the unsigned range of the field.
 */
function logicalRange(min: number, max: number, size: number): { min: number; max: number } {
  if (max > min) return { min, max };
  return { min: 0, max: size >= 32 ? 0xffffffff : 2 ** size - 1 };
}

/** HID 1.11 §6.2.2.8: usages go to fields in order; the last one also covers the remaining fields. */
function variableUsage(item: HidItemLike, index: number): number | undefined {
  if (item.isRange) {
    if (item.usageMinimum === undefined || item.usageMaximum === undefined) return undefined;
    return Math.min(item.usageMinimum + index, item.usageMaximum);
  }
  const usages = item.usages ?? [];
  if (usages.length === 0) return undefined;
  return usages[Math.min(index, usages.length - 1)];
}

function arrayUsages(item: HidItemLike, span: number): number[] {
  if (item.isRange && item.usageMinimum !== undefined && item.usageMaximum !== undefined) {
    const out: number[] = [];
    for (let usage = item.usageMinimum; usage <= item.usageMaximum && out.length < span && out.length < 1024; usage++) out.push(usage);
    return out;
  }
  return [...(item.usages ?? [])];
}

function controlType(isAbsolute: boolean, hasPreferredState: boolean, min: number, max: number): ControlType {
  if (isAbsolute && min === 0 && max === 1) return 'toggleSwitch';
  if (!isAbsolute && hasPreferredState && min === 0 && max === 1) return 'toggleButton';
  if (!isAbsolute && min === -1 && max === 1) return 'onOffButtons';
  return 'other';
}

/** Reads every mapped control in one input report; reports the map does not describe yield nothing. */
export function readInputReport(map: TelephonyUsageMap, reportId: number, data: Uint8Array): InputValue[] {
  const out: InputValue[] = [];
  for (const field of map.inputs) {
    if (field.reportId !== reportId || field.bitOffset + field.bitSize > data.length * 8) continue;
    out.push({ usage: field.usage, value: readField(data, field.bitOffset, field.bitSize, field.logicalMinimum < 0), field });
  }
  for (const array of map.arrays) {
    if (array.reportId !== reportId) continue;
    const on = new Set<number>();
    for (let slot = 0; slot < array.count; slot++) {
      const offset = array.bitOffset + slot * array.bitSize;
      if (offset + array.bitSize > data.length * 8) break;
      const usage = array.usages[readField(data, offset, array.bitSize, array.logicalMinimum < 0) - array.logicalMinimum];
      if (usage !== undefined) on.add(usage);
    }
    for (const usage of new Set(array.usages)) out.push({ usage, value: on.has(usage) ? 1 : 0, field: array });
  }
  return out;
}

/**
 * Writes one whole output report: every mapped field gets `valueOf(usage)` (clamped to its logical
 * range), padding and unknown fields are 0. Output reports are absolute snapshots, so a report is
 * never written with only the bit that changed.
 */
export function encodeOutputReport(map: TelephonyUsageMap, reportId: number, valueOf: (usage: number) => number): OutputReport {
  const data = new Uint8Array(map.outputReportBytes.get(reportId) ?? 0);
  for (const field of map.outputs) {
    if (field.reportId !== reportId) continue;
    const value = Math.max(field.logicalMinimum, Math.min(field.logicalMaximum, valueOf(field.usage)));
    writeField(data, field.bitOffset, field.bitSize, value);
  }
  return { reportId, data };
}

/** The output report ids that carry at least one of `usages`, in descriptor order. */
export function outputReportIdsFor(map: TelephonyUsageMap, usages: readonly number[]): number[] {
  const ids: number[] = [];
  for (const field of map.outputs) {
    if (usages.includes(field.usage) && !ids.includes(field.reportId)) ids.push(field.reportId);
  }
  return ids;
}

export function hasInput(map: TelephonyUsageMap, usage: number): boolean {
  return map.inputs.some((field) => field.usage === usage) || map.arrays.some((array) => array.usages.includes(usage));
}

export function hasOutput(map: TelephonyUsageMap, usage: number): boolean {
  return map.outputs.some((field) => field.usage === usage);
}

/** The call controls the headset declares, for the headset status and the readiness check. */
export function headsetControls(map: TelephonyUsageMap): HeadsetControl[] {
  const controls: Array<[HeadsetControl, number[]]> = [
    ['hookSwitch', [Input.hookSwitch]],
    ['phoneMute', [Input.phoneMute]],
    ['flash', [Input.flash, Input.hold]],
    ['redial', [Input.redial]],
    ['reject', [Input.programmableButton, Input.button1, Input.button7]],
  ];
  return controls.filter(([, usages]) => usages.some((usage) => hasInput(map, usage))).map(([control]) => control);
}

function readField(data: Uint8Array, offset: number, size: number, signed: boolean): number {
  let value = 0;
  for (let bit = 0; bit < size; bit++) {
    const at = offset + bit;
    if (((data[at >> 3] ?? 0) >> (at & 7)) & 1) value += 2 ** bit;
  }
  if (signed && size < 32 && value >= 2 ** (size - 1)) value -= 2 ** size;
  else if (signed && size === 32 && value >= 2 ** 31) value -= 2 ** 32;
  return value;
}

function writeField(data: Uint8Array, offset: number, size: number, value: number): void {
  let raw = value < 0 ? value + 2 ** size : value;
  for (let bit = 0; bit < size; bit++) {
    const at = offset + bit;
    const index = at >> 3;
    if (index >= data.length) return;
    const mask = 1 << (at & 7);
    data[index] = raw % 2 === 1 ? (data[index] as number) | mask : (data[index] as number) & ~mask;
    raw = Math.floor(raw / 2);
  }
}

/**
 * One line per control, e.g. "in r8 bit1 0B:20 abs" or "out r23 bit0 08:17": the golden form the
 * fixtures are checked against and what the diagnostics page shows.
 */
export function describeUsageMap(map: TelephonyUsageMap): string[] {
  const usage = (u: number) => `${usagePageOf(u).toString(16).toUpperCase().padStart(2, '0')}:${usageIdOf(u).toString(16).toUpperCase().padStart(2, '0')}`;
  const width = (field: HidField) => (field.bitSize === 1 ? '' : ` x${field.bitSize}`);
  const lines = map.inputs.map(
    (field) => `in r${field.reportId} bit${field.bitOffset}${width(field)} ${usage(field.usage)} ${field.isAbsolute ? 'abs' : 'rel'}${field.hasPreferredState && !field.isAbsolute ? '+pref' : ''}`,
  );
  for (const array of map.arrays) lines.push(`in r${array.reportId} bit${array.bitOffset} array[${array.count}] ${array.usages.map(usage).join(',')}`);
  for (const field of map.outputs) lines.push(`out r${field.reportId} bit${field.bitOffset}${width(field)} ${usage(field.usage)}`);
  return lines;
}

/** Report bytes as lowercase hex, the form traces and fixtures use. */
export function toHex(data: Uint8Array): string {
  return Array.from(data, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}
