import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import blackwireFixture from './fixtures/blackwire-3220.headset.json';
import { blackwire3220Device } from './fixtures/descriptors';
import vbetFixture from './fixtures/vbet-vt-lync.headset.json';
import { parseReportDescriptor } from './hidDescriptor';
import { exportHeadsetInfo, headsetInfo, loadHeadsetInfo, traceReports } from './headsetExport';
import { buildUsageMap, describeUsageMap, toHex } from './usageMap';

const blackwire = { vendorId: 0x047f, productId: 0xc056, productName: 'Plantronics Blackwire 3220 Series' };

describe('Export headset info', () => {
  it('round-trips: an export loads back into the same collections and report bytes', () => {
    const collections = parseReportDescriptor(blackwire3220Device);
    const trace = [
      { at: 5000.4, dir: 'in' as const, reportId: 8, data: Uint8Array.from([0x02]) },
      { at: 5120.6, dir: 'out' as const, reportId: 0x17, data: new DataView(Uint8Array.from([0xaa, 0x01, 0xbb]).buffer, 1, 1) },
    ];
    const json = exportHeadsetInfo({ device: blackwire, collections, trace, exportedAt: '2026-01-05T08:00:00Z' });
    const loaded = loadHeadsetInfo(json);
    assert.deepEqual(loaded.trace, [
      { t: 0, dir: 'in', reportId: 8, data: '02' },
      { t: 120, dir: 'out', reportId: 0x17, data: '01' },
    ]);
    assert.deepEqual(describeUsageMap(buildUsageMap(loaded.collections)!), describeUsageMap(buildUsageMap(collections)!));
    assert.deepEqual(traceReports(loaded).map((e) => toHex(e.data)), ['02', '01']);
  });

  it('matches the committed Blackwire fixture (a fresh export of the same descriptor)', () => {
    const fixture = loadHeadsetInfo(blackwireFixture);
    const fresh = headsetInfo({ device: blackwire, collections: parseReportDescriptor(blackwire3220Device), trace: [], source: fixture.source });
    assert.deepEqual(fixture.collections, fresh.collections);
    assert.deepEqual(fixture.device, fresh.device);
  });

  it('keeps descriptor facts only: no serial number, no unit clutter, only the last trace entries', () => {
    const webHidLike = parseReportDescriptor(blackwire3220Device);
    const device = { ...blackwire, serialNumber: 'SN-123-AGENT' };
    const trace = Array.from({ length: 500 }, (_, i) => ({ at: i * 10, dir: 'in' as const, reportId: 8, data: Uint8Array.from([i % 2]) }));
    const json = exportHeadsetInfo({ device, collections: webHidLike, trace, maxTrace: 50 });
    assert.ok(!json.includes('SN-123'));
    assert.ok(!json.includes('unitSystem'));
    const loaded = loadHeadsetInfo(json);
    assert.equal(loaded.trace.length, 50);
    assert.deepEqual([loaded.trace[0]?.t, loaded.trace[49]?.t], [0, 490]);
  });

  it('loads the VBeT fixture and refuses files that are not headset info', () => {
    assert.equal(loadHeadsetInfo(vbetFixture).device.productName, 'VT Lync (340b:0020)');
    assert.throws(() => loadHeadsetInfo('{"format":"something-else","version":1}'), /not a headset info file/);
    const badHex = { ...vbetFixture, trace: [{ t: 0, dir: 'in', reportId: 1, data: '0G' }] };
    assert.throws(() => loadHeadsetInfo(badHex), /trace\.0\.data/);
  });
});
