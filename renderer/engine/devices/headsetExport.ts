// Pure: "Export headset info". Serialises a headset's collections (WebHID's `HIDDevice.collections`
// or parseReportDescriptor() output) and a short input/output report trace to JSON, so a headset in
// the field or the lab becomes a test fixture; loadHeadsetInfo reads the same format back (the unit
// tests load their fixtures with it). Only descriptor facts and report bytes are kept: no serial
// number, nothing about the agent or the call.
import {
  HEADSET_INFO_FORMAT,
  HEADSET_INFO_MAX_CHARS,
  HeadsetInfoSchema,
  type HeadsetInfo,
  type HidCollectionInfoData,
  type HidReportInfoData,
  type HidReportItemData,
} from '../../../common/contract/devices';
import { describeIssues } from '../../../common/contract/wire';
import { fromHex, toHex, type HidItemLike } from './usageMap';

export interface ExportableItem extends HidItemLike {
  readonly isBufferedBytes?: boolean;
  readonly isLinear?: boolean;
  readonly isVolatile?: boolean;
  readonly hasNull?: boolean;
  readonly wrap?: boolean;
  readonly physicalMinimum?: number;
  readonly physicalMaximum?: number;
}

export interface ExportableReport {
  readonly reportId: number;
  readonly items: readonly ExportableItem[];
}

export interface ExportableCollection {
  readonly usagePage: number;
  readonly usage: number;
  readonly type?: number;
  readonly children?: readonly ExportableCollection[];
  readonly inputReports?: readonly ExportableReport[];
  readonly outputReports?: readonly ExportableReport[];
  readonly featureReports?: readonly ExportableReport[];
}

export interface TraceRecord {
  /** Any millisecond clock (performance.now(), event.timeStamp); only differences are kept. */
  at: number;
  dir: 'in' | 'out';
  reportId: number;
  data: Uint8Array | DataView;
}

export interface ExportInput {
  device: { vendorId: number; productId: number; productName: string };
  collections: readonly ExportableCollection[];
  trace: readonly TraceRecord[];
  source?: string;
  exportedAt?: string;
  /** Keep only the last N trace entries (default 200). */
  maxTrace?: number;
}

export function headsetInfo(input: ExportInput): HeadsetInfo {
  const kept = input.trace.slice(-(input.maxTrace ?? 200));
  const start = kept[0]?.at ?? 0;
  return {
    format: HEADSET_INFO_FORMAT,
    version: 1,
    ...(input.source !== undefined ? { source: input.source } : {}),
    ...(input.exportedAt !== undefined ? { exportedAt: input.exportedAt } : {}),
    device: { vendorId: input.device.vendorId, productId: input.device.productId, productName: input.device.productName },
    collections: input.collections.map(collection),
    trace: kept.map((record) => ({ t: Math.max(0, Math.round(record.at - start)), dir: record.dir, reportId: record.reportId, data: toHex(bytes(record.data)) })),
  };
}

/**
 * The file the diagnostics page saves: pretty-printed JSON, at most maxChars long (it travels to main in
 * one bridge frame). Too long → compact JSON, then the oldest trace entries are dropped until it fits.
 */
export function exportHeadsetInfo(input: ExportInput, maxChars = HEADSET_INFO_MAX_CHARS): string {
  const info = headsetInfo(input);
  const pretty = `${JSON.stringify(info, null, 2)}\n`;
  if (pretty.length <= maxChars) return pretty;
  const compact = (trace: HeadsetInfo['trace']) => `${JSON.stringify({ ...info, trace })}\n`;
  // The largest number of newest entries that fits (binary search; the JSON grows with each entry).
  let low = 0;
  let high = info.trace.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (compact(info.trace.slice(info.trace.length - mid)).length <= maxChars) low = mid;
    else high = mid - 1;
  }
  const text = compact(info.trace.slice(info.trace.length - low));
  if (text.length > maxChars) throw new Error('the headset description is too large to export');
  return text;
}

/** Reads an exported file (JSON text or already-parsed) and checks it; throws with the problems found. */
export function loadHeadsetInfo(json: string | unknown): HeadsetInfo {
  const value: unknown = typeof json === 'string' ? JSON.parse(json) : json;
  const result = HeadsetInfoSchema.safeParse(value);
  if (!result.success) throw new Error(`not a headset info file: ${describeIssues(result.error).join('; ')}`);
  return result.data;
}

/** The trace as report bytes, for replaying through the state machine. */
export function traceReports(info: HeadsetInfo): Array<{ t: number; dir: 'in' | 'out'; reportId: number; data: Uint8Array }> {
  return info.trace.map((entry) => ({ t: entry.t, dir: entry.dir, reportId: entry.reportId, data: fromHex(entry.data) }));
}

function bytes(data: Uint8Array | DataView): Uint8Array {
  return data instanceof Uint8Array ? data : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function collection(c: ExportableCollection): HidCollectionInfoData {
  return {
    usagePage: c.usagePage,
    usage: c.usage,
    type: c.type ?? 0,
    children: (c.children ?? []).map(collection),
    inputReports: (c.inputReports ?? []).map(report),
    outputReports: (c.outputReports ?? []).map(report),
    featureReports: (c.featureReports ?? []).map(report),
  };
}

function report(r: ExportableReport): HidReportInfoData {
  return { reportId: r.reportId, items: r.items.map(item) };
}

function item(i: ExportableItem): HidReportItemData {
  const out: HidReportItemData = {
    isAbsolute: i.isAbsolute,
    isArray: i.isArray,
    isBufferedBytes: i.isBufferedBytes ?? false,
    isConstant: i.isConstant,
    isLinear: i.isLinear ?? true,
    isRange: i.isRange,
    isVolatile: i.isVolatile ?? false,
    hasNull: i.hasNull ?? false,
    hasPreferredState: i.hasPreferredState,
    wrap: i.wrap ?? false,
    reportSize: i.reportSize,
    reportCount: i.reportCount,
    logicalMinimum: i.logicalMinimum,
    logicalMaximum: i.logicalMaximum,
    physicalMinimum: i.physicalMinimum ?? 0,
    physicalMaximum: i.physicalMaximum ?? 0,
  };
  if (i.isRange) {
    if (i.usageMinimum !== undefined) out.usageMinimum = i.usageMinimum;
    if (i.usageMaximum !== undefined) out.usageMaximum = i.usageMaximum;
  } else {
    out.usages = [...(i.usages ?? [])];
  }
  return out;
}
