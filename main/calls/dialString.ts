// Pure: what the agent typed (or what another part of the UI asked to dial) → what the engine dials.
// Phone numbers become E.164 with libphonenumber-js, using the configured default region for national
// formats; short internal extensions, feature codes and SIP user names are kept as they are.
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** Extensions up to this many digits are internal and never rewritten. */
export const MAX_EXTENSION_DIGITS = 6;

export type DialStringResult = { ok: true; target: string } | { ok: false; problem: 'notANumber' | 'unknownRegion' };

/** Spaces, brackets, dashes and dots are only how people write numbers down. */
function compact(input: string): string {
  return input.replace(/[\s().-]/g, '');
}

export function isRegionCode(value: string): value is CountryCode {
  return isSupportedCountry(value);
}

export function normaliseDialString(input: string, defaultRegion?: string): DialStringResult {
  const trimmed = input.trim();
  // SIP user names (alice, queue.sales) are not phone numbers: only spaces go.
  if (/[A-Za-z]/.test(trimmed)) return { ok: true, target: trimmed.replace(/\s/g, '') };
  const typed = compact(trimmed);
  if (typed.length === 0) return { ok: false, problem: 'notANumber' };
  // Feature codes (*72, 1234#) are dialled as typed.
  if (/[*#]/.test(typed)) return { ok: true, target: typed };
  if (!/^\+?\d+$/.test(typed)) return { ok: false, problem: 'notANumber' };
  if (/^\d+$/.test(typed) && typed.length <= MAX_EXTENSION_DIGITS) return { ok: true, target: typed };

  let region: CountryCode | undefined;
  if (defaultRegion !== undefined) {
    if (!isRegionCode(defaultRegion)) return { ok: false, problem: 'unknownRegion' };
    region = defaultRegion;
  }
  if (!typed.startsWith('+') && !region) {
    // Without a region a national number cannot be put into E.164; dial it as typed.
    return { ok: true, target: typed };
  }
  const parsed = parsePhoneNumberFromString(typed, region);
  if (!parsed?.isPossible()) return { ok: false, problem: 'notANumber' };
  return { ok: true, target: parsed.number };
}
