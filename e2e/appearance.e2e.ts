// Languages and themes on the real UI at 1366×768: the language follows the browser's (the OS's) until
// the agent picks one from an accessible select, which is kept across a reload; Simplified and
// Traditional Chinese never clip the main controls; light and dark follow the OS's colour scheme and
// pass axe's colour-contrast check on the idle and on-call screens. Saves the README's zh-Hant and dark
// screenshots.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { LocalStack } from '../stack/stack';
import { launchChromium } from './support/browser';
import { HeadlessApp } from './support/hearthline';
import { saveScreenshot } from './support/screenshots';

const DESK = { width: 1366, height: 768 };

let stack: LocalStack;
let app: HeadlessApp;
let otherBrowser: Browser | undefined;

const presence = () => app.ui.getByTestId('presence');
const liveCall = () => app.ui.locator('[data-call-state="connected"]');

/** The customer calls and the agent answers, whatever language the UI speaks. */
async function answerCall(customer: ReturnType<LocalStack['phone']>): Promise<void> {
  await customer.dial('1001');
  await app.ui.locator('[data-call-state="ringing"]').getByTestId('answer').click({ timeout: 10_000 });
  await liveCall().waitFor({ timeout: 10_000 });
  await customer.waitFor('CALL_ESTABLISHED');
}

/** Opens the language (or theme) select by its label and picks an option by its name. */
async function choose(page: Page, label: RegExp, option: string): Promise<void> {
  await page.getByRole('button', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
  await page.getByRole('listbox').waitFor({ state: 'detached' });
}

/** Buttons, labels, headings and badges whose text is cut off (wider or taller than their box). */
async function clippedControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector = 'button, label, [role="button"], [role="status"], h1, h2, h3, legend, .badge, .presence';
    return [...document.querySelectorAll<HTMLElement>(selector)]
      .filter((element) => element.offsetParent !== null && !element.closest('.sr-only'))
      .filter((element) => element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1)
      .map((element) => `${element.tagName.toLowerCase()} "${(element.textContent ?? '').trim().slice(0, 40)}" ${element.scrollWidth}×${element.scrollHeight} in ${element.clientWidth}×${element.clientHeight}`);
  });
}

/** axe (colour contrast among its rules): serious and critical violations, one line per element. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.html.slice(0, 120)} — ${node.failureSummary?.split('\n').at(-1)?.trim()}`));
}

const theme = (page: Page) => page.evaluate(() => document.documentElement.dataset.theme);
const pageLanguage = (page: Page) => page.evaluate(() => document.documentElement.lang);

before(async () => {
  stack = new LocalStack();
  await stack.start();
  app = await HeadlessApp.startAgent(stack, { config: { wrapUpSeconds: 1 } });
  await app.ui.setViewportSize(DESK);
});
beforeEach(() => {
  for (const phone of stack.phones) phone.clearEvents();
});
after(async () => {
  await otherBrowser?.close();
  await app?.stop();
  await stack?.stop();
});

describe('languages and themes', () => {
  it('follows the computer\'s language until the agent chooses: zh-HK shows Traditional, zh-CN Simplified, French English', async () => {
    otherBrowser = await launchChromium({ fakeMicWav: stack.audio.agentTone });
    const uiUrl = await app.uiUrl;
    const expected: [string, string, string][] = [
      ['zh-HK', 'zh-Hant', '就緒'],
      ['zh-CN', 'zh-Hans', '就绪'],
      ['fr-FR', 'en', 'Ready'],
    ];
    for (const [locale, language, ready] of expected) {
      const context = await otherBrowser.newContext({ locale, viewport: DESK });
      try {
        const page = await context.newPage();
        await page.goto(uiUrl);
        await page.getByTestId('presence').filter({ hasText: new RegExp(`^${ready}$`) }).waitFor({ timeout: 15_000 });
        assert.equal(await pageLanguage(page), language, `${locale} → ${language}`);
      } finally {
        await context.close();
      }
    }
    // The agent's own window (en-GB) was never switched: nobody chose yet.
    assert.equal(await pageLanguage(app.ui), 'en');
  });

  it('the agent picks 简体中文 and 繁體中文 from a select; idle and on-call controls are never clipped; the choice survives a reload', async () => {
    const ui = app.ui;
    await ui.getByRole('button', { name: /Language/ }).click();
    const options = await ui.getByRole('listbox').getByRole('option').allTextContents();
    assert.deepEqual(options, ['Same as this computer', 'English', '简体中文', '繁體中文']);
    await ui.keyboard.press('Escape');

    await choose(ui, /Language/, '简体中文');
    await presence().filter({ hasText: /^就绪$/ }).waitFor();
    assert.equal(await pageLanguage(ui), 'zh-Hans');
    assert.deepEqual(await clippedControls(ui), [], 'zh-Hans idle: nothing clipped');
    await choose(ui, /语言/, '繁體中文');
    await presence().filter({ hasText: /^就緒$/ }).waitFor();
    assert.equal(await pageLanguage(ui), 'zh-Hant');
    assert.deepEqual(await clippedControls(ui), [], 'zh-Hant idle: nothing clipped');

    const customer = stack.phone('1002');
    await answerCall(customer);
    await ui.getByRole('button', { name: '掛斷', exact: true }).waitFor();
    await liveCall().locator('.mos').waitFor({ timeout: 5_000 });
    assert.deepEqual(await clippedControls(ui), [], 'zh-Hant on call: nothing clipped');
    await saveScreenshot(ui, 'main-zh-hant');
    await choose(ui, /語言/, '简体中文');
    await ui.getByRole('button', { name: '挂断', exact: true }).waitFor();
    assert.deepEqual(await clippedControls(ui), [], 'zh-Hans on call: nothing clipped');
    await liveCall().getByTestId('hangup').click();
    await customer.waitFor('CALL_CLOSED');

    await choose(ui, /语言/, '繁體中文');
    await ui.reload();
    await presence().filter({ hasText: /^就緒$/ }).waitFor({ timeout: 15_000 });
    assert.equal(await pageLanguage(ui), 'zh-Hant', 'the choice is kept, not the browser\'s en-GB');
    await choose(ui, /語言/, 'English');
    await presence().filter({ hasText: /^Ready$/ }).waitFor();
  });

  it('light and dark follow the OS unless the agent chooses; colour contrast passes axe in both, idle and on call', async () => {
    const ui = app.ui;
    for (const scheme of ['light', 'dark'] as const) {
      await ui.emulateMedia({ colorScheme: scheme });
      await ui.waitForFunction((want) => document.documentElement.dataset.theme === want, scheme);
      assert.deepEqual(await seriousViolations(ui), [], `${scheme} idle: colour contrast and the rest of axe`);
    }
    const customer = stack.phone('1002');
    await answerCall(customer);
    await liveCall().getByRole('group', { name: 'Call quality', exact: true }).waitFor({ timeout: 5_000 });
    for (const scheme of ['dark', 'light'] as const) {
      await ui.emulateMedia({ colorScheme: scheme });
      await ui.waitForFunction((want) => document.documentElement.dataset.theme === want, scheme);
      assert.deepEqual(await seriousViolations(ui), [], `${scheme} on call: colour contrast and the rest of axe`);
    }
    await ui.emulateMedia({ colorScheme: 'dark' });
    await ui.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    await saveScreenshot(ui, 'main-dark');
    await liveCall().getByTestId('hangup').click();
    await customer.waitFor('CALL_CLOSED');
    await presence().filter({ hasText: /^Ready$/ }).waitFor({ timeout: 10_000 });

    // The agent's choice beats the OS, and survives a reload.
    await choose(ui, /Theme/, 'Light');
    assert.equal(await theme(ui), 'light', 'the OS says dark, the agent chose light');
    await ui.reload();
    await presence().filter({ hasText: /^Ready$/ }).waitFor({ timeout: 15_000 });
    await ui.waitForFunction(() => document.documentElement.dataset.theme === 'light');
    await choose(ui, /Theme/, 'Dark');
    await ui.emulateMedia({ colorScheme: 'light' });
    assert.equal(await theme(ui), 'dark', 'the OS says light, the agent chose dark');
    await choose(ui, /Theme/, 'Same as this computer');
    assert.equal(await theme(ui), 'light');
  });
});
