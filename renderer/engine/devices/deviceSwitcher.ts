// Carries out the device planner's actions through small interfaces the engine implements with the
// real browser objects, so this stays free of DOM access and is unit-tested with fakes:
// - TrackSwitcher: getUserMedia for one device, and the audio RTCRtpSenders of the live calls.
//   The microphone is swapped with RTCRtpSender.replaceTrack only: no renegotiation, no re-INVITE,
//   so the switch takes as long as opening the new device. Each call gets its
//   own clone of the new track carrying the old track's `enabled` flag, because JsSIP mutes and holds
//   a call by disabling its sender's track: a shared track would mute every call at once.
// - SinkSetter: HTMLMediaElement.setSinkId on the call elements or on the ringer element.
import type { AudioRole, DeviceChoice } from '../../../common/contract/devices';
import type { DeviceAction, DeviceEvent, SinkRole } from './devicePlanner';

export interface AudioTrackLike {
  enabled: boolean;
  stop(): void;
  clone(): AudioTrackLike;
}

export interface AudioSenderLike {
  readonly track: AudioTrackLike | null;
  replaceTrack(track: AudioTrackLike | null): Promise<void>;
}

export interface TrackSwitcher {
  /** getUserMedia({ audio: { deviceId: { exact: deviceId }, … } }) and its audio track. */
  openInput(deviceId: string): Promise<AudioTrackLike>;
  /** The audio senders of every call that is up (empty between calls). */
  audioSenders(): readonly AudioSenderLike[];
  /** Called after the calls' senders were switched (agent assist re-taps the agent's leg). */
  switched?(): void;
}

export interface SinkSetter {
  /** setSinkId on every element of the role ('' is the system default). */
  setSink(role: SinkRole, sinkId: string): Promise<void>;
}

export interface DeviceActionHost {
  tracks: TrackSwitcher;
  sinks: SinkSetter;
  notify(level: 'info' | 'warning' | 'error', key: string, values?: Record<string, string>): void;
  /** Stores a preference whose device was found again under a new id. */
  savePreference(role: AudioRole, choice: DeviceChoice): void;
}

export interface AppliedDeviceActions {
  /** The microphone track now in use (the previous one is stopped once every sender has the new one). */
  input: AudioTrackLike | undefined;
  /** Events to feed back to the planner: a device that could not be opened or a sink that failed. */
  followUps: DeviceEvent[];
}

export async function applyDeviceActions(actions: readonly DeviceAction[], host: DeviceActionHost, input: AudioTrackLike | undefined): Promise<AppliedDeviceActions> {
  let current = input;
  const followUps: DeviceEvent[] = [];
  for (const action of actions) {
    switch (action.type) {
      case 'switchInput': {
        let track: AudioTrackLike;
        try {
          track = await host.tracks.openInput(action.deviceId);
        } catch {
          followUps.push({ type: 'inputFailed', deviceId: action.deviceId });
          break;
        }
        // A sender of a call that just ended may refuse; the others must still get the new track.
        await Promise.allSettled(host.tracks.audioSenders().map((sender) => switchSender(sender, track)));
        host.tracks.switched?.();
        if (current && current !== track) current.stop();
        current = track;
        break;
      }
      case 'setSink':
        try {
          await host.sinks.setSink(action.role, action.sinkId);
        } catch {
          // The system default cannot be "gone"; anything else goes back to the planner.
          if (action.sinkId !== '') followUps.push({ type: 'sinkFailed', role: action.role, deviceId: action.sinkId });
        }
        break;
      case 'notify':
        host.notify(action.level, action.key, action.values);
        break;
      case 'updatePreference':
        host.savePreference(action.role, action.choice);
        break;
    }
  }
  return { input: current, followUps };
}

async function switchSender(sender: AudioSenderLike, track: AudioTrackLike): Promise<void> {
  const previous = sender.track;
  const replacement = track.clone();
  replacement.enabled = previous?.enabled ?? true;
  try {
    await sender.replaceTrack(replacement);
  } catch (error) {
    replacement.stop();
    throw error;
  }
  previous?.stop();
}
