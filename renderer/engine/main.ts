// The call engine page: hidden, never reloaded, owns the SIP user agent and all call media. It talks
// to main only through the contract API its preload (or the headless bridge) installs.
import { ENGINE_API_GLOBAL, type HearthlineEngineApi } from '../../common/contract/api';
import type { EngineAccount, EngineCommand, EngineReport } from '../../common/contract/channels';
import { CallRegistry } from './callRegistry';
import { SipAgent } from './sipAgent';

declare global {
  interface Window {
    [ENGINE_API_GLOBAL]: HearthlineEngineApi;
    hearthlineEngineDiagnostics?: () => ReturnType<CallRegistry['diagnostics']>;
  }
}

const api = window[ENGINE_API_GLOBAL];
let account: EngineAccount | undefined;

function report(message: EngineReport): void {
  api.invoke('engine.report', message).catch((error: unknown) => console.warn('report failed', error));
}

const agent = new SipAgent({ report, onNewSession: (event) => calls.handleNewSession(event) });
const calls = new CallRegistry({
  report,
  userAgent: () => agent.userAgent,
  domain: () => agent.domain,
  dtmfMode: () => account?.dtmfMode ?? 'rfc4733',
});
window.hearthlineEngineDiagnostics = () => calls.diagnostics();

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

api.on('engine.command', handle);
window.addEventListener('error', (event) => report({ type: 'log', level: 'error', message: `engine error: ${event.message}` }));
window.addEventListener('unhandledrejection', (event) =>
  report({ type: 'log', level: 'error', message: `engine rejection: ${String(event.reason)}` }),
);

void api.invoke('engine.hello', { build: 'dev' }).then(({ account: configured }) => {
  if (configured) handle({ type: 'configure', account: configured });
});
