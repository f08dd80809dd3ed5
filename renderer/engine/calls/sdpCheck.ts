// Pure: is an incoming offer something the engine can answer with audio? Checked before the call is
// offered to the agent, so a malformed or hostile INVITE is refused (488) instead of ringing as a call
// that can only fail when answered. Chromium parses the SDP again for real on answer.

/** Larger offers are refused outright; a real audio offer is a few kilobytes. */
export const MAX_OFFER_BYTES = 32_000;

export type OfferProblem = 'tooLarge' | 'notSdp' | 'noAudio' | 'noConnection';

export function vetRemoteOffer(body: string | undefined): OfferProblem | undefined {
  if (body === undefined || body.trim() === '') return undefined; // late offer: the SDP comes in the ACK
  if (body.length > MAX_OFFER_BYTES) return 'tooLarge';
  const lines = body.split(/\r?\n/).map((line) => line.trim()).filter((line) => line.length > 0);
  if (lines[0] !== 'v=0' || !lines.some((line) => line.startsWith('o=')) || !lines.some((line) => line.startsWith('s='))) return 'notSdp';
  if (lines.some((line) => !/^[a-z]=/.test(line))) return 'notSdp';
  const audio = lines.findIndex((line) => /^m=audio [1-9]\d{0,4}(\/\d+)? [A-Z/]+( \d{1,3})+$/.test(line));
  if (audio < 0) return 'noAudio';
  const sessionLevel = lines.slice(0, lines.findIndex((line) => line.startsWith('m='))).some((line) => line.startsWith('c='));
  const nextMedia = lines.findIndex((line, index) => index > audio && line.startsWith('m='));
  const mediaLevel = lines.slice(audio + 1, nextMedia < 0 ? undefined : nextMedia).some((line) => line.startsWith('c='));
  if (!sessionLevel && !mediaLevel) return 'noConnection';
  return undefined;
}
