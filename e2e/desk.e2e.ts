// The agent's desk at 1366×768, the most common laptop screen: a whole call — answer, read a suggestion,
// hold, resume, hang up, submit the wrap-up — with the keyboard only, and the page never scrolls (the
// panes scroll inside themselves). axe-core checks each state; the README screenshots come from here.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { REFUND_CALL, speechToolsMissing, speechWav } from '../main/assist/testing/speech';
import { LocalStack } from '../stack/stack';
import { HeadlessApp } from './support/hearthline';
import { saveScreenshot } from './support/screenshots';

const skip = speechToolsMissing();
const DB_KEY = randomBytes(32);
let stack: LocalStack;
let app: HeadlessApp;
const consoleErrors: string[] = [];

const ui = () => app.ui;
const presence = () => ui().getByTestId('presence');
const liveCard = () => ui().locator('[data-testid="call-card"][data-call-state="connected"]');

/** The page itself does not scroll: everything beyond the window is inside a pane that scrolls. */
async function assertNoPageScroll(page: Page, step: string): Promise<void> {
  const { scrollHeight, innerHeight, scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollHeight: document.documentElement.scrollHeight,
    innerHeight: window.innerHeight,
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  assert.ok(scrollHeight <= innerHeight, `${step}: the page scrolls (${scrollHeight} px tall in a ${innerHeight} px window)`);
  assert.ok(scrollWidth <= innerWidth, `${step}: the page scrolls sideways (${scrollWidth} px wide in a ${innerWidth} px window)`);
}

async function seriousViolations(page: Page, step: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.html.slice(0, 160)).join(', ')}`);
  assert.deepEqual(serious, [], `${step}: no serious or critical axe violations`);
}

/** The README screenshot in English, then the same screen in Chinese (the language choice is not part of the call). */
async function screenshotBothLanguages(page: Page, name: string): Promise<void> {
  await saveScreenshot(page, name);
  await page.getByRole('button', { name: /Language/ }).click();
  await page.getByRole('option', { name: '简体中文', exact: true }).click();
  await page.getByRole('button', { name: /语言/ }).waitFor();
  await assertNoPageScroll(page, `${name} in Chinese`);
  await saveScreenshot(page, `${name}-zh`);
  await page.getByRole('button', { name: /语言/ }).click();
  await page.getByRole('option', { name: 'English', exact: true }).click();
  await page.getByRole('button', { name: /Language/ }).waitFor();
}

/** Which element has focus, as the test reads it: its test id and text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    return { testId: element?.dataset.testid ?? '', text: element?.textContent ?? '', tag: element?.tagName ?? '' };
  });

describe('the desk at 1366×768', { skip }, () => {
  before(async () => {
    const customerMic = await speechWav(REFUND_CALL, { rate: 48000, leadSeconds: 1.5, totalSeconds: 120 });
    stack = new LocalStack({ phones: [{ user: '1002', micWav: customerMic, audioCodecs: 'opus/48000/2,PCMU/8000/1' }] });
    await stack.start();
    process.env.HEARTHLINE_DB_KEY = DB_KEY.toString('hex');
    app = await HeadlessApp.start({
      runDir: join(stack.runDir, 'apps'),
      fakeMicWav: stack.audio.agentTone,
      config: { sip: { wsUri: stack.wsUrl, sipUri: stack.uri('1001'), password: stack.password('1001'), displayName: 'Ada (1001)' }, wrapUpSeconds: 120 },
      extraArgs: ['--db', join(stack.runDir, 'apps', 'hearthline.db')],
    });
    ui().on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await ui().setViewportSize({ width: 1366, height: 768 });
    await ui().reload();
    await presence().filter({ hasText: 'Ready' }).waitFor({ timeout: 15_000 });
    await ui().getByTestId('asr-status').and(ui().locator('[data-state="ready"]')).waitFor({ timeout: 30_000 });
  });
  after(async () => {
    await app?.stop();
    await stack?.stop();
    delete process.env.HEARTHLINE_DB_KEY;
  });

  it('answers, reads a suggestion, holds, resumes, hangs up and submits the wrap-up with the keyboard only; the page never scrolls', async () => {
    const page = ui();
    await assertNoPageScroll(page, 'idle');
    assert.deepEqual(consoleErrors, [], 'nothing failed to load (no 404) and nothing threw on load');
    await seriousViolations(page, 'idle');
    await screenshotBothLanguages(page, 'desk-idle');

    const customer = stack.phone('1002');
    await customer.dial('1001');
    const ringing = page.getByRole('article', { name: 'Incoming call · 1002 · Ringing', exact: true });
    await ringing.waitFor({ timeout: 10_000 });
    await page.getByTestId('call-announcer').filter({ hasText: 'Incoming call from 1002 is ringing' }).waitFor();
    // The Answer button says its key in its tooltip and to assistive technology.
    assert.equal(await ringing.getByRole('button', { name: 'Answer', exact: true }).getAttribute('aria-keyshortcuts'), 'Alt+A');
    await assertNoPageScroll(page, 'ringing');
    await seriousViolations(page, 'ringing');

    await page.keyboard.press('Alt+KeyA');
    await liveCard().waitFor({ timeout: 10_000 });
    await customer.waitFor('CALL_ESTABLISHED');
    await page.getByRole('button', { name: /Status/ }).filter({ hasText: 'On call' }).waitFor();
    await assertNoPageScroll(page, 'on call');

    // The customer talks about a refund: suggestions come, and Alt+N brings the first one to the agent.
    const suggestion = page.getByTestId('suggestion').first();
    await suggestion.waitFor({ timeout: 60_000 });
    await page.keyboard.press('Alt+KeyN');
    const read = await focused(page);
    assert.equal(read.testId, 'suggestion', `focus after Alt+N: ${JSON.stringify(read)}`);
    assert.ok(read.text.length > 10, 'the focused suggestion has text to read');
    assert.ok(await suggestion.isVisible(), 'the suggestion is on screen');
    await assertNoPageScroll(page, 'reading a suggestion');
    await seriousViolations(page, 'on call with assist');
    await saveScreenshot(page, 'desk-on-call');

    await page.keyboard.press('Alt+KeyH');
    await ui().locator('[data-testid="call-card"][data-on-hold="true"]').waitFor({ timeout: 10_000 });
    await liveCard().getByRole('button', { name: 'Resume', exact: true }).waitFor();
    await assertNoPageScroll(page, 'on hold');
    await page.keyboard.press('Alt+KeyH');
    await ui().locator('[data-testid="call-card"][data-on-hold="false"][data-call-state="connected"]').waitFor({ timeout: 10_000 });
    await assertNoPageScroll(page, 'resumed');

    await page.keyboard.press('Alt+KeyE');
    await customer.waitFor('CALL_CLOSED');
    await page.getByTestId('call-announcer').filter({ hasText: 'Call with 1002 ended' }).waitFor();
    await presence().filter({ hasText: 'Wrap-up' }).waitFor({ timeout: 10_000 });
    const form = page.getByTestId('wrapup-form');
    await form.waitFor({ timeout: 10_000 });
    assert.ok(await form.isVisible(), 'the wrap-up form is on screen without scrolling the page');
    assert.ok(await page.getByTestId('outbox').isVisible(), 'the outbox is on screen too');
    await assertNoPageScroll(page, 'wrap-up');
    await seriousViolations(page, 'wrap-up');
    await saveScreenshot(page, 'desk-wrap-up');

    // Ctrl+Enter submits; with no outcome chosen yet it goes to the outcome instead.
    const submit = form.getByTestId('wrapup-submit');
    if (await submit.isDisabled()) {
      await page.keyboard.press('Control+Enter');
      assert.equal((await focused(page)).testId, 'wrapup-disposition', 'Ctrl+Enter went to the missing outcome');
      await page.keyboard.press('ArrowDown');
      await page.getByRole('listbox').waitFor();
      await page.keyboard.press('Enter');
      await page.getByRole('listbox').waitFor({ state: 'detached' });
    }
    await assertNoPageScroll(page, 'outcome chosen');
    await page.keyboard.press('Control+Enter');
    await form.waitFor({ state: 'detached', timeout: 10_000 });
    await assertNoPageScroll(page, 'submitted');
  });

  it('shows the shortcuts with "?", keeps the header on one line at 1100 px, and stays accessible in settings, readiness and offline', async () => {
    const page = ui();
    await page.locator('body').focus();
    await page.keyboard.press('Shift+Slash');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await sheet.waitFor();
    assert.match((await sheet.textContent()) ?? '', /Hold or resume\s*Alt\+H/);
    await seriousViolations(page, 'cheat sheet');
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });

    await page.getByTestId('settings-open').click();
    await page.getByRole('dialog', { name: 'Settings' }).waitFor();
    await seriousViolations(page, 'settings');
    await page.keyboard.press('Escape');

    await page.getByTestId('readiness-open').click();
    await page.getByRole('dialog', { name: /readiness/i }).waitFor();
    await seriousViolations(page, 'readiness');
    await page.keyboard.press('Escape');

    // The header stays on one line in a 1100 px window.
    await page.setViewportSize({ width: 1100, height: 720 });
    const row = await page.locator('.state-row').boundingBox();
    const status = await page.getByRole('button', { name: /Status/ }).boundingBox();
    assert.ok(row && status && row.height < status.height * 2, `the state row wraps at 1100 px (${row?.height} px tall)`);
    await page.setViewportSize({ width: 1366, height: 768 });

    // The splitters move with the keyboard, and the agent's widths come back after a reload.
    const customerPane = page.getByTestId('pane-customer');
    const widthBefore = (await customerPane.boundingBox())!.width;
    await page.getByRole('separator', { name: 'Resize Customer and Assist' }).focus();
    for (let i = 0; i < 5; i += 1) await page.keyboard.press('ArrowRight');
    const widened = (await customerPane.boundingBox())!.width;
    assert.ok(widened > widthBefore + 20, `the customer pane grew with the arrow keys (${widthBefore} → ${widened} px)`);
    await page.reload();
    await presence().filter({ hasText: 'Ready' }).waitFor({ timeout: 15_000 });
    const remembered = (await customerPane.boundingBox())!.width;
    assert.ok(Math.abs(remembered - widened) < 4, `the width was remembered (${widened} → ${remembered} px after reload)`);

    // From 1280×720 to 4K the page does not scroll; at 200 % zoom (half the CSS pixels) the panes stack,
    // nothing is wider than the window, and the page scrolls down instead.
    for (const size of [{ width: 1280, height: 720 }, { width: 3840, height: 2160 }]) {
      await page.setViewportSize(size);
      await assertNoPageScroll(page, `${size.width}×${size.height}`);
    }
    await page.setViewportSize({ width: 683, height: 384 });
    await page.locator('.desk-stacked').waitFor();
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 683, `nothing is wider than the window at 200 % zoom (${wide} px)`);
    const customerBox = (await page.getByTestId('pane-customer').boundingBox())!;
    const assistBox = (await page.getByTestId('pane-assist').boundingBox())!;
    assert.ok(assistBox.y >= customerBox.y + customerBox.height, 'the panes are stacked');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.locator('.desk-stacked').waitFor({ state: 'detached' });

    // The phone server goes away: the state says so, in words, and the screen stays accessible.
    await stack.stopKamailio();
    await page.getByRole('button', { name: /Status/ }).filter({ hasText: /Reconnecting|Offline/ }).waitFor({ timeout: 20_000 });
    await assertNoPageScroll(page, 'offline');
    await seriousViolations(page, 'offline');
    await screenshotBothLanguages(page, 'desk-offline');
  });
});
