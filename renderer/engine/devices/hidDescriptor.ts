// Pure: a HID report descriptor parser producing the same shape WebHID gives as
// `HIDDevice.collections`, so the headset code runs unchanged on WebHID's parsed collections, on raw
// descriptors (a future node-hid transport, lab captures) and on test fixtures.
//
// It follows the HID 1.11 item rules (§6.2.2) the way Chromium applies them
// (services/device/public/cpp/hid/hid_collection.cc, hid_item_state_table.cc, and blink's
// hid_device.cc ToHIDReportItem), including its choices where the spec is loose:
// - a 1–2 byte Usage is combined with the Usage Page current *when the Usage item is read*;
// - Logical/Physical Minimum/Maximum are signed, sign-extended from the item's own size;
// - Report ID is global but not saved by Push/Pop, and is ignored outside a collection;
// - a main item lands in its collection *and every ancestor*, so a top-level collection lists all
//   fields of its reports in descriptor order;
// - an item is a range when Usage Minimum != Usage Maximum; then it carries usageMinimum/Maximum
//   and no `usages`, otherwise `usages` (possibly empty) and no minimum/maximum.

export type HidUnitSystem = 'none' | 'si-linear' | 'si-rotation' | 'english-linear' | 'english-rotation' | 'vendor-defined' | 'reserved';

/** WebHID's HIDReportItem. */
export interface HidReportItem {
  isAbsolute: boolean;
  isArray: boolean;
  isBufferedBytes: boolean;
  isConstant: boolean;
  isLinear: boolean;
  isRange: boolean;
  isVolatile: boolean;
  hasNull: boolean;
  hasPreferredState: boolean;
  wrap: boolean;
  usages?: number[];
  usageMinimum?: number;
  usageMaximum?: number;
  reportSize: number;
  reportCount: number;
  unitExponent: number;
  unitSystem: HidUnitSystem;
  unitFactorLengthExponent: number;
  unitFactorMassExponent: number;
  unitFactorTimeExponent: number;
  unitFactorTemperatureExponent: number;
  unitFactorCurrentExponent: number;
  unitFactorLuminousIntensityExponent: number;
  logicalMinimum: number;
  logicalMaximum: number;
  physicalMinimum: number;
  physicalMaximum: number;
}

/** WebHID's HIDReportInfo. */
export interface HidReportInfo {
  reportId: number;
  items: HidReportItem[];
}

/** WebHID's HIDCollectionInfo. */
export interface HidCollectionInfo {
  usagePage: number;
  usage: number;
  type: number;
  children: HidCollectionInfo[];
  inputReports: HidReportInfo[];
  outputReports: HidReportInfo[];
  featureReports: HidReportInfo[];
}

export class HidDescriptorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HidDescriptorError';
  }
}

interface GlobalState {
  usagePage: number;
  logicalMinimum: number;
  logicalMaximum: number;
  physicalMinimum: number;
  physicalMaximum: number;
  unitExponent: number;
  unit: number;
  reportSize: number;
  reportCount: number;
}

interface LocalState {
  usages: number[];
  usageMinimum: number;
  usageMaximum: number;
}

interface Builder {
  info: HidCollectionInfo;
  parent: Builder | undefined;
  input: Map<number, HidReportItem[]>;
  output: Map<number, HidReportItem[]>;
  feature: Map<number, HidReportItem[]>;
  children: Builder[];
}

const MAIN = 0;
const GLOBAL = 1;
const LOCAL = 2;
const MAX_DEPTH = 50;

const emptyGlobal = (): GlobalState => ({
  usagePage: 0,
  logicalMinimum: 0,
  logicalMaximum: 0,
  physicalMinimum: 0,
  physicalMaximum: 0,
  unitExponent: 0,
  unit: 0,
  reportSize: 0,
  reportCount: 0,
});
const emptyLocal = (): LocalState => ({ usages: [], usageMinimum: 0, usageMaximum: 0 });

/** Parses a raw report descriptor; throws HidDescriptorError when an item runs past the end. */
export function parseReportDescriptor(bytes: ArrayLike<number>): HidCollectionInfo[] {
  const roots: Builder[] = [];
  const globals: GlobalState[] = [emptyGlobal()];
  let local = emptyLocal();
  let current: Builder | undefined;
  let reportId = 0;
  let depth = 0;

  const global = (): GlobalState => globals[globals.length - 1] as GlobalState;
  const withPage = (usage: number): number => (usage > 0xffff ? usage >>> 0 : ((global().usagePage & 0xffff) * 0x10000 + usage) >>> 0);

  let offset = 0;
  while (offset < bytes.length) {
    const prefix = byteAt(bytes, offset);
    if (prefix === 0xfe) {
      // Long item: bDataSize, bLongItemTag, data. None are defined; skip it.
      if (offset + 2 >= bytes.length) throw new HidDescriptorError(`long item at byte ${offset} is truncated`);
      offset += 3 + byteAt(bytes, offset + 1);
      if (offset > bytes.length) throw new HidDescriptorError('long item runs past the end of the descriptor');
      continue;
    }
    const size = [0, 1, 2, 4][prefix & 0x03] as number;
    const type = (prefix >> 2) & 0x03;
    const tag = prefix >> 4;
    if (offset + 1 + size > bytes.length) {
      throw new HidDescriptorError(`item 0x${prefix.toString(16).padStart(2, '0')} at byte ${offset} runs past the end of the descriptor`);
    }
    let value = 0;
    for (let k = 0; k < size; k++) value += byteAt(bytes, offset + 1 + k) * 2 ** (8 * k);
    offset += 1 + size;

    if (type === MAIN) {
      switch (tag) {
        case 0x8: // Input
        case 0x9: // Output
        case 0xb: {
          // Feature
          if (current) {
            for (let c: Builder | undefined = current; c; c = c.parent) {
              const reports = tag === 0x8 ? c.input : tag === 0x9 ? c.output : c.feature;
              const items = reports.get(reportId) ?? [];
              items.push(makeItem(value, global(), local));
              reports.set(reportId, items);
            }
          }
          break;
        }
        case 0xa: {
          // Collection
          depth++;
          if (depth <= MAX_DEPTH) {
            const first = local.usages[0] ?? 0;
            let usagePage = Math.floor(first / 0x10000) & 0xffff;
            if (usagePage === 0) usagePage = global().usagePage & 0xffff;
            const builder: Builder = {
              info: { usagePage, usage: first & 0xffff, type: value & 0xff, children: [], inputReports: [], outputReports: [], featureReports: [] },
              parent: current,
              input: new Map(),
              output: new Map(),
              feature: new Map(),
              children: [],
            };
            if (current) current.children.push(builder);
            else roots.push(builder);
            current = builder;
          }
          break;
        }
        case 0xc: // End Collection
          if (depth <= MAX_DEPTH && current) current = current.parent;
          if (depth > 0) depth--;
          break;
        default:
          break;
      }
      local = emptyLocal();
    } else if (type === GLOBAL) {
      const g = global();
      switch (tag) {
        case 0x0:
          g.usagePage = value;
          break;
        case 0x1:
          g.logicalMinimum = signed(value, size);
          break;
        case 0x2:
          g.logicalMaximum = signed(value, size);
          break;
        case 0x3:
          g.physicalMinimum = signed(value, size);
          break;
        case 0x4:
          g.physicalMaximum = signed(value, size);
          break;
        case 0x5:
          g.unitExponent = value;
          break;
        case 0x6:
          g.unit = value;
          break;
        case 0x7:
          g.reportSize = value;
          break;
        case 0x8:
          if (current) reportId = value & 0xff;
          break;
        case 0x9:
          g.reportCount = value;
          break;
        case 0xa: // Push
          globals.push({ ...g });
          break;
        case 0xb: // Pop
          if (globals.length > 1) globals.pop();
          break;
        default:
          break;
      }
    } else if (type === LOCAL) {
      switch (tag) {
        case 0x0:
          local.usages.push(withPage(value));
          break;
        case 0x1:
          local.usageMinimum = withPage(value);
          break;
        case 0x2:
          local.usageMaximum = withPage(value);
          break;
        default:
          // Designators, strings and delimiters do not matter for call control.
          break;
      }
    }
  }
  return roots.map(finish);
}

function byteAt(bytes: ArrayLike<number>, index: number): number {
  const value = bytes[index];
  if (value === undefined || !Number.isInteger(value) || value < 0 || value > 0xff) {
    throw new HidDescriptorError(`byte ${index} is not a byte`);
  }
  return value;
}

function signed(value: number, size: number): number {
  if (size === 1) return value > 0x7f ? value - 0x100 : value;
  if (size === 2) return value > 0x7fff ? value - 0x10000 : value;
  if (size === 4) return value > 0x7fffffff ? value - 0x100000000 : value;
  return 0;
}

/** A unit nibble is a 4-bit two's complement exponent. */
function nibble(value: number, shift: number): number {
  const n = Math.floor(value / 2 ** shift) & 0x0f;
  return n > 7 ? n - 16 : n;
}

const UNIT_SYSTEMS: Record<number, HidUnitSystem> = {
  0x0: 'none',
  0x1: 'si-linear',
  0x2: 'si-rotation',
  0x3: 'english-linear',
  0x4: 'english-rotation',
  0xf: 'vendor-defined',
};

function makeItem(flags: number, g: GlobalState, local: LocalState): HidReportItem {
  const isRange = local.usageMinimum !== local.usageMaximum;
  const unit = g.unit;
  const item: HidReportItem = {
    isAbsolute: (flags & 0x04) === 0,
    isArray: (flags & 0x02) === 0,
    isBufferedBytes: (flags & 0x100) !== 0,
    isConstant: (flags & 0x01) !== 0,
    isLinear: (flags & 0x10) === 0,
    isRange,
    isVolatile: (flags & 0x80) !== 0,
    hasNull: (flags & 0x40) !== 0,
    hasPreferredState: (flags & 0x20) === 0,
    wrap: (flags & 0x08) !== 0,
    reportSize: g.reportSize,
    reportCount: g.reportCount,
    unitExponent: nibble(g.unitExponent, 0),
    unitSystem: unit === 0 ? 'none' : (UNIT_SYSTEMS[unit & 0x0f] ?? 'reserved'),
    unitFactorLengthExponent: unit === 0 ? 0 : nibble(unit, 4),
    unitFactorMassExponent: unit === 0 ? 0 : nibble(unit, 8),
    unitFactorTimeExponent: unit === 0 ? 0 : nibble(unit, 12),
    unitFactorTemperatureExponent: unit === 0 ? 0 : nibble(unit, 16),
    unitFactorCurrentExponent: unit === 0 ? 0 : nibble(unit, 20),
    unitFactorLuminousIntensityExponent: unit === 0 ? 0 : nibble(unit, 24),
    logicalMinimum: g.logicalMinimum,
    logicalMaximum: g.logicalMaximum,
    physicalMinimum: g.physicalMinimum,
    physicalMaximum: g.physicalMaximum,
  };
  if (isRange) {
    item.usageMinimum = local.usageMinimum;
    item.usageMaximum = local.usageMaximum;
  } else {
    item.usages = [...local.usages];
  }
  return item;
}

function finish(builder: Builder): HidCollectionInfo {
  const reports = (map: Map<number, HidReportItem[]>): HidReportInfo[] => [...map].map(([reportId, items]) => ({ reportId, items }));
  return {
    ...builder.info,
    children: builder.children.map(finish),
    inputReports: reports(builder.input),
    outputReports: reports(builder.output),
    featureReports: reports(builder.feature),
  };
}
