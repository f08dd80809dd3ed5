// What a start and a call cost when IT has switched live transcription off: the agent sees "Starting…"
// and then Ready, never "Reconnecting…" (nothing was lost on a normal start), and the call engine opens
// no audio tap, worklet, cloned track or running AudioContext for a call nobody transcribes. During a call next to open wrap-up
// forms, only the call's timer and quality line render as it runs, and notes typed in one form render no
// other (React's own commits, counted; e2e/support/reactCommits.ts). Speed itself is for `npm run bench`.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LocalStack } from '../stack/stack';
import { HeadlessApp } from './support/hearthline';
import { componentName, forgetReactCommits, reactCommits, RECORD_REACT_COMMITS } from './support/reactCommits';
import { enginePage, eventually, finishWrapUp, liveCallId, sleep, waitForInboundAudio } from './support/softphone';

/**
 * Runs in the UI page before its own scripts: records every distinct text the page's status regions and
 * banners show, from the first paint on (window.hearthlineStatusTexts).
 */
const RECORD_STATUS_TEXTS = `(() => {
  const seen = [];
  window.hearthlineStatusTexts = seen;
  const record = () => {
    for (const element of document.querySelectorAll('[role="status"], [role="alert"], [data-testid="presence"], [data-testid="connection-banner"]')) {
      const text = (element.textContent || '').trim();
      if (text && seen[seen.length - 1] !== text && !seen.includes(text)) seen.push(text);
    }
  };
  new MutationObserver(record).observe(document, { subtree: true, childList: true, characterData: true });
})();`;

interface EngineTap {
  wanted: boolean;
  tapsOpened: number;
  legs: number;
  /** Messages of audio frames sent to main. */
  batchesSent: number;
}
interface EngineResources {
  workletNodes: number;
  liveTracks: number;
  runningAudioContexts: number;
}

let stack: LocalStack;
let app: HeadlessApp;

before(async () => {
  stack = new LocalStack();
  await stack.start();
  const policyDir = mkdtempSync(join(os.tmpdir(), 'hl-e2e-perf-'));
  chmodSync(policyDir, 0o755);
  const policyFile = join(policyDir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify({ asrProvider: 'off' }), { mode: 0o644 });
  // A local store, so every answered call leaves its wrap-up form open.
  process.env.HEARTHLINE_DB_KEY = randomBytes(32).toString('hex');
  app = await HeadlessApp.startAgent(stack, {
    extraArgs: ['--policy-file', policyFile, '--db', join(policyDir, 'hearthline.db')],
    uiInitScript: `${RECORD_STATUS_TEXTS}\n${RECORD_REACT_COMMITS}`,
  });
});
after(async () => {
  await app?.stop();
  await stack?.stop();
  delete process.env.HEARTHLINE_DB_KEY;
});

describe('a start and a call with transcription off by policy', () => {
  it('shows Starting… first and never Reconnecting… on a normal start', async () => {
    const shown = await app.ui.evaluate(() => (window as unknown as { hearthlineStatusTexts: string[] }).hearthlineStatusTexts);
    console.log(`status texts during start: ${JSON.stringify(shown)}`);
    assert.equal(shown[0], 'Starting…', 'the first thing shown says the app is starting');
    assert.ok(shown.includes('Ready'), 'the start ends Ready');
    assert.deepEqual(shown.filter((text) => /reconnect/i.test(text)), [], 'a normal start is not a reconnection');
  });

  it('opens no audio tap, worklet or cloned track for a call, and the call still has audio', async () => {
    const engine = await enginePage(app);
    const tap = () => engine.evaluate(() => (window as unknown as { hearthlineEngineDebug: { assistTap: () => EngineTap } }).hearthlineEngineDebug.assistTap());
    const resources = () => engine.evaluate(() => (window as unknown as { hearthlineEngineDebug: { resources: () => EngineResources } }).hearthlineEngineDebug.resources());
    const customer = stack.phone('1002');
    await app.answerCallFrom(customer, '1001');
    await waitForInboundAudio(app);
    assert.deepEqual(await tap(), { wanted: false, tapsOpened: 0, legs: 0, batchesSent: 0 });
    assert.equal((await resources()).workletNodes, 0, 'no worklet runs for the call');
    // The call plays on its media element; the ringer's context is suspended once the ring stops.
    await eventually(resources, (counts) => counts.runningAudioContexts === 0, 'no AudioContext renders during the call');
    await app.ui.getByRole('button', { name: 'Hang up' }).click();
    await customer.waitFor('CALL_CLOSED');
    if (await app.ui.getByTestId('end-wrapup').isVisible()) await finishWrapUp(app);
    assert.equal((await tap()).tapsOpened, 0);
  });

  it('rings and runs a call next to open wrap-up forms rendering only its card, timer and quality line, and notes typed in one form render no other', async () => {
    const customer = stack.phone('1002');
    // The ring: the earlier call's form is open; nothing of the wrap-up area changed, so none of it renders.
    await sleep(1_000); // what the earlier call's end pushed has been rendered
    await forgetReactCommits(app.ui);
    await customer.dial('1001');
    const ringingCard = app.ui.locator('[data-testid="call-card"][data-call-state="ringing"]');
    await ringingCard.waitFor({ timeout: 10_000 });
    const ringing = new Set((await reactCommits(app.ui)).commits.flatMap((commit) => commit.rendered.map((name) => componentName(name).replace(/\d+$/, ''))));
    console.log(`rendered from the INVITE to the ringing card: ${[...ringing].join(', ')}`);
    assert.ok(ringing.has('CallCard'), 'the ringing card rendered (React reported its commits)');
    const wrapUpRendered = ['WrapUpPanel', 'WrapUpForm', 'ChannelGuidance', 'Reminders', 'OutboxPanel'].filter((name) => ringing.has(name));
    assert.deepEqual(wrapUpRendered, [], 'a ringing call renders none of the wrap-up area');
    // The commit that put the card in the DOM: only what a ring changes (the call list and its new card,
    // the presence and the select's label, the announcer; the customer and assist panels when the call
    // they show changes) renders, not the page around it.
    const ringingCallId = (await ringingCard.getAttribute('data-call-id')) ?? '';
    const ringingCommit = (await reactCommits(app.ui)).ringing[ringingCallId];
    assert.ok(ringingCommit, 'React reported the commit that put the ringing card in the DOM');
    const inRingingCommit = new Set(ringingCommit.rendered.map((name) => componentName(name).replace(/\d+$/, '')));
    console.log(`rendered in the ringing commit: ${ringingCommit.rendered.map(componentName).join(', ')}`);
    assert.ok(inRingingCommit.has('CallCard') && inRingingCommit.has('PresenceStatus'), 'the new card and the presence rendered');
    const unrelated = ['App', 'CallBar', 'PresenceBar', 'AvailabilitySelect', 'ListBoxItem', 'ProgressStrip', 'AfterCallWork', 'ConnectionBanner', 'PasswordPrompt', 'Notices', 'Desk', 'Pane', 'CallbackPanel', 'SupervisorArea', 'MonitoringPanel', 'SettingsButton', 'AppearanceControls', 'ManualSearch'].filter((name) => inRingingCommit.has(name));
    assert.deepEqual(unrelated, [], 'a ring renders none of the panels it does not change');
    await ringingCard.getByTestId('answer').click();
    await app.ui.locator('[data-call-state="connected"]').waitFor({ timeout: 10_000 });
    await customer.waitFor('CALL_ESTABLISHED');
    const callId = await liveCallId(app, '1002');
    const card = app.ui.locator(`[data-testid="call-card"][data-call-id="${callId}"]`);
    await card.getByTestId('call-quality').waitFor({ timeout: 10_000 });
    const forms = app.ui.getByRole('article', { name: 'Wrap-up: 1002', exact: true });
    await eventually(() => forms.count(), (count) => count === 2, "the earlier call's form and this call's");

    // A steady call: the clock ticks and a quality sample arrives every second.
    await sleep(1_000);
    await forgetReactCommits(app.ui);
    const timerBefore = await card.getByTestId('call-timer').textContent();
    await sleep(3_000);
    const timerAfter = await card.getByTestId('call-timer').textContent();
    // The bundler may suffix a component's name (WrapUpForm2): compared without it.
    const steady = new Set((await reactCommits(app.ui)).commits.flatMap((commit) => commit.rendered.map((name) => componentName(name).replace(/\d+$/, ''))));
    console.log(`rendered during 3 s of the call: ${[...steady].join(', ')}`);
    assert.notEqual(timerAfter, timerBefore, 'the call timer counts on');
    assert.ok(steady.size > 0, 'the page rendered something as the timer ticked (React reported its commits)');
    // (A feature's own push may still render its panel, e.g. assist's view as the call settles.)
    const needless = ['App', 'CallBar', 'CallCard', 'Desk', 'CustomerPanel', 'WrapUpPanel', 'WrapUpForm', 'ChannelGuidance'].filter((name) => steady.has(name));
    assert.deepEqual(needless, [], 'neither the desk, the call cards nor the wrap-up forms render while the call just runs');

    // Notes typed during the call in its own form (the first: newest first) render that form only.
    await forgetReactCommits(app.ui);
    const current = forms.first();
    await current.getByRole('textbox', { name: 'Notes' }).fill('Customer asked about the March bill');
    // The autosave (300 ms after the last key), its answer and the wrap-up view main pushes after it.
    await sleep(1_500);
    await current.getByTestId('wrapup-save-state').filter({ hasText: /^Saved/ }).waitFor({ timeout: 10_000 });
    const typing = (await reactCommits(app.ui)).commits.flatMap((commit) => commit.rendered);
    // The key of a form is its call id.
    const formsRendered = new Set(typing.filter((name) => /^WrapUpForm\d*#/.test(name)).map((name) => name.replace(/^.*#/, '')));
    console.log(`forms rendered while typing (call ids): ${[...formsRendered].join(', ')}; channel guidance renders: ${typing.filter((name) => name === 'ChannelGuidance').length}`);
    assert.deepEqual([...formsRendered], [callId], 'only the form typed in rendered');
    assert.equal(typing.filter((name) => name === 'ChannelGuidance').length, 0, "the other form's channel guidance did not render");

    await card.getByRole('button', { name: 'Hang up' }).click();
    await customer.waitFor('CALL_CLOSED');
    if (await app.ui.getByTestId('end-wrapup').isVisible()) await finishWrapUp(app);
  });
});

