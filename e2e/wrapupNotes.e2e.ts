// The agent's typed wrap-up notes pass the same redaction as transcripts: a card number and a date of
// birth typed after a real call are masked before the encrypted store keeps them, the form shows the
// masked notes and says what was masked, and a look-alike (the order number) stays.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { applyKey, loadDriver } from '../main/store/driver';
import { LocalStack } from '../stack/stack';
import { HeadlessApp } from './support/hearthline';
import { eventually } from './support/softphone';

const DB_KEY = randomBytes(32);
let stack: LocalStack;
let app: HeadlessApp;
let dbFile: string;

before(async () => {
  stack = new LocalStack();
  await stack.start();
  dbFile = join(stack.runDir, 'apps', 'hearthline.db');
  process.env.HEARTHLINE_DB_KEY = DB_KEY.toString('hex');
  app = await HeadlessApp.start({
    runDir: join(stack.runDir, 'apps'),
    fakeMicWav: stack.audio.agentTone,
    config: { sip: { wsUri: stack.wsUrl, sipUri: stack.uri('1001'), password: stack.password('1001'), displayName: 'Ada (1001)' }, wrapUpSeconds: 30 },
    extraArgs: ['--db', dbFile],
  });
  await app.ui.getByTestId('presence').filter({ hasText: 'Ready' }).waitFor({ timeout: 15_000 });
});
after(async () => {
  await app?.stop();
  await stack?.stop();
  delete process.env.HEARTHLINE_DB_KEY;
});

/** The one draft as the encrypted store keeps it. */
type Saved = { disposition: string; tags: string[]; firstContactResolved: boolean | null; callback: { requested: boolean; number: string } };
function readDraft(): Promise<Saved> {
  const db = new (loadDriver())(dbFile, { readonly: true, fileMustExist: true });
  try {
    applyKey(db, DB_KEY);
    return Promise.resolve(JSON.parse((db.prepare('SELECT draft FROM wrapup_drafts').get() as { draft: string }).draft) as Saved);
  } finally {
    db.close();
  }
}

describe('wrap-up notes', () => {
  it('masks a card number and a date of birth typed into the notes, says so, and never stores them', async () => {
    await app.answerCallFrom(stack.phone('1002'), '1001');
    await app.ui.locator('[data-call-state="connected"]').getByTestId('hangup').click();
    const notes = app.ui.getByRole('textbox', { name: 'Notes' });
    await notes.waitFor({ timeout: 10_000 });
    await notes.fill('Customer DOB 4/7/82, paid with card 4539 1488 0343 6467, order 5512398');
    await app.ui.getByRole('alert').filter({ hasText: 'we masked a card number and a date of birth' }).waitFor({ timeout: 5_000 });
    const shown = await notes.inputValue();
    assert.doesNotMatch(shown, /4539|4\/7\/82/, shown);
    assert.match(shown, /\[date of birth\].*\[card number\].*order 5512398/, shown);

    const Driver = loadDriver();
    const db = new Driver(dbFile, { readonly: true, fileMustExist: true });
    try {
      applyKey(db, DB_KEY);
      const drafts = (db.prepare('SELECT draft FROM wrapup_drafts').all() as Array<{ draft: string }>).map((row) => row.draft).join('\n');
      assert.match(drafts, /\[card number\]/, 'the draft was saved');
      assert.doesNotMatch(drafts, /4539|1488|4\/7\/82/, drafts);
    } finally {
      db.close();
    }
  });

  it("takes the rest of the form by role and name: a tag added and removed, first-contact resolved, a callback's number; all saved", async () => {
    const form = app.ui.getByTestId('wrapup-form');
    const tags = form.getByRole('group', { name: 'Tags' });
    await tags.filter({ hasText: 'No tags' }).waitFor({ timeout: 5_000 });
    const tagInput = form.getByRole('textbox', { name: 'Add a tag and press Enter' });
    await tagInput.fill('refund');
    await tagInput.press('Enter');
    await form.getByRole('row', { name: 'refund' }).waitFor({ timeout: 5_000 });
    await tagInput.fill('billing');
    await tagInput.press('Enter');
    await form.getByRole('button', { name: 'Remove tag refund' }).click();
    await form.getByRole('row', { name: 'refund' }).waitFor({ state: 'detached', timeout: 5_000 });

    const resolved = form.getByRole('radiogroup', { name: 'Resolved on first contact?' });
    await resolved.getByRole('radio', { name: 'No', exact: true }).check();
    await resolved.getByRole('radio', { name: 'Yes', exact: true }).check();
    assert.equal(await resolved.getByRole('radio', { name: 'No', exact: true }).isChecked(), false, 'one answer at a time');
    await form.getByRole('checkbox', { name: 'The customer wants a callback' }).check();
    await form.getByRole('textbox', { name: 'Number to call back' }).fill('+441632960123');
    // Autosaved as typed: read back from the encrypted store once the last change is in.
    const draft = await eventually(readDraft, (saved) => saved.callback.number === '+441632960123', 'the callback number saved');
    assert.deepEqual(draft.tags, ['billing']);
    assert.equal(draft.firstContactResolved, true);
    assert.equal(draft.callback.requested, true);
  });

  it('takes the outcome by keyboard alone: Shift+Tab to it, Enter, Space or ArrowDown opens the list, arrows pick, Escape closes', async () => {
    const ui = app.ui;
    const form = ui.getByTestId('wrapup-form');
    const outcome = form.getByRole('button', { name: /Outcome$/ });
    const list = ui.getByRole('listbox', { name: 'Outcome' });
    const outcomeFocused = () => outcome.evaluate((element) => element === document.activeElement);
    const focusedText = () => ui.evaluate(() => document.activeElement?.textContent ?? '');
    await form.getByRole('textbox', { name: 'Notes' }).focus();
    await ui.keyboard.press('Shift+Tab');
    assert.ok(await outcomeFocused(), 'Shift+Tab from the notes lands on the outcome');
    assert.equal(await outcome.textContent(), 'Choose…');
    for (const key of ['Enter', 'Space']) {
      await ui.keyboard.press(key);
      await list.waitFor({ timeout: 5_000 });
      await ui.keyboard.press('Escape');
      await list.waitFor({ state: 'detached', timeout: 5_000 });
      assert.ok(await outcomeFocused(), `Escape closes the list opened by ${key} and leaves focus on the outcome`);
      assert.equal(await outcome.textContent(), 'Choose…', 'Escape chose nothing');
    }
    await ui.keyboard.press('ArrowDown');
    await list.waitFor({ timeout: 5_000 });
    const first = await focusedText();
    await ui.keyboard.press('ArrowDown');
    const second = await focusedText();
    assert.ok(first && second && second !== first, `ArrowDown moves from ${first} to the next outcome (${second})`);
    await ui.keyboard.press('Enter');
    await list.waitFor({ state: 'detached', timeout: 5_000 });
    assert.ok(await outcomeFocused(), 'choosing gives focus back to the outcome');
    // Tab away and back: the same button, named by the chosen outcome and its label.
    await ui.keyboard.press('Tab');
    await ui.keyboard.press('Shift+Tab');
    assert.ok(await outcomeFocused());
    await form.getByRole('button', { name: `${second} Outcome`, exact: true }).waitFor({ timeout: 5_000 });
    await ui.keyboard.press('Tab');
    await form.getByRole('button', { name: `${second} Outcome`, exact: true }).waitFor({ timeout: 5_000 });
    const saved = await eventually(readDraft, (draft) => draft.disposition !== '', 'the chosen outcome saved');
    // Unused, the picker is plain HTML (no hidden select: DispositionSelect.tsx); a pointer opens it as well.
    assert.equal(await form.getByTestId('hidden-select-container').count(), 0, 'the plain picker once focus left it');
    await outcome.click();
    await list.getByRole('option', { name: first, exact: true }).click();
    await list.waitFor({ state: 'detached', timeout: 5_000 });
    await form.getByRole('button', { name: `${first} Outcome`, exact: true }).waitFor({ timeout: 5_000 });
    await eventually(readDraft, (draft) => draft.disposition !== saved.disposition, 'the outcome picked by pointer saved');
    // A click with no pointer press before it (what a screen reader sends) opens the plain picker's list too.
    await form.getByRole('textbox', { name: 'Notes' }).focus();
    await outcome.dispatchEvent('click');
    await list.waitFor({ timeout: 5_000 });
    await ui.keyboard.press('Escape');
    await list.waitFor({ state: 'detached', timeout: 5_000 });
    assert.ok(await outcomeFocused(), 'Escape leaves focus on the outcome');
  });
});
