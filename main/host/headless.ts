// The headless host: the same main-process services as the Electron app, run under plain Node. It
// serves the UI and engine pages on 127.0.0.1, bridges the preload API over a token-guarded WebSocket,
// and keeps the call engine alive in a Chromium process it supervises.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
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
import { ChromiumEngineHost } from './chromiumEngineHost';
import { contentSecurityPolicy } from '../security/csp';
import { isSecureOrLoopbackUrl } from '../../common/contract/urls';
import { createStaticHandler } from './staticServer';
import { MainCensus } from '../reliability/mainCensus';
import { reconnectAfterResume } from '../reliability/systemResume';
import { StartTimeline, watchStart } from '../diagnostics/startTimeline';

const { values: args } = parseArgs({
  options: {
    /** The settings file; HEARTHLINE_CONFIG names it too (main/config/appConfig.ts configFileFor). */
    config: { type: 'string' },
    port: { type: 'string', default: '0' },
    chromium: { type: 'string', default: process.env.HEARTHLINE_CHROMIUM ?? '/usr/lib/chromium/chromium' },
    'fake-mic': { type: 'string' },
    'remote-debugging': { type: 'boolean', default: false },
    'log-dir': { type: 'string' },
    /** A Linux-style policy.json to apply (IT-management demos and tests); trusted when owned by whoever runs the host. */
    'policy-file': { type: 'string' },
    'log-level': { type: 'string', default: 'info' },
    /** Encrypted local store (wrap-up drafts, outbox, reminders, call history); leave out to run without one. */
    db: { type: 'string' },
    /** 0600 key file for --db (made on first use); HEARTHLINE_DB_KEY (64 hex) takes precedence. */
    'db-key-file': { type: 'string' },
    /** Gateway the outbox syncs to; the bearer token comes from HEARTHLINE_GATEWAY_TOKEN. */
    'gateway-url': { type: 'string' },
    'renderer-dir': { type: 'string', default: path.join(__dirname, '..', 'renderer') },
    /** Tests and the soak bench: count what the engine keeps alive, and answer SIGUSR2 with main's counts. */
    'resource-census': { type: 'boolean', default: false },
  },
});

/** What a start that fails must stop before the process exits: the engine browser started early. */
let stopOnFailedStart: (() => Promise<void>) | undefined;

function engineQuery(census: boolean | undefined, debugViews: boolean | undefined): string {
  const flags = [census && 'census', debugViews && 'debug'].filter(Boolean);
  return flags.length > 0 ? `?${flags.join('&')}` : '';
}

/** Machine-readable lines on stdout, so scripts and tests can find the URL and the engine. */
function announce(event: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

async function main(): Promise<void> {
  const timeline = new StartTimeline();
  timeline.mark('hostMain');
  // Before any service exists, so every timer main makes is counted.
  const built: { app?: ReturnType<typeof createApp>; server?: Server } = {};
  const census = args['resource-census']
    ? new MainCensus({
        emitters: () => [process, ...(built.server ? [built.server] : [])],
        bridgeSockets: () => (built.app ? built.app.hub.count('ui') + built.app.hub.count('engine') : 0),
        dbFile: args.db && path.resolve(args.db),
        collectGarbage: (globalThis as { gc?: () => void }).gc,
      })
    : undefined;
  census?.install();
  const log = createLogger({ dir: args['log-dir'], level: args['log-level'] as 'info', echo: true });
  const configSource = { flag: args.config, env: process.env };
  const dbFile = args.db && path.resolve(args.db);
  const dbCustody = dbFile && (process.env[DB_KEY_ENV] ? new EnvKeyCustody() : new FileKeyCustody(path.resolve(args['db-key-file'] ?? `${dbFile}.key`)));
  // The SIP password leaves config.json for the secret store before the file is read (main/secrets).
  const secrets = headlessSecrets({ configFile: configFileFor(configSource), db: dbFile && dbCustody ? { file: dbFile, custody: dbCustody } : undefined, env: process.env, log });
  const config: LoadedConfig = loadAppConfig(configSource);
  timeline.mark('configLoaded');
  // One secret per role: the engine's never leaves this process except over Chromium's DevTools pipe.
  const tokens = { ui: randomBytes(24).toString('hex'), engine: randomBytes(24).toString('hex') };
  let origin = '';

  let port = 0;
  // The CSP follows the effective account (IT policy may replace the configured server); nothing is served before createApp.
  const server = createServer(createStaticHandler({ rootDir: args['renderer-dir'], csp: (page) => contentSecurityPolicy(page, app.sipServer()), port: () => port }));
  const engineHost = new ChromiumEngineHost({
    executable: args.chromium,
    // ?census: renderer/engine/resourceCensus.ts; ?debug (the read-only debug views a production build
    // otherwise leaves out, read over DevTools): renderer/engine/debugViews.ts.
    url: () => `${origin}/engine.html${engineQuery(args['resource-census'], args['remote-debugging'])}`,
    bridgeToken: () => tokens.engine,
    fakeMicWav: args['fake-mic'],
    remoteDebugging: args['remote-debugging'],
    log: log.child({ component: 'engine-host' }),
    onLaunched: (info) => announce({ event: 'engineLaunched', ...info }),
    onStep: (step) => timeline.mark(step),
  });
  // The engine's browser takes longest to come up: it starts now, while main builds its services, and
  // its page is opened once the host listens (app.start()).
  void engineHost.warmUp();
  stopOnFailedStart = () => engineHost.dispose();
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
  attachBridge({ server, tokens, origin: () => origin, router: app.router, hub: app.hub, log: log.child({ component: 'bridge' }) });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(args.port), '127.0.0.1', resolve);
  });
  port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
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

main().catch(async (error: unknown) => {
  process.stderr.write(`hearthline headless host failed to start: ${(error as Error).stack ?? String(error)}\n`);
  await stopOnFailedStart?.().catch(() => undefined);
  process.exit(1);
});
