// Pure: which figures each readiness item shows, as i18n keys with values (the UI owns the wording),
// e.g. the network line "RTT 3 ms · jitter 1 ms · loss 0 % · MOS 4.4".
import type { ReadinessItemResult } from '../../../common/contract/readiness';

export interface FigureText {
  key: string;
  values: Record<string, string | number>;
}

const oneDecimal = (value: number) => (Math.round(value * 10) / 10).toString();

export function figureTexts(result: ReadinessItemResult): FigureText[] {
  const f = result.figures;
  const out: FigureText[] = [];
  switch (result.id) {
    case 'microphone':
      if (f.micRmsDbfs !== undefined) out.push({ key: 'readiness.figure.micLevel', values: { rms: oneDecimal(f.micRmsDbfs), peak: oneDecimal(f.micPeakDbfs ?? f.micRmsDbfs) } });
      break;
    case 'network':
      if (f.rttMs !== undefined) out.push({ key: 'readiness.figure.rtt', values: { value: oneDecimal(f.rttMs) } });
      if (f.jitterMs !== undefined) out.push({ key: 'readiness.figure.jitter', values: { value: oneDecimal(f.jitterMs) } });
      if (f.lossPercent !== undefined) out.push({ key: 'readiness.figure.loss', values: { value: oneDecimal(f.lossPercent) } });
      if (f.mos !== undefined) out.push({ key: 'readiness.figure.mos', values: { value: f.mos.toFixed(1) } });
      if (f.echoLevel !== undefined) out.push({ key: 'readiness.figure.echo', values: { value: f.echoLevel >= 0.001 ? 'yes' : 'no' } });
      break;
    case 'system':
      if (f.cpuLoadPercent !== undefined) out.push({ key: 'readiness.figure.cpu', values: { value: Math.round(f.cpuLoadPercent), cores: f.cpuCount ?? 0 } });
      if (f.freeMemoryMb !== undefined) out.push({ key: 'readiness.figure.memory', values: { free: Math.round(f.freeMemoryMb), total: Math.round(f.totalMemoryMb ?? 0) } });
      if (f.appMemoryMb !== undefined) out.push({ key: 'readiness.figure.appMemory', values: { value: Math.round(f.appMemoryMb) } });
      break;
    default:
      break;
  }
  return out;
}

/**
 * Why the network could not be tested, from the engine's cause for the echo call (JsSIP's names):
 * an i18n key, so the agent reads the reason in their language rather than a SIP term.
 */
export function untestedReasonKey(cause: string | undefined): `readiness.untestedReason.${'notFound' | 'noAnswer' | 'other'}` {
  if (cause === 'Not Found' || cause === 'Address Incomplete') return 'readiness.untestedReason.notFound';
  if (cause === 'Unavailable' || cause === 'Busy' || cause === 'Rejected' || cause === 'No Answer' || cause === 'no answer in time') return 'readiness.untestedReason.noAnswer';
  return 'readiness.untestedReason.other';
}
