// Pure: how a caller is named on the call card, in the flashing window title and to a screen reader.
import type { Call } from '../../../common/contract/model';

/** What servers put in place of a number the caller withheld (From: "Anonymous" <sip:anonymous@…>). */
const WITHHELD = new Set(['', 'anonymous', 'restricted', 'private', 'withheld', 'unavailable', 'unknown']);

export const isWithheld = (call: Pick<Call, 'remoteNumber'>): boolean => WITHHELD.has(call.remoteNumber.trim().toLowerCase());

/**
 * "Name · number"; a withheld number is shown as `withheld` (the agent's language), and the server's
 * stand-in name ("Anonymous") is left out rather than shown as a customer's name.
 */
export function callerLabel(call: Pick<Call, 'remoteName' | 'remoteNumber'>, withheld: string, separator = ' · '): string {
  if (!isWithheld(call)) return call.remoteName ? `${call.remoteName}${separator}${call.remoteNumber}` : call.remoteNumber;
  const name = call.remoteName?.trim();
  return name && !WITHHELD.has(name.toLowerCase()) ? `${name}${separator}${withheld}` : withheld;
}
