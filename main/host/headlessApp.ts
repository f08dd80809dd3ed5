// The headless host's second stage: everything main runs, loaded by the first stage
// (main/host/headless.ts) once the engine's browser has been spawned.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { assistOptionsFromEnv } from '../assist/module';
import { createApp } from '../app/createApp';
import { JsonFileDeviceSettingsStore } from '../devices/deviceSettingsStore';
import { JsonFileAppearanceStore } from '../appearance/appearanceStore';
import { configFileFor, loadAppConfig, type LoadedConfig } from '../config/appConfig';
import { headlessSecrets } from '../secrets/hostSecrets';
import { gatewayAccountCredential } from '../secrets/gatewayCredential';
import { createLogger } from '../log/logger';
import { DB_KEY_ENV, EnvKeyCustody, FileKeyCustody } from '../store/keyCustody';
import { openStore } from '../store/store';
import { LinuxFilePolicySource } from '../policy/linuxFilePolicySource';
import { PolicyService } from '../policy/policyService';
import { attachBridge } from './bridgeServer';
import type { ChromiumEngineHost } from './chromiumEngineHost';
import type { DeferredLog } from './deferredLog';
import { contentSecurityPolicy } from '../security/csp';
import { isSecureOrLoopbackUrl } from '../../common/contract/urls';
import { createStaticHandler } from './staticServer';
import type { MainCensus } from '../reliability/mainCensus';
import { reconnectAfterResume } from '../reliability/systemResume';
import { watchStart, type StartTimeline } from '../diagnostics/startTimeline';
import { announce, type HeadlessArgs } from './headlessArgs';

/** What the first stage's census and engine URL read once this stage has built it. */
export interface HeadlessBuilt {
  app?: ReturnType<typeof createApp>;
  server?: Server;
  /** http://127.0.0.1:port once the host listens. */
  origin?: string;
}

export interface HeadlessStart {
  args: HeadlessArgs;
  tokens: { ui: string; engine: string };
  timeline: StartTimeline;
  census: MainCensus | undefined;
  built: HeadlessBuilt;
  /** Its browser already starting (warmUp); the page is opened by app.start(). */
  engineHost: ChromiumEngineHost;
  /** The engine host's log, attached to main's logger here. */
  engineLog: DeferredLog;
}

export async function runHeadless({ args, tokens, timeline, census, built, engineHost, engineLog }: HeadlessStart): Promise<void> {
  const log = createLogger({ dir: args['log-dir'], level: args['log-level'] as 'info', echo: true });
  engineLog.attach(log.child({ component: 'engine-host' }));
  const configSource = { flag: args.config, env: process.env };
  const dbFile = args.db && path.resolve(args.db);
  const dbCustody = dbFile && (process.env[DB_KEY_ENV] ? new EnvKeyCustody() : new FileKeyCustody(path.resolve(args['db-key-file'] ?? `${dbFile}.key`)));
  // The SIP password leaves config.json for the secret store before the file is read (main/secrets).
  const secrets = headlessSecrets({ configFile: configFileFor(configSource), db: dbFile && dbCustody ? { file: dbFile, custody: dbCustody } : undefined, env: process.env, log });
  const config: LoadedConfig = loadAppConfig(configSource);
  timeline.mark('configLoaded');

  let port = 0;
  // The CSP follows the effective account (IT policy may replace the configured server); nothing is served before createApp.
  const server = createServer(createStaticHandler({ rootDir: args['renderer-dir'], csp: (page) => contentSecurityPolicy(page, app.sipServer()), port: () => port }));
  const policy = args['policy-file']
    ? new PolicyService([new LinuxFilePolicySource({ file: path.resolve(args['policy-file']), trustedUid: process.getuid?.() })], log.child({ component: 'policy' }))
    : undefined;
  await policy?.load();
  timeline.mark('policyLoaded');
  const management = { policy, logDir: args['log-dir'], diagnosticsDir: args['log-dir'] && path.join(args['log-dir'], 'diagnostics') };
  const store = dbFile && dbCustody ? openStore({ file: dbFile, custody: dbCustody, log: log.child({ component: 'store' }) }) : undefined;
  timeline.mark('storeOpened');
  const gatewayUrl = args['gateway-url'] ?? config.config.gatewayUrl;
  if (gatewayUrl && !config.config.allowInsecureTransport && !isSecureOrLoopbackUrl(gatewayUrl)) {
    throw new Error(`--gateway-url ${gatewayUrl} must be https:// (http:// only to this machine, or allowInsecureTransport in the configuration)`);
  }
  const gatewayToken = process.env.HEARTHLINE_GATEWAY_TOKEN;
  const gateway = gatewayUrl && gatewayToken ? { url: gatewayUrl, token: gatewayToken, accountCredential: gatewayAccountCredential(secrets, process.env, log) } : undefined;
  // The agent's device choices live next to the store (the headless host has no profile folder of its own).
  const deviceSettings = dbFile ? new JsonFileDeviceSettingsStore(path.join(path.dirname(dbFile), 'devices.json'), log.child({ component: 'devices' })) : undefined;
  const appearance = dbFile ? { store: new JsonFileAppearanceStore(path.join(path.dirname(dbFile), 'appearance.json'), log.child({ component: 'appearance' })), systemLanguages: () => [] } : undefined;
  const app = createApp({ log, engineHost, config, assist: assistOptionsFromEnv(), management, store, gateway, deviceSettings, appearance, secrets });
  Object.assign(built, { app, server });
  timeline.mark('appCreated');
  watchStart(timeline, { onSnapshot: (listener) => app.state.onChange(listener), onAttach: (listener) => app.hub.onAttach(listener), onEngineHello: (listener) => app.engine.onHello(listener) }, (marks) =>
    announce({ event: 'startTimeline', timeOrigin: performance.timeOrigin, nodeBootstrapMs: Math.round(performance.nodeTiming.bootstrapComplete), marks }),
  );
  attachBridge({ server, tokens, origin: () => built.origin ?? '', router: app.router, hub: app.hub, log: log.child({ component: 'bridge' }) });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(args.port), '127.0.0.1', resolve);
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  built.origin = origin;
  timeline.mark('listening');

  await app.start();
  timeline.mark('hostReady');
  announce({ event: 'ready', port, uiUrl: `${origin}/#token=${tokens.ui}`, pid: process.pid });
  log.info({ url: `${origin}/` }, 'headless host ready (the token is in the printed uiUrl)');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'headless host stopping');
    // A failing part of the shutdown is logged and the rest still runs (store closed, engine gone).
    let exitCode = 0;
    try {
      await app.dispose();
    } catch (error) {
      exitCode = 1;
      log.error({ err: error }, 'headless host shutdown failed in part');
    }
    server.close();
    log.info({ exitCode }, 'headless host stopped');
    log.flush();
    process.exit(exitCode);
  };
  // A stopped and continued host is what a laptop waking from sleep looks like here.
  process.on('SIGCONT', () => reconnectAfterResume(app.engine, log, 'SIGCONT'));
  if (census) process.on('SIGUSR2', () => announce({ event: 'census', ...census.counts() }));
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

