// The call engine page: hidden, never reloaded, owns the SIP user agent and all call media. It talks
// to main only through the contract API its preload (or the headless bridge) installs.
import { ENGINE_API_GLOBAL, type HearthlineEngineApi } from '../../common/contract/api';
import { assistTapListener } from './assist/boot';
import type { EngineAccount, EngineCommand, EngineReport } from '../../common/contract/channels';
import type { DeviceCommand, DeviceReport } from '../../common/contract/devices';
import type { CallMedia } from './calls/callMedia';
import { CallRegistry } from './calls/callRegistry';
import { AudioDevices } from './devices/audioDevices';
import { HeadsetController, type HidLike } from './devices/headsetController';
import { bootMonitoring } from './monitoring/boot';
import { ReadinessProbes } from './readiness/readinessProbes';
import { debugViewsWanted } from './debugViews';
import { installCensusIfAsked, type ResourceCounts } from './resourceCensus';
import { Ringer } from './calls/ringer';
import { SipAgent } from './calls/sipAgent';
import { SupervisorMessaging } from './supervisor/messaging';

/** Read-only views for diagnostics, the e2e tests and the benchmark (over DevTools in the headless host). */
interface EngineDebug {
  calls: () => ReturnType<CallMedia['diagnostics']>;
  ringer: () => ReturnType<Ringer['state']>;
  conference: () => ReturnType<CallRegistry['conferenceState']>;
  sipTrace: () => ReturnType<SipAgent['trace']['entries']>;
  signallingReady: () => boolean;
  /** Sends a REGISTER refresh now (benchmark of the REGISTER round trip). */
  reRegister: () => void;
  /** Where sound goes: each call's audio element and the ringer (the e2e checks they differ). */
  sinks: () => { calls: Array<{ callId: string; sinkId: string }>; ringer: string; active: ReturnType<AudioDevices['activeDevices']> };
  headset: () => ReturnType<HeadsetController['status']>;
  /** The microphone each call is sending (track labels). */
  microphones: () => string[];
  /** The calls' microphone tracks (tests: a synthetic `ended` stands in for pulling the headset out). */
  microphoneTracks: () => MediaStreamTrack[];
  /**
   * Tests only: drive headset control through a WebHID stand-in (no USB headset exists on a build
   * machine); the production engine always uses navigator.hid.
   */
  useHid: (hid: HidLike) => void;
  /** The readiness check's echo test call is up. */
  readinessTestCall: () => boolean;
  /** What the page keeps alive (tests: a run of calls must leave these where they started); undefined without ?census. */
  resources: () => ResourceCounts | undefined;
  /** Whether main wants call audio, how many taps were opened since load, and the legs tapped now. */
  assistTap: () => { wanted: boolean; tapsOpened: number; legs: number };
  /** Frames the tap sent to main per call and leg (a silent leg sends none: common/audio/silenceGate.ts). */
  assistTapFrames: () => Array<{ callId: string; leg: string; sent: number; dropped: number }>;
}

declare global {
  interface Window {
    [ENGINE_API_GLOBAL]: HearthlineEngineApi;
    hearthlineEngineDiagnostics?: () => ReturnType<CallMedia['diagnostics']>;
    hearthlineEngineDebug?: EngineDebug;
  }
}

// Before anything opens media or timers, so every one is counted; only when a test or the soak asks.
const census = installCensusIfAsked(window, window.location.search);

const api = window[ENGINE_API_GLOBAL];
let account: EngineAccount | undefined;

function report(message: EngineReport): void {
  if (message.type === 'call') headset.callsChanged(calls.liveCalls());
  api.invoke('engine.report', message).catch((error: unknown) => console.warn('report failed', error));
  // The ringer's AudioContext costs this thread ~0.2 s to create: once registered (nothing rings before
  // that), not while the page loads and the start waits for its hello. Done after the report is sent.
  if (message.type === 'registration' && message.state === 'registered') ringer.warmUp();
}

function reportDevices(message: DeviceReport): void {
  api.invoke('devices.report', message).catch((error: unknown) => console.warn('device report failed', error));
}

function log(level: 'info' | 'warn' | 'error', message: string): void {
  report({ type: 'log', level, message });
}

const ringer = new Ringer((message) => log('warn', message));

const devices: AudioDevices = new AudioDevices({
  report: (message) => {
    reportDevices(message);
    if (message.type === 'devices') headset.microphoneChanged();
  },
  log,
  microphoneSenders: () => calls.media.microphoneSenders(),
  microphoneSwitched: async () => {
    calls.media.microphoneSwitched();
    await calls.switchConferenceMicrophone();
  },
  setOutputSink: (sinkId) => calls.media.setOutputSink(sinkId),
  setRingerSink: (sinkId) => ringer.setSinkId(sinkId),
});
const headset: HeadsetController = new HeadsetController({
  report: reportDevices,
  log,
  microphoneLabel: () => devices.activeDevices().input?.label,
});

const agent: SipAgent = new SipAgent({
  report,
  onNewSession: (event) => {
    if (!monitoring.handleNewSession(event)) calls.handleNewSession(event);
  },
  hasLiveCalls: () => calls.hasLiveCalls(),
  onSignallingLost: (transportLost) => calls.onSignallingLost(transportLost),
  onSignallingRestored: () => calls.onSignallingRestored(),
  onNewMessage: (event) => supervisorMessaging.onNewMessage(event),
});
// Raise hand and supervisor chat over SIP MESSAGE (renderer/engine/supervisor/messaging.ts).
const supervisorMessaging: SupervisorMessaging = new SupervisorMessaging({
  userAgent: () => agent.userAgent,
  domain: () => agent.domain,
  received: (from, body) => void api.invoke('supervisor.received', { from, body }).catch((error: unknown) => console.warn('supervisor message failed', error)),
  sent: (sendId, results) => void api.invoke('supervisor.sent', { sendId, results }).catch((error: unknown) => console.warn('supervisor send report failed', error)),
  log,
});
api.on('supervisor.send', (command) => supervisorMessaging.send(command));
const assistTap = assistTapListener(api);
const calls: CallRegistry = new CallRegistry({
  report,
  userAgent: () => agent.userAgent,
  domain: () => agent.domain,
  dtmfMode: () => account?.dtmfMode ?? 'rfc4733',
  dtmfTiming: () => ({ toneMs: account?.dtmfToneMs, gapMs: account?.dtmfGapMs }),
  signallingReady: () => agent.isSignallingReady(),
  ring: (mode) => ringer.setMode(mode),
  callsEnded: () => agent.callsEnded(),
  microphone: () => devices.microphoneConstraints(),
  openMicrophone: () => devices.openMicrophone(),
  outputSinkId: () => devices.outputSinkId(),
  microphoneInUse: (track) => devices.watchTrack(track),
  // Agent assist taps both legs of every call from its peer connection.
  media: [assistTap],
});
// Supervisors joining calls: join requests to this agent, and this app joining another agent's call.
const monitoring = bootMonitoring({
  api,
  log,
  userAgent: () => agent.userAgent,
  domain: () => agent.domain,
  joinableCall: () => calls.joinableCall(),
  openMicrophone: () => devices.openMicrophone(),
  outputSinkId: () => devices.outputSinkId(),
});
// Shift-start readiness check probes, through their ports (renderer/engine/readiness/ports.ts).
const readiness = new ReadinessProbes({
  report: (result) => void api.invoke('readiness.result', result).catch((error: unknown) => console.warn('readiness report failed', error)),
  log,
  userAgent: () => agent.userAgent,
  domain: () => agent.domain,
  signallingReady: () => agent.isSignallingReady(),
  hasLiveCalls: () => calls.hasLiveCalls(),
}, {
  // The check tests what calls will use: the chosen microphone, call-audio and ringer devices, the headset.
  input: { inputConstraints: () => devices.microphoneConstraints() },
  outputs: { sinkId: (role) => (role === 'ringer' ? devices.ringerSinkId() : devices.outputSinkId()) },
  headset: {
    status: () => {
      const status = headset.status();
      return { supported: status.state !== 'unsupported', connected: status.state === 'connected', name: status.name };
    },
    waitForPress: (timeoutMs) => headset.waitForPress(timeoutMs),
  },
});
api.on('readiness.probe', (request) => readiness.run(request));
/** Replaced by the bundler (scripts/build.mjs): 'production' in shipped builds. */
declare const process: { env: { NODE_ENV?: string } };
// The read-only debug views exist for the e2e tests and benchmarks only: a shipped build has them only
// when the host opened DevTools to the engine and asked for them (renderer/engine/debugViews.ts).
if (debugViewsWanted(window.location.search, process.env.NODE_ENV)) {
  window.hearthlineEngineDiagnostics = () => calls.media.diagnostics();
  window.hearthlineEngineDebug = {
    calls: () => calls.media.diagnostics(),
    ringer: () => ringer.state(),
    conference: () => calls.conferenceState(),
    sipTrace: () => agent.trace.entries(),
    signallingReady: () => agent.isSignallingReady(),
    reRegister: () => agent.userAgent?.register(),
    sinks: () => ({ calls: calls.media.audioSinks(), ringer: ringer.sinkId(), active: devices.activeDevices() }),
    headset: () => headset.status(),
    microphones: () => calls.media.microphoneSenders().map((sender) => sender.track?.label ?? ''),
    microphoneTracks: () => calls.media.microphoneSenders().flatMap((sender) => (sender.track ? [sender.track] : [])),
    useHid: (hid) => headset.use(hid),
    readinessTestCall: () => readiness.testCallActive(),
    resources: () => census?.counts(),
    assistTap: () => ({ wanted: assistTap.gate.wanted(), tapsOpened: assistTap.gate.tapped, legs: assistTap.tap.stats().length, batchesSent: assistTap.tap.batchesSent() }),
    assistTapFrames: () => assistTap.tap.stats(),
  };
}

function handleDevices(command: DeviceCommand): void {
  switch (command.type) {
    case 'settings':
      devices.configure(command.settings);
      headset.setPolicy(command.headsetPolicy);
      return;
    case 'testTone':
      // The same tone the readiness check plays on that device.
      void readiness.tone(command.role === 'ringer' ? 'ringer' : 'speaker').then((result) => {
        if (!result.played) log('warn', `test tone on the ${command.role} device failed: ${result.error ?? 'unknown'}`);
      });
      return;
    case 'meter':
      void devices.setMeter(command.on);
      return;
    case 'exportHeadset':
      try {
        reportDevices({ type: 'headsetInfo', requestId: command.requestId, json: headset.exportInfo() });
      } catch (error) {
        reportDevices({ type: 'headsetInfo', requestId: command.requestId, error: String(error).slice(0, 500) });
      }
      return;
  }
}

api.on('devices.command', (command) => {
  try {
    handleDevices(command);
  } catch (error) {
    log('error', `device command ${command.type} failed: ${String(error)}`);
  }
});

function handle(command: EngineCommand): void {
  switch (command.type) {
    case 'configure':
      account = command.account;
      agent.configure(command.account);
      return;
    case 'setAccepting':
      calls.setAccepting(command.accepting, command.rejectWith);
      return;
    case 'reconnect':
      agent.reconnect('asked by main');
      return;
    default:
      calls.handle(command);
  }
}

api.on('engine.command', (command) => {
  try {
    handle(command);
  } catch (error) {
    report({ type: 'log', level: 'error', message: `engine command ${command.type} failed: ${String(error)}` });
  }
});
window.addEventListener('error', (event) => report({ type: 'log', level: 'error', message: `engine error: ${event.message}` }));
window.addEventListener('unhandledrejection', (event) =>
  report({ type: 'log', level: 'error', message: `engine rejection: ${String(event.reason)}` }),
);

// The account (with its password) comes only in hello's answer; main asks for a new hello when it changes.
const hello = () =>
  void api.invoke('engine.hello', { build: 'dev' }).then(({ account: configured }) => {
    if (configured) handle({ type: 'configure', account: configured });
  });
api.on('engine.accountChanged', hello);
hello();
void api.invoke('devices.hello', {}).then(handleDevices, (error: unknown) => log('error', `device settings unavailable: ${String(error)}`));
// WebHID exists in Chromium and Electron; where it does not, the headset status says "unsupported".
headset.use((navigator as Navigator & { hid?: HidLike }).hid);
