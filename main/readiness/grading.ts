// Pure: turns the engine's raw measurements and the machine's figures into green / amber / red with a
// fix-it hint, and the whole check into one verdict. Red means "calls will not work properly"; amber
// means "works, but something to look at"; the network thresholds are the in-call quality warnings'
// (main/calls/quality) for red and half of them for amber.
import type {
  HeadsetMeasurement,
  MicMeasurement,
  NetworkMeasurement,
  ReadinessGrade,
  ReadinessItemResult,
  ToneMeasurement,
} from '../../common/contract/readiness';
import { mos } from '../calls/quality/eModel';
import { THRESHOLDS } from '../calls/quality/qualityMonitor';

export const READINESS_THRESHOLDS = {
  /** Loudest sample below this over the probe: the microphone delivers (near) digital silence. */
  micSilentPeakDbfs: -70,
  /** RMS below this: it works but is very quiet (far from the mouth, input gain low). */
  micQuietRmsDbfs: -55,
  network: {
    red: { rttMs: THRESHOLDS.rttMs, jitterMs: THRESHOLDS.jitterMs, lossPercent: THRESHOLDS.lossPercent, mos: THRESHOLDS.mos },
    amber: { rttMs: 200, jitterMs: 15, lossPercent: 1, mos: 4 },
  },
  /** Echoed audio quieter than this RTP level (0–1) counts as "nothing came back". */
  echoSilentLevel: 0.001,
  /** CPU busy over the probe, percent of all cores: amber only (closing other apps is the fix, not a blocker). */
  cpuAmberPercent: 85,
  /** Free memory below this: red (calls stutter or the engine is killed); below the amber line: amber. */
  memoryRedMb: 256,
  memoryAmberMb: 1024,
} as const;

const GRADE_ORDER: Record<ReadinessGrade, number> = { green: 0, amber: 1, red: 2 };

export function worst(grades: Iterable<ReadinessGrade>): ReadinessGrade {
  let result: ReadinessGrade = 'green';
  for (const grade of grades) if (GRADE_ORDER[grade] > GRADE_ORDER[result]) result = grade;
  return result;
}

const round = (value: number, digits = 0) => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

export function gradeMicrophone(measurement: MicMeasurement): ReadinessItemResult {
  const figures = { micRmsDbfs: round(measurement.rmsDbfs, 1), micPeakDbfs: round(measurement.peakDbfs, 1) };
  const base = { id: 'microphone' as const, detail: measurement.label };
  if (measurement.error) {
    const hint =
      measurement.error === 'NotAllowedError' || measurement.error === 'SecurityError'
        ? 'micDenied'
        : measurement.error === 'NotFoundError' || measurement.error === 'OverconstrainedError'
          ? 'micNotFound'
          : 'micFailed';
    return { ...base, grade: 'red', hint, figures: {}, detail: measurement.error };
  }
  if (measurement.trackMuted) return { ...base, grade: 'red', hint: 'micMuted', figures };
  if (measurement.peakDbfs < READINESS_THRESHOLDS.micSilentPeakDbfs) return { ...base, grade: 'red', hint: 'micSilent', figures };
  if (measurement.rmsDbfs < READINESS_THRESHOLDS.micQuietRmsDbfs) return { ...base, grade: 'amber', hint: 'micQuiet', figures };
  return { ...base, grade: 'green', figures };
}

/** Speaker and ringer: the agent's answer decides; a tone that could not be played is a failure either way. */
export function gradeTone(item: 'speaker' | 'ringer', tone: ToneMeasurement | undefined, heard: boolean | undefined): ReadinessItemResult {
  const failedGrade: ReadinessGrade = item === 'speaker' ? 'red' : 'amber';
  if (tone && !tone.played) return { id: item, grade: failedGrade, hint: 'toneFailed', figures: {}, detail: tone.error };
  if (heard === undefined) return { id: item, grade: 'amber', hint: 'notConfirmed', figures: {} };
  if (heard) return { id: item, grade: 'green', figures: {} };
  // Not hearing customers stops the agent working; not hearing the ringer still leaves the on-screen alert.
  return { id: item, grade: failedGrade, hint: item === 'speaker' ? 'speakerNotHeard' : 'ringerNotHeard', figures: {} };
}

/** No headset (or no headset control in this build) is amber, never a made-up green. */
export function gradeHeadset(measurement: HeadsetMeasurement): ReadinessItemResult {
  const base = { id: 'headset' as const, figures: {}, detail: measurement.name };
  if (!measurement.supported) return { ...base, grade: 'amber', hint: 'headsetUnsupported' };
  if (!measurement.connected) return { ...base, grade: 'amber', hint: 'headsetNotConnected' };
  if (measurement.pressed) return { ...base, grade: 'green' };
  return { ...base, grade: 'amber', hint: 'headsetNoPress' };
}

/**
 * Why a test call that never connected failed, as the engine reports it (JsSIP's cause names, or the
 * probe's own "no answer in time"). When the server answered for the echo extension (not there, not
 * answering, busy), the path to the server works and calls can too: the network simply could not be
 * tested. Anything else (no connection, no response, media failing) would stop a real call as well.
 */
const ECHO_DID_NOT_ANSWER = new Set(['Not Found', 'Unavailable', 'Busy', 'Rejected', 'Redirected', 'Address Incomplete', 'No Answer', 'Canceled', 'no answer in time']);

export function gradeNetwork(measurement: NetworkMeasurement): ReadinessItemResult {
  const base = { id: 'network' as const, detail: measurement.cause, codec: measurement.codec ?? undefined };
  if (measurement.outcome === 'refused') {
    const hint = measurement.cause === 'callInProgress' ? 'networkCallInProgress' : 'networkNotRegistered';
    return { ...base, grade: 'red', hint, figures: {} };
  }
  if (!measurement.connected) {
    if (measurement.outcome === 'interrupted') return { ...base, grade: 'amber', hint: 'networkInterrupted', figures: {} };
    if (ECHO_DID_NOT_ANSWER.has(measurement.cause ?? '')) return { ...base, grade: 'amber', hint: 'networkEchoUnreachable', figures: {} };
    return { ...base, grade: 'red', hint: 'networkFailed', figures: {} };
  }

  const rttMs = measurement.rttMs ?? 0;
  const jitterMs = measurement.jitterMs ?? 0;
  const lossPercent = measurement.lossPercent ?? 0;
  const score = mos({ rttMs, jitterMs, lossPercent, codec: measurement.codec });
  const figures = {
    ...(measurement.rttMs !== null ? { rttMs: round(measurement.rttMs, 1) } : {}),
    ...(measurement.jitterMs !== null ? { jitterMs: round(measurement.jitterMs, 1) } : {}),
    ...(measurement.lossPercent !== null ? { lossPercent: round(measurement.lossPercent, 1) } : {}),
    mos: round(score, 2),
    ...(measurement.echoLevel !== null ? { echoLevel: round(measurement.echoLevel, 4) } : {}),
    packetsReceived: measurement.packetsReceived,
    callSeconds: round(measurement.callSeconds, 1),
  };
  if (measurement.outcome === 'interrupted') return { ...base, grade: 'amber', hint: 'networkInterrupted', figures };
  if (measurement.packetsReceived === 0 || (measurement.echoLevel ?? 0) < READINESS_THRESHOLDS.echoSilentLevel) {
    return { ...base, grade: 'red', hint: 'networkNoEcho', figures };
  }
  const { red, amber } = READINESS_THRESHOLDS.network;
  // The hint names the worst problem: loss is heard most, then jitter, then delay.
  const problem = (limits: { rttMs: number; jitterMs: number; lossPercent: number; mos: number }) =>
    lossPercent > limits.lossPercent ? 'networkLoss' : jitterMs > limits.jitterMs ? 'networkJitter' : rttMs > limits.rttMs || score < limits.mos ? 'networkSlow' : undefined;
  const redProblem = problem(red);
  if (redProblem) return { ...base, grade: 'red', hint: redProblem, figures };
  const amberProblem = problem(amber);
  if (amberProblem) return { ...base, grade: 'amber', hint: amberProblem, figures };
  return { ...base, grade: 'green', figures };
}

export interface SystemFigures {
  /** Busy share of all cores over the sampling window, percent. */
  cpuBusyPercent: number;
  cpuCount: number;
  freeMemoryMb: number;
  totalMemoryMb: number;
  appMemoryMb: number;
}

export function gradeSystem(system: SystemFigures): ReadinessItemResult {
  const figures = {
    cpuLoadPercent: round(system.cpuBusyPercent),
    cpuCount: system.cpuCount,
    freeMemoryMb: round(system.freeMemoryMb),
    totalMemoryMb: round(system.totalMemoryMb),
    appMemoryMb: round(system.appMemoryMb),
  };
  const limits = READINESS_THRESHOLDS;
  if (system.freeMemoryMb < limits.memoryRedMb) return { id: 'system', grade: 'red', hint: 'systemLowMemory', figures };
  if (system.freeMemoryMb < limits.memoryAmberMb) return { id: 'system', grade: 'amber', hint: 'systemLowMemory', figures };
  if (system.cpuBusyPercent > limits.cpuAmberPercent) return { id: 'system', grade: 'amber', hint: 'systemCpuBusy', figures };
  return { id: 'system', grade: 'green', figures };
}

/** What counts when a probe never answered (engine gone or hung). */
export function gradeUnanswered(id: ReadinessItemResult['id']): ReadinessItemResult {
  // Without an engine no call can be made; the headset alone is only a convenience.
  return { id, grade: id === 'headset' ? 'amber' : 'red', hint: 'engineUnavailable', figures: {} };
}

export function verdictOf(items: readonly ReadinessItemResult[]): ReadinessGrade {
  return worst(items.map((item) => item.grade));
}

/**
 * "This shift": the latest check counts when it has no red item and finished within the last
 * `validHours` (policy readinessValidHours, default 10), across app restarts (reports are stored). A
 * red check after a pass withdraws it: what was broken then is what counts. Returns when the pass
 * stops counting, or undefined when there is none.
 */
export function passedUntil(reports: readonly { finishedAt: number; verdict: ReadinessGrade }[], now: number, validHours: number): number | undefined {
  // A report "from the future" (the clock went back) is ignored rather than trusted for hours.
  const latest = reports.filter((report) => report.finishedAt <= now + 60_000).reduce<(typeof reports)[number] | undefined>(
    (newest, report) => (!newest || report.finishedAt > newest.finishedAt ? report : newest),
    undefined,
  );
  if (!latest || latest.verdict === 'red') return undefined;
  const until = latest.finishedAt + validHours * 3_600_000;
  return until > now ? until : undefined;
}

export const DEFAULT_READINESS_VALID_HOURS = 10;
