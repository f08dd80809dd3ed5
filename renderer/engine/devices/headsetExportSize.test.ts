// "Export headset info" for a big headset (a long trace of 64-byte-plus reports, a deep descriptor) must
// reach main in one bridge frame: a frame over the cap closes the engine's socket and drops the call.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DeviceReportSchema } from '../../../common/contract/devices';
import { BRIDGE_MAX_FRAME_BYTES } from '../../../common/contract/wire';
import { exportHeadsetInfo, loadHeadsetInfo, type ExportInput, type TraceRecord } from './headsetExport';

function bigHeadset(): ExportInput {
  const trace: TraceRecord[] = Array.from({ length: 1000 }, (_, i) => ({ at: i * 10, dir: i % 2 ? 'out' : 'in', reportId: 1, data: new Uint8Array(1024).fill(i % 256) }));
  return {
    device: { vendorId: 0x047f, productId: 0xc056, productName: 'Big Test Headset' },
    collections: [{ usagePage: 0x0b, usage: 0x05, type: 1, inputReports: [{ reportId: 1, items: [] }] }],
    trace,
    maxTrace: 1000,
  };
}

/** The frame the engine's bridge transport sends for this report (wsTransport.ts). */
function frameBytes(report: unknown): number {
  return Buffer.byteLength(JSON.stringify({ kind: 'invoke', id: 123456, channel: 'devices.report', payload: report }));
}

describe('headset export size', () => {
  it('every headsetInfo report the contract accepts fits in one bridge frame, even if every character needs escaping', () => {
    const accepts = (length: number) => DeviceReportSchema.safeParse({ type: 'headsetInfo', requestId: 'r'.repeat(64), json: '"'.repeat(length) }).success;
    let longest = 0;
    for (let step = 1 << 22; step >= 1; step >>= 1) if (accepts(longest + step)) longest += step;
    assert.ok(frameBytes({ type: 'headsetInfo', requestId: 'r'.repeat(64), json: '"'.repeat(longest) }) <= BRIDGE_MAX_FRAME_BYTES, `the contract accepts ${longest} characters`);
  });

  it('a 1000-entry trace of 1 KB reports is cut to fit, newest entries kept, and still loads', () => {
    const json = exportHeadsetInfo(bigHeadset());
    const report = DeviceReportSchema.parse({ type: 'headsetInfo', requestId: 'req-1', json });
    assert.ok(frameBytes(report) <= BRIDGE_MAX_FRAME_BYTES, `frame ${frameBytes(report)} bytes`);
    const info = loadHeadsetInfo(json);
    assert.ok(info.trace.length > 100 && info.trace.length < 1000, `kept ${info.trace.length} entries`);
    assert.equal(info.trace.at(-1)?.data.slice(0, 4), (999 % 256).toString(16).padStart(2, '0').repeat(2), 'the newest entry is kept');
  });

  it('a small export stays as it was (pretty, whole trace)', () => {
    const input = { ...bigHeadset(), trace: bigHeadset().trace.slice(0, 5) };
    const json = exportHeadsetInfo(input);
    assert.match(json, /\n {2}"format"/);
    assert.equal(loadHeadsetInfo(json).trace.length, 5);
  });
});
