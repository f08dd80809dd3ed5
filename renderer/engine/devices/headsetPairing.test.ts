import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { blackwire3220Device, blackwire3220Vendor } from './fixtures/descriptors';
import { parseReportDescriptor } from './hidDescriptor';
import { pairHeadset, pairingScore } from './headsetPairing';

const blackwire = { vendorId: 0x047f, productId: 0xc056, productName: 'Plantronics Blackwire 3220 Series', collections: parseReportDescriptor(blackwire3220Device) };
const jabra = { vendorId: 0x0b0e, productId: 0x0305, productName: 'Jabra EVOLVE 30 II', collections: [{ usagePage: 0x0b, usage: 0x05 }] };
const vbet = { vendorId: 0x340b, productId: 0x0020, productName: 'VT Lync (340b:0020)' };

describe('pairing the HID headset with the audio device in use', () => {
  it('matches on the USB ids Chromium puts in the label', () => {
    assert.equal(pairHeadset([jabra, blackwire], 'Headset Microphone (Poly Blackwire 3220 Series) (047f:c056)'), blackwire);
    assert.equal(pairHeadset([jabra, blackwire], 'Communications - Headset Microphone (Poly Blackwire 3220 Series) (047f:c056)'), blackwire);
    assert.equal(pairingScore('Headset Microphone (Jabra EVOLVE 30 II) (0b0e:0306)', jabra), 0, 'another product of the same vendor');
  });

  it('falls back to the product name when the label has no USB ids', () => {
    assert.equal(pairHeadset([blackwire, jabra], 'Microphone (Jabra EVOLVE 30 II)'), jabra);
    assert.equal(pairHeadset([blackwire, jabra], 'Headset (Blackwire 3220)'), blackwire, 'brand and generic words may be missing');
    assert.equal(pairHeadset([blackwire, jabra, vbet], 'Headset Microphone (VT Lync)'), vbet);
  });

  it('pairs nothing with the laptop microphone, or with a HID device that has no telephony collection', () => {
    assert.equal(pairHeadset([blackwire, jabra], 'Microphone Array (Realtek(R) Audio)'), undefined);
    assert.equal(pairHeadset([blackwire, jabra], 'Headset (Jabra Evolve 65)'), undefined, 'same brand and family, another model');
    const vendorOnly = { ...blackwire, collections: parseReportDescriptor(blackwire3220Vendor) };
    assert.equal(pairHeadset([vendorOnly], 'Headset Microphone (Poly Blackwire 3220 Series) (047f:c056)'), undefined);
  });
});
