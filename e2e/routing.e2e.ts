// Routing context through the real stack: baresip 1002 dials a service number; Kamailio maps it to a
// queue and a skill (stack/kamailio/routing/), adds the routing headers with what the IVR registered for
// the caller, and forwards the call to the registered agent with that skill. While it rings, the
// customer panel says why the call came (queue, skill, wait, IVR path, bot transcript, intent) and the
// assist panel already suggests articles for the intent. Junk routing data never breaks the call.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { InteractionRecord } from '../common/contract/routing';
import type { RunningGateway } from '../gateway/server';
import type { LocalStack } from '../stack/stack';
import type { HeadlessApp } from './support/hearthline';
import { AgentWithCrm } from './support/perFile';
import { saveScreenshot } from './support/screenshots';

const TOKEN = 'routing-e2e-token-0123456789';
const BILLING_NUMBER = '8001';
/** Routes to skill "tech", whose only agent (1005) is not registered in this test. */
const TECH_NUMBER = '8002';

let stack: LocalStack;
let app: HeadlessApp;
let gateway: RunningGateway;

const presence = () => app.ui.getByTestId('presence');
const ringing = () => app.ui.locator('[data-call-state="ringing"]');
const whyThisCall = () => app.ui.getByRole('region', { name: 'Why this call', exact: true });
const assist = () => app.ui.getByRole('region', { name: 'Assist', exact: true });

async function endRinging(): Promise<void> {
  await ringing().getByRole('button', { name: 'Decline', exact: true }).click();
  await ringing().waitFor({ state: 'detached', timeout: 10_000 });
  await presence().filter({ hasText: 'Ready' }).waitFor({ timeout: 10_000 });
}

/** The IVR's part: store what the bot captured on the gateway, and tell the proxy about the caller. */
async function ivrCaptured(caller: string, record: Omit<InteractionRecord, 'id' | 'startedAt'>, enteredSecondsAgo: number, overrides: { path?: string; since?: string } = {}): Promise<string> {
  const id = `INT-${randomUUID().slice(0, 8)}`;
  const entered = Math.floor(Date.now() / 1000) - enteredSecondsAgo;
  const body: InteractionRecord = { id, startedAt: new Date(entered * 1000).toISOString(), ...record };
  const answer = await fetch(`${gateway.url}/v1/interactions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify(body),
  });
  assert.equal(answer.status, 201);
  const path = overrides.path ?? record.ivrPath.join('>');
  // s: keeps kamcmd from reading a number-like key or value as an integer; it exits 0 even on errors.
  const set = await stack.kamcmd('htable.sets', 'ivr', `s:${caller}`, `s:${id},${overrides.since ?? entered},${path},${gateway.url}/v1/interactions/${id}`);
  assert.match(set, /Ok/, `kamcmd htable.sets: ${set}`);
  return id;
}

const doubleCharge: Omit<InteractionRecord, 'id' | 'startedAt'> = {
  caller: '1002',
  ivrPath: ['Main menu', 'Billing', 'Payments'],
  transcript: [
    { speaker: 'bot', text: 'Hi, I am the virtual assistant. What can I help you with?' },
    { speaker: 'customer', text: 'I was charged twice for my last order' },
    { speaker: 'bot', text: 'Sorry about that. Let me pass you to a billing specialist.' },
  ],
  intent: { name: 'billing.double_charge', label: 'Charged twice for one order', confidence: 0.87, keywords: ['duplicate payment', 'charged twice'], selfServiceable: false },
};

const setup = new AgentWithCrm();
before(async () => {
  ({ stack, app, gateway } = await setup.start({ token: TOKEN }));
});
beforeEach(() => setup.clearPhoneEvents());
after(() => setup.stop());

describe('routing context at ring time', () => {
  it('service number → routed to the billing agent with the headers → the ringing panel says why, and assist suggests before answer', async () => {
    await ivrCaptured('1002', doubleCharge, 95);
    const dialled = Date.now();
    await stack.phone('1002').dial(BILLING_NUMBER);
    await ringing().waitFor({ timeout: 10_000 });
    const rangAfter = Date.now() - dialled;
    const why = whyThisCall();
    await why.getByTestId('routing-transcript').waitFor({ timeout: 5_000 });
    const contextAfter = Date.now() - dialled;
    assert.equal(await why.getByTestId('routing-queue').textContent(), 'Billing');
    assert.equal(await why.getByTestId('routing-skill').textContent(), 'billing');
    // The wait is counted by the proxy from when the IVR took the call (95 s ago, give or take the dial).
    assert.match((await why.getByTestId('routing-waited').textContent()) ?? '', /^1 min 3[5-9] s$/);
    assert.deepEqual(await why.getByRole('list', { name: 'IVR path' }).getByRole('listitem').allTextContents(), ['Main menu', 'Billing', 'Payments']);
    assert.equal(await why.getByTestId('routing-intent').textContent(), 'Charged twice for one order (87% sure)');
    assert.match((await why.getByRole('list', { name: 'Self-service bot conversation' }).textContent()) ?? '', /Customer: I was charged twice/);
    const suggestion = assist().getByTestId('suggestion').first();
    // The first call after start may wait for the knowledge index to load; under load that takes seconds.
    await suggestion.waitFor({ timeout: 15_000 });
    console.log(`dialled → ringing ${rangAfter} ms, → routing context ${contextAfter} ms, → first suggestion ${Date.now() - dialled} ms`);
    assert.equal(await suggestion.getAttribute('data-article-id'), 'double-charge');
    assert.equal(await ringing().count(), 1, 'all of it while the call still rings');
    await saveScreenshot(app.ui, 'routing-ringing');
    await endRinging();
  });

  it('junk routing data (an oversized IVR path, a nonsense wait) → the call still rings, with a plain "Routing details unavailable"', async () => {
    for (const junk of [{ path: 'Main menu>'.repeat(150) }, { since: 'yesterday' }]) {
      await ivrCaptured('1002', doubleCharge, 30, junk);
      await stack.phone('1002').dial(BILLING_NUMBER);
      await ringing().waitFor({ timeout: 10_000 });
      await whyThisCall().getByText('Routing details unavailable', { exact: true }).waitFor({ timeout: 5_000 });
      assert.equal(await whyThisCall().getByTestId('routing-queue').count(), 0, 'nothing half-trusted is shown');
      assert.equal(await ringing().getByRole('button', { name: 'Answer', exact: true }).isEnabled(), true, 'the call can be answered');
      await endRinging();
    }
  });

  it('a call with no routing headers (a direct call, or a platform that sends none) looks normal: no section, no error', async () => {
    await stack.phone('1002').dial('1001');
    await ringing().waitFor({ timeout: 10_000 });
    await app.ui.getByTestId('customer-name').filter({ hasText: 'Margaret Chen' }).waitFor({ timeout: 5_000 });
    assert.equal(await whyThisCall().count(), 0);
    assert.equal(await app.ui.getByText('Routing details unavailable').count(), 0);
    await endRinging();
  });

  it('a service number whose skill has no registered agent is not offered to this agent', async () => {
    const customer = stack.phone('1002');
    await customer.dial(TECH_NUMBER);
    const closed = await customer.waitFor('CALL_CLOSED', { timeoutMs: 10_000 });
    assert.match(closed.param ?? '', /480|No Agent Available/i);
    assert.equal(await ringing().count(), 0);
  });
});
