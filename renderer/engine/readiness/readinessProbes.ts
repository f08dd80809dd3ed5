// The engine's half of the readiness check: measures and reports raw figures, main grades them.
//  - microphone: ~2 s of level through a Web Audio analyser, and whether the OS muted the track;
//  - tone: a short tone on the call-audio sink or the ringer sink (the agent says if they heard it);
//  - network: a short call to the echo extension through the engine's own JsSIP user agent, with
//    RTT, jitter, loss and the echoed level from getStats. It is not a customer call: the call
//    registry never sees it, so it does not ring, show in the UI, reach call history or wrap-up;
//  - headset: a button press through the injected HeadsetButtons (none in this engine yet).
import type JsSIP from 'jssip';
import type { RTCSession } from 'jssip/lib/RTCSession';
import type {
  HeadsetMeasurement,
  MicMeasurement,
  NetworkMeasurement,
  ReadinessProbeRequest,
  ReadinessProbeResult,
  ToneMeasurement,
} from '../../../common/contract/readiness';
import { cadenceFor } from '../calls/ringer';
import { summariseStats, type StatsSummary } from '../calls/stats';
import { LevelMeter, SILENCE_DBFS } from './levels';
import { echoCallFigures } from './networkFigures';
import { defaultAudioInput, defaultAudioOutputs, noHeadsetButtons, type AudioInputSource, type AudioOutputSinks, type HeadsetButtons } from './ports';

export interface ReadinessProbeHooks {
  report: (result: ReadinessProbeResult) => void;
  log: (level: 'info' | 'warn', message: string) => void;
  userAgent: () => JsSIP.UA | undefined;
  domain: () => string;
  signallingReady: () => boolean;
  /** A real call exists (ringing, dialling or connected): the test call is refused or cut short. */
  hasLiveCalls: () => boolean;
}

export interface ReadinessPorts {
  input: AudioInputSource;
  outputs: AudioOutputSinks;
  headset: HeadsetButtons;
}

const PC_CONFIG: RTCConfiguration = { iceServers: [], rtcpMuxPolicy: 'require' };
/** The echo extension must answer within this; a missing one usually fails at once (404/480). */
const ANSWER_TIMEOUT_MS = 8_000;
const STATS_INTERVAL_MS = 500;
const METER_INTERVAL_MS = 40;
const TONE_SECONDS = 0.8;

const sleep = (ms: number) => new Promise((resolve) => window.setTimeout(resolve, ms));
const errorName = (error: unknown) => (error instanceof Error || error instanceof DOMException ? error.name : String(error)).slice(0, 120);

export class ReadinessProbes {
  private readonly ports: ReadinessPorts;
  private testCall: RTCSession | undefined;

  constructor(
    private readonly hooks: ReadinessProbeHooks,
    ports: Partial<ReadinessPorts> = {},
  ) {
    this.ports = { input: defaultAudioInput, outputs: defaultAudioOutputs, headset: noHeadsetButtons, ...ports };
  }

  /** The echo test call is up (diagnostics and tests). */
  testCallActive(): boolean {
    return this.testCall !== undefined;
  }

  run(request: ReadinessProbeRequest): void {
    void this.measure(request)
      .then((result) => this.hooks.report(result))
      .catch((error: unknown) => this.hooks.log('warn', `readiness probe ${request.kind} failed: ${String(error)}`));
  }

  private async measure(request: ReadinessProbeRequest): Promise<ReadinessProbeResult> {
    switch (request.kind) {
      case 'microphone':
        return { runId: request.runId, kind: 'microphone', measurement: await this.microphone(request.durationMs) };
      case 'tone':
        return { runId: request.runId, kind: 'tone', measurement: await this.tone(request.sink) };
      case 'headset':
        return { runId: request.runId, kind: 'headset', measurement: await this.headset(request.timeoutMs) };
      case 'network':
        return { runId: request.runId, kind: 'network', measurement: await this.network(request.target, request.durationMs) };
    }
  }

  private openMicrophone(withoutEchoCancellation = false): Promise<MediaStream> {
    const constraints = this.ports.input.inputConstraints();
    if (!withoutEchoCancellation || !constraints.audio) return navigator.mediaDevices.getUserMedia({ ...constraints, video: false });
    // The echo test sends the agent's own audio back: echo cancellation would take it for echo and remove
    // it. The echo is never played aloud (volume 0), so nothing can feed back into the microphone.
    const audio = typeof constraints.audio === 'object' ? constraints.audio : {};
    return navigator.mediaDevices.getUserMedia({ ...constraints, audio: { ...audio, echoCancellation: false }, video: false });
  }

  async microphone(durationMs: number): Promise<MicMeasurement> {
    let stream: MediaStream;
    try {
      stream = await this.openMicrophone();
    } catch (error) {
      return { error: errorName(error), trackMuted: false, rmsDbfs: SILENCE_DBFS, peakDbfs: SILENCE_DBFS };
    }
    const track = stream.getAudioTracks()[0];
    if (!track) return { error: 'NotFoundError', trackMuted: false, rmsDbfs: SILENCE_DBFS, peakDbfs: SILENCE_DBFS };
    // MediaStreamTrack.muted is the OS or hardware mute (e.g. a mute key on the laptop), not the app's.
    let muted = track.muted;
    const onMute = () => (muted = true);
    track.addEventListener('mute', onMute);
    const context = new AudioContext();
    try {
      const analyser = context.createAnalyser();
      analyser.fftSize = 2048;
      context.createMediaStreamSource(stream).connect(analyser);
      await context.resume();
      const meter = new LevelMeter();
      const frame = new Float32Array(analyser.fftSize);
      const deadline = performance.now() + durationMs;
      while (performance.now() < deadline) {
        await sleep(METER_INTERVAL_MS);
        analyser.getFloatTimeDomainData(frame);
        meter.add(frame);
      }
      const { rmsDbfs, peakDbfs } = meter.result();
      return { trackMuted: muted || track.readyState === 'ended', rmsDbfs, peakDbfs, label: track.label.slice(0, 256) || undefined };
    } finally {
      track.removeEventListener('mute', onMute);
      for (const each of stream.getTracks()) each.stop();
      void context.close();
    }
  }

  /** Speaker: a two-beep 660 Hz tone; ringer: one burst of the real ringtone's frequencies. */
  async tone(sink: 'speaker' | 'ringer'): Promise<ToneMeasurement> {
    const context = new AudioContext();
    const audio = new Audio();
    try {
      const destination = context.createMediaStreamDestination();
      const gain = context.createGain();
      gain.gain.value = 0;
      gain.connect(destination);
      const frequencies = sink === 'ringer' ? cadenceFor('ring').frequencies : [660];
      const start = context.currentTime + 0.05;
      for (const frequency of frequencies) {
        const oscillator = context.createOscillator();
        oscillator.frequency.value = frequency;
        oscillator.connect(gain);
        oscillator.start(start);
        oscillator.stop(start + TONE_SECONDS);
      }
      // Two beeps for the speaker, one continuous burst for the ringer; short ramps avoid clicks.
      const bursts = sink === 'ringer' ? [[0, TONE_SECONDS]] : [[0, 0.3], [0.45, 0.75]];
      for (const [from, to] of bursts as [number, number][]) {
        gain.gain.setValueAtTime(0, start + from);
        gain.gain.linearRampToValueAtTime(0.25, start + from + 0.01);
        gain.gain.setValueAtTime(0.25, start + to - 0.01);
        gain.gain.linearRampToValueAtTime(0, start + to);
      }
      audio.srcObject = destination.stream;
      const sinkId = this.ports.outputs.sinkId(sink);
      if (sinkId) await audio.setSinkId(sinkId);
      await context.resume();
      await audio.play();
      await sleep((TONE_SECONDS + 0.15) * 1000);
      return { sink, played: true };
    } catch (error) {
      return { sink, played: false, error: errorName(error) };
    } finally {
      audio.pause();
      audio.srcObject = null;
      void context.close();
    }
  }

  async headset(timeoutMs: number): Promise<HeadsetMeasurement> {
    const status = this.ports.headset.status();
    if (!status.supported || !status.connected) return { supported: status.supported, connected: status.connected, pressed: null, name: status.name };
    const pressed = await this.ports.headset.waitForPress(timeoutMs).catch(() => false);
    return { supported: true, connected: true, pressed, name: status.name };
  }

  async network(target: string, durationMs: number): Promise<NetworkMeasurement> {
    const nothing = { connected: false, callSeconds: 0, rttMs: null, jitterMs: null, lossPercent: null, packetsReceived: 0, echoLevel: null, codec: null };
    const ua = this.hooks.userAgent();
    if (!ua || !this.hooks.signallingReady()) return { outcome: 'refused', cause: 'notRegistered', ...nothing };
    if (this.hooks.hasLiveCalls()) return { outcome: 'refused', cause: 'callInProgress', ...nothing };
    if (this.testCall) return { outcome: 'refused', cause: 'alreadyRunning', ...nothing };
    let stream: MediaStream;
    try {
      stream = await this.openMicrophone(true);
    } catch (error) {
      return { outcome: 'failed', cause: `microphone: ${errorName(error)}`, ...nothing };
    }
    return new Promise<NetworkMeasurement>((resolve) => {
      const readings: StatsSummary[] = [];
      // Remote WebRTC audio is only decoded while a media element plays it (Web Audio alone stays
      // silent), so the echo plays at volume 0 and an analyser measures what came back.
      const audio = document.createElement('audio');
      audio.autoplay = true;
      audio.volume = 0;
      audio.dataset.readiness = 'echo';
      document.body.append(audio);
      const context = new AudioContext();
      let analyser: AnalyserNode | undefined;
      let loudestEcho = 0;
      const frame = new Float32Array(2048);
      const listen = () => {
        if (!analyser) return;
        analyser.getFloatTimeDomainData(frame);
        let sum = 0;
        for (const sample of frame) sum += sample * sample;
        loudestEcho = Math.max(loudestEcho, Math.sqrt(sum / frame.length));
      };
      let session: RTCSession | undefined;
      const intervals: number[] = [];
      let connectedAt: number | undefined;
      let settled = false;
      const timers: number[] = [];
      const pc = () => session?.connection as RTCPeerConnection | undefined;
      const read = async () => {
        const connection = pc();
        if (connection && connectedAt !== undefined) readings.push(summariseStats((await connection.getStats()).values() as Iterable<never>));
      };
      const finish = async (outcome: 'completed' | 'failed' | 'interrupted', cause?: string) => {
        if (settled) return;
        settled = true;
        for (const timer of timers) window.clearTimeout(timer);
        for (const interval of intervals) window.clearInterval(interval);
        await read().catch(() => undefined);
        try {
          if (session && !session.isEnded()) session.terminate();
        } catch {
          // already over
        }
        for (const track of stream.getTracks()) track.stop();
        audio.srcObject = null;
        audio.remove();
        void context.close();
        this.testCall = undefined;
        const seconds = connectedAt === undefined ? 0 : (performance.now() - connectedAt) / 1000;
        this.hooks.log('info', `readiness echo test call to ${target}: ${outcome}${cause ? ` (${cause})` : ''} after ${seconds.toFixed(1)} s connected`);
        const figures = echoCallFigures(readings);
        // RTP audioLevel and the analyser's RMS are both 0–1 amplitudes; the louder one says it came back.
        const echoLevel = figures.echoLevel === null && !analyser ? null : Math.min(1, Math.max(figures.echoLevel ?? 0, loudestEcho));
        resolve({ outcome, cause: cause?.slice(0, 200), connected: connectedAt !== undefined, callSeconds: Math.min(600, seconds), ...figures, echoLevel });
      };
      try {
        session = ua.call(`sip:${target}@${this.hooks.domain()}`, {
          mediaStream: stream,
          pcConfig: PC_CONFIG,
          extraHeaders: ['X-Hearthline-Purpose: readiness-check'],
        });
        this.testCall = session;
      } catch (error) {
        for (const track of stream.getTracks()) track.stop();
        resolve({ outcome: 'failed', cause: `cannot place the test call: ${String(error)}`, ...nothing });
        return;
      }
      pc()?.addEventListener('track', (event) => {
        const remote = event.streams[0] ?? new MediaStream([event.track]);
        audio.srcObject = remote;
        void audio.play().catch(() => undefined);
        analyser = context.createAnalyser();
        analyser.fftSize = frame.length;
        context.createMediaStreamSource(remote).connect(analyser);
        void context.resume();
      });
      session.on('confirmed', () => {
        connectedAt = performance.now();
        timers.push(window.setTimeout(() => void finish('completed'), durationMs));
      });
      session.on('failed', (event) => void finish(connectedAt === undefined ? 'failed' : 'completed', event.cause));
      session.on('ended', (event) => void finish('completed', event.cause));
      timers.push(
        window.setTimeout(() => {
          if (connectedAt === undefined) void finish('failed', 'no answer in time');
        }, ANSWER_TIMEOUT_MS),
      );
      intervals.push(window.setInterval(listen, 100));
      // A customer call takes priority: the test call gives way at once.
      intervals.push(window.setInterval(() => {
        if (this.hooks.hasLiveCalls()) void finish('interrupted', 'a call came in');
        else void read().catch(() => undefined);
      }, STATS_INTERVAL_MS));
    });
  }
}
