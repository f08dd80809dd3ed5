// Pure: turns one-second samples from the call engine into MOS and warnings an agent can act on.
// A warning needs 3 of the last 5 samples past its threshold, so one bad second does not nag.
import type { QualitySample, QualityWarning, CallQuality } from '../../../common/contract/model';
import { mos } from './eModel';

export const THRESHOLDS = { rttMs: 400, jitterMs: 30, lossPercent: 3, mos: 3.5 } as const;
const WINDOW = 5;
const NEEDED = 3;
/** No microphone energy for this long while the agent is neither muted nor on hold. */
export const DEAD_MIC_MS = 5_000;
/** Below this RTP audioLevel (0–1) the microphone counts as silent. */
const SILENT_LEVEL = 0.0005;

interface Scored extends QualitySample {
  mos: number;
}

export class QualityMonitor {
  private readonly recent: Scored[] = [];
  private silentSince: number | undefined;

  /** Adds a sample; `micExpected` is false while muted or on hold, when silence is normal. */
  add(sample: QualitySample, micExpected: boolean): CallQuality {
    const scored: Scored = { ...sample, mos: mos(sample) };
    this.recent.push(scored);
    if (this.recent.length > WINDOW) this.recent.shift();

    if (!micExpected || sample.outboundLevel === null || sample.outboundLevel > SILENT_LEVEL) this.silentSince = undefined;
    else this.silentSince ??= sample.at;

    const warnings: QualityWarning[] = [];
    const count = (bad: (s: Scored) => boolean) => this.recent.filter(bad).length >= NEEDED;
    if (count((s) => s.lossPercent > THRESHOLDS.lossPercent)) warnings.push('packetLoss');
    if (count((s) => s.rttMs > THRESHOLDS.rttMs)) warnings.push('highLatency');
    if (count((s) => s.jitterMs > THRESHOLDS.jitterMs)) warnings.push('jitter');
    if (count((s) => s.mos < THRESHOLDS.mos)) warnings.push('lowMos');
    if (this.silentSince !== undefined && sample.at - this.silentSince >= DEAD_MIC_MS) warnings.push('deadMic');
    if (sample.clockRate !== null && sample.clockRate <= 8000) warnings.push('narrowband');

    return {
      mos: Math.round(scored.mos * 100) / 100,
      rttMs: Math.round(sample.rttMs),
      jitterMs: Math.round(sample.jitterMs * 10) / 10,
      lossPercent: Math.round(sample.lossPercent * 10) / 10,
      codec: sample.codec,
      warnings,
    };
  }

  samples(): readonly QualitySample[] {
    return this.recent;
  }
}
