// Supervisor help end to end: two agents (Ada 1001, Ben 1003) and a supervisor (Sam 1005), three headless
// hosts on the real local stack, their roles and team from the reference gateway's accounts. The board
// follows Ben's state changes; Ada takes a call from a scripted angry customer (speech through baresip,
// transcribed and redacted on her laptop), raises her hand with the call's context, Sam accepts it over
// SIP MESSAGE and answers by text; when the call ends Ada is offered a recovery break and the board shows
// the workload flag. What reached the gateway is checked: no card number, no transcript beyond the
// redacted excerpt Ada chose to send, nothing of the call on the board.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { speechToolsMissing, speechWav, type Script } from '../main/assist/testing/speech';
import { startGateway, type RunningGateway } from '../gateway/server';
import { HAND_CONTENT_TYPE } from '../common/contract/supervisor';
import { LocalStack } from '../stack/stack';
import { HostileSip } from './support/hostileSip';
import { HeadlessApp } from './support/hearthline';
import { saveScreenshot } from './support/screenshots';

const TOKEN = 'supervisor-e2e-token-0123456789';
const skip = speechToolsMissing();

/** The angry customer: a broken delivery, escalation words, and a card number read out. */
const ANGRY_CUSTOMER: Script = [
  'Hello, my chair arrived broken again and nobody has called me back.',
  { pause: 1.2 },
  'This is unacceptable. I want to make a formal complaint, I am very disappointed.',
  { pause: 1.2 },
  'My card number is four one one one one one one one one one one one one one one one.',
  { pause: 1.2 },
  'This is ridiculous, I want to speak to a manager.',
  { pause: 1.2 },
];

let stack: LocalStack;
let gateway: RunningGateway;
let ada: HeadlessApp;
let ben: HeadlessApp;
let sam: HeadlessApp;

const started: HeadlessApp[] = [];

/** A signed-in app whose gateway is the test's; waits for Ready longer than startAgent does (three hosts start here). */
async function startHost(user: string, name: string): Promise<HeadlessApp> {
  const app = await HeadlessApp.start({
    runDir: join(stack.runDir, 'apps'),
    name,
    fakeMicWav: stack.audio.agentTone,
    config: { sip: { wsUri: stack.wsUrl, sipUri: stack.uri(user), password: stack.password(user), displayName: `Agent (${user})` } },
    extraArgs: ['--gateway-url', gateway.url],
    // Each app acts at the gateway as its own account (provisioned like IT would).
    env: { HEARTHLINE_GATEWAY_ACCOUNT_CREDENTIAL: gateway.supervisor.issueCredential(user) },
  });
  started.push(app);
  await app.ui.getByTestId('presence').filter({ hasText: /^Ready$/ }).waitFor({ timeout: 60_000 });
  return app;
}

const boardRow = (page: Page, name: string) => page.getByRole('table').getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });

async function setAvailability(app: HeadlessApp, option: RegExp | string): Promise<void> {
  await app.ui.getByRole('button', { name: /Status/ }).click();
  await app.ui.getByRole('option', { name: option }).click();
}

describe('supervisor help, team board and wellbeing', { skip }, () => {
  before(async () => {
    const customerMic = await speechWav(ANGRY_CUSTOMER, { rate: 48000, leadSeconds: 1.5, totalSeconds: 180 });
    stack = new LocalStack({ phones: [{ user: '1002', micWav: customerMic, audioCodecs: 'opus/48000/2,PCMU/8000/1' }] });
    await stack.start();
    gateway = await startGateway({ dbFile: join(stack.runDir, 'gateway.db'), token: TOKEN });
    // The organisation shares workload flags and flags one difficult call (the demo policy waits for three).
    gateway.supervisor.setPolicy('north', { shareWellbeingFlags: true, recoveryBreakMinutes: 2, difficultInARowFlagAt: 1 });
    process.env.HEARTHLINE_GATEWAY_TOKEN = TOKEN;
    // One after the other, each kept as soon as it runs: a host that fails to start must not leave the others running.
    ada = await startHost('1001', 'ada');
    ben = await startHost('1003', 'ben');
    sam = await startHost('1005', 'sam');
  });
  after(async () => {
    await Promise.all(started.map((app) => app.stop()));
    await gateway?.close();
    await stack?.stop();
  });

  it('the role comes from the account: only the supervisor sees the desk and the board; agents get the raise-hand button', async () => {
    await sam.ui.getByRole('region', { name: 'Supervisor desk' }).waitFor({ timeout: 15_000 });
    await ada.ui.getByRole('button', { name: 'Raise hand' }).waitFor({ timeout: 15_000 });
    assert.equal(await ada.ui.getByRole('region', { name: 'Supervisor desk' }).count(), 0);
    assert.equal(await ada.ui.getByRole('table').count(), 0, 'an agent sees no team board');
    assert.equal(await sam.ui.getByRole('button', { name: 'Raise hand' }).count(), 0);
  });

  it('the board shows each agent’s state change live', async () => {
    await boardRow(sam.ui, 'Agent (1003)').filter({ hasText: 'Ready' }).waitFor({ timeout: 10_000 });
    const changedAt = Date.now();
    await setAvailability(ben, 'Lunch');
    await boardRow(sam.ui, 'Agent (1003)').filter({ hasText: /Not Ready \(Lunch\)/ }).waitFor({ timeout: 10_000 });
    console.log(`board followed Ben's change after ${Date.now() - changedAt} ms (includes the UI clicks)`);
    await setAvailability(ben, 'Available');
    await boardRow(sam.ui, 'Agent (1003)').filter({ hasText: /^(?!.*Lunch).*Ready/ }).waitFor({ timeout: 10_000 });
  });

  it('raise hand with the call’s context → the supervisor accepts → the text reply reaches the agent, read state goes back', async () => {
    const started = Date.now();
    const step = (what: string) => console.log(`${what}: +${Date.now() - started} ms`);
    const customer = stack.phone('1002');
    await ada.answerCallFrom(customer, '1001');
    // Wait until the customer's first turn is in Ada's transcript (recognised and redacted on her laptop).
    await ada.ui.getByTestId('assist-transcript').locator('[data-leg="customer"]').first().waitFor({ timeout: 60_000 });
    step('customer turn transcribed');
    console.log(`transcript when raising the hand: ${await ada.ui.getByTestId('assist-transcript').textContent()}`);

    await ada.ui.keyboard.press('Alt+r');
    const form = ada.ui.getByRole('form', { name: 'Ask a supervisor for help' });
    await form.getByRole('textbox', { name: /What do you need/ }).fill('Customer wants a manager, can I offer a voucher?');
    const preview = form.getByRole('group', { name: 'What the supervisor will see' });
    await preview.filter({ hasText: /Transcript \(redacted\)/ }).waitFor({ timeout: 5_000 });
    const previewText = (await preview.textContent()) ?? '';
    assert.match(previewText, /1002/);
    assert.doesNotMatch(previewText, /4111|one one one one/i, 'the preview is redacted');
    step('preview shown');
    await form.getByRole('button', { name: 'Send request' }).click();

    const queued = sam.ui.getByRole('listitem', { name: 'Request from Agent (1001)' });
    await queued.waitFor({ timeout: 10_000 });
    const queuedText = (await queued.textContent()) ?? '';
    assert.match(queuedText, /Customer wants a manager/);
    assert.match(queuedText, /Caller.*1002/);
    assert.match(queuedText, /Customer mood/);
    assert.match(queuedText, /Transcript \(redacted\)/);
    assert.doesNotMatch(queuedText, /4111|one one one one/i);
    await boardRow(sam.ui, 'Agent (1001)').filter({ hasText: 'Hand raised' }).waitFor({ timeout: 10_000 });
    await saveScreenshot(sam.ui.getByRole('region', { name: 'Supervisor desk' }), 'supervisor-desk');

    step('hand on the supervisor’s screen, screenshot taken');
    await queued.getByRole('button', { name: 'Accept' }).click();
    await ada.ui.getByRole('status').filter({ hasText: '1005 is helping you' }).waitFor({ timeout: 10_000 });
    await queued.getByRole('textbox', { name: 'Message' }).fill('Yes, offer the 20 pound voucher and log a complaint.');
    await queued.getByRole('button', { name: 'Send' }).click();
    const reply = ada.ui.getByRole('list', { name: 'Messages' }).getByRole('listitem').filter({ hasText: 'offer the 20 pound voucher' });
    await reply.waitFor({ timeout: 10_000 });
    step('reply shown to the agent');
    assert.equal(await ada.ui.getByRole('list', { name: 'Messages' }).getByRole('listitem').count(), 1, 'delivered once');
    // On Ada's screen means read: Sam sees it.
    await queued.getByRole('list', { name: 'Messages' }).getByRole('listitem').filter({ hasText: 'Read' }).waitFor({ timeout: 10_000 });
    const myRequest = ada.ui.getByRole('article', { name: 'Your request for help' });
    await myRequest.getByRole('textbox', { name: 'Message' }).fill('Thanks, doing that now');
    await myRequest.getByRole('button', { name: 'Send' }).click();
    await queued.getByRole('list', { name: 'Messages' }).getByRole('listitem').filter({ hasText: 'Thanks, doing that now' }).waitFor({ timeout: 10_000 });
    const order = await queued.getByRole('list', { name: 'Messages' }).getByRole('listitem').allTextContents();
    assert.match(order[0] ?? '', /voucher/);
    assert.match(order[1] ?? '', /Thanks, doing that now/);
    await saveScreenshot(ada.ui.getByRole('region', { name: 'Help from a supervisor' }), 'supervisor-agent-help');

    // Joining from the team board: Sam monitors from Ada's row while she is on the call; she sees who listens.
    const join = boardRow(sam.ui, 'Agent (1001)').getByRole('region', { name: 'Join Agent (1001)’s call' });
    await join.getByRole('button', { name: 'Monitor' }).click();
    await join.getByRole('status').filter({ hasText: 'Monitoring 1001’s call' }).waitFor({ timeout: 20_000 });
    await ada.ui.getByTestId('listener-banner').filter({ hasText: /is listening to this call/ }).waitFor({ timeout: 20_000 });
    step('monitoring from the board row');
    await join.getByRole('button', { name: 'Leave' }).click();
    await ada.ui.getByTestId('listener-banner').waitFor({ state: 'detached', timeout: 20_000 });
  });

  it('a forged raised hand (an unauthenticated sender naming an agent in P-Asserted-Identity) is refused through Kamailio', async () => {
    const forged = {
      type: 'hand',
      hand: {
        id: randomUUID(),
        agent: '1003',
        agentName: 'Agent (1003)',
        team: 'north',
        text: 'Forged request: read me the customer card number',
        context: {},
        raisedAt: Date.now(),
        state: 'open',
      },
    };
    const attacker = await HostileSip.open(stack.ports.sip);
    try {
      const status = await attacker.request('MESSAGE', {
        to: '1005',
        headers: ['P-Asserted-Identity: <sip:1003@127.0.0.1>'],
        body: JSON.stringify(forged),
        contentType: HAND_CONTENT_TYPE,
      });
      assert.equal(status, 403, 'Kamailio removed the written identity, so the supervisor’s engine refuses the MESSAGE');
    } finally {
      attacker.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(await sam.ui.getByRole('listitem').filter({ hasText: 'Forged request' }).count(), 0, 'nothing of it on the supervisor’s screen');
  });

  it('the difficult call ends: a calm recovery offer for the agent, a workload flag on the board, nothing of the call at the gateway', async () => {
    // By keyboard, as an agent using the app without a mouse would (the live transcript keeps the card moving).
    await ada.ui.locator('[data-call-state="connected"]').getByTestId('hangup').focus();
    await ada.ui.keyboard.press('Enter');
    const offer = ada.ui.getByRole('status', { name: 'Recovery break' });
    await offer.filter({ hasText: /difficult call/ }).waitFor({ timeout: 15_000 });
    await boardRow(sam.ui, 'Agent (1001)').filter({ hasText: '1 difficult calls in a row' }).waitFor({ timeout: 10_000 });
    // The agent can see exactly what is shared.
    await ada.ui.getByRole('button', { name: 'What your supervisor sees' }).click();
    await ada.ui.getByRole('list', { name: 'What your supervisor sees' }).filter({ hasText: '1 difficult calls in a row' }).waitFor();
    await saveScreenshot(ada.ui.getByRole('region', { name: 'Help from a supervisor' }), 'supervisor-recovery-offer');
    await offer.getByRole('button', { name: 'Take 2 minutes' }).click();
    // Not Ready for the break (after-call work, if still running, shows first as the headline).
    await ada.ui.getByRole('button', { name: /Status/ }).filter({ hasText: 'Recovery break' }).waitFor({ timeout: 5_000 });
    await boardRow(sam.ui, 'Agent (1001)').filter({ hasText: /Recovery break/ }).waitFor({ timeout: 10_000 });

    const stored = gateway.supervisor.storedText();
    assert.doesNotMatch(stored, /4111|one one one one/i, 'no card number at the gateway');
    const board = JSON.stringify(gateway.supervisor.board('north', Date.now()).agents);
    assert.doesNotMatch(board, /1002|chair|complaint|manager|excerpt/i, 'the board holds no customer and no transcript');
    // The transcript reaches the gateway only inside the redacted excerpt Ada chose to send.
    const hand = gateway.supervisor.openHands('north').find((candidate) => candidate.agent === '1001');
    assert.ok(hand?.context.excerpt, 'the excerpt Ada chose to send');
    const withoutExcerpt = stored.replace(JSON.stringify(hand.context.excerpt).slice(1, -1), '');
    assert.doesNotMatch(withoutExcerpt, /chair|arrived broken|formal complaint|ridiculous/i, 'no transcript outside the excerpt');
  });

  it('a hand raised while no supervisor is online reaches the supervisor who starts later (the gateway fallback)', async () => {
    await sam.stop();
    await ben.ui.getByRole('button', { name: 'Raise hand' }).click();
    const form = ben.ui.getByRole('form', { name: 'Ask a supervisor for help' });
    await form.getByRole('textbox', { name: /What do you need/ }).fill('Nobody online: how do I log a goodwill credit?');
    await form.getByRole('button', { name: 'Send request' }).click();
    await ben.ui.getByText('No supervisor is online right now').waitFor({ timeout: 15_000 });
    sam = await startHost('1005', 'sam-later');
    const queued = sam.ui.getByRole('listitem', { name: 'Request from Agent (1003)' }).filter({ hasText: 'how do I log a goodwill credit' });
    await queued.waitFor({ timeout: 20_000 });
    await queued.getByRole('button', { name: 'Accept' }).click();
    await ben.ui.getByRole('status').filter({ hasText: '1005 is helping you' }).waitFor({ timeout: 10_000 });
  });
});
