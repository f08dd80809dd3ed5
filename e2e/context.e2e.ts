// Customer context through the real stack: baresip 1002 (a known demo customer) calls the
// agent; the panel must be on screen while it still rings, with the timeline and the repeat-contact flag.
// The reference gateway runs in-test on 127.0.0.1; the app's encrypted store is checked with its key.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { RunningGateway } from '../gateway/server';
import { applyKey, loadDriver } from '../main/store/driver';
import type { LocalStack } from '../stack/stack';
import type { HeadlessApp } from './support/hearthline';
import { AgentWithCrm } from './support/perFile';
import { saveScreenshot } from './support/screenshots';

const TOKEN = 'context-e2e-token-0123456789';
const DB_KEY = randomBytes(32);

let stack: LocalStack;
let app: HeadlessApp;
let gateway: RunningGateway | undefined;
let dbFile: string;

const presence = () => app.ui.getByTestId('presence');
const panel = () => app.ui.getByTestId('customer-panel');
const ringing = () => app.ui.locator('[data-call-state="ringing"]');

async function endRinging(): Promise<void> {
  await ringing().getByTestId('decline').click();
  await ringing().waitFor({ state: 'detached', timeout: 10_000 });
  await presence().filter({ hasText: 'Ready' }).waitFor({ timeout: 10_000 });
}

const setup = new AgentWithCrm();
before(async () => {
  ({ stack, app, gateway } = await setup.start({ token: TOKEN, dbKey: DB_KEY }));
  dbFile = setup.dbFile;
});
beforeEach(() => setup.clearPhoneEvents());
after(() => setup.stop());

describe('customer context', () => {
  it('pops the known caller while it rings: timeline and repeat-contact flag', async () => {
    const customer = stack.phone('1002');
    const dialled = Date.now();
    await customer.dial('1001');
    await ringing().waitFor({ timeout: 10_000 });
    await panel().getByTestId('customer-name').filter({ hasText: 'Margaret Chen' }).waitFor({ timeout: 5_000 });
    const shownAfter = Date.now() - dialled;
    assert.equal(await ringing().count(), 1, 'the call is still ringing while the panel shows the customer');
    const repeat = (await panel().getByTestId('repeat-flag').textContent()) ?? '';
    assert.match(repeat, /3rd contact in 7 days — last: Damaged delivery, promised refund by Friday/);
    assert.ok((await panel().getByTestId('customer-timeline').locator('li').count()) >= 3);
    assert.match((await panel().getByTestId('customer-cases').textContent()) ?? '', /Refund by Friday/);
    assert.match((await panel().getByTestId('customer-identifiers').textContent()) ?? '', /\+441632960002.*verified/);
    await panel().getByRole('article', { name: 'Customer Margaret Chen', exact: true }).waitFor();
    console.log(`customer panel shown ${shownAfter} ms after baresip dialled (ringing)`);
    await saveScreenshot(app.ui, 'customer-context-ringing');
    await endRinging();
  });

  it('in Chinese, shows words for the CRM\'s codes (outcomes, preferred channel, phone labels) and names the regions in Chinese', async () => {
    const customer = stack.phone('1002');
    await customer.dial('1001');
    await ringing().waitFor({ timeout: 10_000 });
    await panel().getByTestId('customer-name').filter({ hasText: 'Margaret Chen' }).waitFor({ timeout: 5_000 });
    await app.ui.getByRole('button', { name: /Language/ }).click();
    await app.ui.getByRole('option', { name: '简体中文', exact: true }).click();
    try {
      await app.ui.getByRole('region', { name: '通话', exact: true }).waitFor({ timeout: 5_000 });
      const timeline = (await panel().getByTestId('customer-timeline').textContent()) ?? '';
      for (const words of ['已登记投诉', '已提供信息', '已解决']) assert.ok(timeline.includes(words), `Recent contacts show "${words}": ${timeline}`);
      assert.doesNotMatch(timeline, /info_given|complaint|resolved/, 'no raw outcome code in Recent contacts');
      const card = (await panel().textContent()) ?? '';
      assert.match(card, /偏好：短信/, 'the preferred channel in words');
      assert.doesNotMatch(card, /Prefers|: sms/);
      const phones = (await panel().getByTestId('customer-identifiers').textContent()) ?? '';
      assert.match(phones, /手机/);
      assert.doesNotMatch(phones, /\(mobile\)/);
      assert.equal(await app.ui.getByRole('region', { name: 'Calls' }).count(), 0, 'no English region name left');
    } finally {
      await app.ui.getByRole('button', { name: /语言/ }).click();
      await app.ui.getByRole('option', { name: 'English', exact: true }).click();
    }
    await endRinging();
  });

  it('gateway stopped: the cached panel says offline; an unknown number can still search the cache', async () => {
    await gateway!.close();
    gateway = undefined;
    const known = stack.phone('1002');
    await known.dial('1001');
    await ringing().waitFor({ timeout: 10_000 });
    await panel().getByTestId('customer-name').filter({ hasText: 'Margaret Chen' }).waitFor({ timeout: 5_000 });
    await panel().getByTestId('context-offline').filter({ hasText: /Offline — as of \d{1,2}:\d{2}/ }).waitFor({ timeout: 5_000 });
    assert.equal(await ringing().getByTestId('answer').isEnabled(), true, 'call controls are never blocked');
    await endRinging();

    const unknown = stack.phone('1004');
    await unknown.dial('1001');
    await ringing().waitFor({ timeout: 10_000 });
    await panel().getByTestId('context-offline').filter({ hasText: 'not in the local cache' }).waitFor({ timeout: 5_000 });
    // The unknown-caller forms are named once each: find a customer, or create a contact.
    await panel().getByRole('search', { name: 'Find customer', exact: true }).getByRole('textbox', { name: 'Find customer', exact: true }).waitFor();
    await panel().getByRole('form', { name: 'New contact', exact: true }).getByRole('textbox', { name: 'Name', exact: true }).waitFor();
    await panel().getByTestId('context-search-input').fill('chen');
    await panel().getByTestId('context-search-button').click();
    const results = panel().getByTestId('context-results');
    await results.waitFor();
    assert.equal(await results.getAttribute('data-source'), 'cache');
    assert.match((await results.textContent()) ?? '', /Margaret Chen/);
    await endRinging();
  });

  it('forget this customer: erased from the encrypted cache file', async () => {
    const customer = stack.phone('1002');
    await customer.dial('1001');
    await ringing().waitFor({ timeout: 10_000 });
    await panel().getByTestId('customer-name').filter({ hasText: 'Margaret Chen' }).waitFor({ timeout: 5_000 });
    await panel().getByTestId('context-forget').click();
    // An irreversible erase: asked in a dialog first, and Cancel leaves the customer alone.
    const confirm = app.ui.getByRole('alertdialog', { name: 'Forget this customer' });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    assert.equal(await panel().getByTestId('customer-name').count(), 1, 'Cancel forgot nothing');
    await panel().getByTestId('context-forget').click();
    await confirm.getByTestId('context-forget-yes').click();
    await panel().getByTestId('customer-name').waitFor({ state: 'detached', timeout: 5_000 });
    await endRinging();

    const Driver = loadDriver();
    const db = new Driver(dbFile, { readonly: true, fileMustExist: true });
    try {
      applyKey(db, DB_KEY);
      const rows = (table: string, column: string) => (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${column} = 'c-0001'`).get() as { n: number }).n;
      assert.equal(rows('context_customers', 'id'), 0);
      assert.equal(rows('context_phones', 'customer_id'), 0);
      assert.equal(rows('context_search', 'customer_id'), 0);
      assert.equal((db.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number }).n > 0, true, 'opened with the key');
    } finally {
      db.close();
    }
    assert.match(readFileSync(app.logFile, 'utf8'), /customer erased from the local cache/);
  });
});
