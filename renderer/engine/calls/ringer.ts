// The ringtone, generated in the call engine with WebAudio. The engine page is never throttled and
// runs with autoplay allowed without a user gesture (Electron: autoplayPolicy on the engine window;
// headless host: Chromium's flag), so the first call of the day rings even if the agent has not
// clicked anything and the app is minimised. No audio file to load, nothing to fail to decode.

export type RingMode = 'off' | 'ring' | 'waiting';

export interface RingBurst {
  /** Seconds from the start of the cycle. */
  start: number;
  duration: number;
}

export interface RingCadence {
  /** Seconds; the pattern repeats every cycle. */
  cycle: number;
  frequencies: readonly number[];
  /** Peak gain of the tone (0–1). */
  gain: number;
  bursts: readonly RingBurst[];
}

/** Pure: the cadence of each mode. Ring: the familiar double ring; waiting: one short, quiet beep. */
export function cadenceFor(mode: Exclude<RingMode, 'off'>): RingCadence {
  if (mode === 'waiting') return { cycle: 3, frequencies: [440], gain: 0.15, bursts: [{ start: 0, duration: 0.25 }] };
  return {
    cycle: 3,
    frequencies: [400, 450],
    gain: 0.3,
    bursts: [
      { start: 0, duration: 0.4 },
      { start: 0.6, duration: 0.4 },
    ],
  };
}

export interface RingerState {
  mode: RingMode;
  /** The AudioContext's state: 'running' means the ringtone is audible (not blocked by autoplay rules). */
  contextState: AudioContextState | 'none';
  /** Loudest RMS level measured at the ringer's output since the current ringing started (0–1). */
  peakLevel: number;
  /** How many times ringing started since the engine loaded. */
  rings: number;
}

const SCHEDULE_AHEAD_S = 0.2;
const RAMP_S = 0.01;

export class Ringer {
  private context: AudioContext | undefined;
  private output: GainNode | undefined;
  private analyser: AnalyserNode | undefined;
  private oscillators: OscillatorNode[] = [];
  private mode: RingMode = 'off';
  private scheduler: number | undefined;
  private meter: number | undefined;
  private nextCycleAt = 0;
  private peakLevel = 0;
  private rings = 0;
  private sinkIdWanted: string | undefined;
  private meterSamples: Float32Array<ArrayBuffer> | undefined;

  constructor(private readonly onProblem: (message: string) => void = () => undefined) {}

  /**
   * Creates the AudioContext early, so the first ring does not pay for it, and suspends it: a running
   * context keeps the audio service rendering silence for as long as the engine lives.
   */
  warmUp(): void {
    this.ensureContext();
    this.suspendWhenSilent();
  }

  state(): RingerState {
    return { mode: this.mode, contextState: this.context?.state ?? 'none', peakLevel: this.peakLevel, rings: this.rings };
  }

  /** The device the ringtone plays on ('' = system default). */
  sinkId(): string {
    return (this.context as (AudioContext & { sinkId?: string }) | undefined)?.sinkId ?? this.sinkIdWanted ?? '';
  }

  /** Plays the ringtone on another device (e.g. laptop speakers while the headset is for calls). */
  async setSinkId(sinkId: string): Promise<void> {
    this.sinkIdWanted = sinkId;
    const context = this.context as (AudioContext & { setSinkId?: (id: string) => Promise<void> }) | undefined;
    try {
      await context?.setSinkId?.(sinkId);
    } catch (error) {
      this.onProblem(`ringer device: ${String(error)}`);
      throw error; // the device planner falls back to another device
    }
  }

  setMode(mode: RingMode): void {
    if (mode === this.mode) return;
    this.stopTone();
    this.mode = mode;
    if (mode === 'off') {
      this.suspendWhenSilent();
      return;
    }
    const context = this.ensureContext();
    if (!context || !this.output) return;
    if (context.state === 'suspended') void context.resume().catch((error: unknown) => this.onProblem(`ringer blocked: ${String(error)}`));
    this.rings += 1;
    this.peakLevel = 0;
    const cadence = cadenceFor(mode);
    const gate = context.createGain();
    gate.gain.value = 0;
    gate.connect(this.output);
    this.oscillators = cadence.frequencies.map((frequency) => {
      const oscillator = context.createOscillator();
      oscillator.frequency.value = frequency;
      oscillator.connect(gate);
      oscillator.start();
      return oscillator;
    });
    this.nextCycleAt = context.currentTime + 0.05;
    const schedule = () => {
      // Schedule whole cycles a little ahead, so timer jitter never cuts a ring short.
      while (this.nextCycleAt < context.currentTime + cadence.cycle + SCHEDULE_AHEAD_S) {
        const peak = cadence.gain / cadence.frequencies.length;
        for (const burst of cadence.bursts) {
          const start = this.nextCycleAt + burst.start;
          gate.gain.setValueAtTime(0, start);
          gate.gain.linearRampToValueAtTime(peak, start + RAMP_S);
          gate.gain.setValueAtTime(peak, start + burst.duration - RAMP_S);
          gate.gain.linearRampToValueAtTime(0, start + burst.duration);
        }
        this.nextCycleAt += cadence.cycle;
      }
    };
    schedule();
    this.scheduler = window.setInterval(schedule, 500);
    this.meter = window.setInterval(() => this.measure(), 50);
  }

  private measure(): void {
    const analyser = this.analyser;
    if (!analyser) return;
    // One buffer for the whole ring: the meter runs 20 times a second.
    const samples = (this.meterSamples ??= new Float32Array(analyser.fftSize));
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const sample of samples) sum += sample * sample;
    this.peakLevel = Math.max(this.peakLevel, Math.sqrt(sum / samples.length));
  }

  /** Nothing to play: the context stops rendering (resumed by the next ring; its sink is kept). */
  private suspendWhenSilent(): void {
    const context = this.context;
    if (!context || this.mode !== 'off' || context.state === 'closed') return;
    void context.suspend().catch((error: unknown) => this.onProblem(`ringer suspend: ${String(error)}`));
  }

  private stopTone(): void {
    window.clearInterval(this.scheduler);
    window.clearInterval(this.meter);
    this.scheduler = undefined;
    this.meter = undefined;
    for (const oscillator of this.oscillators) {
      try {
        oscillator.stop();
        oscillator.disconnect();
      } catch {
        // already stopped
      }
    }
    this.oscillators = [];
  }

  private ensureContext(): AudioContext | undefined {
    if (this.context) return this.context;
    try {
      const context = new AudioContext({ latencyHint: 'interactive' });
      const output = context.createGain();
      const analyser = context.createAnalyser();
      analyser.fftSize = 1024;
      output.connect(analyser);
      output.connect(context.destination);
      this.context = context;
      this.output = output;
      this.analyser = analyser;
      if (this.sinkIdWanted) void this.setSinkId(this.sinkIdWanted).catch(() => undefined);
      context.addEventListener('statechange', () => {
        if (context.state === 'suspended' && this.mode !== 'off') void context.resume().catch(() => undefined);
      });
      return context;
    } catch (error) {
      this.onProblem(`no audio for the ringtone: ${String(error)}`);
      return undefined;
    }
  }
}
