// The softphone against a differently configured SIP server (stack/stack.ts ACCEPTANCE_SERVER: another
// domain and realm, credentials not named by the extension, another WebSocket port and path, a registrar
// that answers 423 below 600 s, session-timer headers on every call, Opus-only and G.722/PCMA customers;
// at run time a registrar that grants only 15 s, a late-offer caller that changes codec and re-INVITEs
// without SDP mid-call, telephone-event at payload type 96, Opus with 60 ms packets, FEC and DTX, a caller
// who hangs up as the agent answers; the SIP server and the media relay restarted mid-call, the SIP server
// restarted during wrap-up, the app killed with calls up, five callers back to back, a 404 to a REGISTER, a
// caller identity asserted by a trusted trunk, an outbound call answered with 183 early media first),
// configured the way IT documents it (a settings file named by HEARTHLINE_CONFIG, a machine policy file)
// and driven only through the UI by role and accessible name, as an outside tester would.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { ACCEPTANCE_SERVER, LocalStack, type Baresip } from '../stack/stack';
import { bandLevel, secondsHeard } from './support/audioCheck';
import { HeadlessApp } from './support/hearthline';
import { HostileSip } from './support/hostileSip';
import { PbxCaller } from './support/pbxCaller';
import { engineCalls, eventually, liveCallId, reRegister, waitForInboundAudio } from './support/softphone';

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
const callCard = (ui: Page, caller: string, state: 'Ringing' | 'Connected' | 'Ended') => ui.getByRole('article', { name: new RegExp(`· ${caller.replace(/[+.]/g, '\\$&')} · ${state}$`) });
const banner = (ui: Page, text: string) => ui.getByRole('alert').filter({ hasText: text });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** What the registrar grants in the short-registration case (JsSIP refreshes 5 s before a grant of 64 s or less runs out). */
const SHORT_GRANT_SECONDS = 15;
let shortGrant: { since: number; registers: number } | undefined;

/** Seconds left of the agent's registration in Kamailio's location table (0: not registered). */
async function registrationSecondsLeft(): Promise<number> {
  return Number(/AoR: 1001[\s\S]*?Expires: (\d+)/.exec(await stack.kamcmd('ul.dump'))?.[1] ?? 0);
}

/** Changes the running registrar's limits (kamailio.cfg loads cfg_rpc for this); kamcmd reports errors on stdout. */
async function setRegistrarLimit(name: 'min_expires' | 'max_expires', seconds: number): Promise<void> {
  const out = await stack.kamcmd('cfg.set_now_int', 'registrar', name, String(seconds));
  if (/error/i.test(out)) throw new Error(`kamcmd cfg.set_now_int registrar ${name} ${seconds}: ${out}`);
}

/**
 * The customer calls and the agent presses Answer. With one call the button is found on the whole page,
 * as an outside tester would (getByRole is strict: a second button named like it would fail here).
 */
async function answerFrom(customer: Baresip): Promise<void> {
  mark(`${customer.user} dials`);
  await customer.dial(AGENT);
  await callCard(app.ui, customer.user, 'Ringing').waitFor({ timeout: 20_000 });
  await app.ui.getByRole('button', { name: /answer/i }).click();
  await callCard(app.ui, customer.user, 'Connected').waitFor({ timeout: 30_000 });
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
      // Opus as some gateways send it: 60 ms packets, stereo=1, in-band FEC, DTX (the spare account 1003 as a customer).
      { user: '1003', ptime: 60, opus: { stereo: true, inbandFec: true, dtx: true } },
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

  it('rings the next caller during wrap-up (G.722/PCMA, no Opus) and carries its audio; the caller holds and resumes', async () => {
    const customer = stack.phone('1004');
    await answerFrom(customer);
    await waitForInboundAudio(app);
    // The customer puts the agent on hold (re-INVITE sendonly) and comes back: the agent is told why it
    // went quiet, and hears them again afterwards.
    await customer.hold();
    const heldByCustomer = app.ui.getByRole('status').filter({ hasText: 'put you on hold' });
    await heldByCustomer.waitFor({ timeout: 20_000 });
    mark('customer holds');
    await customer.resume();
    await heldByCustomer.waitFor({ state: 'detached', timeout: 20_000 });
    await waitForInboundAudio(app);
    mark('customer resumed');
    await hangUpAndCheckCustomerHeard(customer);
  });

  it('an outbound call that the far end answers with 183 Session Progress and SDP first (early media): the media path is up while the card says Calling, then the call connects with audio both ways', async () => {
    const customer = stack.phone('1004');
    await customer.setAnswerMode('early');
    try {
      await app.ui.getByRole('textbox', { name: 'Number to call' }).fill(customer.user);
      await app.ui.getByRole('button', { name: 'Call', exact: true }).click();
      const calling = app.ui.getByRole('article', { name: `Outgoing call · ${customer.user} · Calling…`, exact: true });
      await calling.waitFor({ timeout: 20_000 });
      const callId = (await calling.getAttribute('data-call-id')) ?? '';
      // The 183's SDP sets the media path up before any answer (baresip 1.0 sends no audio of its own then,
      // so what the agent would hear of an announcement is not checked here).
      const early = await eventually(
        async () => (await engineCalls(app)).find((call) => call.callId === callId),
        (call) => call?.iceState === 'connected' && call.bytesSent > 1000,
        'the early media path carries the agent\'s audio',
        20_000,
      );
      assert.equal(early?.state, 'dialing', 'before the call was answered');
      await calling.waitFor({ timeout: 5_000 });
      mark('early media path up while calling');
      await customer.answer();
      await app.ui.getByRole('article', { name: `Outgoing call · ${customer.user} · Connected`, exact: true }).waitFor({ timeout: 20_000 });
      await customer.waitFor('CALL_ESTABLISHED');
      await waitForInboundAudio(app, callId);
      await hangUpAndCheckCustomerHeard(customer);
    } finally {
      await customer.setAnswerMode('auto');
    }
  });

  it('killed outright mid-shift (no clean exit) with a caller connected and another ringing: registers again from the stored secret, no ghost card, every wrap-up note kept, answers the next call', async () => {
    const notes = () => app.ui.getByRole('textbox', { name: 'Notes' }).evaluateAll((fields) => fields.map((field) => (field as HTMLTextAreaElement).value));
    await eventually(notes, (values) => values.includes('Asked about the March bill'), 'notes before restart', 5_000);
    const [customer, waiting] = [stack.phone('1002'), stack.phone('1004')];
    await answerFrom(customer);
    await waitForInboundAudio(app);
    // A wrap-up form opens at answer (forms are listed newest first): the agent notes during the call.
    const note = 'Card blocked; the call dropped while we spoke';
    const form = app.ui.getByRole('article', { name: `Wrap-up: ${customer.user}`, exact: true }).first();
    await form.getByRole('textbox', { name: 'Notes' }).fill(note);
    // The autosave goes 300 ms after the last key; its answer says Saved.
    await sleep(1_500);
    await form.getByRole('status').filter({ hasText: /^Saved/ }).waitFor({ timeout: 10_000 });
    await waiting.dial(AGENT);
    await callCard(app.ui, waiting.user, 'Ringing').waitFor({ timeout: 20_000 });
    // A crash or a power cut: nothing ends the calls or says goodbye to the server.
    process.kill(app.hostPid!, 'SIGKILL');
    await app.stop();
    mark('host killed with a call connected and one ringing');
    // The customer hears silence and hangs up; the waiting caller gives up.
    await customer.hangup();
    await waiting.hangupAll();
    // The same settings file as IT left it (the first start took the password out of it).
    app = await startHost(readFileSync(configFile, 'utf8'));
    await status(app.ui, 'Wrap-up').or(status(app.ui, 'Ready')).waitFor({ timeout: 30_000 });
    mark('host restarted and registered');
    assert.equal(await app.ui.getByRole('article', { name: /· (Ringing|Connected)$/ }).count(), 0, 'no ghost of the killed calls');
    await eventually(notes, (values) => values.includes('Asked about the March bill') && values.includes(note), 'the notes of the earlier call and of the interrupted one', 10_000);
    const next = stack.phone('1003');
    await answerFrom(next);
    await waitForInboundAudio(app);
    await hangUpAndCheckCustomerHeard(next);
    await status(app.ui, 'Wrap-up').waitFor({ timeout: 5_000 });
    // The wrap-up screen (ended call, notes, after-call work) has no serious accessibility fault.
    const { violations } = await new AxeBuilder({ page: app.ui }).analyze();
    const serious = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    assert.deepEqual(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html.slice(0, 120)).join(', ')}`), []);
  });

  it('after the media relay restarted while idle, takes two callers at once: answers one, holds it to answer the other', async () => {
    await stack.stopRtpengine();
    await stack.startRtpengine();
    mark('rtpengine restarted');
    const [first, second] = [stack.phone('1002'), stack.phone('1004')];
    await answerFrom(first);
    await second.dial(AGENT);
    const waiting = callCard(app.ui, second.user, 'Ringing');
    await waiting.waitFor({ timeout: 20_000 }).catch(async (error: unknown) => {
      const cards = await app.ui.getByRole('article').evaluateAll((found) => found.map((card) => card.getAttribute('aria-label')));
      throw new Error(`${(error as Error).message}\ncall cards: ${JSON.stringify(cards)}`);
    });
    await waiting.getByRole('button', { name: /answer/i }).click({ noWaitAfter: true });
    await callCard(app.ui, second.user, 'Connected').waitFor({ timeout: 30_000 });
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

  it('the SIP server restarted during a connected call: the audio goes on, the app registers again, the agent hangs up and the customer is told', async () => {
    const customer = stack.phone('1004');
    await answerFrom(customer);
    const callId = await liveCallId(app, customer.user);
    await waitForInboundAudio(app, callId);
    await stack.stopKamailio();
    // The customer phones need no registration to call the agent (they authenticate each INVITE).
    await stack.startKamailio({ reregisterPhones: false });
    const backAt = Date.now();
    mark('Kamailio restarted mid-call');
    // Kamailio keeps its location table in memory: only a new REGISTER puts the agent back in it.
    await eventually(registrationSecondsLeft, (seconds) => seconds > 0, 'the agent registered with the restarted server', 30_000);
    mark(`agent registered again ${Date.now() - backAt} ms after the server was back`);
    // The media never went through Kamailio: the customer is still heard, the card still says Connected.
    await waitForInboundAudio(app, callId);
    await callCard(app.ui, customer.user, 'Connected').waitFor({ timeout: 5_000 });
    // The agent's BYE leaves over the new connection and reaches the customer; the card ends.
    await hangUpAndCheckCustomerHeard(customer);
    await app.ui.getByRole('article', { name: new RegExp(`· ${customer.user} · Ended$`) }).first().waitFor({ timeout: 10_000 });
  });

  it('the media relay restarted during a connected call: the agent is told plainly, and the call recovers or ends with a reason', async () => {
    const customer = stack.phone('1002');
    await answerFrom(customer);
    const callId = await liveCallId(app, customer.user);
    const before = await waitForInboundAudio(app, callId);
    await stack.stopRtpengine();
    await stack.startRtpengine();
    mark('rtpengine restarted mid-call');
    // The new relay knows nothing of the call: its media stops. The engine sees ICE go down and re-offers
    // through the server (an ICE restart), which sets the call up on the new relay, or the call ends.
    const card = app.ui.locator(`[data-testid="call-card"][data-call-id="${callId}"]`);
    const interrupted = card.getByRole('status').filter({ hasText: 'Connection interrupted — trying to keep the call' });
    let toldInterrupted = false;
    const outcome = await eventually(
      async () => {
        toldInterrupted ||= await interrupted.isVisible();
        const state = await card.getAttribute('data-call-state');
        if (state === 'ended') return { state, reason: (await card.getByTestId('end-reason').textContent()) ?? '', flowing: false };
        const call = (await engineCalls(app)).find((entry) => entry.callId === callId);
        return { state, reason: '', flowing: Boolean(call && call.bytesReceived > before.bytesReceived + 20_000 && !call.recovering) };
      },
      (seen) => seen.state === 'ended' || seen.flowing,
      'the call recovers or ends',
      60_000,
    );
    mark(`after the relay restarted mid-call: ${JSON.stringify(outcome)}`);
    if (outcome.state === 'ended') {
      assert.ok(outcome.reason.length > 0, 'the agent is told why the call ended');
      assert.doesNotMatch(outcome.reason, /undefined|null|error code|\b[45]\d\d\b|ICE|RTP/i, 'in plain words');
    } else {
      assert.ok(toldInterrupted, 'while the media was gone the card said the connection was interrupted');
      await interrupted.waitFor({ state: 'detached', timeout: 10_000 });
      await waitForInboundAudio(app, callId);
      // The customer hangs up: their BYE reaches the agent.
      await customer.hangup();
      await app.ui.getByRole('article', { name: new RegExp(`· ${customer.user} · Ended$`) }).getByTestId('end-reason').filter({ hasText: 'The caller hung up' }).first().waitFor({ timeout: 15_000 });
    }
    await customer.waitFor('CALL_CLOSED', { timeoutMs: 20_000 }).catch(() => customer.hangupAll());
  });

  it('the SIP server restarted during wrap-up: the status says Reconnecting, not Wrap-up, until the agent is registered again; the first caller after rings and has audio', async () => {
    // The previous case ended in wrap-up, when a back-to-back caller rings (the agent is reachable).
    await status(app.ui, 'Wrap-up').waitFor({ timeout: 10_000 });
    await stack.stopKamailio();
    // An agent (or a tester) who reads "Wrap-up" expects the next caller to ring: while the server is
    // away that cannot happen, and the status must say so.
    await status(app.ui, 'Reconnecting…').or(status(app.ui, 'Registering…')).waitFor({ timeout: 10_000 });
    await stack.startKamailio({ reregisterPhones: false });
    const backAt = Date.now();
    await status(app.ui, 'Wrap-up').waitFor({ timeout: 30_000 });
    const shownAfterMs = Date.now() - backAt;
    assert.ok((await registrationSecondsLeft()) > 0, 'Wrap-up is shown again only once the restarted server has the registration');
    mark(`Kamailio restarted during wrap-up: Wrap-up shown again ${shownAfterMs} ms after the server was back`);
    // A caller the moment the status is back.
    const customer = stack.phone('1003');
    await answerFrom(customer);
    await waitForInboundAudio(app);
    await hangUpAndCheckCustomerHeard(customer);
  });

  it('five callers back to back (Opus, G.722/PCMA, Opus 60 ms): each answered, a note written during the call and submitted after it, the next calling in the same moment as the submit', async () => {
    const began = Date.now();
    const callers = ['1002', '1004', '1003', '1002', '1004'].map((user) => stack.phone(user));
    const names = ['Alder', 'Birch', 'Cedar', 'Damson', 'Elm'];
    const notesNow = () => app.ui.getByRole('textbox', { name: 'Notes' }).evaluateAll((fields) => fields.map((field) => (field as HTMLTextAreaElement).value));
    let dialled = callers[0]!.dial(AGENT);
    for (const [index, customer] of callers.entries()) {
      await dialled;
      await callCard(app.ui, customer.user, 'Ringing').waitFor({ timeout: 20_000 });
      await app.ui.getByRole('button', { name: /answer/i }).click();
      await callCard(app.ui, customer.user, 'Connected').waitFor({ timeout: 30_000 });
      await customer.waitFor('CALL_ESTABLISHED');
      // Its form opened at answer; forms are listed newest first.
      const form = app.ui.getByRole('article', { name: `Wrap-up: ${customer.user}`, exact: true }).first();
      const note = `Back-to-back caller ${names[index]}: asked about the bill`;
      await form.getByRole('textbox', { name: 'Notes' }).fill(note);
      if (index === 0 || index === callers.length - 1) await waitForInboundAudio(app);
      await app.ui.getByRole('button', { name: /hang up/i }).click();
      await customer.waitFor('CALL_CLOSED');
      await form.getByRole('button', { name: /Outcome/ }).click();
      await app.ui.getByRole('option', { name: 'Resolved', exact: true }).click();
      const next = callers[index + 1];
      // The submit and the next caller's INVITE leave in the same moment.
      if (next) dialled = next.dial(AGENT);
      await form.getByRole('button', { name: 'Submit wrap-up', exact: true }).click();
      await eventually(notesNow, (values) => !values.includes(note), `caller ${names[index]}'s form is gone once submitted`, 10_000);
      mark(`back-to-back caller ${index + 1} (${customer.user}) answered, noted, submitted`);
    }
    mark(`five back-to-back callers took ${((Date.now() - began) / 1000).toFixed(1)} s`);
  });

  it('a registrar that answers 404 to a refresh: the agent is told to have the SIP address checked, and nothing is retried', async () => {
    await stack.refuseRegistrations(AGENT, 404, 1);
    const before = await stack.registerCount(AGENT);
    await reRegister(app);
    await banner(app.ui, 'Ask IT to check the SIP address').waitFor({ timeout: 20_000 });
    await sleep(3_000);
    assert.equal(await stack.registerCount(AGENT), before + 1, 'one REGISTER, refused, and no retry on its own');
    // Fixed on the server: a new REGISTER (here asked through the engine) is taken.
    await reRegister(app);
    await banner(app.ui, 'Ask IT to check the SIP address').waitFor({ state: 'detached', timeout: 20_000 });
    await status(app.ui, 'Wrap-up').or(status(app.ui, 'Ready')).waitFor({ timeout: 20_000 });
  });

  it('a registrar that shortens the registration to 15 s in its 200 (below what was asked): the app takes the grant', async () => {
    // As a registrar with a low maximum would (or one shedding load): the next REGISTER, sent now as after
    // a server restart, is granted 15 s instead of the 600 s asked for.
    // Kamailio's registrar raises a grant to its minimum after capping it to its maximum: lower both.
    await setRegistrarLimit('min_expires', 10);
    await setRegistrarLimit('max_expires', SHORT_GRANT_SECONDS);
    shortGrant = { since: Date.now(), registers: await stack.registerCount(AGENT) };
    await reRegister(app);
    const granted = await eventually(
      registrationSecondsLeft,
      (expires) => expires > 0 && expires <= SHORT_GRANT_SECONDS,
      `the location table shows the ${SHORT_GRANT_SECONDS} s grant`,
      10_000,
    );
    mark(`registration granted ${granted} s`);
  });

  it('rings for a tel: caller, an unquoted Chinese name, markup in a name, a withheld number and a trunk-asserted identity; a caller who cancels leaves no ringing card', async () => {
    // Sent as a carrier or PBX trunk would, not by one of the server's own users (no digest, no PAI).
    const trunk = await HostileSip.open(stack.ports.sip);
    const offer = ['v=0', 'o=trunk 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', 'm=audio 49170 RTP/AVP 0 101', 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:101 telephone-event/8000', ''].join('\r\n');
    const call = (from: string, headers?: string[]) => trunk.invite({ body: offer, from, domain: stack.domain, headers });
    try {
      const bank = call('"Bank of Ada" <tel:+442079460958;phone-context=+44>');
      await callCard(app.ui, '+442079460958', 'Ringing').waitFor({ timeout: 20_000 });
      mark('tel: caller rings');
      // The caller gives up; another calls within the same moment, and the first calls straight back.
      const cancelled = trunk.cancel(bank);
      const chen = call('陈小明 <sip:+8613800138000@carrier.example>');
      assert.equal(await cancelled, 487, 'the cancelled INVITE ends with 487');
      const bankAgain = call('"<img src=x onerror=alert(1)> Bank" <tel:+442079460958>');
      const chenCard = callCard(app.ui, '+8613800138000', 'Ringing');
      await chenCard.waitFor({ timeout: 20_000 });
      assert.match((await chenCard.getAttribute('aria-label')) ?? '', /陈小明 · \+8613800138000/, 'the name is shown as the caller wrote it');
      await callCard(app.ui, '+442079460958', 'Ringing').waitFor({ timeout: 20_000 });
      mark('next caller and the call-back ring');
      assert.equal(await app.ui.getByRole('article', { name: /· Ringing$/ }).count(), 2, 'the cancelled call left no ringing card behind');
      assert.match((await callCard(app.ui, '+442079460958', 'Ringing').getAttribute('aria-label')) ?? '', /<img src=x onerror=alert\(1\)> Bank/, 'markup is shown as text');
      assert.equal(await app.ui.locator('article img').count(), 0, 'and never becomes an element');
      assert.equal(await trunk.cancel(chen), 487);
      assert.equal(await trunk.cancel(bankAgain), 487);
      // A withheld number rings like any call, says so in the agent's words (not the server's "Anonymous ·
      // anonymous"), and is not looked up in the CRM.
      const withheld = call('"Anonymous" <sip:anonymous@anonymous.invalid>', ['Privacy: id']);
      await callCard(app.ui, 'Withheld number', 'Ringing').waitFor({ timeout: 20_000 });
      assert.doesNotMatch(await callCard(app.ui, 'Withheld number', 'Ringing').innerText(), /anonymous/i);
      assert.equal(await trunk.cancel(withheld), 487);
      await app.ui.getByRole('article', { name: /· Ringing$/ }).first().waitFor({ state: 'detached', timeout: 10_000 });
      // A trunk the server trusts asserts who is calling (P-Asserted-Identity, RFC 3325) apart from its
      // From (a switchboard's own address): the asserted number is the one shown, and looked up.
      const asserted = call('"Front Desk" <sip:reception@trunk.example>', ['P-Asserted-Identity: "Verified caller" <tel:+442079460123>']);
      const assertedCard = callCard(app.ui, '+442079460123', 'Ringing');
      await assertedCard.waitFor({ timeout: 20_000 });
      assert.doesNotMatch((await assertedCard.getAttribute('aria-label')) ?? '', /reception/, 'the From user is not shown as the caller');
      assert.equal(await trunk.cancel(asserted), 487);
      await assertedCard.waitFor({ state: 'detached', timeout: 10_000 });
    } finally {
      trunk.close();
    }
  });

  it('a caller who hangs up just as the agent presses Answer leaves no stuck card; the next caller rings and is answered', async () => {
    const quitter = stack.phone('1002');
    mark(`${quitter.user} dials, to hang up at the agent's Answer`);
    await quitter.dial(AGENT);
    await callCard(app.ui, quitter.user, 'Ringing').waitFor({ timeout: 20_000 });
    // The CANCEL leaves the moment the click lands: it crosses the engine's answer (microphone, SDP, 200).
    // Whichever wins, the caller is gone and the agent must not be left with a live-looking card.
    await app.ui.getByRole('button', { name: /answer/i }).click({ noWaitAfter: true });
    await quitter.hangup();
    const closed = await quitter.waitFor('CALL_CLOSED', { timeoutMs: 20_000 });
    mark(`race ended: ${closed.param ?? ''}`);
    const liveCard = app.ui.getByRole('article', { name: new RegExp(`· ${quitter.user} · (Ringing|Connected)$`) });
    await liveCard.first().waitFor({ state: 'detached', timeout: 15_000 });
    // In plain words, on the card the agent sees (the same words whether the CANCEL or the 200 won).
    await app.ui.getByRole('article', { name: new RegExp(`· ${quitter.user} · Ended$`) }).getByTestId('end-reason').filter({ hasText: 'The caller hung up' }).first().waitFor({ timeout: 10_000 });
    assert.equal(await app.ui.getByRole('alert').filter({ hasText: /error|failed/i }).count(), 0, 'no error banner for a caller who simply hung up');
    const next = stack.phone('1004');
    await answerFrom(next);
    await waitForInboundAudio(app);
    await hangUpAndCheckCustomerHeard(next);
  });

  it('answers a caller whose INVITE carries no SDP (late offer, as PBXs and B2BUAs send): audio both ways by content', async () => {
    // The agent's 200 carries the offer, the caller's ACK the answer (through the media relay both times).
    const pbx = await PbxCaller.open({ kamailioPort: stack.ports.sip, to: AGENT, domain: stack.domain, toneHz: 440, from: '"Late Offer PBX" <sip:+442071234567@pbx.example>' });
    try {
      const answered = pbx.call();
      await callCard(app.ui, '+442071234567', 'Ringing').waitFor({ timeout: 20_000 });
      await app.ui.getByRole('button', { name: /answer/i }).click();
      assert.equal(await answered, 200, 'the late-offer INVITE is answered');
      await callCard(app.ui, '+442071234567', 'Connected').waitFor({ timeout: 30_000 });
      mark('late-offer caller connected');
      await waitForInboundAudio(app);
      await eventually(async () => secondsHeard(pbx.recording(), AGENT_TONE_HZ, 0.005), (seconds) => seconds >= 1, `the late-offer caller hears the agent's ${AGENT_TONE_HZ} Hz tone`, 20_000);
      // Mid-call the PBX re-offers only the other G.711 codec (re-INVITE), then refreshes the session with
      // an UPDATE without SDP: the call stays connected, not on hold, and the audio goes on both ways.
      const codec = pbx.lastHeardCodec === 'PCMA' ? 'PCMU' : 'PCMA';
      assert.equal(await pbx.changeCodec(codec), 200, `the re-INVITE offering only ${codec} is answered`);
      const fromSample = pbx.heardSamples;
      await eventually(async () => pbx.lastHeardCodec, (heard) => heard === codec, `the agent's audio arrives in ${codec}`, 10_000);
      await eventually(async () => secondsHeard(pbx.recording(fromSample), AGENT_TONE_HZ, 0.005), (seconds) => seconds >= 1, `the caller still hears the agent after the switch to ${codec}`, 20_000);
      await waitForInboundAudio(app).catch((error: unknown) => {
        throw new Error(`${(error as Error).message}\nthe agent's last SDP:\n${pbx.agentSdp.at(-1) ?? ''}`);
      });
      assert.equal(await pbx.refreshWithoutSdp(), 200, 'an UPDATE without SDP is answered');
      // A re-INVITE without SDP: the agent's 200 offers again, the caller answers in the ACK (same codec).
      assert.equal(await pbx.reInviteWithoutSdp(), 200, 'a re-INVITE without SDP is answered with an offer');
      assert.match(pbx.agentSdp.at(-1) ?? '', /^m=audio /m, "the agent's 200 carries an offer");
      const afterReInvite = pbx.heardSamples;
      await eventually(async () => secondsHeard(pbx.recording(afterReInvite), AGENT_TONE_HZ, 0.005), (seconds) => seconds >= 1, 'the caller still hears the agent after the re-INVITE without SDP', 20_000);
      await callCard(app.ui, '+442071234567', 'Connected').waitFor({ timeout: 5_000 });
      assert.equal(await app.ui.getByRole('status').filter({ hasText: 'put you on hold' }).count(), 0, 'a codec change is not a hold');
      mark(`codec changed to ${codec}, UPDATE and re-INVITE without SDP`);
      await waitForInboundAudio(app);
      await app.ui.getByRole('button', { name: /hang up/i }).click();
      await pbx.agentHungUp;
      mark('late-offer caller hung up');
    } finally {
      pbx.close();
    }
  });

  it("a caller whose phone puts telephone-event at payload type 96: the agent's keypad reaches them", async () => {
    const pbx = await PbxCaller.open({ kamailioPort: stack.ports.sip, to: AGENT, domain: stack.domain, toneHz: 440, from: '"Keypad PBX" <sip:+442071230096@pbx.example>', offerWithTelephoneEventAt: 96 });
    try {
      const answered = pbx.call();
      await callCard(app.ui, '+442071230096', 'Ringing').waitFor({ timeout: 20_000 });
      await app.ui.getByRole('button', { name: /answer/i }).click();
      assert.equal(await answered, 200);
      const live = callCard(app.ui, '+442071230096', 'Connected');
      await live.waitFor({ timeout: 30_000 });
      assert.match(pbx.agentSdp.at(-1) ?? '', /^a=rtpmap:96 telephone-event\/8000/m, "the agent's answer keeps the caller's payload type");
      await waitForInboundAudio(app);
      for (const key of ['5', '#']) await live.getByRole('button', { name: `Keypad ${key} (send tone)` }).click();
      await eventually(async () => pbx.keysHeard, (keys) => keys === '5#', 'the keys reach the caller as events at payload type 96', 10_000);
      mark('keypad reached the caller at payload type 96');
      await live.getByRole('button', { name: 'Hang up', exact: true }).click();
      await pbx.agentHungUp;
    } finally {
      pbx.close();
    }
  });

  it('answers an Opus caller with 60 ms packets, stereo=1, in-band FEC and DTX: audio both ways', async () => {
    const customer = stack.phone('1003');
    await answerFrom(customer);
    // The engine's debug view carries the negotiated codec (renderer/engine/calls/stats.ts).
    const { codec } = (await waitForInboundAudio(app)) as { codec?: string | null };
    assert.equal(codec?.toLowerCase(), 'audio/opus', 'the call runs in Opus');
    await hangUpAndCheckCustomerHeard(customer);
  });

  it('with the 15 s grant, the app refreshed in time: still registered and reachable after several grants', async () => {
    assert.ok(shortGrant, 'the short grant was set up');
    // Long enough that a registration not refreshed would have expired twice over.
    const waitMs = shortGrant.since + 2.5 * SHORT_GRANT_SECONDS * 1000 - Date.now();
    if (waitMs > 0) await sleep(waitMs);
    const expires = await registrationSecondsLeft();
    assert.ok(expires > 0 && expires <= SHORT_GRANT_SECONDS, `1001 is still in the location table on a ${SHORT_GRANT_SECONDS} s grant (Expires: ${expires})`);
    const refreshes = (await stack.registerCount(AGENT)) - shortGrant.registers;
    assert.ok(refreshes >= 3, `the app re-registered before each grant ran out (${refreshes} REGISTERs in ${((Date.now() - shortGrant.since) / 1000).toFixed(0)} s)`);
    await status(app.ui, 'Wrap-up').or(status(app.ui, 'Ready')).waitFor({ timeout: 5_000 });
    await setRegistrarLimit('max_expires', 3600);
    await setRegistrarLimit('min_expires', ACCEPTANCE_SERVER.minExpiresSeconds ?? 10);
    // Back on a long grant at once: a refresh every 10 s would otherwise take the one-shot refusals the next
    // cases set up for the restarted app.
    const before = await stack.registerCount(AGENT);
    await reRegister(app);
    await eventually(registrationSecondsLeft, (seconds) => seconds > SHORT_GRANT_SECONDS, 'a long grant again', 10_000);
    assert.ok((await stack.registerCount(AGENT)) > before);
    mark(`${refreshes} REGISTERs on the short grant`);
  });

  it('closing the app while a call rings refuses it at once; the restarted app meets a 503 with Retry-After and registers by itself', async () => {
    const customer = stack.phone('1002');
    await customer.dial(AGENT);
    await callCard(app.ui, customer.user, 'Ringing').waitFor({ timeout: 20_000 });
    await stack.refuseRegistrations(AGENT, 503, 1, 6);
    const before = await stack.registerCount(AGENT);
    await app.stop();
    // Refused by the closing app (JsSIP's 480), not left ringing into a closed socket until the server gives up.
    const closed = await customer.waitFor('CALL_CLOSED', { timeoutMs: 10_000 });
    assert.match(closed.param ?? '', /480/, `the caller was told the agent is unavailable (${closed.param})`);
    mark('ringing call refused on exit');
    app = await startHost(readFileSync(configFile, 'utf8'));
    await banner(app.ui, 'cannot take your sign-in right now').waitFor({ timeout: 20_000 });
    mark('503 shown');
    await status(app.ui, 'Wrap-up').or(status(app.ui, 'Ready')).waitFor({ timeout: 30_000 });
    mark('registered after Retry-After');
    assert.ok((await stack.registerCount(AGENT)) - before >= 2, 'one refused REGISTER, then one that went through');
    assert.equal(await app.ui.getByRole('article', { name: /· Ringing$/ }).count(), 0, 'no ghost of the refused call');
  });

  it('a registrar that answers 403: the agent is told what IT must fix, and the app does not hammer the server', async () => {
    await stack.refuseRegistrations(AGENT, 403, 1_000);
    await app.stop();
    app = await startHost(readFileSync(configFile, 'utf8'));
    await banner(app.ui, 'Ask IT to check that the account is enabled').waitFor({ timeout: 20_000 });
    await status(app.ui, 'Offline').or(status(app.ui, 'Wrap-up')).waitFor({ timeout: 5_000 });
    const refused = await stack.registerCount(AGENT);
    // Long enough for a retry loop to show itself; a wrong account must not be retried on its own.
    await sleep(5_000);
    assert.equal(await stack.registerCount(AGENT), refused, 'no REGISTER after the 403');
    await stack.kamcmd('htable.delete', 'regrefuse', `s:${AGENT}`);
  });
});
