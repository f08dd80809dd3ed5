// The pure half of the spoken set's call codecs (bench/spokenSet.ts codes the audio): how a customer's
// words reach the recogniser on a real call, and the key words a turn must keep for redaction and
// retrieval to work on what was recognised.
import { scoringWords } from './spokenVariants';

export interface CallCodec {
  name: string;
  /** `clean`: the spoken turn as made (the set before codecs); `opus`: opusenc/opusdec; `pcmu`: G.711 µ-law at 8 kHz. */
  kind: 'clean' | 'opus' | 'pcmu';
  /** Opus: target bitrate, kbit/s. */
  kbps?: number;
  /** Opus: the widest audio band the encoder may code (narrowband 4 kHz, wideband 8 kHz). */
  bandwidth?: 'narrowband' | 'wideband';
}

/**
 * Fixed before any setting was tuned: what a customer's line is on a call. Opus at the low rates a
 * mobile or congested WebRTC customer gets (8 kbit/s narrowband, 16 kbit/s wideband, 20 ms frames),
 * and G.711 µ-law from a SIP trunk or PSTN gateway. Every coded turn is decoded at 48 kHz (what
 * Chromium's WebRTC hands the page) and resampled to 16 kHz with a windowed-sinc filter, as the tap's
 * 16 kHz AudioContext does (renderer/engine/assist/audioTap.ts).
 */
export const CALL_CODECS: readonly CallCodec[] = [
  { name: 'clean', kind: 'clean' },
  { name: 'opus-nb-8k', kind: 'opus', kbps: 8, bandwidth: 'narrowband' },
  { name: 'opus-wb-16k', kind: 'opus', kbps: 16, bandwidth: 'wideband' },
  { name: 'pcmu', kind: 'pcmu' },
];

/** libopus's OPUS_SET_MAX_BANDWIDTH request and its band values (opus_defines.h), for opusenc --set-ctl-int. */
const OPUS_SET_MAX_BANDWIDTH = 4004;
const OPUS_BANDWIDTH = { narrowband: 1101, wideband: 1103 } as const;

/** opusenc's arguments for an Opus codec (input and output paths appended by the caller). */
export function opusencArgs(codec: CallCodec): string[] {
  if (codec.kind !== 'opus' || !codec.kbps) throw new Error(`${codec.name} is not an Opus codec`);
  const args = ['--quiet', '--bitrate', String(codec.kbps), '--framesize', '20', '--speech'];
  if (codec.bandwidth) args.push('--set-ctl-int', `${OPUS_SET_MAX_BANDWIDTH}=${OPUS_BANDWIDTH[codec.bandwidth]}`);
  return args;
}

/** Words redaction and retrieval key on: what a sensitive or order turn is about. */
export const KEY_WORDS: ReadonlySet<string> = new Set([
  'card', 'number', 'order', 'account', 'code', 'password', 'pin', 'security', 'date', 'birth', 'expiry', 'expires',
  'refund', 'charged', 'delivery', 'parcel', 'address', 'postcode', 'digits',
]);

/** Spoken digits: a card, an order or a date read out. */
export const DIGIT_WORDS: ReadonlySet<string> = new Set(['zero', 'oh', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'double']);

/**
 * Of the words in `vocabulary` the references say, how many the hypotheses kept (per turn, each word
 * counted at most as often as the reference says it; order not checked: redaction and retrieval look
 * for the words, not their positions).
 */
export function wordRecall(pairs: ReadonlyArray<{ reference: string; hypothesis: string }>, vocabulary: ReadonlySet<string>): { said: number; heard: number } {
  let said = 0;
  let heard = 0;
  for (const { reference, hypothesis } of pairs) {
    const counts = new Map<string, number>();
    for (const word of scoringWords(hypothesis)) if (vocabulary.has(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
    for (const word of scoringWords(reference)) {
      if (!vocabulary.has(word)) continue;
      said += 1;
      const left = counts.get(word) ?? 0;
      if (left > 0) {
        heard += 1;
        counts.set(word, left - 1);
      }
    }
  }
  return { said, heard };
}
