// Pure: which HID device is the headset whose microphone is in use, so its buttons and LEDs follow
// the audio the agent actually hears (the Ribbon/Genesys approach: match the audio device label with
// the HID product name). Chromium appends "(vvvv:pppp)" USB ids to many audio labels, which settles it.
import { baseLabel } from './devicePlanner';
import { telephonyCollections, type HidCollectionLike } from './usageMap';

export interface HidDeviceLike {
  vendorId: number;
  productId: number;
  productName: string;
  collections?: readonly HidCollectionLike[];
}

/** Words that say what kind of endpoint it is, not which product. */
const GENERIC = new Set([
  'headset', 'headphones', 'headphone', 'earphone', 'earphones', 'microphone', 'mic', 'speakers', 'speaker', 'hands', 'free',
  'handsfree', 'stereo', 'mono', 'usb', 'audio', 'device', 'series', 'default', 'communications', 'the', 'and', 'with',
  'input', 'output', 'analog', 'digital', 'line', 'in', 'out',
]);

function normalise(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

function usbIds(label: string): { vendorId: number; productId: number } | undefined {
  const match = /\(([0-9a-f]{4}):([0-9a-f]{4})\)\s*$/i.exec(label.trim());
  return match ? { vendorId: parseInt(match[1] as string, 16), productId: parseInt(match[2] as string, 16) } : undefined;
}

/**
 * How well an audio device label names this HID device: 3 = same USB ids, 2 = the whole product
 * name appears in the label, 1 = enough of its distinctive words do, 0 = no match.
 */
export function pairingScore(audioLabel: string, device: HidDeviceLike): number {
  const label = baseLabel(audioLabel);
  const ids = usbIds(label);
  if (ids) return ids.vendorId === device.vendorId && ids.productId === device.productId ? 3 : 0;
  const product = normalise(device.productName.replace(/\([0-9a-f]{4}:[0-9a-f]{4}\)\s*$/i, ''));
  const text = ` ${normalise(label)} `;
  if (!product) return 0;
  if (text.includes(` ${product} `)) return 2;
  // Brands get renamed (Plantronics → Poly) and shortened: two distinctive words including every
  // model number ("blackwire", "3220") are enough.
  const words = product.split(' ').filter((word) => word.length > 1 && !GENERIC.has(word));
  const found = words.filter((word) => text.includes(` ${word} `));
  const models = words.filter((word) => /\d/.test(word));
  if (found.length >= 2 && models.every((word) => found.includes(word))) return 1;
  return 0;
}

/** The telephony HID device that best matches the audio device in use, if any does. */
export function pairHeadset<T extends HidDeviceLike>(hidDevices: readonly T[], audioLabel: string): T | undefined {
  let best: T | undefined;
  let bestScore = 0;
  for (const device of hidDevices) {
    if (device.collections && telephonyCollections(device.collections).length === 0) continue;
    const score = pairingScore(audioLabel, device);
    if (score > bestScore) {
      best = device;
      bestScore = score;
    }
  }
  return best;
}
