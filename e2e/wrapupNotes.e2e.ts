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
});
