import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import vbetFixture from './fixtures/vbet-vt-lync.headset.json';
import { loadHeadsetInfo } from './headsetExport';
import { parseReportDescriptor } from './hidDescriptor';
import { Input, Output } from './hidUsages';
import { buildUsageMap, describeUsageMap, encodeOutputReport, hasInput, hasOutput, readInputReport, toHex } from './usageMap';

const vbet = () => {
  const map = buildUsageMap(loadHeadsetInfo(vbetFixture).collections);
  assert.ok(map);
  return map;
};

describe('usage map from WebHID collections (VBeT capture)', () => {
  it('finds the telephony controls and skips the consumer collection and unassigned usages', () => {
    // From the captured collections: report 1 inputs Park, Hold (rel), Hook Switch, Phone Mute (rel),
    // Line Busy, Button 7, Flash; LEDs Off-Hook/Hold/Microphone in report 2, Mute 3, Ring 4, 0x46 in 6.
    assert.deepEqual(describeUsageMap(vbet()), [
      'in r1 bit0 0B:27 abs',
      'in r1 bit1 0B:23 rel+pref',
      'in r1 bit2 0B:20 abs',
      'in r1 bit3 0B:2F rel+pref',
      'in r1 bit4 0B:97 abs',
      'in r1 bit5 09:07 abs',
      'in r1 bit6 0B:21 abs',
      'out r2 bit0 08:17',
      'out r2 bit1 08:20',
      'out r2 bit2 08:21',
      'out r3 bit0 08:09',
      'out r4 bit0 08:18',
      'out r6 bit0 08:46',
    ]);
  });

  it('reads one-bit fields declared with logical range 0..0 as on/off controls', () => {
    const map = vbet();
    const hook = map.inputs.find((f) => f.usage === Input.hookSwitch);
    const mute = map.inputs.find((f) => f.usage === Input.phoneMute);
    assert.deepEqual([hook?.logicalMaximum, hook?.controlType, mute?.controlType], [1, 'toggleSwitch', 'toggleButton']);
    const values = readInputReport(map, 1, Uint8Array.from([0x0c, ...new Array<number>(14).fill(0)]));
    assert.deepEqual(
      values.filter((v) => v.value !== 0).map((v) => v.usage),
      [Input.hookSwitch, Input.phoneMute],
    );
    assert.deepEqual(readInputReport(map, 9, Uint8Array.from([0xff])), [], 'an unknown report id yields nothing');
    assert.deepEqual(readInputReport(map, 1, new Uint8Array(0)), [], 'a short report yields nothing instead of garbage');
  });

  it('writes whole output reports, padding included', () => {
    const map = vbet();
    const on = new Set([Output.offHook, Output.microphone]);
    const report = encodeOutputReport(map, 2, (usage) => (on.has(usage) ? 1 : 0));
    assert.equal(toHex(report.data), `05${'00'.repeat(14)}`);
    assert.equal(report.data.length, 15);
    assert.ok(hasOutput(map, Output.ring) && !hasOutput(map, Output.onLine));
    assert.ok(hasInput(map, Input.flash) && !hasInput(map, Input.redial));
  });

  it('reads signed fields and clamps written values to the logical range', () => {
    // Telephony Headset; Phone Mute as on/off buttons (−1..1, 2 bits, relative, no preferred state); LED Mute 0..1.
    const collections = parseReportDescriptor([
      0x05, 0x0b, 0x09, 0x05, 0xa1, 0x01, 0x85, 0x01, 0x15, 0xff, 0x25, 0x01, 0x75, 0x02, 0x95, 0x01, 0x09, 0x2f, 0x81, 0x26,
      0x75, 0x06, 0x81, 0x01, 0x05, 0x08, 0x15, 0x00, 0x25, 0x01, 0x75, 0x01, 0x09, 0x09, 0x91, 0x22, 0x75, 0x07, 0x91, 0x01, 0xc0,
    ]);
    const map = buildUsageMap(collections);
    assert.ok(map);
    assert.equal(map.inputs[0]?.controlType, 'onOffButtons');
    assert.deepEqual(readInputReport(map, 1, Uint8Array.from([0x03])).map((v) => v.value), [-1]);
    assert.deepEqual(readInputReport(map, 1, Uint8Array.from([0x01])).map((v) => v.value), [1]);
    assert.equal(toHex(encodeOutputReport(map, 1, () => 7).data), '01');
  });
});
