import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  blackwire3220Device,
  blackwire3220Telephony,
  blackwire3220TelephonyReconstructed,
  blackwire3220Vendor,
  teamsPackedTelephony,
} from './fixtures/descriptors';
import { HidDescriptorError, parseReportDescriptor } from './hidDescriptor';
import { Input, Output } from './hidUsages';
import { buildUsageMap, describeUsageMap, headsetControls, readInputReport, type TelephonyUsageMap } from './usageMap';

function mapOf(bytes: number[]): TelephonyUsageMap {
  const map = buildUsageMap(parseReportDescriptor(bytes));
  assert.ok(map, 'expected a telephony collection');
  return map;
}

describe('report descriptor parser (WebHID collections shape)', () => {
  it('reads the Blackwire 3220 telephony collection the way WebHID lists it', () => {
    const [headset, ...rest] = parseReportDescriptor(blackwire3220Telephony);
    assert.equal(rest.length, 0);
    assert.ok(headset);
    assert.deepEqual({ usagePage: headset.usagePage, usage: headset.usage, type: headset.type }, { usagePage: 0x0b, usage: 0x05, type: 0x01 });
    assert.deepEqual(headset.inputReports.map((r) => r.reportId), [8]);
    assert.deepEqual(headset.outputReports.map((r) => r.reportId), [0x09, 0x17, 0x18, 0x1e, 0x20, 0x2a]);
    assert.deepEqual(headset.featureReports, []);

    const [mute, hookAndFlash, padding] = headset.inputReports[0]?.items ?? [];
    assert.deepEqual(
      { usages: mute?.usages, isAbsolute: mute?.isAbsolute, hasPreferredState: mute?.hasPreferredState, size: mute?.reportSize, count: mute?.reportCount, min: mute?.logicalMinimum, max: mute?.logicalMaximum },
      { usages: [Input.phoneMute], isAbsolute: false, hasPreferredState: true, size: 1, count: 1, min: 0, max: 1 },
    );
    assert.deepEqual(
      { usages: hookAndFlash?.usages, isAbsolute: hookAndFlash?.isAbsolute, hasPreferredState: hookAndFlash?.hasPreferredState, count: hookAndFlash?.reportCount },
      { usages: [Input.hookSwitch, Input.flash], isAbsolute: true, hasPreferredState: false, count: 2 },
    );
    assert.deepEqual({ isConstant: padding?.isConstant, isArray: padding?.isArray, usages: padding?.usages, count: padding?.reportCount }, { isConstant: true, isArray: true, usages: [], count: 5 });
    // LEDs were declared after "Usage Page (LEDs)": page 0x08.
    assert.deepEqual(headset.outputReports.map((r) => r.items[0]?.usages), [[Output.mute], [Output.offHook], [Output.ring], [Output.speaker], [Output.hold], [Output.onLine]]);
  });

  it('maps the Blackwire 3220 to its known report layout', () => {
    // The expected lines are the reference's independent decode ("in r8 bit0 0B:2F rel+pref", …).
    assert.deepEqual(describeUsageMap(mapOf(blackwire3220Telephony)), [
      'in r8 bit0 0B:2F rel+pref',
      'in r8 bit1 0B:20 abs',
      'in r8 bit2 0B:21 abs',
      'out r9 bit0 08:09',
      'out r23 bit0 08:17',
      'out r24 bit0 08:18',
      'out r30 bit0 08:1E',
      'out r32 bit0 08:20',
      'out r42 bit0 08:2A',
    ]);
  });

  it('gives the same map for hidapi’s reconstruction of the same device (different bytes, same layout)', () => {
    assert.notDeepEqual(blackwire3220TelephonyReconstructed, blackwire3220Telephony);
    assert.deepEqual(describeUsageMap(mapOf(blackwire3220TelephonyReconstructed)), describeUsageMap(mapOf(blackwire3220Telephony)));
    assert.deepEqual([...mapOf(blackwire3220TelephonyReconstructed).outputReportBytes], [...mapOf(blackwire3220Telephony).outputReportBytes]);
  });

  it('keeps the three Blackwire top-level collections apart and ignores the vendor page’s look-alike usages', () => {
    const collections = parseReportDescriptor(blackwire3220Device);
    assert.deepEqual(collections.map((c) => [c.usagePage, c.usage]), [[0x0c, 0x01], [0xffa0, 0x03], [0x0b, 0x05]]);
    // 0xFFA0 feature report 0x1B declares ids 0x09/0x17/0x18/… on the vendor page: not LEDs.
    assert.deepEqual(describeUsageMap(mapOf(blackwire3220Device)), describeUsageMap(mapOf(blackwire3220Telephony)));
    const vendor = parseReportDescriptor(blackwire3220Vendor)[0];
    const feature = vendor?.featureReports.find((r) => r.reportId === 0x1b);
    assert.ok(feature?.items.some((item) => item.usages?.includes(0xffa00017)));
    // A four-byte Logical Maximum of 0x0000FFFF stays 65535.
    assert.equal(vendor?.inputReports.find((r) => r.reportId === 0x15)?.items[0]?.logicalMaximum, 65535);
  });

  it('maps a Teams-style packed report: inputs and LEDs as bits of report 0x0B, hook switch relative', () => {
    const map = mapOf(teamsPackedTelephony);
    assert.deepEqual(describeUsageMap(map), [
      'in r11 bit0 0B:20 rel+pref',
      'in r11 bit1 0B:2F rel+pref',
      'in r11 bit2 0B:24 rel+pref',
      'in r11 bit3 0B:21 rel+pref',
      'in r11 bit4 0B:26 rel+pref',
      // Usage 0x07 came before "Usage Page (Button)": it stays Telephony 0x07, as in Chromium.
      'in r11 bit5 0B:07 abs',
      'out r11 bit0 08:17',
      'out r11 bit1 08:09',
      'out r11 bit2 08:18',
      'out r11 bit3 08:21',
      'out r11 bit4 08:2A',
      'out r11 bit5 08:20',
    ]);
    assert.equal(map.outputReportBytes.get(0x0b), 1);
    assert.deepEqual(headsetControls(map), ['hookSwitch', 'phoneMute', 'flash', 'redial', 'reject']);
    assert.deepEqual(headsetControls(mapOf(blackwire3220Telephony)), ['hookSwitch', 'phoneMute', 'flash']);
    const item = parseReportDescriptor(teamsPackedTelephony)[0]?.inputReports[0]?.items[3];
    assert.deepEqual(item?.usages, [Input.programmableButton, Input.button1]);
  });

  it('handles usage ranges, arrays, Push/Pop, nested collections and units', () => {
    const bytes = [
      0x05, 0x0b, 0x09, 0x05, 0xa1, 0x01, // Telephony Headset, Application
      0x85, 0x03, // Report ID 3
      0xa4, // Push
      0x05, 0x0b, 0x19, 0xb0, 0x29, 0xbb, // Usage Min/Max: Phone Key 0 .. Phone Key Pound (page from the global)
      0x15, 0x01, 0x25, 0x0c, 0x75, 0x04, 0x95, 0x02, 0x81, 0x00, // Logical 1..12, 2 × 4 bits, Input (Data,Array,Abs)
      0xb4, // Pop: Report Size/Count back to unset
      0xa1, 0x02, // Logical collection
      0x09, 0x20, 0x15, 0x00, 0x25, 0x01, 0x75, 0x01, 0x95, 0x01, 0x81, 0x22, // Hook Switch, absolute
      0x65, 0x11, 0x55, 0x0e, 0x09, 0x21, 0x81, 0x22, // Unit cm (SI linear, length^1), exponent −2, Flash
      0xc0,
      0xfe, 0x02, 0x10, 0xaa, 0xbb, // a long item: skipped
      0x75, 0x06, 0x81, 0x01, // padding
      0xc0,
    ];
    const [top] = parseReportDescriptor(bytes);
    const items = top?.inputReports[0]?.items ?? [];
    assert.equal(top?.children.length, 1);
    assert.deepEqual(top?.children[0]?.inputReports[0]?.items.map((i) => i.usages), [[Input.hookSwitch], [Input.flash]], 'the child lists its own items');
    assert.equal(items.length, 4, 'the parent lists its own and its child’s items, in order');
    const keypad = items[0];
    assert.deepEqual(
      { isRange: keypad?.isRange, min: keypad?.usageMinimum, max: keypad?.usageMaximum, usages: keypad?.usages, isArray: keypad?.isArray },
      { isRange: true, min: 0x0b00b0, max: 0x0b00bb, usages: undefined, isArray: true },
    );
    assert.equal(items[1]?.reportSize, 1, 'Pop restored the pushed state and later items set their own');
    assert.deepEqual({ system: items[2]?.unitSystem, length: items[2]?.unitFactorLengthExponent, exponent: items[2]?.unitExponent }, { system: 'si-linear', length: 1, exponent: -2 });

    const map = buildUsageMap([top!]);
    assert.ok(map);
    // Keys 3 (index 4 → 0xB3) and 7 held: array slots carry 1-based indices.
    const values = readInputReport(map, 3, Uint8Array.from([0x84, 0x03]));
    const on = new Set(values.filter((v) => v.value === 1).map((v) => v.usage));
    assert.deepEqual(on, new Set([0x0b00b3, 0x0b00b7, Input.hookSwitch, Input.flash]));
    assert.equal(values.find((v) => v.usage === 0x0b00b0)?.value, 0);
  });

  it('sign-extends one-byte logical limits and refuses a truncated descriptor', () => {
    const [collection] = parseReportDescriptor([0x05, 0x0b, 0x09, 0x05, 0xa1, 0x01, 0x15, 0xff, 0x25, 0x01, 0x75, 0x02, 0x95, 0x01, 0x09, 0x2f, 0x81, 0x06, 0xc0]);
    const item = collection?.inputReports[0]?.items[0];
    assert.deepEqual([item?.logicalMinimum, item?.logicalMaximum], [-1, 1]);
    assert.throws(() => parseReportDescriptor(blackwire3220Telephony.slice(0, 13)), HidDescriptorError);
    assert.throws(() => parseReportDescriptor([0xfe, 0x05, 0x10, 0x00]), HidDescriptorError);
  });

  it('has no map for a device without a telephony collection', () => {
    assert.equal(buildUsageMap(parseReportDescriptor(blackwire3220Vendor)), undefined);
  });
});
