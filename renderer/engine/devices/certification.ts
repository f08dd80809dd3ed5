// Pure: is this headset on the IT policy's certified list? A headset that is not gets a gentle
// notice (it may still work; support just has not tested it). No list in the policy: no notice.
import type { HeadsetCertification, HeadsetPolicy } from '../../../common/contract/devices';

export interface HeadsetIdentity {
  vendorId: number;
  productId: number;
  productName: string;
}

export interface CertificationResult {
  certification: HeadsetCertification;
  notice?: { level: 'info'; key: 'notice.headset.notCertified'; values: { name: string } };
}

export function checkCertification(device: HeadsetIdentity, policy: HeadsetPolicy | undefined): CertificationResult {
  const list = policy?.certified;
  if (!list) return { certification: 'noPolicy' };
  const listed = list.some((entry) => entry.vendorId === device.vendorId && (entry.productId === undefined || entry.productId === device.productId));
  if (listed) return { certification: 'certified' };
  const ids = `${hex4(device.vendorId)}:${hex4(device.productId)}`;
  return { certification: 'notCertified', notice: { level: 'info', key: 'notice.headset.notCertified', values: { name: device.productName.trim() || ids } } };
}

function hex4(value: number): string {
  return value.toString(16).padStart(4, '0');
}
