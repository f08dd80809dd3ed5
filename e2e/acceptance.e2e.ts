// The softphone against a differently configured SIP server (stack/stack.ts ACCEPTANCE_SERVER: another
// domain and realm, credentials not named by the extension, another WebSocket port and path, a registrar
// that answers 423 below 600 s, session-timer headers on every call, Opus-only and G.722/PCMA customers),
// configured the way IT documents it (a settings file named by HEARTHLINE_CONFIG, a machine policy file)
// and driven only through the UI by role and accessible name, as an outside tester would.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { ACCEPTANCE_SERVER, LocalStack, type Baresip } from '../stack/stack';
import { bandLevel } from './support/audioCheck';
import { HeadlessApp } from './support/hearthline';
import { eventually, liveCallId, waitForInboundAudio } from './support/softphone';

const AGENT = '1001';
const AGENT_TONE_HZ = 1000;
const startedAt = Date.now();
/** Progress with the time since the file started, so a slow step shows in the log. */
const mark = (what: string) => console.log(`[acceptance ${((Date.now() - startedAt) / 1000).toFixed(1)} s] ${what}`);

let stack: LocalStack;
let app: HeadlessApp;
let runDir: string;
let configFile: string;
let policyFile: string;

/** Starts the headless host as IT deploys it: settings file via HEARTHLINE_CONFIG, policy file, encrypted store. */
async function startHost(config: string | object): Promise<HeadlessApp> {
  const started = await HeadlessApp.start({
    name: 'agent',
    runDir,
    fakeMicWav: stack.audio.agentTone,
    config: typeof config === 'string' ? config : (config as never),
    configVia: 'env',
    extraArgs: ['--policy-file', policyFile, '--db', join(runDir, 'hearthline.db')],
  });
  // The ringing flash repaints every frame; on a CPU-starved CI machine Playwright's clicks (which wait for a
  // frame) then stalled for 30 s. The reduced-motion setting an agent may choose keeps the page still.
  await started.ui.emulateMedia({ reducedMotion: 'reduce' });
  return started;
}

const status = (ui: Page, state: string) => ui.getByRole('status', { name: `Your status: ${state}`, exact: true });
const callCard = (ui: Page, caller: string, state: 'Ringing' | 'Connected') => ui.getByRole('article', { name: new RegExp(`· ${caller} · ${state}$`) });

/**
 * The customer calls and the agent presses Answer. With one call the button is found on the whole page,
 * as an outside tester would (getByRole is strict: a second button named like it would fail here).
 */
async function answerFrom(customer: Baresip): Promise<void> {
  mark(`${customer.user} dials`);
  await customer.dial(AGENT);
  await callCard(app.ui, customer.user, 'Ringing').waitFor({ timeout: 20_000 });
  await app.ui.getByRole('button', { name: /answer/i }).click();
  await callCard(app.ui, customer.user, 'Connected').waitFor({ timeout: 10_000 });
  await customer.waitFor('CALL_ESTABLISHED');
  mark(`${customer.user} connected`);
}

/** Hangs up with the page's only Hang up button and proves by content that the customer heard the agent's tone. */
async function hangUpAndCheckCustomerHeard(customer: Baresip): Promise<void> {
  await app.ui.getByRole('button', { name: /hang up/i }).click();
  await customer.waitFor('CALL_CLOSED');
  mark(`${customer.user} hung up`);
  const heard = await bandLevel(await customer.waitForRecording(), AGENT_TONE_HZ);
  assert.ok(heard > 0.005, `${customer.user} did not hear the agent's ${AGENT_TONE_HZ} Hz tone (band RMS ${heard})`);
}

before(async () => {
  stack = new LocalStack({
    server: ACCEPTANCE_SERVER,
    phones: [
      // Opus only, 40 ms packets.
      { user: '1002', ptime: 40 },
      // No Opus at all: G.722, else PCMA.
      { user: '1004', audioCodecs: 'G722/16000/1,PCMA/8000/1' },
    ],
  });
  await stack.start();
  // Inside the stack's run folder (pruned with it); a policy file's folder must not be writable by others.
  runDir = join(stack.runDir, 'acceptance');
  mkdirSync(runDir, { mode: 0o755 });
  chmodSync(runDir, 0o755);
  policyFile = join(runDir, 'policy.json');
  // Live transcription off: this file is about the phone, and speech recognition would only load the machine.
  writeFileSync(policyFile, JSON.stringify({ sipServers: [stack.wsUrl], sipTransport: 'wss', asrProvider: 'off' }), { mode: 0o644 });
  configFile = join(runDir, 'agent.config.json');
  app = await startHost({
    sip: {
      wsUri: stack.wsUrl,
      sipUri: `sip:${AGENT}@${stack.domain}`,
      authUser: stack.authUser(AGENT),
      password: stack.password(AGENT),
      displayName: 'Ada',
    },
    wrapUpSeconds: 120,
    // A loaded CI machine must not turn a slow click into a missed call.
    alertTimeoutSeconds: 60,
  });
});
beforeEach(() => {
  for (const phone of stack.phones) phone.clearEvents();
});
after(async () => {
  await app?.stop();
  await stack?.stop();
  console.log(`acceptance.e2e.ts took ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
});

describe('a differently configured SIP server, driven by role and name', () => {
  it('registers with a realm and credentials name of its own, and takes the 423 minimum expiry', async () => {
    await status(app.ui, 'Ready').waitFor({ timeout: 20_000 });
    const location = await stack.kamcmd('ul.dump');
    const expires = /AoR: 1001[\s\S]*?Expires: (\d+)/.exec(location)?.[1];
    assert.ok(expires && Number(expires) > 300, `the registration should run at the server's 600 s minimum, not the app's 300 s (ul.dump: ${expires})`);
    // The settings file no longer holds the password: it went to the secret store (main/secrets).
    assert.doesNotMatch(readFileSync(configFile, 'utf8'), new RegExp(stack.password(AGENT)));
  });

  it('answers an Opus-only caller, audio both ways, and hangs up into wrap-up with notes', async () => {
    const customer = stack.phone('1002');
    await answerFrom(customer);
    await waitForInboundAudio(app);
    await hangUpAndCheckCustomerHeard(customer);
    await status(app.ui, 'Wrap-up').waitFor({ timeout: 5_000 });
    await app.ui.getByRole('textbox', { name: 'Notes' }).first().fill('Asked about the March bill');
  });

  it('rings the next caller during wrap-up (G.722/PCMA, no Opus) and carries its audio', async () => {
    const customer = stack.phone('1004');
    await answerFrom(customer);
    await waitForInboundAudio(app);
    await hangUpAndCheckCustomerHeard(customer);
  });

  it('restarts mid-shift: registers again from the stored secret, keeps the wrap-up notes, answers the next call', async () => {
    const notes = app.ui.getByRole('textbox', { name: 'Notes' });
    await eventually(() => notes.evaluateAll((fields) => fields.map((field) => (field as HTMLTextAreaElement).value)), (values) => values.includes('Asked about the March bill'), 'notes before restart', 5_000);
    await app.stop();
    mark('host stopped');
    // The same settings file as IT left it (the first start took the password out of it).
    app = await startHost(readFileSync(configFile, 'utf8'));
    await status(app.ui, 'Wrap-up').or(status(app.ui, 'Ready')).waitFor({ timeout: 20_000 });
    mark('host restarted and registered');
    await eventually(
      () => app.ui.getByRole('textbox', { name: 'Notes' }).evaluateAll((fields) => fields.map((field) => (field as HTMLTextAreaElement).value)),
      (values) => values.includes('Asked about the March bill'),
      'notes after restart',
      10_000,
    );
    const customer = stack.phone('1002');
    await answerFrom(customer);
    await waitForInboundAudio(app);
    await hangUpAndCheckCustomerHeard(customer);
    await status(app.ui, 'Wrap-up').waitFor({ timeout: 5_000 });
    // The wrap-up screen (ended call, notes, after-call work) has no serious accessibility fault.
    const { violations } = await new AxeBuilder({ page: app.ui }).analyze();
    const serious = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    assert.deepEqual(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html.slice(0, 120)).join(', ')}`), []);
  });

  it('takes two callers at once: answers one, holds it to answer the other', async () => {
    const [first, second] = [stack.phone('1002'), stack.phone('1004')];
    await answerFrom(first);
    await second.dial(AGENT);
    const waiting = callCard(app.ui, second.user, 'Ringing');
    await waiting.waitFor({ timeout: 20_000 }).catch(async (error: unknown) => {
      const cards = await app.ui.getByRole('article').evaluateAll((found) => found.map((card) => card.getAttribute('aria-label')));
      throw new Error(`${(error as Error).message}\ncall cards: ${JSON.stringify(cards)}`);
    });
    await waiting.getByRole('button', { name: /answer/i }).click({ noWaitAfter: true });
    await callCard(app.ui, second.user, 'Connected').waitFor({ timeout: 10_000 });
    await second.waitFor('CALL_ESTABLISHED');
    mark('second caller connected, first on hold');
    await waitForInboundAudio(app, await liveCallId(app, second.user));
    // The second caller hangs up; what they heard is checked by content.
    await second.hangup();
    await second.waitFor('CALL_CLOSED');
    const heard = await bandLevel(await second.waitForRecording(), AGENT_TONE_HZ);
    assert.ok(heard > 0.005, `${second.user} did not hear the agent's ${AGENT_TONE_HZ} Hz tone (band RMS ${heard})`);
    await app.ui.getByRole('article', { name: new RegExp(`· ${second.user} · Ended$`) }).first().waitFor({ timeout: 10_000 });
    // The first caller is still there (on hold): resume and hang up.
    const held = callCard(app.ui, first.user, 'Connected');
    await held.getByRole('button', { name: 'Resume', exact: true }).click();
    mark('first caller resumed');
    await held.getByRole('button', { name: 'Hang up', exact: true }).click();
    await first.waitFor('CALL_CLOSED');
  });
});
