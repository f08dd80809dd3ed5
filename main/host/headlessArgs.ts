// The headless host's command line, read once by its first stage (main/host/headless.ts) and handed to
// the rest (main/host/headlessApp.ts). Node built-ins only: this is on the path before the engine's
// browser is spawned.
import path from 'node:path';
import { parseArgs } from 'node:util';

export function parseHeadlessArgs(argv: string[] = process.argv.slice(2)) {
  return parseArgs({
    args: argv,
    options: {
      /** The settings file; HEARTHLINE_CONFIG names it too (main/config/appConfig.ts configFileFor). */
      config: { type: 'string' },
      port: { type: 'string', default: '0' },
      chromium: { type: 'string', default: process.env.HEARTHLINE_CHROMIUM ?? '/usr/lib/chromium/chromium' },
      /** The engine's browser: auto (Chromium's headless shell beside --chromium when installed), browser, or a path (main/host/engineExecutable.ts). */
      'engine-chromium': { type: 'string', default: process.env.HEARTHLINE_ENGINE_CHROMIUM ?? 'auto' },
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
  }).values;
}

export type HeadlessArgs = ReturnType<typeof parseHeadlessArgs>;

export function engineQuery(census: boolean | undefined, debugViews: boolean | undefined): string {
  const flags = [census && 'census', debugViews && 'debug'].filter(Boolean);
  return flags.length > 0 ? `?${flags.join('&')}` : '';
}

/** Machine-readable lines on stdout, so scripts and tests can find the URL and the engine. */
export function announce(event: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}
