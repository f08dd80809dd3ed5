/**
 * Routing context speed through the real stack: baresip 1002 dials the billing service number; Kamailio
 * routes it to the agent with the routing headers (the IVR entry set just before). We time INVITE leaving
 * baresip → the routing context painted in the agent's UI (queue and skill from the headers, then the bot's
 * intent from the gateway's interaction record) → the first knowledge suggestion for that intent painted,
 * against the plain screen pop (the same customer dialling the agent directly: customer name painted).
 * Prints a markdown table; no asserts.
 *
 *   bash e2e/run.sh bench e2e/bench/routing.bench.ts      HEARTHLINE_BENCH_CALLS=30 (per kind, default 30)
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startGateway, type RunningGateway } from '../../gateway/server';
import { LocalStack, preciseNow } from '../../stack/stack';
import { HeadlessApp } from '../support/hearthline';
import { latencyRow } from './percentile';

const CALLS = Number(process.env.HEARTHLINE_BENCH_CALLS ?? 30);
const TOKEN = 'routing-bench-token-0123456789';

interface Stamps {
  ringing: number;
  name: number;
  routing: number;
  intent: number;
  suggestion: number;
}

/** Stamps, in the UI page, when each of the things an agent looks at was first painted since reset. */
async function instrumentUi(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    const stamps = { ringing: 0, name: 0, routing: 0, intent: 0, suggestion: 0 };
    window.__routingStamps = stamps;
    window.__resetRoutingStamps = () => { for (const key of Object.keys(stamps)) stamps[key] = 0; };
    const seen = {
      ringing: () => document.querySelector('[data-call-state="ringing"]'),
      name: () => document.querySelector('[data-testid="customer-panel"] [data-testid="customer-name"]'),
      routing: () => document.querySelector('[data-testid="routing-queue"]'),
      intent: () => document.querySelector('[data-testid="routing-intent"]'),
      suggestion: () => document.querySelector('[data-testid="assist"] [data-testid="suggestion"]'),
    };
    new MutationObserver(() => {
      for (const key of Object.keys(seen)) {
        if (stamps[key] !== 0 || !seen[key]()) continue;
        stamps[key] = -1;
        requestAnimationFrame(() => { stamps[key] = performance.timeOrigin + performance.now(); });
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  })()`);
}

async function stampsWhen(page: Page, ready: (stamps: Stamps) => boolean): Promise<Stamps> {
  for (;;) {
    const stamps = await page.evaluate(() => (window as unknown as { __routingStamps: Stamps }).__routingStamps);
    if (ready(stamps)) return stamps;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

async function ivrEntry(stack: LocalStack, gateway: RunningGateway): Promise<void> {
  const id = `INT-${randomUUID().slice(0, 8)}`;
  const entered = Math.floor(Date.now() / 1000) - 60;
  await fetch(`${gateway.url}/v1/interactions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({
      id,
      caller: '1002',
      ivrPath: ['Main menu', 'Billing'],
      transcript: [{ speaker: 'customer', text: 'I was charged twice for my order' }],
      intent: { name: 'billing.double_charge', label: 'Charged twice for one order', confidence: 0.9, keywords: ['duplicate payment'] },
      startedAt: new Date(entered * 1000).toISOString(),
    }),
  });
  await stack.kamcmd('htable.sets', 'ivr', 's:1002', `s:${id},${entered},Main menu>Billing,${gateway.url}/v1/interactions/${id}`);
}

async function timedCall(stack: LocalStack, app: HeadlessApp, target: string, ready: (stamps: Stamps) => boolean): Promise<{ dialledAt: number; stamps: Stamps }> {
  const customer = stack.phone('1002');
  customer.clearEvents();
  await app.ui.evaluate(() => (window as unknown as { __resetRoutingStamps: () => void }).__resetRoutingStamps());
  const dialledAt = preciseNow();
  await customer.dial(target);
  const stamps = await stampsWhen(app.ui, ready);
  const ringing = app.ui.locator('[data-call-state="ringing"]');
  await ringing.getByTestId('decline').click();
  await ringing.waitFor({ state: 'detached', timeout: 10_000 });
  await customer.waitFor('CALL_CLOSED', { timeoutMs: 10_000 }).catch(() => undefined);
  await app.ui.getByTestId('presence').filter({ hasText: 'Ready' }).waitFor({ timeout: 10_000 });
  // The declined call's panels go with the next one; wait until nothing of it is painted.
  await app.ui.locator('[data-testid="assist"] [data-testid="suggestion"]').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  return { dialledAt, stamps };
}

async function main(): Promise<void> {
  const stack = new LocalStack();
  await stack.start();
  const gateway = await startGateway({ dbFile: join(stack.runDir, 'gateway.db'), token: TOKEN });
  process.env.HEARTHLINE_GATEWAY_TOKEN = TOKEN;
  process.env.HEARTHLINE_DB_KEY = randomBytes(32).toString('hex');
  const plainRinging: number[] = [];
  const routedRinging: number[] = [];
  const plain: number[] = [];
  const routing: number[] = [];
  const intent: number[] = [];
  const suggestion: number[] = [];
  try {
    const app = await HeadlessApp.start({
      runDir: join(stack.runDir, 'apps'),
      fakeMicWav: stack.audio.agentTone,
      config: { sip: { wsUri: stack.wsUrl, sipUri: stack.uri('1001'), password: stack.password('1001') }, wrapUpSeconds: 1, alertTimeoutSeconds: 60 },
      extraArgs: ['--db', join(stack.runDir, 'apps', 'bench.db'), '--gateway-url', gateway.url],
    });
    try {
      await app.ui.getByTestId('presence').filter({ hasText: 'Ready' }).waitFor({ timeout: 20_000 });
      await instrumentUi(app.ui);
      await timedCall(stack, app, '1001', (s) => s.name > 0); // warms the customer cache, as on a shift
      for (let i = 0; i < CALLS; i += 1) {
        const direct = await timedCall(stack, app, '1001', (s) => s.name > 0);
        plain.push(direct.stamps.name - direct.dialledAt);
        plainRinging.push(direct.stamps.ringing - direct.dialledAt);
        await ivrEntry(stack, gateway);
        const routed = await timedCall(stack, app, '8001', (s) => s.routing > 0 && s.intent > 0 && s.suggestion > 0);
        routedRinging.push(routed.stamps.ringing - routed.dialledAt);
        routing.push(routed.stamps.routing - routed.dialledAt);
        intent.push(routed.stamps.intent - routed.dialledAt);
        suggestion.push(routed.stamps.suggestion - routed.dialledAt);
      }
    } finally {
      await app.stop();
    }
  } finally {
    await gateway.close();
    await stack.stop();
  }
  const row = (label: string, values: number[]) => latencyRow(label, values, 1);
  console.log('\n### Routing context: INVITE leaves baresip → painted in the agent UI while ringing (ms)\n');
  console.log('| what | calls | p50 | p95 | max |');
  console.log('|---|---:|---:|---:|---:|');
  console.log(row('direct call: ringing card', plainRinging));
  console.log(row('plain screen pop (direct call): customer name', plain));
  console.log(row('service number: ringing card', routedRinging));
  console.log(row('service number: queue and skill (from the headers)', routing));
  console.log(row('service number: bot intent (interaction record from the gateway)', intent));
  console.log(row('service number: first suggestion for the intent', suggestion));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
