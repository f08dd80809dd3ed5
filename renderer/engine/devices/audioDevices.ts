// The engine's audio devices: which microphone calls open, where call audio and the ringtone play,
// and what happens when devices come and go. The decisions are the pure planner's (devicePlanner.ts);
// this file is the browser glue: enumerateDevices, devicechange, getUserMedia, setSinkId and a level
// meter (test tones are the readiness check's, readinessProbes.tone). The microphone is opened only while it is needed (a call, the meter), so
// the OS microphone indicator stays off between calls.
import {
  processingFor,
  type AudioDevice,
  type AudioProcessing,
  type AudioRole,
  type DeviceChoice,
  type DeviceReport,
  type DeviceSettings,
} from '../../../common/contract/devices';
import { LevelMeter } from '../readiness/levels';
import { planDevices, type ActiveDevices, type DeviceEvent } from './devicePlanner';
import { applyDeviceActions, type AudioSenderLike, type AudioTrackLike } from './deviceSwitcher';

export interface AudioDeviceHooks {
  report: (report: DeviceReport) => void;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** Audio senders of the calls outside a conference. */
  microphoneSenders: () => RTCRtpSender[];
  /** After the calls' microphone changed (re-tap for agent assist, move the conference mix). */
  microphoneSwitched: () => Promise<void>;
  setOutputSink: (sinkId: string) => Promise<void>;
  setRingerSink: (sinkId: string) => Promise<void>;
}

const METER_INTERVAL_MS = 100;
/** A planner round can trigger another (a device that would not open); never loop for ever. */
const MAX_FOLLOW_UPS = 4;

/** A stand-in while no call needs the microphone: planning still happens, nothing is opened. */
const CLOSED_TRACK: AudioTrackLike = {
  enabled: true,
  stop: () => undefined,
  clone: () => CLOSED_TRACK,
};

export class AudioDevices {
  private settings: DeviceSettings | undefined;
  private active: ActiveDevices = {};
  private devices: AudioDevice[] = [];
  private meter: { context: AudioContext; timer: number; track: MediaStreamTrack } | undefined;
  private queue: Promise<void> = Promise.resolve();
  private readonly endedWatched = new WeakSet<MediaStreamTrack>();

  constructor(private readonly hooks: AudioDeviceHooks) {
    navigator.mediaDevices.addEventListener('devicechange', () => this.plan({ type: 'devicechange' }));
  }

  /** Settings from main (at start and whenever the agent changes them). */
  configure(settings: DeviceSettings): void {
    const first = this.settings === undefined;
    this.settings = settings;
    this.plan({ type: first ? 'start' : 'preferencesChanged' });
  }

  /** Constraints for a call's microphone: the chosen device and its processing. */
  microphoneConstraints(): MediaStreamConstraints {
    const device = this.active.input;
    const processing = this.processing();
    const audio: MediaTrackConstraints = {
      echoCancellation: processing.echoCancellation,
      noiseSuppression: processing.noiseSuppression,
      autoGainControl: processing.autoGainControl,
    };
    // exact: Chromium does not honour an `ideal` device id against its default device.
    if (device?.deviceId) audio.deviceId = { exact: device.deviceId };
    return { audio, video: false };
  }

  /**
   * The chosen microphone for a call. A call never fails over a device: if it cannot be opened the
   * planner is told (it picks the fallback and tells the agent) and the system default is used now.
   */
  async openMicrophone(): Promise<MediaStream> {
    const constraints = this.microphoneConstraints();
    try {
      return await navigator.mediaDevices.getUserMedia(constraints);
    } catch (error) {
      const deviceId = this.active.input?.deviceId;
      this.hooks.log('warn', `microphone ${this.active.input?.label ?? ''} would not open (${String(error)}); using the system default`);
      if (deviceId) this.plan({ type: 'inputFailed', deviceId });
      const audio = { ...(constraints.audio as MediaTrackConstraints) };
      delete audio.deviceId;
      return navigator.mediaDevices.getUserMedia({ audio, video: false });
    }
  }

  outputSinkId(): string {
    return this.active.output?.deviceId ?? '';
  }

  ringerSinkId(): string {
    return this.active.ringer?.deviceId ?? '';
  }

  activeDevices(): ActiveDevices {
    return this.active;
  }

  /** Watches a call's microphone track: a headset pulled out ends it, often before devicechange. */
  watchTrack(track: MediaStreamTrack | null | undefined): void {
    if (!track || this.endedWatched.has(track)) return;
    this.endedWatched.add(track);
    const deviceId = this.active.input?.deviceId;
    track.addEventListener('ended', () => {
      if (deviceId) this.plan({ type: 'inputEnded', deviceId });
    });
  }

  async setMeter(on: boolean): Promise<void> {
    if (!on) {
      this.stopMeter();
      return;
    }
    if (this.meter) return;
    try {
      const stream = await navigator.mediaDevices.getUserMedia(this.microphoneConstraints());
      const track = stream.getAudioTracks()[0];
      if (!track) throw new Error('no audio track');
      const context = new AudioContext();
      const analyser = context.createAnalyser();
      analyser.fftSize = 2048;
      context.createMediaStreamSource(stream).connect(analyser);
      const samples = new Float32Array(analyser.fftSize);
      const timer = window.setInterval(() => {
        analyser.getFloatTimeDomainData(samples);
        this.hooks.report({ type: 'level', level: meterLevel(samples) });
      }, METER_INTERVAL_MS);
      this.meter = { context, timer, track };
      this.watchTrack(track);
    } catch (error) {
      this.hooks.log('warn', `level meter: cannot open the microphone: ${String(error)}`);
      this.hooks.report({ type: 'notice', level: 'error', key: 'notice.devices.noInput' });
    }
  }

  private processing(): AudioProcessing {
    return processingFor(this.settings?.processing ?? {}, this.active.input?.label);
  }

  /** Planning runs one round at a time, in order. */
  private plan(event: DeviceEvent): void {
    this.queue = this.queue.then(() => this.planNow(event)).catch((error: unknown) => this.hooks.log('error', `device planning failed: ${String(error)}`));
  }

  private async planNow(first: DeviceEvent): Promise<void> {
    if (!this.settings) return;
    const settings = this.settings;
    this.devices = await this.enumerate();
    let event: DeviceEvent | undefined = first;
    const unavailable: Partial<Record<AudioRole, string[]>> = {};
    for (let round = 0; event && round <= MAX_FOLLOW_UPS; round++) {
      const plan = planDevices({ preferences: settings.preferences, devices: this.devices, active: this.active, event, unavailable });
      this.active = plan.active;
      const applied = await applyDeviceActions(
        plan.actions,
        {
          tracks: {
            openInput: (deviceId) => this.openInput(deviceId),
            audioSenders: () => this.hooks.microphoneSenders().map(senderLike),
            switched: () => void this.hooks.microphoneSwitched().catch((error: unknown) => this.hooks.log('warn', `conference microphone: ${String(error)}`)),
          },
          sinks: { setSink: (role, sinkId) => (role === 'ringer' ? this.hooks.setRingerSink(sinkId) : this.hooks.setOutputSink(sinkId)) },
          notify: (level, key, values) => this.hooks.report({ type: 'notice', level, key: key as Extract<DeviceReport, { type: 'notice' }>['key'], values }),
          savePreference: (role, choice) => this.savePreference(role, choice),
        },
        undefined,
      );
      // Opened only to hand clones to the calls, which keep their clones.
      applied.input?.stop();
      event = applied.followUps[0];
      for (const followUp of applied.followUps) {
        if (followUp.type === 'inputFailed') (unavailable.input ??= []).push(followUp.deviceId);
        if (followUp.type === 'sinkFailed') (unavailable[followUp.role] ??= []).push(followUp.deviceId);
      }
    }
    if (this.meter && first.type !== 'start') {
      // The meter follows the microphone in use.
      this.stopMeter();
      await this.setMeter(true);
    }
    this.hooks.report({
      type: 'devices',
      inputs: this.devices.filter((device) => device.kind === 'audioinput'),
      outputs: this.devices.filter((device) => device.kind === 'audiooutput'),
      active: this.active,
    });
  }

  private savePreference(role: AudioRole, choice: DeviceChoice): void {
    if (!this.settings) return;
    this.settings = { ...this.settings, preferences: { ...this.settings.preferences, [role]: choice } };
    this.hooks.report({ type: 'preference', role, choice });
  }

  private async openInput(deviceId: string): Promise<AudioTrackLike> {
    if (this.hooks.microphoneSenders().length === 0) return CLOSED_TRACK;
    const processing = this.processing();
    const stream = await navigator.mediaDevices.getUserMedia({ audio: { deviceId: { exact: deviceId }, ...processing }, video: false });
    const track = stream.getAudioTracks()[0];
    if (!track) throw new Error('no audio track');
    return track;
  }

  private async enumerate(): Promise<AudioDevice[]> {
    const list = await navigator.mediaDevices.enumerateDevices();
    return list
      .filter((device) => device.kind === 'audioinput' || device.kind === 'audiooutput')
      .map((device) => ({ deviceId: device.deviceId, kind: device.kind as AudioDevice['kind'], label: device.label.slice(0, 256), groupId: device.groupId }));
  }

  private stopMeter(): void {
    if (!this.meter) return;
    window.clearInterval(this.meter.timer);
    this.meter.track.stop();
    void this.meter.context.close().catch(() => undefined);
    this.meter = undefined;
  }
}

/** RMS of the block on a 0..1 scale (−60 dBFS → 0, 0 dBFS → 1), so ordinary speech sits mid-meter. */
export function meterLevel(samples: Float32Array): number {
  const meter = new LevelMeter();
  meter.add(samples);
  return Math.min(1, Math.max(0, (meter.result().rmsDbfs + 60) / 60));
}

function senderLike(sender: RTCRtpSender): AudioSenderLike {
  return {
    get track() {
      return sender.track;
    },
    replaceTrack: (track) => sender.replaceTrack(track as MediaStreamTrack | null),
  };
}
