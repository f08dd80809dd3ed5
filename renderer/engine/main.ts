// The call engine page: hidden, never reloaded, owns the SIP user agent and all call media. It talks
// to main only through the contract API its preload (or the headless bridge) installs.
import { ENGINE_API_GLOBAL, type HearthlineEngineApi } from '../../common/contract/api';
import type { EngineAccount, EngineCommand, EngineReport } from '../../common/contract/channels';
import { CallRegistry } from './callRegistry';
import { ReadinessProbes } from './readiness/readinessProbes';
import { Ringer } from './ringer';
import { SipAgent } from './sipAgent';

/** Read-only views for diagnostics, the e2e tests and the benchmark (over DevTools in the headless host). */
interface EngineDebug {
  calls: () => ReturnType<CallRegistry['diagnostics']>;
  ringer: () => ReturnType<Ringer['state']>;
  conference: () => ReturnType<CallRegistry['conferenceState']>;
  sipTrace: () => ReturnType<SipAgent['trace']['entries']>;
  signallingReady: () => boolean;
  /** Sends a REGISTER refresh now (benchmark of the REGISTER round trip). */
  reRegister: () => void;
  /** The readiness check's echo test call is up. */
  readinessTestCall: () => boolean;
}

declare global {
  interface Window {
    [ENGINE_API_GLOBAL]: HearthlineEngineApi;
    hearthlineEngineDiagnostics?: () => ReturnType<CallRegistry['diagnostics']>;
    hearthlineEngineDebug?: EngineDebug;
  }
}

const api = window[ENGINE_API_GLOBAL];
let account: EngineAccount | undefined;

function report(message: EngineReport): void {
  api.invoke('engine.report', message).catch((error: unknown) => console.warn('report failed', error));
}

const ringer = new Ringer((message) => report({ type: 'log', level: 'warn', message }));
ringer.warmUp();

const agent: SipAgent = new SipAgent({
  report,
  onNewSession: (event) => calls.handleNewSession(event),
  hasLiveCalls: () => calls.hasLiveCalls(),
  onSignallingLost: (transportLost) => calls.onSignallingLost(transportLost),
  onSignallingRestored: () => calls.onSignallingRestored(),
});
const calls: CallRegistry = new CallRegistry({
  report,
  userAgent: () => agent.userAgent,
  domain: () => agent.domain,
  dtmfMode: () => account?.dtmfMode ?? 'rfc4733',
  signallingReady: () => agent.isSignallingReady(),
  ring: (mode) => ringer.setMode(mode),
  callsEnded: () => agent.callsEnded(),
});
// Shift-start readiness check probes. Device selection and WebHID plug in here through the ports
// (renderer/engine/readiness/ports.ts): input constraints, output sinks by role, headset buttons.
const readiness = new ReadinessProbes({
  report: (result) => void api.invoke('readiness.result', result).catch((error: unknown) => console.warn('readiness report failed', error)),
  log: (level, message) => report({ type: 'log', level, message }),
  userAgent: () => agent.userAgent,
  domain: () => agent.domain,
  signallingReady: () => agent.isSignallingReady(),
  hasLiveCalls: () => calls.hasLiveCalls(),
});
api.on('readiness.probe', (request) => readiness.run(request));
window.hearthlineEngineDiagnostics = () => calls.diagnostics();
window.hearthlineEngineDebug = {
  calls: () => calls.diagnostics(),
  ringer: () => ringer.state(),
  conference: () => calls.conferenceState(),
  sipTrace: () => agent.trace.entries(),
  signallingReady: () => agent.isSignallingReady(),
  reRegister: () => agent.userAgent?.register(),
  readinessTestCall: () => readiness.testCallActive(),
};

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

void api.invoke('engine.hello', { build: 'dev' }).then(({ account: configured }) => {
  if (configured) handle({ type: 'configure', account: configured });
});
