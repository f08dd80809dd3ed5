// Callbacks as a queue through the real stack: the gateway holds a callback for skill "billing"; the
// agent's app claims it while Ready, previews it (customer, reason, last contact, window), dials the
// baresip customer only after the gateway said this agent may, and the outcome the agent picks reaches
// the gateway through the outbox. Two agent apps of that skill racing for one callback: exactly one
// calls the customer.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { QueuedCallback, QueuedCallbackCreate } from '../common/contract/callbackQueue';
import { startGateway, type RunningGateway } from '../gateway/server';
import { LocalStack } from '../stack/stack';
import { HeadlessApp } from './support/hearthline';
import { saveScreenshot } from './support/screenshots';

const TOKEN = 'callbacks-e2e-token-0123456789';

let stack: LocalStack;
let gateway: RunningGateway;
let ada: HeadlessApp;
let ben: HeadlessApp;

const panel = (app: HeadlessApp) => app.ui.getByRole('region', { name: 'Callback', exact: true });
const presence = (app: HeadlessApp) => app.ui.getByTestId('presence');

async function setAvailable(app: HeadlessApp, available: boolean): Promise<void> {
  await app.ui.getByRole('button', { name: /Status/ }).click();
  await app.ui.getByRole('option', { name: available ? 'Available' : /Not Ready: Break/ }).click();
  await presence(app).filter({ hasText: available ? /^Ready$/ : 'Not Ready' }).waitFor({ timeout: 10_000 });
}

async function queueCallback(customer: { name: string; number: string }, reason: string, lastContact: string): Promise<QueuedCallbackCreate> {
  const now = Date.now();
  const callback: QueuedCallbackCreate = {
    id: randomUUID(),
    source: 'ivr',
    skill: 'billing',
    customer,
    reason,
    lastContact,
    windowStart: new Date(now - 60_000).toISOString(),
    windowEnd: new Date(now + 2 * 3600_000).toISOString(),
    createdAt: new Date(now).toISOString(),
  };
  const answer = await fetch(`${gateway.url}/v1/callback-queue`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify(callback),
  });
  assert.equal(answer.status, 201);
  return callback;
}

async function onGateway(id: string): Promise<QueuedCallback | undefined> {
  const answer = await fetch(`${gateway.url}/v1/callback-queue`, { headers: { authorization: `Bearer ${TOKEN}` } });
  return ((await answer.json()) as { callbacks: QueuedCallback[] }).callbacks.find((callback) => callback.id === id);
}

async function waitOnGateway(id: string, done: (callback: QueuedCallback | undefined) => boolean, timeoutMs = 15_000): Promise<QueuedCallback | undefined> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const callback = await onGateway(id);
    if (done(callback) || Date.now() > until) return callback;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function hangUpAndRecord(app: HeadlessApp, outcome: string): Promise<void> {
  await app.ui.getByRole('button', { name: 'Hang up', exact: true }).click();
  const form = panel(app);
  // The radio input is visually hidden behind its label (react-aria): chosen from the keyboard, as an agent may.
  const choice = form.getByRole('radio', { name: outcome, exact: true });
  await choice.focus({ timeout: 10_000 });
  await choice.press('Space');
  assert.equal(await choice.isChecked(), true);
  await form.getByRole('button', { name: 'Save outcome', exact: true }).click();
  await form.getByText('Callbacks for your skills are offered here while you are Ready.').or(form.getByRole('heading', { name: 'Callback' })).first().waitFor();
}

before(async () => {
  stack = new LocalStack();
  await stack.start();
  gateway = await startGateway({ dbFile: join(stack.runDir, 'gateway.db'), token: TOKEN });
  // Both agents have the skill "billing" (as in stack/kamailio/routing/skill_agents); IT sets it by policy.
  const policyDir = mkdtempSync(join(os.tmpdir(), 'hl-e2e-callbacks-'));
  chmodSync(policyDir, 0o755);
  const policyFile = join(policyDir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify({ callbackSkills: ['billing'] }), { mode: 0o644 });
  process.env.HEARTHLINE_GATEWAY_TOKEN = TOKEN;
  process.env.HEARTHLINE_DB_KEY = randomBytes(32).toString('hex');
  const agent = (user: string) =>
    HeadlessApp.startAgent(stack, {
      user,
      runDir: join(stack.runDir, `apps-${user}`),
      config: { wrapUpSeconds: 1 },
      extraArgs: ['--db', join(stack.runDir, `apps-${user}`, 'hearthline.db'), '--gateway-url', gateway.url, '--policy-file', policyFile],
    });
  const started = await Promise.allSettled([agent('1001'), agent('1003')]);
  [ada, ben] = started.map((result) => (result.status === 'fulfilled' ? result.value : undefined)) as [HeadlessApp, HeadlessApp];
  // One that did not come up must not leave the other running (it would keep the test process alive).
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
});
after(async () => {
  await Promise.all([ada?.stop(), ben?.stop()]);
  await gateway?.close();
  await stack?.stop();
  delete process.env.HEARTHLINE_DB_KEY;
});

describe('callbacks from the gateway queue', () => {
  it('assigned while Ready → preview → Call now → the customer rings → hang up → outcome at the gateway', async () => {
    await setAvailable(ben, false);
    await setAvailable(ada, false);
    const callback = await queueCallback({ name: 'Margaret Chen', number: '1002' }, 'Refund for the double charge not received', 'Chat, 2 days ago: refund promised');
    const customer = stack.phone('1002');
    customer.clearEvents();
    await setAvailable(ada, true);
    const preview = panel(ada);
    await preview.getByTestId('callback-customer').filter({ hasText: 'Margaret Chen' }).waitFor({ timeout: 15_000 });
    assert.equal(await preview.getByTestId('callback-reason').textContent(), 'Refund for the double charge not received');
    assert.equal(await preview.getByTestId('callback-last-contact').textContent(), 'Chat, 2 days ago: refund promised');
    const format = new Intl.DateTimeFormat('en', { dateStyle: 'short', timeStyle: 'short' });
    assert.equal(await preview.getByTestId('callback-window').textContent(), `${format.format(Date.parse(callback.windowStart))} – ${format.format(Date.parse(callback.windowEnd))}`, 'the window in the agent’s language');
    assert.equal((await onGateway(callback.id))?.state, 'assigned');
    await saveScreenshot(ada.ui, 'callback-preview');

    await preview.getByRole('button', { name: 'Call now', exact: true }).click();
    const rang = await customer.waitForIncomingCall({ timeoutMs: 15_000 });
    assert.match(rang.peeruri ?? '', /1001/, 'the customer is called from the agent who has the callback');
    await customer.waitFor('CALL_ESTABLISHED', { timeoutMs: 10_000 });
    assert.equal((await onGateway(callback.id))?.state, 'dialing');

    await hangUpAndRecord(ada, 'Reached the customer');
    const done = await waitOnGateway(callback.id, (stored) => stored?.state === 'done');
    assert.deepEqual([done?.state, done?.outcome, done?.agent], ['done', 'reached', '1001'], 'the outcome reached the gateway through the outbox');
  });

  it('two agents of the skill racing for one callback: exactly one calls the customer, the other never places a call', async () => {
    await presence(ada).filter({ hasText: /^Ready$/ }).waitFor({ timeout: 15_000 });
    await setAvailable(ada, false);
    const callback = await queueCallback({ name: 'Unknown caller', number: '1004' }, 'Wants to change the delivery address', 'Web form, today');
    const customer = stack.phone('1004');
    customer.clearEvents();
    // Both become Ready at once, so both ask the gateway straight away.
    await Promise.all([setAvailable(ada, true), setAvailable(ben, true)]);
    const assigned = await waitOnGateway(callback.id, (stored) => stored?.state === 'assigned');
    const winner = assigned?.agent === '1001' ? ada : assigned?.agent === '1003' ? ben : undefined;
    assert.ok(winner, `assigned to ${assigned?.agent}`);
    const loser = winner === ada ? ben : ada;
    await panel(winner).getByTestId('callback-customer').filter({ hasText: 'Unknown caller' }).waitFor({ timeout: 10_000 });
    await panel(winner).getByRole('button', { name: 'Call now', exact: true }).click();
    await customer.waitForIncomingCall({ timeoutMs: 15_000 });
    await customer.waitFor('CALL_ESTABLISHED', { timeoutMs: 10_000 });
    // The loser was Ready the whole time and asked too: it never saw the callback and never dialled.
    assert.equal(await panel(loser).getByTestId('callback-customer').count(), 0, 'no preview for the other agent');
    assert.equal(await loser.ui.getByRole('button', { name: 'Hang up', exact: true }).count(), 0, 'no call on the other agent');
    assert.equal(await presence(loser).textContent(), 'Ready');
    await hangUpAndRecord(winner, 'No answer');
    const done = await waitOnGateway(callback.id, (stored) => stored?.state === 'done');
    assert.deepEqual([done?.outcome, done?.agent], ['noAnswer', assigned?.agent]);
    await assert.rejects(customer.waitForIncomingCall({ timeoutMs: 2_000 }), 'the customer was called once, by one agent');
  });
});
