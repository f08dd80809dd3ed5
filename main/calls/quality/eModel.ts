// Pure: ITU-T G.107 E-model, reduced to what a softphone can measure (one-way delay from RTT and
// jitter, random packet loss) with G.107's default values for everything else (R0 = 93.2).

export interface CodecImpairment {
  /** Equipment impairment Ie (G.113 Appendix I). */
  ie: number;
  /** Packet-loss robustness Bpl. */
  bpl: number;
  /** Algorithmic + packetisation delay in ms added to the network delay. */
  delayMs: number;
}

// G.711 with packet-loss concealment (Chromium's NetEq conceals loss): Ie 0, Bpl 25.1 (G.113 App. I).
// Opus has no G.113 entry; wideband Opus at call bitrates is at least as robust, so G.711-PLC values
// are used as a conservative stand-in rather than an invented better number.
const CODECS: Record<string, CodecImpairment> = {
  pcmu: { ie: 0, bpl: 25.1, delayMs: 20 },
  pcma: { ie: 0, bpl: 25.1, delayMs: 20 },
  g722: { ie: 0, bpl: 25.1, delayMs: 20 },
  opus: { ie: 0, bpl: 25.1, delayMs: 27 },
};
const DEFAULT_CODEC = CODECS.pcmu!;

export function codecImpairment(mimeType: string | null | undefined): CodecImpairment {
  const name = (mimeType ?? '').toLowerCase().replace(/^audio\//, '');
  return CODECS[name] ?? DEFAULT_CODEC;
}

export interface EModelInput {
  rttMs: number;
  jitterMs: number;
  /** Packet loss in percent (0–100) over the measuring interval. */
  lossPercent: number;
  codec?: string | null;
}

/** Mouth-to-ear delay estimate: half the RTT, a jitter buffer of twice the jitter, and codec delay. */
export function oneWayDelayMs({ rttMs, jitterMs, codec }: EModelInput): number {
  return rttMs / 2 + 2 * jitterMs + codecImpairment(codec).delayMs;
}

/** Transmission rating factor R. */
export function rFactor(input: EModelInput): number {
  const d = oneWayDelayMs(input);
  // Delay impairment Id, the usual linearisation of G.107's Idd around 177.3 ms.
  const id = 0.024 * d + (d > 177.3 ? 0.11 * (d - 177.3) : 0);
  const { ie, bpl } = codecImpairment(input.codec);
  const ppl = Math.min(100, Math.max(0, input.lossPercent));
  // Effective equipment impairment with random loss (BurstR = 1).
  const ieEff = ie + ((95 - ie) * ppl) / (ppl + bpl);
  return 93.2 - id - ieEff;
}

/** G.107 Annex B: R → MOS (conversational quality, 1 to 4.5). */
export function mosFromR(r: number): number {
  if (r <= 0) return 1;
  if (r >= 100) return 4.5;
  return 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6;
}

export function mos(input: EModelInput): number {
  return mosFromR(rFactor(input));
}
