import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkCertification } from './certification';

const blackwire = { vendorId: 0x047f, productId: 0xc056, productName: 'Plantronics Blackwire 3220 Series' };

describe('certified headsets', () => {
  it('accepts a listed model, or any model of a listed vendor', () => {
    assert.deepEqual(checkCertification(blackwire, { certified: [{ vendorId: 0x047f, productId: 0xc056 }] }), { certification: 'certified' });
    assert.deepEqual(checkCertification(blackwire, { certified: [{ vendorId: 0x047f }] }), { certification: 'certified' });
  });

  it('gives an unlisted headset a gentle notice naming it', () => {
    assert.deepEqual(checkCertification(blackwire, { certified: [{ vendorId: 0x0b0e }, { vendorId: 0x047f, productId: 0xc053 }] }), {
      certification: 'notCertified',
      notice: { level: 'info', key: 'notice.headset.notCertified', values: { name: 'Plantronics Blackwire 3220 Series' } },
    });
    assert.equal(checkCertification({ ...blackwire, productName: ' ' }, { certified: [] }).notice?.values.name, '047f:c056');
  });

  it('says nothing when the policy has no list', () => {
    assert.deepEqual(checkCertification(blackwire, undefined), { certification: 'noPolicy' });
    assert.deepEqual(checkCertification(blackwire, {}), { certification: 'noPolicy' });
  });
});
