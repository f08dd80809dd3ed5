// What the readiness probes need from the rest of the engine, as small interfaces so the device layer
// (microphone and output choice, WebHID headset control) can plug in without the probes changing.
// The defaults below are what an engine without device selection or headset control has.

/** The microphone the agent chose: constraints for getUserMedia (the device layer adds its deviceId). */
export interface AudioInputSource {
  inputConstraints(): MediaStreamConstraints;
}

/** Output devices by role: the call-audio sink ("speaker") and the ringer sink; '' = the system default. */
export interface AudioOutputSinks {
  sinkId(role: 'speaker' | 'ringer'): string;
}

export interface HeadsetStatusForCheck {
  /** This engine has headset call control at all (WebHID wired in). */
  supported: boolean;
  connected: boolean;
  name?: string;
}

/** Headset buttons: is one connected, and did the agent press any call-control button in time? */
export interface HeadsetButtons {
  status(): HeadsetStatusForCheck;
  /** Resolves true on the first call-control input report (hook, mute, flash…), false on timeout. */
  waitForPress(timeoutMs: number): Promise<boolean>;
}

export const defaultAudioInput: AudioInputSource = { inputConstraints: () => ({ audio: true }) };

export const defaultAudioOutputs: AudioOutputSinks = { sinkId: () => '' };

/** No headset control in this engine: reported as such (amber), never as a pressed button. */
export const noHeadsetButtons: HeadsetButtons = {
  status: () => ({ supported: false, connected: false }),
  waitForPress: () => Promise.resolve(false),
};
