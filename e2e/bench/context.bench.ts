/**
 * Customer context speed through the real stack: baresip 1002 (the demo customer Margaret Chen) calls the
 * agent; we time INVITE leaving baresip → the customer's panel painted in the agent's UI, with the local
 * cache warm (the usual case: the panel comes from the encrypted store, the gateway refresh follows) and
 * cold (a fresh store: the panel waits for the reference gateway). Prints a markdown table; no asserts.
 *
 *   npm run bench   (or: bash e2e/run.sh bench e2e/bench/context.bench.ts)
 *   HEARTHLINE_BENCH_CALLS=100 (warm calls, default 100), HEARTHLINE_BENCH_COLD=10 (cold starts, default 10)
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startGateway } from '../../gateway/server';
import { LocalStack, preciseNow } from '../../stack/stack';
import { HeadlessApp } from '../support/hearthline';
import { latencyRow } from './percentile';

const WARM_CALLS = Number(process.env.HEARTHLINE_BENCH_CALLS ?? 100);
const COLD_STARTS = Number(process.env.HEARTHLINE_BENCH_COLD ?? 10);
const TOKEN = 'context-bench-token-0123456789';

/** Stamps, in the UI page, when each call's customer panel first shows a customer's name. */
async function instrumentUi(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    const painted = {};
    window.__panelPainted = painted;
    new MutationObserver(() => {
      for (const panel of document.querySelectorAll('[data-testid="customer-panel"][data-call-id]')) {
        const id = panel.dataset.callId;
        if (!id || id in painted || !panel.querySelector('[data-testid="customer-name"]')) continue;
        painted[id] = 0;
        requestAnimationFrame(() => { painted[id] = performance.timeOrigin + performance.now(); });
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  })()`);
}

async function paintedAfter(page: Page, known: Set<string>): Promise<number> {
  for (;;) {
    const painted = await page.evaluate(() => (window as unknown as { __panelPainted: Record<string, number> }).__panelPainted);
    const fresh = Object.entries(painted).find(([id, at]) => !known.has(id) && at > 0);
    if (fresh) {
      known.add(fresh[0]);
      return fresh[1];
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** One call from the known customer: dial → panel painted, then decline and wait until the agent is Ready. */
async function timedCall(stack: LocalStack, app: HeadlessApp, known: Set<string>): Promise<number> {
  const customer = stack.phone('1002');
  customer.clearEvents();
  const dialledAt = preciseNow();
  await customer.dial('1001');
  const paintedAt = await paintedAfter(app.ui, known);
  const ringing = app.ui.locator('[data-call-state="ringing"]');
  await ringing.getByTestId('decline').click();
  await ringing.waitFor({ state: 'detached', timeout: 10_000 });
  await customer.waitFor('CALL_CLOSED', { timeoutMs: 10_000 }).catch(() => undefined);
  await app.ui.getByTestId('presence').filter({ hasText: 'Ready' }).waitFor({ timeout: 10_000 });
  return paintedAt - dialledAt;
}

async function startApp(stack: LocalStack, gatewayUrl: string, name: string): Promise<HeadlessApp> {
  process.env.HEARTHLINE_DB_KEY = randomBytes(32).toString('hex');
  const app = await HeadlessApp.start({
    name,
    runDir: join(stack.runDir, 'apps'),
    fakeMicWav: stack.audio.agentTone,
    config: { sip: { wsUri: stack.wsUrl, sipUri: stack.uri('1001'), password: stack.password('1001') }, wrapUpSeconds: 1, alertTimeoutSeconds: 60 },
    extraArgs: ['--db', join(stack.runDir, 'apps', `${name}.db`), '--gateway-url', gatewayUrl],
  });
  await app.ui.getByTestId('presence').filter({ hasText: 'Ready' }).waitFor({ timeout: 20_000 });
  await instrumentUi(app.ui);
  return app;
}

async function main(): Promise<void> {
  const stack = new LocalStack();
  await stack.start();
  const gateway = await startGateway({ dbFile: join(stack.runDir, 'gateway.db'), token: TOKEN });
  process.env.HEARTHLINE_GATEWAY_TOKEN = TOKEN;
  const cold: number[] = [];
  const warm: number[] = [];
  try {
    // Cold: a new app with an empty store each time, so the first panel has to come from the gateway.
    for (let i = 0; i < COLD_STARTS; i += 1) {
      const app = await startApp(stack, gateway.url, `cold-${i}`);
      try {
        cold.push(await timedCall(stack, app, new Set()));
      } finally {
        await app.stop();
      }
    }
    // Warm: one app; after the first call the customer is in the encrypted cache.
    const app = await startApp(stack, gateway.url, 'warm');
    try {
      const known = new Set<string>();
      await timedCall(stack, app, known); // fills the cache
      for (let i = 0; i < WARM_CALLS; i += 1) warm.push(await timedCall(stack, app, known));
    } finally {
      await app.stop();
    }
  } finally {
    await gateway.close();
    await stack.stop();
  }
  const row = (label: string, values: number[]) => latencyRow(label, values, 1);
  console.log('\n### Customer context: INVITE leaves baresip → customer panel painted in the agent UI (ms)\n');
  console.log('| cache | calls | p50 | p95 | max |');
  console.log('|---|---:|---:|---:|---:|');
  console.log(row('warm (encrypted local cache, gateway refresh in the background)', warm));
  console.log(row('cold (fresh store, panel waits for the reference gateway)', cold));
  console.log('\nTarget: p95 ≤ 100 ms warm. The UI bundle is the development build unless NODE_ENV=production was set for npm run build.');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
