// The headless host: the same main-process services as the Electron app, run under plain Node. It
// serves the UI and engine pages on 127.0.0.1, bridges the preload API over a token-guarded WebSocket,
// and keeps the call engine alive in a Chromium process it supervises.
//
// This file is the host's first stage: the engine's browser is the longest step of a start, so it is
// spawned before Node loads and evaluates the rest of main (about a quarter of a second of CPU), which
// is its own bundle (main/host/headlessApp.ts, scripts/build.mjs). Only Node built-ins and the engine
// host's small modules may be imported here (main/host/headlessStages.test.ts checks the bundle).
import { randomBytes } from 'node:crypto';
import { accessSync, constants } from 'node:fs';
import { enableCompileCache, flushCompileCache } from 'node:module';
import path from 'node:path';
import { StartTimeline } from '../diagnostics/startTimeline';
import { MainCensus } from '../reliability/mainCensus';
import { ChromiumEngineHost } from './chromiumEngineHost';
import { DeferredLog } from './deferredLog';
import { engineExecutable } from './engineExecutable';
import { announce, engineQuery, parseHeadlessArgs } from './headlessArgs';
import type { HeadlessBuilt } from './headlessApp';

/** What a start that fails must stop before the process exits: the engine browser started early. */
let stopOnFailedStart: (() => Promise<void>) | undefined;

async function main(): Promise<void> {
  const timeline = new StartTimeline();
  timeline.mark('hostMain');
  const args = parseHeadlessArgs();
  // Before any service exists, so every timer main makes is counted.
  const built: HeadlessBuilt = {};
  const census = args['resource-census']
    ? new MainCensus({
        emitters: () => [process, ...(built.server ? [built.server] : [])],
        bridgeSockets: () => (built.app ? built.app.hub.count('ui') + built.app.hub.count('engine') : 0),
        dbFile: args.db && path.resolve(args.db),
        collectGarbage: (globalThis as { gc?: () => void }).gc,
      })
    : undefined;
  census?.install();
  // One secret per role: the engine's never leaves this process except over Chromium's DevTools pipe.
  const tokens = { ui: randomBytes(24).toString('hex'), engine: randomBytes(24).toString('hex') };
  const engineLog = new DeferredLog();
  const engine = engineExecutable(args.chromium, args['engine-chromium'], isExecutable);
  const engineHost = new ChromiumEngineHost({
    executable: engine.executable,
    headlessShell: engine.headlessShell,
    // ?census: renderer/engine/resourceCensus.ts; ?debug (the read-only debug views a production build
    // otherwise leaves out, read over DevTools): renderer/engine/debugViews.ts.
    url: () => `${built.origin ?? ''}/engine.html${engineQuery(args['resource-census'], args['remote-debugging'])}`,
    bridgeToken: () => tokens.engine,
    fakeMicWav: args['fake-mic'],
    remoteDebugging: args['remote-debugging'],
    log: engineLog,
    onLaunched: (info) => announce({ event: 'engineLaunched', ...info }),
    onStep: (step) => timeline.mark(step),
  });
  // Its page is opened once the host listens (app.start()); the token still travels only over the pipe.
  // Waited for (a few ms: the profile and its lock socket) because evaluating the rest of main holds the
  // event loop, and the spawn would wait behind it.
  await engineHost.warmUp();
  stopOnFailedStart = async () => {
    // Lines the engine host wrote before main's logger existed would be lost otherwise.
    for (const line of engineLog.drain()) process.stderr.write(`${line}\n`);
    await engineHost.dispose();
  };
  // V8's code cache for the rest of main (Node's own folder under the temp dir, or NODE_COMPILE_CACHE):
  // from the second start on, evaluating it costs ~50 ms less CPU. A cache that cannot be used is skipped.
  enableCompileCache();
  const { runHeadless } = await import('./headlessApp');
  timeline.mark('appLoaded');
  await runHeadless({ args, tokens, timeline, census, built, engineHost, engineLog });
  // Written now that the host is ready, not on the start path (and not only at exit, which a kill skips).
  flushCompileCache();
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

main().catch(async (error: unknown) => {
  process.stderr.write(`hearthline headless host failed to start: ${(error as Error).stack ?? String(error)}\n`);
  await stopOnFailedStart?.().catch(() => undefined);
  process.exit(1);
});
