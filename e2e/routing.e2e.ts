// Routing context through the real stack: baresip 1002 dials a service number; Kamailio maps it to a
// queue and a skill (stack/kamailio/routing/), adds the routing headers with what the IVR registered for
// the caller, and forwards the call to the registered agent with that skill. While it rings, the
// customer panel says why the call came (queue, skill, wait, IVR path, bot transcript, intent) and the
// assist panel already suggests articles for the intent. Junk routing data never breaks the call.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { InteractionRecord } from '../common/contract/routing';
import { startGateway, type RunningGateway } from '../gateway/server';
import type { LocalStack } from '../stack/stack';
import type { HeadlessApp } from './support/hearthline';
import { AgentWithCrm } from './support/perFile';
import { saveScreenshot } from './support/screenshots';
import demoArticles from '../assets/kb/demo-articles.json';

async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

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

/** A self-serviceable intent: the customer could have started the return in the app. */
const returnInApp: Omit<InteractionRecord, 'id' | 'startedAt'> = {
  caller: '1002',
  ivrPath: ['Main menu', 'Orders', 'Returns'],
  transcript: [
    { speaker: 'bot', text: 'What can I help you with?' },
    { speaker: 'customer', text: 'I want to return an item and get a refund' },
  ],
  intent: { name: 'orders.return_refund', label: 'Return an item for a refund', confidence: 0.92, keywords: ['return', 'refund', 'returns label'], selfServiceable: true, selfServiceUrl: 'https://app.example.com/returns' },
};

let gatewayDbFile: string;

const setup = new AgentWithCrm();
before(async () => {
  ({ stack, app, gateway } = await setup.start({ token: TOKEN }));
  gatewayDbFile = join(stack.runDir, 'gateway.db');
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

  it('wrap-up after a self-serviceable call: suggested channel with the article\'s text → sent while the gateway is down → delivered once when it is back; the note is tagged', async () => {
    await ivrCaptured('1002', returnInApp, 20);
    await stack.phone('1002').dial(BILLING_NUMBER);
    await ringing().getByRole('button', { name: 'Answer', exact: true }).click();
    const connected = app.ui.locator('[data-call-state="connected"]');
    await connected.waitFor({ timeout: 20_000 });
    await stack.phone('1002').waitFor('CALL_ESTABLISHED');
    await assist().getByTestId('suggestion').first().waitFor({ timeout: 15_000 });
    await connected.getByTestId('hangup').click();

    const guidance = app.ui.getByRole('region', { name: 'Follow-up message', exact: true });
    // Margaret Chen prefers SMS; the intent was self-serviceable: a chat link to her mobile, and the link to give her.
    await guidance.getByText('Suggested: Chat link to +441632960002 — this could have been done in the app and the customer prefers it', { exact: true }).waitFor({ timeout: 10_000 });
    assert.equal(await guidance.getByRole('link', { name: 'https://app.example.com/returns', exact: true }).count(), 1);
    assert.equal(await guidance.getByRole('button', { name: 'Copy self-service link', exact: true }).isEnabled(), true);

    // The agent picks SMS: the message is pre-filled from the article used on the call.
    // react-aria keeps the radio input visually hidden: the agent clicks its label.
    await guidance.getByText('SMS to +441632960002', { exact: true }).click();
    assert.equal(await guidance.getByRole('radio', { name: 'SMS to +441632960002', exact: true }).isChecked(), true);
    const fromArticle = (await guidance.getByText(/^From the article "/).textContent()) ?? '';
    const title = /^From the article "(.*)"$/.exec(fromArticle)?.[1];
    const article = (demoArticles as { articles: { title: string; customerSummary?: string; customerUrl?: string }[] }).articles.find((candidate) => candidate.title === title);
    assert.ok(article, `the article used on the call is a known one: ${fromArticle}`);
    const message = guidance.getByRole('textbox', { name: 'Message', exact: true });
    const expected = article.customerSummary ?? `Here is the information about "${title}" we talked about.`;
    await waitUntil(async () => (await message.inputValue()).startsWith(expected), 'the message is pre-filled from the article');
    if (article.customerUrl) assert.match(await message.inputValue(), new RegExp(`${article.customerUrl.replace(/[.]/g, '\\.')}$`));

    // The gateway goes down; the agent adds a line (with a card number by mistake) and sends in one click.
    const port = gateway.port;
    await gateway.close();
    await message.fill(`${await message.inputValue()}\nRef card 4539 1488 0343 6467`);
    await guidance.getByRole('button', { name: 'Send SMS', exact: true }).click();
    await guidance.getByRole('alert').filter({ hasText: 'Before sending we masked: a card number.' }).waitFor({ timeout: 5_000 });
    assert.match(await message.inputValue(), /Ref card \[card number\]$/, 'the form shows the message as sent');
    const sent = guidance.getByRole('list', { name: 'Messages sent for this call' }).getByRole('listitem');
    await sent.filter({ hasText: /^SMS to \+441632960002: queued/ }).waitFor({ timeout: 10_000 });
    await guidance.getByRole('button', { name: 'Send SMS', exact: true }).click(); // a second click is the same message
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(await sent.count(), 1);

    gateway = await startGateway({ dbFile: gatewayDbFile, token: TOKEN, port });
    setup.gateway = gateway; // the file's after() closes the gateway that runs now
    await sent.filter({ hasText: 'SMS to +441632960002: sent' }).waitFor({ timeout: 45_000 });
    // The section sits low in the wrap-up pane: a taller window shows it whole for the screenshot.
    const viewport = app.ui.viewportSize();
    if (viewport) await app.ui.setViewportSize({ width: viewport.width, height: 1400 });
    await guidance.scrollIntoViewIfNeeded();
    await saveScreenshot(guidance, 'wrapup-channel-guidance');
    if (viewport) await app.ui.setViewportSize(viewport);
    const messages = ((await (await fetch(`${gateway.url}/v1/messages`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as { messages: { channel: string; to: string; body: string; link?: string; interactionId?: string }[] }).messages;
    assert.equal(messages.length, 1, 'exactly one message at the gateway');
    assert.equal(messages[0]!.channel, 'sms');
    assert.equal(messages[0]!.to, '+441632960002');
    assert.ok(messages[0]!.body.startsWith(expected), messages[0]!.body);
    assert.doesNotMatch(messages[0]!.body, /4539|0343|6467/, 'the card number never left the laptop');
    assert.match(messages[0]!.interactionId ?? '', /^INT-/);

    // Submitting the wrap-up: the note reaches the gateway tagged for the digital team.
    const form = app.ui.getByTestId('wrapup-form');
    await form.getByTestId('wrapup-disposition').click();
    await app.ui.getByRole('option', { name: 'Resolved', exact: true }).click();
    await form.getByRole('button', { name: 'Submit wrap-up', exact: true }).click();
    await waitUntil(async () => {
      const notes = ((await (await fetch(`${gateway.url}/v1/notes`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as { notes: { tags: string[] }[] }).notes;
      return notes.some((note) => note.tags.includes('self-serviceable'));
    }, 'the note with the self-service tag reached the gateway');
  });

  it('a service number whose skill has no registered agent is not offered to this agent', async () => {
    const customer = stack.phone('1002');
    await customer.dial(TECH_NUMBER);
    const closed = await customer.waitFor('CALL_CLOSED', { timeoutMs: 10_000 });
    assert.match(closed.param ?? '', /480|No Agent Available/i);
    assert.equal(await ringing().count(), 0);
  });
});
